import { expect, test, type Page } from '@playwright/test';
import { readNumber } from './helpers';
const pts16 = Array.from({ length: 16 }, (_, i) => `${(Math.cos(i) * (0.3 + i * 0.15)).toFixed(3)},${(Math.sin(i * 1.7) * (0.3 + i * 0.1)).toFixed(3)},${i % 2 ? 1 : -1}`).join(';');
async function nums(page: Page, ids: string[]) {
  const o: Record<string, number> = {};
  for (const id of ids) o[id] = await readNumber(page, id);
  return o;
}
const lt = (page: Page) => page.evaluate(() => (window as any).__lt);
test('measure', async ({ page }) => {
  test.setTimeout(300_000);
  await page.addInitScript(() => {
    const w = window as unknown as { __lt: number[][] };
    w.__lt = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__lt.push([Math.round(e.startTime), Math.round(e.duration)]))).observe({ type: 'longtask', buffered: true });
  });
  for (const q of ['E=16&width=32&steps=10', 'E=16&width=32&steps=10&sb=0.11', 'E=16&width=32&steps=10&sb=0.12', `group=C16&pts=${pts16}&E=4&width=16&steps=1`, `group=C16&pts=${pts16}&E=4&width=16&steps=1&sb=0.2`, `group=C16&pts=${pts16}&E=4&width=16&steps=1&sb=0.3`]) {
    await page.goto(`index.html#/lab/ntk?${q}`);
    await expect.poll(() => readNumber(page, 'ntk-kernel-defect-relative'), { timeout: 60000 }).toBeLessThan(1);
    console.log(q.slice(0, 20), JSON.stringify(await nums(page, ['ntk-kernel-ms', 'ntk-predict-ms', 'ntk-roundtrip-ms', 'ntk-critical-lr', 'ntk-lambda-max', 'ntk-kernel-defect-relative', 'ntk-permutation-defect', 'ntk-slowest-mode', 'ntk-member-init-rms'])));
    console.log('  ', await page.locator('dd').filter({ hasText: 'defects' }).textContent());
  }
  await page.goto('index.html#/lab/ntk?E=16&width=32&steps=10');
  await page.waitForTimeout(2000);
  console.log('longtasks before training', JSON.stringify(await lt(page)));
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByTestId('timeline-label')).toHaveText('After 10 steps', { timeout: 120_000 });
  await page.waitForTimeout(1000);
  console.log('trained', JSON.stringify(await nums(page, ['ntk-distance', 'ntk-orbit-deviation', 'ntk-init-mean-rms', 'ntk-member-init-rms', 'ntk-mean-rms'])));
  const t0 = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Measure the NTK against width' }).click();
  await expect.poll(() => readNumber(page, 'ntk-width-slope'), { timeout: 120_000 }).toBeLessThan(0);
  const t1 = await page.evaluate(() => performance.now());
  console.log('sweep window', Math.round(t0), Math.round(t1), JSON.stringify(await nums(page, ['ntk-width-slope', 'ntk-width-error-max', 'ntk-width-mean-kernel-error'])));
  const t2 = await page.evaluate(() => performance.now());
  await page.getByRole('button', { name: 'Run the E and width experiments' }).click();
  await expect.poll(() => readNumber(page, 'ntk-experiments-seconds'), { timeout: 200_000 }).toBeGreaterThan(0);
  const t3 = await page.evaluate(() => performance.now());
  const ids = ['ntk-experiments-seconds', 'ntk-size-slope-32', 'ntk-size-slope-128', 'ntk-size-floor-32', 'ntk-size-floor-128', ...[32, 64, 128, 256].flatMap((w) => [`ntk-gap-early-${w}`, `ntk-gap-late-${w}`])];
  console.log('experiments window', Math.round(t2), Math.round(t3), JSON.stringify(await nums(page, ids)));
  console.log('longtasks', JSON.stringify(await lt(page)));
  await page.screenshot({ path: '/tmp/ntk-full.png', fullPage: true });
});
