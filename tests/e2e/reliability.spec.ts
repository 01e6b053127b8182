import { expect, test, type Page } from '@playwright/test';
import { collectErrors, emulatePageHidden, readNumber, type FaultWindow } from './helpers';

// Long enough that the fault lands mid-run, small enough to finish in seconds. With the fused wasm kernel E = 16,
// width 32 trains 1000 steps in well under a second, so a fault could arrive after the end (seen once in CI).
const SMALL = 'E=32&width=128&steps=1000';

async function stepNow(page: Page): Promise<number> {
  return Number(await page.getByTestId('step-counter').locator('output').getAttribute('data-step'));
}

async function snapshotSteps(page: Page): Promise<number[]> {
  const names = await page.getByRole('group', { name: 'Jump to snapshot' }).getByRole('button').allTextContents();
  return names.map(Number);
}

/** Start training, wait for a checkpoint after the step-30 snapshot, inject a fault, and check the recovery. */
async function faultAndRecover(page: Page, inject: () => Promise<void>, expectNotice: RegExp) {
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => snapshotSteps(page), { timeout: 60_000 }).toContain(30);
  const before = await snapshotSteps(page);
  const t0 = Date.now();
  await inject();
  await expect(page.getByTestId('recovery-notice')).toContainText(expectNotice, { timeout: 30_000 });
  const resumedFrom = Number(/from step (\d+)/.exec((await page.getByTestId('recovery-notice').textContent()) ?? '')?.[1]);
  expect(resumedFrom).toBeGreaterThanOrEqual(30);
  // Training resumes past the checkpoint on the fallback backend.
  await expect.poll(() => stepNow(page), { timeout: 60_000 }).toBeGreaterThan(resumedFrom);
  const recoveryMs = Date.now() - t0;
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 120_000 });
  // The timeline computed before the fault is kept, and the run completes it.
  const after = await snapshotSteps(page);
  for (const s of before) expect(after).toContain(s);
  expect(after).toEqual([0, 1, 2, 3, 5, 10, 30, 100, 300, 1000]);
  console.log(`recovery: fault → training resumed in ${recoveryMs} ms (from step ${resumedFrom}); notice: ${await page.getByTestId('recovery-notice').textContent()}`);
  return recoveryMs;
}

test('a lost WebGL context: falls back to the next backend and resumes from the last checkpoint', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`index.html#/lab/toy?backend=webgl&faults=1&${SMALL}`);
  await expect(page.getByRole('status', { name: 'Compute backend' })).toContainText('backend: webgl', { timeout: 30_000 });
  await faultAndRecover(page, () => page.evaluate(() => (window as unknown as FaultWindow).symlabFaults.toy.loseDevice()), /WebGL context was lost.*\. Restarted the training worker on the next backend; resumed the run from step \d+( \(members \d+–\d+\))?\./);
  await expect(page.getByRole('status', { name: 'Compute backend' })).toContainText('backend: wasm');
  await expect(page.getByRole('status', { name: 'Compute backend' })).toContainText('excluded after a fault');
});

test('a crashed worker is restarted and the run resumes', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`index.html#/lab/toy?faults=1&${SMALL}`);
  await faultAndRecover(page, () => page.evaluate(() => (window as unknown as FaultWindow).symlabFaults.toy.crashWorker()), /The training worker crashed \(.*\)\. Restarted the training worker; resumed the run from step \d+( \(members \d+–\d+\))?\./);
});

test('a terminated worker is replaced and the run resumes', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`index.html#/lab/toy?faults=1&${SMALL}`);
  await faultAndRecover(page, () => page.evaluate(() => (window as unknown as FaultWindow).symlabFaults.toy.terminateWorker()), /The training worker was terminated\. Restarted the training worker; resumed the run from step \d+( \(members \d+–\d+\))?\./);
});

test('training pauses while the page is hidden and resumes on return', async ({ page }) => {
  test.setTimeout(120_000);
  // Wide enough that the run lasts seconds (the fused wasm step finishes E = 8, width 16 in under one).
  await page.goto('index.html#/lab/toy?E=32&width=128&steps=2000');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => stepNow(page), { timeout: 30_000 }).toBeGreaterThan(20);
  const setHidden = (hidden: boolean) => emulatePageHidden(page, hidden);
  await setHidden(true);
  await expect(page.getByTestId('run-status')).toHaveText('paused', { timeout: 10_000 });
  const held = await stepNow(page);
  await page.waitForTimeout(1500);
  expect(await stepNow(page)).toBe(held);
  await setHidden(false);
  await expect.poll(() => stepNow(page), { timeout: 30_000 }).toBeGreaterThan(held);
  await expect(page.getByTestId('run-status')).toHaveText('running');
});

test('soak at CI scale: ten runs with resets keep the worker tensor count flat and the heap bounded', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('index.html#/lab/toy?E=16&width=32&steps=300');
  const tensors: number[] = [];
  const heap: number[] = [];
  for (let run = 0; run < 10; run++) {
    await expect(page.getByTestId('timeline-label')).toHaveText('Initialization', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Play' }).click();
    await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
    tensors.push(Number(await page.getByTestId('run-status').getAttribute('data-tensors')));
    heap.push(await page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize));
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
  }
  console.log('worker tensors after each run:', tensors.join(', '));
  console.log('page heap (MB) after each run:', heap.map((h) => (h / 2 ** 20).toFixed(1)).join(', '));
  expect(new Set(tensors).size).toBe(1);
  expect(tensors[0]).toBeGreaterThan(0);
  // Stated bound: the page heap stays under 150 MB, and grows by less than 40 MB from run 2 to run 10.
  expect(Math.max(...heap)).toBeLessThan(150 * 2 ** 20);
  expect(heap[9] - heap[1]).toBeLessThan(40 * 2 ** 20);
});

test('garbage in local storage and IndexedDB is ignored', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('index.html');
  await page.evaluate(async () => {
    for (const k of ['symlab', 'symlab:prefs', 'symlab:recordings', 'state', '']) localStorage.setItem(k, '{"broken": [1, 2');
    await new Promise<void>((resolve) => {
      const req = indexedDB.open('symlab', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('runs');
      req.onsuccess = () => {
        const tx = req.result.transaction('runs', 'readwrite');
        tx.objectStore('runs').put(new Uint8Array([1, 2, 3]), 'garbage');
        tx.oncomplete = () => resolve();
      };
      req.onerror = () => resolve();
    });
  });
  await page.goto('index.html#/lab/toy?E=4&width=8&steps=3');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 30_000 });
  expect(errors).toEqual([]);
});

test('a summary worker killed mid-run is replaced: every snapshot and frame still arrives, with the same numbers', async ({ page }) => {
  test.setTimeout(240_000);
  // E = 1024 on two training workers: a snapshot's summary takes the summary worker a few hundred ms, so some are out
  // when it dies (the test fails if those are not sent again: "done" would wait for them forever).
  const url = 'index.html#/lab/toy?backend=wasm&workers=2&E=1024&width=16&steps=200';
  const errors = collectErrors(page);
  const finalNumbers = async () => {
    await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 180_000 });
    await expect(page.getByLabel('Frames stored')).toHaveText(/^(\d+) of \1 frames$/);
    return { frames: await page.getByLabel('Frames stored').textContent(), steps: await snapshotSteps(page), meanOff: await readNumber(page, 'rstd-mean-off'), memberOff: await readNumber(page, 'rstd-member-off') };
  };
  await page.goto(url);
  await page.getByRole('button', { name: 'Play' }).click();
  const reference = await finalNumbers();

  await page.goto(`${url}&faults=1`);
  await page.reload();
  await page.getByRole('button', { name: 'Play' }).click();
  // Kill it three times while the snapshots and frames stream in (the restart budget allows five a minute).
  for (let i = 0; i < 3; i++) {
    await expect.poll(() => stepNow(page), { timeout: 60_000, intervals: [20] }).toBeGreaterThan(5 + 40 * i);
    await page.evaluate(() => (window as unknown as FaultWindow).symlabFaults['toy-summaries'].terminateWorker());
  }
  const faulted = await finalNumbers();
  console.log(`summary worker killed 3 times: ${faulted.frames}, snapshots ${faulted.steps.join(',')}; rstd off mean ${faulted.meanOff} (uninterrupted ${reference.meanOff})`);
  expect(faulted).toEqual(reference);
  expect(reference.steps).toEqual([0, 1, 2, 3, 5, 10, 30, 100, 200]);
  expect(reference.meanOff).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});

test('two workers on different backends: the badge says which trains where, not "each on webgl"', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(`index.html#/lab/toy?backend=webgl&workers=2&faults=1&${SMALL}`);
  const badge = page.getByRole('status', { name: 'Compute backend' });
  await expect(badge).toContainText('backend: webgl ×2', { timeout: 30_000 });
  await expect(badge).toContainText('2 training workers, each training a slice of the members on its own webgl backend');
  await expect(badge).not.toContainText('(mixed)');
  // The second worker loses its WebGL context: its replacement excludes webgl and trains on wasm; the first keeps webgl.
  await page.evaluate(() => (window as unknown as FaultWindow).symlabFaults['toy-worker-1'].loseDevice());
  await expect(badge).toContainText('backend: webgl ×2 (mixed)', { timeout: 30_000 });
  await expect(badge).toContainText('on its own backend: worker 1 on webgl, worker 2 on wasm');
  await expect(badge).not.toContainText('on its own webgl backend');
});
