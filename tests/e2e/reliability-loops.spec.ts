import { expect, test, type Page } from '@playwright/test';
import { collectErrors, emulatePageHidden, type FaultWindow } from './helpers';

/**
 * Faults in the lattice Monte Carlo worker: a terminated or crashed worker is replaced and the run resumes from the
 * last checkpoint (posted about once a second). The sampler is seeded, so the resumed run must end with exactly the
 * plaquette of an uninterrupted run.
 */

const SWEEPS = '6000';

async function runToDone(page: Page): Promise<number> {
  await page.getByRole('button', { name: 'Run Monte Carlo' }).click();
  await expect(page.getByTestId('sampling-status')).toContainText('Done', { timeout: 120_000 });
  return Number(await page.getByTestId('mc-plaquette').getAttribute('data-value'));
}

/** Start a run, fault the worker once it is well past its first checkpoint, and return the resumed run's result. */
async function runWithFault(page: Page, fault: () => Promise<unknown>, expected: RegExp): Promise<{ plaquette: number; resumedFrom: number; recoveryMs: number }> {
  await page.getByRole('button', { name: 'Run Monte Carlo' }).click();
  const bar = page.getByRole('progressbar', { name: 'Monte Carlo progress' });
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 60_000 }).toBeGreaterThan(45);
  const t0 = Date.now();
  await fault();
  const notice = page.getByTestId('lattice-recovery');
  await expect(notice).toContainText(expected);
  await expect(notice).toContainText(/resumed the run from sweep \d+/);
  // Training has resumed once the status shows progress again from the new worker.
  await expect(page.getByTestId('sampling-status')).toContainText(/sweep \d+ of|Done/, { timeout: 30_000 });
  const recoveryMs = Date.now() - t0;
  const resumedFrom = Number(/sweep (\d+)/.exec((await notice.textContent()) ?? '')![1]);
  await expect(page.getByTestId('sampling-status')).toContainText('Done', { timeout: 120_000 });
  return { plaquette: Number(await page.getByTestId('mc-plaquette').getAttribute('data-value')), resumedFrom, recoveryMs };
}

test('a terminated or crashed Monte Carlo worker is restarted and the run resumes to the uninterrupted result', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  await page.goto('index.html#/lab/loops?faults=1');
  await expect(page.getByTestId('sampling-status')).toContainText('Done', { timeout: 120_000 });
  await page.getByLabel('Measured sweeps').fill(SWEEPS);

  const reference = await runToDone(page);
  expect(reference).toBeGreaterThan(0.4);
  expect(reference).toBeLessThan(0.9);

  const terminated = await runWithFault(page, () => page.evaluate(() => (window as unknown as FaultWindow).symlabFaults.lattice.terminateWorker()), /Monte Carlo worker was terminated/);
  console.log(`terminated: resumed from sweep ${terminated.resumedFrom}, recovery ${terminated.recoveryMs} ms, plaquette ${terminated.plaquette} vs ${reference}`);
  expect(terminated.resumedFrom).toBeGreaterThan(0);
  expect(terminated.plaquette).toBe(reference);

  const crashed = await runWithFault(page, () => page.evaluate(() => (window as unknown as FaultWindow).symlabFaults.lattice.crashWorker()), /Monte Carlo worker crashed/);
  console.log(`crashed: resumed from sweep ${crashed.resumedFrom}, recovery ${crashed.recoveryMs} ms, plaquette ${crashed.plaquette}`);
  expect(crashed.resumedFrom).toBeGreaterThan(0);
  expect(crashed.plaquette).toBe(reference);

  // The Wilson-loop chart is drawn from the resumed result.
  await expect(page.getByTestId('wilson-chart').locator('circle.wl-point')).toHaveCount(16);
  expect(errors).toEqual([]);
});

test('without faults=1 the page exposes no fault handles', async ({ page }) => {
  await page.goto('index.html#/lab/loops');
  await expect(page.getByTestId('sampling-status')).toContainText('Done', { timeout: 120_000 });
  expect(await page.evaluate(() => typeof (window as unknown as { symlabFaults?: unknown }).symlabFaults)).toBe('undefined');
});

test('Monte Carlo sampling pauses while the page is hidden and continues on return', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('index.html#/lab/loops');
  await expect(page.getByTestId('sampling-status')).toContainText('Done', { timeout: 120_000 });
  await page.getByLabel('Measured sweeps').fill('20000');
  await page.getByRole('button', { name: 'Run Monte Carlo' }).click();
  const status = page.getByTestId('sampling-status');
  const sweepNow = async () => Number(/sweep (\d+) of/.exec((await status.textContent()) ?? '')?.[1] ?? NaN);
  await expect.poll(sweepNow, { timeout: 30_000 }).toBeGreaterThan(500);
  const setHidden = (hidden: boolean) => emulatePageHidden(page, hidden);
  await setHidden(true);
  await page.waitForTimeout(600); // the slice in flight and its throttled progress report land
  const held = await sweepNow();
  await page.waitForTimeout(1500);
  expect(await sweepNow()).toBe(held);
  await setHidden(false);
  await expect.poll(sweepNow, { timeout: 30_000 }).toBeGreaterThan(held);
  console.log(`held at sweep ${held} while hidden, then continued`);
});
