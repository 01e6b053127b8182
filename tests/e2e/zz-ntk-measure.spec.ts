import { expect, test, type Page } from '@playwright/test';
import { readNumber } from './helpers';
const pts16 = Array.from({ length: 16 }, (_, i) => `${(Math.cos(i) * (0.3 + i * 0.15)).toFixed(3)},${(Math.sin(i * 1.7) * (0.3 + i * 0.1)).toFixed(3)},${i % 2 ? 1 : -1}`).join(';');
async function nums(page: Page, ids: string[]) {
  const o: Record<string, number> = {};
  for (const id of ids) o[id] = await readNumber(page, id);
  return o;
}
test('measure', async ({ page }) => {
  test.setTimeout(600_000);
  await page.goto('index.html#/lab/ntk?E=4&width=16&steps=1');
  await page.evaluate(() => {
    const w = window as unknown as { __lt: number[][] };
    w.__lt = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__lt.push([Math.round(e.startTime), Math.round(e.duration)]))).observe({ type: 'longtask', buffered: true });
  });
  await expect.poll(() => readNumber(page, 'ntk-kernel-defect-relative')).toBeLessThan(1);
  console.log('N=24', JSON.stringify(await nums(page, ['ntk-kernel-ms', 'ntk-predict-ms', 'ntk-roundtrip-ms', 'ntk-critical-lr', 'ntk-lambda-max', 'ntk-kernel-defect-relative', 'ntk-permutation-defect', 'ntk-slowest-mode', 'ntk-member-init-rms'])));
  console.log('defect ms', await page.getByText(/defects/).first().textContent());
  for (const q of [`group=C16&pts=${pts16}&E=4&width=16&steps=1`, `group=C16&pts=${pts16}&E=4&width=16&steps=1&sb=0.2`]) {
    await page.goto(`index.html#/lab/ntk?${q}`);
    await expect.poll(() => readNumber(page, 'ntk-kernel-defect-relative'), { timeout: 60000 }).toBeLessThan(1);
    await expect(page.getByText('256 × 256')).toBeVisible();
    console.log('N=256', JSON.stringify(await nums(page, ['ntk-kernel-ms', 'ntk-predict-ms', 'ntk-roundtrip-ms', 'ntk-critical-lr', 'ntk-kernel-defect-relative', 'ntk-dropped-count'])));
    console.log('defects', await page.locator('dd').filter({ hasText: 'defects' }).textContent());
  }
  console.log('longtasks so far', JSON.stringify(await page.evaluate(() => (window as any).__lt)));
  await page.goto('index.html#/lab/ntk?E=4&width=16&steps=1');
  await page.waitForTimeout(3000);
  const t0 = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Measure the NTK against width' }).click();
  await expect.poll(() => readNumber(page, 'ntk-width-slope'), { timeout: 120_000 }).toBeLessThan(0);
  const t1 = await page.evaluate(() => performance.now());
  console.log('sweep window', Math.round(t0), Math.round(t1), JSON.stringify(await nums(page, ['ntk-width-slope', 'ntk-width-error-max', 'ntk-width-mean-kernel-error'])));
  console.log('sweep caption', await page.getByTestId('ntk-width-chart').locator('figcaption').textContent().catch(() => ''));
  console.log('longtasks', JSON.stringify(await page.evaluate(() => (window as any).__lt)));
  // default config experiments
  await page.goto('index.html#/lab/ntk');
  await page.waitForTimeout(1000);
  await page.getByRole('button', { name: 'Run the E and width experiments' }).click();
  await expect.poll(() => readNumber(page, 'ntk-experiments-seconds'), { timeout: 590_000, intervals: [5000] }).toBeGreaterThan(0);
  const ids = ['ntk-experiments-seconds', 'ntk-size-slope-32', 'ntk-size-slope-128', 'ntk-size-floor-32', 'ntk-size-floor-128', ...[32, 64, 128, 256].flatMap((w) => [`ntk-gap-early-${w}`, `ntk-gap-late-${w}`])];
  console.log('experiments', JSON.stringify(await nums(page, ids)));
  console.log('gap summary', await page.getByTestId('ntk-gap-chart').locator('svg').first().getAttribute('aria-label'));
  console.log('size summary', await page.getByTestId('ntk-size-chart').locator('svg').first().getAttribute('aria-label'));
  await page.screenshot({ path: '/tmp/ntk-full.png', fullPage: true });
});
