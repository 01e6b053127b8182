import { expect, test, type Page } from '@playwright/test';
import { toyFiguresSettled } from './helpers';

// The toy lab trains on a pool of workers, one slice of the members each; the page merges the slices in member
// order. The numbers a person reads must not depend on how many workers trained: the metrics table at step 2000 of
// the default run is the same with workers=1 and workers=2.

async function metricsAtEnd(page: Page, workers: number): Promise<Record<string, string>> {
  await page.goto(`index.html#/lab/toy?workers=${workers}`);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 240_000 });
  await expect(page.getByTestId('step-counter').locator('output')).toHaveAttribute('data-step', '2000');
  await toyFiguresSettled(page);
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
  // Where each worker's time went (issue 16 §2): opened by its summary, one row per worker, parts within the wall.
  const timings = two.getByTestId('run-timings');
  await expect(timings.locator('tbody tr').first()).toBeHidden(); // collapsed until its summary is clicked
  await timings.getByText('Where the time went (2 workers)').click();
  await expect(timings.locator('thead th')).toHaveText(['seconds', 'worker 1', 'worker 2']);
  for (const worker of [0, 1]) {
    const part = async (name: string) => Number(await timings.locator(`td[data-worker="${worker}"][data-part="${name}"]`).textContent());
    const [steps, snapshots, frames, wall] = [await part('steps'), await part('snapshots'), await part('frames'), await part('wall')];
    expect(steps).toBeGreaterThan(0.2);
    expect(snapshots).toBeGreaterThan(0);
    expect(frames).toBeGreaterThan(0);
    expect(steps + snapshots + frames + (await part('checkpoints')) + (await part('lossChecks')) + (await part('other'))).toBeCloseTo(wall, 1);
    expect(steps).toBeLessThan(wall);
  }
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

test('a worker that fails for good hands its members to the other; the run keeps every snapshot', async ({ page }) => {
  await page.goto('index.html#/lab/toy?workers=2&faults=1&E=32&width=128&steps=1000');
  await expect(page.getByTestId('backend-summary')).toContainText('×2', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Play' }).click();
  const snapshotSteps = async () => (await page.getByRole('group', { name: 'Jump to snapshot' }).getByRole('button').allTextContents()).map(Number);
  await expect.poll(snapshotSteps, { timeout: 60_000 }).toContain(30);
  // Six terminations in a row exceed the second worker's restart budget (5 a minute): it is dropped.
  await page.evaluate(() => {
    const faults = (window as unknown as { symlabFaults: Record<string, { terminateWorker(): void }> }).symlabFaults;
    for (let i = 0; i < 6; i++) faults['toy-worker-1'].terminateWorker();
  });
  await expect(page.getByTestId('recovery-notice')).toContainText(/members moved to another worker, which trains the run's members 0–31 from (step \d+|the start); training continues on 1 worker\./, {
    timeout: 30_000,
  });
  await expect(page.getByTestId('backend-summary')).not.toContainText('×');
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 120_000 });
  expect(await snapshotSteps()).toEqual([0, 1, 2, 3, 5, 10, 30, 100, 300, 1000]);
});

test('on a phone, the time table opens within the screen with a column per worker', async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto('index.html#/lab/toy?workers=2&E=8&width=8&steps=30');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  await page.getByText('Where the time went (2 workers)').click();
  const table = page.getByRole('table', { name: 'Time per training worker' });
  await expect(table.locator('thead th')).toHaveText(['seconds', 'worker 1', 'worker 2']);
  // Every cell is inside the screen, not in a horizontal scroll.
  const right = await table.locator('td').evaluateAll((tds) => Math.max(...tds.map((td) => td.getBoundingClientRect().right)));
  expect(right).toBeLessThanOrEqual(390);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
  for (const w of [0, 1]) expect(Number(await table.locator(`td[data-worker="${w}"][data-part="wall"]`).textContent())).toBeGreaterThan(0);
  await page.close();
});
