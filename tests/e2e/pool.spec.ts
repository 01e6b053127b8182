import { expect, test, type Page } from '@playwright/test';

// The toy lab trains on a pool of workers, one slice of the members each; the page merges the slices in member
// order. The numbers a person reads must not depend on how many workers trained: the metrics table at step 2000 of
// the default run is the same with workers=1 and workers=2.

async function metricsAtEnd(page: Page, workers: number): Promise<Record<string, string>> {
  await page.goto(`index.html#/lab/toy?workers=${workers}`);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 240_000 });
  await expect(page.getByTestId('step-counter').locator('output')).toHaveAttribute('data-step', '2000');
  const cells = page.getByRole('table', { name: 'Invariance metrics' }).locator('td[data-testid]');
  const out: Record<string, string> = {};
  for (const cell of await cells.all()) out[(await cell.getAttribute('data-testid'))!] = (await cell.getAttribute('data-value')) ?? '';
  out['ratio-off'] = (await page.getByTestId('ratio-off').getAttribute('data-value')) ?? '';
  return out;
}

test('the metrics at step 2000 are the same on one worker and on two', async ({ browser }) => {
  test.setTimeout(600_000);
  const one = await browser.newPage();
  const a = await metricsAtEnd(one, 1);
  await expect(one.getByTestId('backend-summary')).not.toContainText('×');
  await one.close();
  const two = await browser.newPage();
  const b = await metricsAtEnd(two, 2);
  await expect(two.getByTestId('backend-summary')).toContainText('×2');
  await two.close();
  const keys = Object.keys(a);
  expect(keys.length).toBeGreaterThan(5);
  expect(Object.keys(b)).toEqual(keys);
  for (const k of keys) {
    expect(a[k], k).not.toBe('');
    // The same arithmetic on the same backend: equal to float rounding of the merge (bit-identical in practice).
    const x = Number(a[k]);
    const y = Number(b[k]);
    expect(Math.abs(x - y), `${k}: ${a[k]} vs ${b[k]}`).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(x)));
  }
  console.log(`metrics at 2000, 1 vs 2 workers: ${keys.map((k) => `${k}=${a[k]}|${b[k]}`).join(', ')}`);
});

test('a worker count beyond the cores is clamped and said so', async ({ page }) => {
  await page.goto('index.html#/lab/toy?workers=999&E=4&width=8&steps=3');
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await expect(page.getByTestId('clamp-notice')).toContainText(`training workers 999 is above ${cores}; using ${cores}`);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  const steps = await page.getByRole('group', { name: 'Jump to snapshot' }).getByRole('button').allTextContents();
  expect(steps.map(Number)).toEqual([0, 1, 2, 3]);
});
