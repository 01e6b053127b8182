import fs from 'node:fs';
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
  // Before any run the columns hold the recorded Quick runs, marked as recorded (tested in the next test).
  await expect(page.getByTestId('images-col-C4')).toHaveAttribute('data-source', 'recorded');

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
  // The live run replaced its own column only; C8 still shows the recording, marked as such.
  await expect(page.getByTestId('images-col-C4')).toHaveAttribute('data-source', 'live');
  await expect(page.getByTestId('images-col-C8')).toHaveAttribute('data-source', 'recorded');
  await expect(page.getByTestId('images-details-title')).toHaveAttribute('data-source', 'live');
  await expect(page.getByTestId('images-recorded-probe')).toHaveCount(0);
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

/**
 * The recorded results are on screen at once, before any run: the table's three columns, the detail table and the
 * probe figure of the recorded C4 run, each marked "recorded" with its configuration; the numbers are the file's.
 */
test('images panel: recorded results show at once, marked, with "Recompute live" beside them', async ({ page }) => {
  const recording = JSON.parse(fs.readFileSync('public/recordings/images.json', 'utf8')) as {
    runs: { id: string; evaluation: { routes: Record<string, { ospOut: { mean: number }; accuracy: { mean: number } }> } }[];
  };
  const quick = (n: number) => recording.runs.find((r) => r.id === `quick-C${n}`)!.evaluation.routes;
  const errors = collectErrors(page);
  await page.goto('index.html#/lab/images');
  for (const n of [4, 8, 16]) {
    await expect(page.getByTestId(`images-col-C${n}`)).toHaveAttribute('data-source', 'recorded', { timeout: 10_000 });
    await expect(page.getByTestId(`images-osp-ensemble-C${n}`)).toHaveAttribute('data-value', String(quick(n).ensemble.ospOut.mean));
    await expect(page.getByTestId(`images-osp-canonical-C${n}`)).toHaveAttribute('data-value', String(quick(n).canonical.ospOut.mean));
  }
  await expect(page.getByTestId('images-recorded')).toContainText('the Quick preset, seed 1, E = 5');
  await expect(page.getByTestId('images-details-title')).toHaveAttribute('data-source', 'recorded');
  await expect(page.getByTestId('images-details-title')).toContainText('Recorded run: C4, seed 1, E = 5');
  expect(await readNumber(page, 'images-acc-ensemble')).toBe(quick(4).ensemble.accuracy.mean);
  // the recorded probe figure: the image's orbit labels and the ensemble's bars
  const probe = page.getByTestId('images-recorded-probe');
  await expect(probe).toContainText('Recorded');
  await expect(probe.getByTestId('probe-orbit').locator('tbody tr')).toHaveCount(1 + 5);
  // Choosing C8 shows its recorded details; "Recompute live" trains that configuration here.
  await page.getByRole('combobox', { name: 'Rotation group' }).selectOption('8');
  await expect(page.getByTestId('images-details-title')).toContainText('Recorded run: C8');
  await expect(page.getByTestId('images-recompute')).toHaveText('Recompute live (Quick, C8)');
  await expect(page.getByTestId('images-recompute')).toBeEnabled({ timeout: 60_000 });
  await page.getByTestId('images-recompute').click();
  await expect(page.getByRole('radio', { name: /Quick/ })).toBeChecked();
  await expect(page.getByTestId('images-phase')).toHaveAttribute('data-value', 'training', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('images-phase')).toHaveAttribute('data-value', 'cancelled');
  expect(errors).toEqual([]);
});
