import { expect, test } from '@playwright/test';
import { collectErrors, readNumber } from './helpers';

/**
 * Full runs for every group: with the fused cross-entropy step a Full run is minutes, not ten, so C8 and C16 are offered
 * like C4. A person picks Full and C16 with the controls; the link, the estimate and the run follow (Full = 12 epochs
 * × 80 steps), the badge names the fused step, and Cancel stops the run.
 */
test('images panel: Full at C16, chosen with the controls, is estimated, runs with the fused step, and cancels', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  await page.goto('index.html#/lab/images');
  await expect(page.getByTestId('images-data')).toHaveAttribute('data-value', '8000', { timeout: 60_000 });
  await expect(page.getByTestId('images-status')).toContainText('fused SIMD cross-entropy step');

  await page.getByRole('radio', { name: /Full/ }).check();
  await page.getByRole('combobox', { name: 'Rotation group' }).selectOption('16');
  await expect(page).toHaveURL(/preset=full/);
  await expect(page).toHaveURL(/group=C16/);
  // The estimate is for the chosen group, from this page's measured speed.
  const estimate = page.getByTestId('preset-minutes-full');
  await expect(estimate).toContainText('(C16, measured on wasm)', { timeout: 60_000 });
  const minutesC16 = await readNumber(page, 'preset-minutes-full');
  expect(minutesC16).toBeGreaterThan(0);
  // C16 costs more than C4 (n² group-averaging passes per image): the estimate follows the control.
  await page.getByRole('combobox', { name: 'Rotation group' }).selectOption('4');
  await expect(estimate).toContainText('(C4, measured on wasm)');
  expect(await readNumber(page, 'preset-minutes-full')).toBeLessThan(minutesC16);
  await page.getByRole('combobox', { name: 'Rotation group' }).selectOption('16');

  await page.getByTestId('images-run').click();
  const phase = page.getByTestId('images-phase');
  await expect(phase).toContainText(/training: step [1-9]\d* \/ 960/, { timeout: 60_000 });
  await expect(page.getByTestId('images-throughput')).toHaveAttribute('data-value', /^[1-9]/);
  // While it runs the controls are locked, so the run cannot change under the table.
  await expect(page.getByRole('combobox', { name: 'Rotation group' })).toBeDisabled();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(phase).toHaveAttribute('data-value', 'cancelled', { timeout: 30_000 });
  await expect(page.getByRole('combobox', { name: 'Rotation group' })).toBeEnabled();
  expect(errors).toEqual([]);
});
