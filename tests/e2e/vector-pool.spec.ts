import { expect, test, type Page } from '@playwright/test';
import { collectErrors, readNumber } from './helpers';

// The vector lab trains on a pool of workers, one slice of each lab's members each; the page merges the slices in
// member order and summarises them. The numbers a person reads must not depend on how many workers trained: the
// plane lab's deviations and the 3D lab's errors at the end are the same with workers=1 and workers=2, and the badge
// says how many workers train.

const PLANE = 'index.html#/lab/vector?tab=plane&E=8&width=16&steps=300&group=8&rep=defining';
const CROSS = 'index.html#/lab/vector?tab=cross&xE=8&xsteps=100&xpairs=4';

async function trainToEnd(page: Page, lab: 'plane' | 'cross', steps: number): Promise<void> {
  await expect(page.getByTestId(`${lab}-play`)).toBeEnabled();
  await page.getByTestId(`${lab}-play`).click();
  await expect(page.getByTestId(`${lab}-status`)).toHaveAttribute('data-value', 'done', { timeout: 150_000 });
  await expect(page.getByTestId(`${lab}-step`)).toHaveAttribute('data-value', String(steps));
}

async function endNumbers(page: Page, url: string, workers: number): Promise<Record<string, number>> {
  await page.goto(`${url}&workers=${workers}`);
  const badge = page.getByTestId('vector-backend');
  await expect(badge).toHaveAttribute('data-workers', String(workers), { timeout: 30_000 });
  await expect(badge).toContainText(workers === 1 ? 'in a worker' : `in ${workers} workers`);
  const lab = url.includes('tab=cross') ? 'cross' : 'plane';
  await trainToEnd(page, lab, lab === 'plane' ? 300 : 100);
  const ids = lab === 'plane' ? ['dev-mean-off', 'dev-member-off', 'dev-mean-on', 'dev-member-on'] : ['cross-mean-error', 'cross-member-error'];
  const out: Record<string, number> = {};
  for (const id of ids) out[id] = await readNumber(page, id);
  return out;
}

for (const url of [PLANE, CROSS]) {
  test(`${url.includes('cross') ? '3D' : 'plane'} lab: the final numbers are the same on one worker and on two`, async ({ browser }) => {
    test.setTimeout(300_000);
    const one = await browser.newPage();
    const errors = collectErrors(one);
    const a = await endNumbers(one, url, 1);
    expect(errors).toEqual([]);
    await one.close();
    const two = await browser.newPage();
    const b = await endNumbers(two, url, 2);
    await two.close();
    console.log(`vector pool, 1 vs 2 workers: ${Object.keys(a).map((k) => `${k}=${a[k]}|${b[k]}`).join(', ')}`);
    for (const k of Object.keys(a)) {
      expect(a[k], k).toBeGreaterThan(0);
      // The same arithmetic on the same backend, merged in member order: bit-identical.
      expect(b[k], k).toBe(a[k]);
    }
  });
}

test('a vector worker that fails for good hands its members to the other; the plane lab keeps every snapshot', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  await page.goto('index.html#/lab/vector?tab=plane&E=32&width=128&steps=1000&workers=2&faults=1');
  await expect(page.getByTestId('vector-backend')).toHaveAttribute('data-workers', '2', { timeout: 30_000 });
  await page.getByTestId('plane-play').click();
  await expect.poll(() => readNumber(page, 'plane-step'), { timeout: 90_000, intervals: [50] }).toBeGreaterThan(30);
  // Six terminations in a row exceed the second worker's restart budget (5 a minute): it is dropped.
  await page.evaluate(() => {
    const faults = (window as unknown as { symlabFaults: Record<string, { terminateWorker(): void }> }).symlabFaults;
    for (let i = 0; i < 6; i++) faults['vector-worker-1'].terminateWorker();
  });
  await expect(page.getByTestId('vector-recovery')).toContainText(
    /members moved to another worker, which trains the plane lab's members 0–31 from (step \d+|the start)( and the 3D lab's members 0–31 from the start)?; training continues on 1 worker\./,
    { timeout: 30_000 },
  );
  await expect(page.getByTestId('vector-backend')).toHaveAttribute('data-workers', '1');
  await expect(page.getByTestId('vector-backend')).toContainText('in a worker');
  await expect(page.getByTestId('plane-status')).toHaveAttribute('data-value', 'done', { timeout: 150_000 });
  const slider = page.getByRole('slider', { name: 'Timeline' }).first();
  await expect(slider).toHaveAttribute('max', '9'); // 0, 1, 2, 3, 5, 10, 30, 100, 300, 1000
  expect(await readNumber(page, 'dev-member-off')).toBeGreaterThan(1.5 * (await readNumber(page, 'dev-mean-off')));
  expect(errors).toEqual([]);
});

test('a worker count beyond the cores is clamped and said so in the lab', async ({ page }) => {
  await page.goto('index.html#/lab/vector?tab=plane&E=4&width=8&steps=3&workers=999');
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await expect(page.getByTestId('plane-notices')).toContainText(`training workers 999 is above ${cores}; using ${cores}`);
  await expect(page.getByTestId('vector-backend')).toHaveAttribute('data-workers', String(Math.min(cores, 4)), { timeout: 30_000 });
  await trainToEnd(page, 'plane', 3);
});
