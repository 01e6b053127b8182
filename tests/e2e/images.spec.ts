import { expect, test } from '@playwright/test';
import { collectErrors, readNumber } from './helpers';

/**
 * #/lab/images with the tiny preset (300 images, E = 3, C4): the worker loads and verifies the data, trains with a
 * progress bar to the end, fills the results table (the paper's column stays separate), and the probe answers.
 */
test('images panel: the tiny preset runs to the end and fills the table', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = collectErrors(page);
  await page.goto('index.html#/lab/images?preset=tiny&group=C4');
  await expect(page.getByRole('heading', { name: /Rotated images/, level: 2 })).toBeVisible();
  await expect(page.getByTestId('images-data')).toHaveAttribute('data-value', '8000', { timeout: 60_000 });
  await expect(page.getByRole('radio', { name: /Tiny/ })).toBeChecked();
  // The published reference is shown from the start, in its own column.
  expect(await readNumber(page, 'paper-ensemble-C4')).toBe(3.85);
  expect(await readNumber(page, 'paper-canonical-C16')).toBe(12.41);
  await expect(page.getByTestId('images-osp-ensemble-C4')).toHaveAttribute('data-value', '');

  await page.getByTestId('images-run').click();
  await expect(page.getByTestId('images-phase')).toHaveAttribute('data-value', 'done', { timeout: 200_000 });
  expect(await readNumber(page, 'images-progress')).toBe(1);

  const ens = await readNumber(page, 'images-osp-ensemble-C4');
  const member = await readNumber(page, 'images-osp-member-C4');
  expect(ens).toBeGreaterThanOrEqual(1);
  expect(ens).toBeLessThanOrEqual(4);
  expect(member).toBeGreaterThanOrEqual(1);
  expect(member).toBeLessThanOrEqual(4);
  // C4 rotations are exact pixel permutations, so both exact routes score |G| = 4.
  expect(await readNumber(page, 'images-osp-canonical-C4')).toBe(4);
  expect(await readNumber(page, 'images-osp-groupAverage-C4')).toBe(4);
  await expect(page.getByTestId('images-osp-ensemble-C8')).toHaveAttribute('data-value', '');
  // The orderings against the paper are computed from these numbers (DA: paper 3.85 > 3.41), not typed in.
  const ordering = page.getByTestId('images-ordering-C4');
  await expect(ordering).toContainText(`DeepEns+DA ${ens.toFixed(2)}`);
  await expect(ordering).toHaveAttribute('data-da-match', String(ens > member));
  await expect(page.getByTestId('images-ordering')).toContainText('built from image moments');
  expect(await readNumber(page, 'images-acc-ensemble')).toBeGreaterThan(0.2);
  expect(await readNumber(page, 'images-cost-ensemble')).toBe(3);
  expect(await readNumber(page, 'images-cost-groupAverage')).toBe(4);
  expect(await readNumber(page, 'images-last-throughput')).toBeGreaterThan(0);
  await expect(page.getByTestId('preset-minutes-full')).not.toHaveAttribute('data-value', '', { timeout: 30_000 });

  // Probe: rotate by keyboard; the orbit strip scores between 1 and 4, and the bars answer.
  const slider = page.getByRole('slider', { name: 'Rotation angle in degrees' });
  await expect(page.getByTestId('probe-orbit')).toBeVisible();
  await slider.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByText('Rotation 5°')).toBeVisible();
  const osp = await readNumber(page, 'probe-osp-ensemble');
  expect(osp).toBeGreaterThanOrEqual(1);
  expect(osp).toBeLessThanOrEqual(4);
  const arg = await readNumber(page, 'probe-ensemble');
  expect(arg).toBeGreaterThanOrEqual(0);
  expect(arg).toBeLessThan(10);
  expect(errors).toEqual([]);
});
