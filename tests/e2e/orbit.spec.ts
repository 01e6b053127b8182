import { expect, test } from '@playwright/test';
import { collectErrors, readNumber } from './helpers';

test('rotating the probe: the mean repeats with period 2π/n, a member does not', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  // C4, a short run: the mean's periodicity is already far better than a member's.
  await page.goto('index.html#/lab/orbit?group=C4&E=32&width=32&steps=300');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 150_000 });

  const curve = page.getByTestId('orbit-curve');
  const mean = JSON.parse((await curve.getAttribute('data-mean-values')) ?? '[]') as number[];
  const member = JSON.parse((await curve.getAttribute('data-member-values')) ?? '[]') as number[];
  expect(mean).toHaveLength(64);
  // Period 2π/4 = 16 samples of the 64 along the orbit.
  const periodError = (v: number[]) => {
    const scale = Math.max(...v.map(Math.abs));
    return Math.max(...v.map((x, k) => Math.abs(v[(k + 16) % 64] - x))) / scale;
  };
  const meanErr = periodError(mean);
  const memberErr = periodError(member);
  // Stated tolerance: the mean's curve repeats to within 15% of its range; the member's error is at least 3× larger.
  expect(meanErr).toBeLessThan(0.15);
  expect(memberErr).toBeGreaterThan(3 * meanErr);
  // The page computes the same number.
  expect(await readNumber(page, 'period-error-mean')).toBeCloseTo(meanErr, 6);

  // Rotating with the slider moves the marker and the readout, without retraining.
  const slider = page.getByRole('slider', { name: 'Rotation θ (degrees)' });
  await slider.focus();
  for (let i = 0; i < 90; i++) await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuetext', '90 degrees');
  await expect(page.getByTestId('run-status')).toHaveText('done');
  // Orbit same predictions of the probe is between 1 and |G|.
  const osp = await readNumber(page, 'osp-probe-mean');
  expect(osp).toBeGreaterThanOrEqual(1);
  expect(osp).toBeLessThanOrEqual(4);
  const ospPlaneMean = await readNumber(page, 'osp-plane-mean');
  const ospPlaneMember = await readNumber(page, 'osp-plane-member');
  expect(ospPlaneMean).toBeGreaterThan(ospPlaneMember);
  expect(errors).toEqual([]);
});

test('the maths in the orbit lab is typeset by KaTeX and follows the chosen group', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('index.html#/lab/orbit?group=C4');
  const intro = page.locator('#orbit-title + p');
  const formulas = intro.locator('.katex');
  await expect(formulas).toHaveCount(2);
  // What a sighted reader sees (KaTeX's HTML, without its zero-width struts) and what a screen reader gets (MathML,
  // whose annotation is the TeX source).
  const visible = (i: number) => formulas.nth(i).locator('.katex-html').evaluate((e) => (e as HTMLElement).innerText.replace(/[\s\u200b]/g, ''));
  const tex = (i: number) => formulas.nth(i).locator('annotation');
  await expect(tex(0)).toHaveText('C_{4}');
  await expect(tex(1)).toHaveText('2\\pi/4');
  expect(await visible(0)).toBe('C4');
  expect(await visible(1)).toBe('2π/4');
  await expect(intro.locator('.tex-pending')).toHaveCount(0);

  await page.getByLabel('Augmentation group').selectOption('C8');
  await expect(tex(0)).toHaveText('C_{8}');
  await expect(tex(1)).toHaveText('2\\pi/8');
  await expect.poll(() => visible(0)).toBe('C8');
  expect(await visible(1)).toBe('2π/8');
  expect(errors).toEqual([]);
});
