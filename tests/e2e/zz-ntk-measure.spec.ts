import { expect, test, type Page } from '@playwright/test';
import { readNumber } from './helpers';
async function nums(page: Page, ids: string[]) {
  const o: Record<string, number> = {};
  for (const id of ids) o[id] = await readNumber(page, id);
  return o;
}
test('measure', async ({ page }) => {
  test.setTimeout(900_000);
  await page.goto('index.html#/lab/ntk');
  await expect.poll(() => readNumber(page, 'ntk-kernel-defect-relative'), { timeout: 60000 }).toBeLessThan(1);
  console.log('default cf', JSON.stringify(await nums(page, ['ntk-kernel-ms', 'ntk-predict-ms', 'ntk-roundtrip-ms', 'ntk-critical-lr', 'ntk-lambda-max', 'ntk-kernel-defect-relative', 'ntk-permutation-defect', 'ntk-slowest-mode'])));
  await page.getByRole('button', { name: 'Run the E and width experiments' }).click();
  await expect.poll(() => readNumber(page, 'ntk-experiments-seconds'), { timeout: 600_000, intervals: [5000] }).toBeGreaterThan(0);
  const ids = ['ntk-experiments-seconds', 'ntk-size-slope-32', 'ntk-size-slope-128', 'ntk-size-floor-32', 'ntk-size-floor-128', ...[32, 64, 128, 256].flatMap((w) => [`ntk-gap-early-${w}`, `ntk-gap-late-${w}`])];
  console.log('experiments', JSON.stringify(await nums(page, ids)));
  console.log('gap summary', await page.getByTestId('ntk-gap-chart').locator('svg').first().getAttribute('aria-label'));
  console.log('size summary', await page.getByTestId('ntk-size-chart').locator('svg').first().getAttribute('aria-label'));
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByTestId('timeline-label')).toHaveText('After 2000 steps', { timeout: 280_000 });
  await page.waitForTimeout(1500);
  for (const s of ['1', '3', '10', '100', '300', '2000']) {
    await page.getByRole('group', { name: 'Jump to snapshot' }).getByRole('button', { name: s, exact: true }).click();
    await expect(page.getByTestId('ntk-distance')).toHaveAttribute('data-step', s);
    console.log('step', s, JSON.stringify(await nums(page, ['ntk-distance', 'ntk-orbit-deviation'])));
  }
  await page.screenshot({ path: '/tmp/ntk-full.png', fullPage: true });
});
