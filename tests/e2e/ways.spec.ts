import { expect, test } from '@playwright/test';
import { collectErrors, readNumber } from './helpers';

/**
 * #/lab/ways on a small run (E = 16, 2 × 32, C8, 30 steps): after training, all four routes (and the frame variant)
 * show numbers; the exact routes are exactly invariant, the ensemble mean beats a member, and the costs are E, 1, |G|, 1.
 */
test('ways panel: four routes with numbers from one trained run', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('index.html#/lab/ways?E=16&width=32&steps=30');
  await expect(page.getByRole('heading', { name: 'Routes to equivariance, side by side', level: 2 })).toBeVisible();
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 120_000 });

  for (const id of ['ensemble', 'member', 'groupAverage', 'canonical', 'frame']) {
    await expect(page.getByTestId(`route-card-${id}`)).toBeVisible();
    await expect(page.getByTestId(`ways-row-${id}-rstd`)).not.toHaveAttribute('data-value', '');
  }
  const rstd = {
    ensemble: await readNumber(page, 'ways-row-ensemble-rstd'),
    member: await readNumber(page, 'ways-row-member-rstd'),
  };
  expect(rstd.ensemble).toBeGreaterThan(0);
  expect(rstd.member / rstd.ensemble).toBeGreaterThan(1.5);
  expect(await readNumber(page, 'ways-row-groupAverage-maxdev')).toBe(0);
  expect(await readNumber(page, 'ways-row-canonical-maxdev')).toBe(0);
  expect(await readNumber(page, 'ways-row-frame-maxdev')).toBe(0);
  expect(await readNumber(page, 'ways-row-member-maxdev')).toBeGreaterThan(0.01);
  expect(await readNumber(page, 'ways-row-groupAverage-osp')).toBe(8);
  expect(await readNumber(page, 'ways-row-ensemble-cost')).toBe(16);
  expect(await readNumber(page, 'ways-row-member-cost')).toBe(1);
  expect(await readNumber(page, 'ways-row-groupAverage-cost')).toBe(8);
  expect(await readNumber(page, 'ways-row-canonical-cost')).toBe(1);
  expect(await readNumber(page, 'ways-row-frame-cost')).toBeCloseTo(1.125, 6);
  expect(await readNumber(page, 'ways-row-ensemble-loss')).toBeGreaterThan(0);
  // SO(2) residual falls with the number of sampled angles.
  expect(await readNumber(page, 'ways-residual-64')).toBeLessThan(await readNumber(page, 'ways-residual-8'));
  // The pros and cons quote the same numbers.
  expect(await readNumber(page, 'pc-ga-cost')).toBe(8);
  expect(await readNumber(page, 'pc-ens-ratio')).toBeCloseTo(rstd.member / rstd.ensemble, 6);

  // The member selector is keyboard-operable and changes the wrapped member.
  const before = await readNumber(page, 'ways-row-groupAverage-loss');
  await page.getByLabel('Member used by routes 2 to 4').fill('5');
  await expect(page.getByTestId('ways-row-groupAverage-loss')).not.toHaveAttribute('data-value', String(before));
  expect(errors).toEqual([]);
});
