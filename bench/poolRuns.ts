/**
 * The benchmark's pool measurements (issue 16 §2 and §5): the default run in the real app (wall time from Play to
 * "done", with the pool of training workers) and its overhead against the in-page steps and snapshots; the scaling
 * table (ms per step on 1 and on all workers, ratio per doubled E, parallel efficiency); and the numpy peer.
 */
import { spawnSync } from 'node:child_process';
import type { Browser, Page } from '@playwright/test';

export interface AppRun {
  workers: number;
  wallSeconds: number;
}

/** The default toy run in the app on `workers` workers (wasm): seconds from pressing Play to "done". */
export async function measureAppRun(browser: Browser, port: number, workers: number): Promise<AppRun> {
  const page = await browser.newPage();
  page.setDefaultTimeout(0);
  try {
    await page.goto(`http://127.0.0.1:${port}/index.html#/lab/toy?backend=wasm&workers=${workers}`);
    // Ready: the backend chosen and the step-0 snapshot on the timeline (it is taken before Play).
    await page.waitForSelector('[data-backend="wasm"]');
    await page.getByRole('group', { name: 'Jump to snapshot' }).getByRole('button', { name: '0', exact: true }).waitFor();
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="run-status"]')?.textContent === 'done', undefined, { polling: 10 });
    return { workers, wallSeconds: (Date.now() - t0) / 1000 };
  } finally {
    await page.close();
  }
}

export interface ScalingRow {
  E: number;
  W: number;
  oneWorkerMs: number;
  allWorkers: number;
  allWorkersMs: number;
  /** t(E, W) / t(E/2, W) on one worker, for E after the first (≈ 2 when cost is linear in E). */
  ratioPerDoubledE: number | null;
  /** t₁ / (w · t_w). */
  efficiency: number;
}

/** A size the toy lab's limits or cost model refuse (E above its limit, or over the memory budget). */
export interface SkippedSize {
  E: number;
  W: number;
  skipped: string;
}

/** ms per step for every E × W on one worker and on `workers` (one bench page, the real trainer worker). */
export async function scalingTable(page: Page, Es: number[], Ws: number[], workers: number, steps: number): Promise<(ScalingRow | SkippedSize)[]> {
  const rows: (ScalingRow | SkippedSize)[] = [];
  for (const W of Ws) {
    let prev: { E: number; ms: number } | null = null;
    for (const E of Es) {
      let one, all;
      try {
        one = await page.evaluate(([e, w, s]) => window.symlabBench.measurePoolSteps(e, w, 1, s), [E, W, steps] as const);
        all = await page.evaluate(([e, w, n, s]) => window.symlabBench.measurePoolSteps(e, w, n, s), [E, W, workers, steps] as const);
      } catch (err) {
        rows.push({ E, W, skipped: String(err instanceof Error ? err.message : err).split('\n')[0].replace(/^page\.evaluate: Error: /, '') });
        console.log(JSON.stringify(rows[rows.length - 1]));
        continue;
      }
      const ratio = prev ? Math.pow(one.msPerStep / prev.ms, Math.log(2) / Math.log(E / prev.E)) : null;
      rows.push({ E, W, oneWorkerMs: one.msPerStep, allWorkers: all.workers, allWorkersMs: all.msPerStep, ratioPerDoubledE: ratio, efficiency: one.msPerStep / (all.workers * all.msPerStep) });
      console.log(JSON.stringify(rows[rows.length - 1]));
      prev = { E, ms: one.msPerStep };
    }
  }
  return rows;
}

/** The numpy peer's default run (bench/numpy_peer.py), or why it was skipped. */
export function numpyPeer(): { wallSeconds: number; stepsSeconds: number; snapshotSeconds: number; blas: string } | { skipped: string } {
  const probe = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return { skipped: 'python3 with numpy is not available here' };
  const run = spawnSync('python3', ['bench/numpy_peer.py'], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) return { skipped: `the numpy peer failed: ${run.stderr.slice(-300)}` };
  return JSON.parse(run.stdout.trim().split('\n').pop()!);
}

/** The printed summary of the pool measurements. */
export function printPool(inPage: { wallSeconds: number; snapshotSeconds: number } | null, app: AppRun[], rows: (ScalingRow | SkippedSize)[], peer: ReturnType<typeof numpyPeer>): void {
  const f = (v: number, d = 2) => v.toFixed(d);
  if (inPage) {
    const steps = inPage.wallSeconds - inPage.snapshotSeconds;
    console.log(`\nDefault run, in-page (one thread, no worker): steps ${f(steps)} s + snapshots ${f(inPage.snapshotSeconds)} s = ${f(inPage.wallSeconds)} s.`);
    for (const a of app) {
      // Overhead = wall − steps − snapshots; on w workers the steps and snapshots ideally take 1/w of the in-page time.
      const ideal = inPage.wallSeconds / a.workers;
      const overhead = a.wallSeconds - ideal;
      console.log(`App, ${a.workers} worker${a.workers > 1 ? 's' : ''}: ${f(a.wallSeconds)} s wall; overhead = wall − (steps + snapshots)/${a.workers} = ${f(overhead)} s (${f((100 * overhead) / a.wallSeconds, 0)}% of wall).`);
    }
  }
  if (rows.length) {
    console.log('\n| E | W | 1 worker ms/step | ratio per doubled E | workers | ms/step | parallel efficiency |');
    console.log('|---|---|---|---|---|---|---|');
    for (const r of rows) {
      if ('skipped' in r) {
        console.log(`| ${r.E} | ${r.W} | not run: ${r.skipped} | | | | |`);
        continue;
      }
      console.log(`| ${r.E} | ${r.W} | ${f(r.oneWorkerMs)} | ${r.ratioPerDoubledE === null ? '–' : f(r.ratioPerDoubledE)} | ${r.allWorkers} | ${f(r.allWorkersMs)} | ${f(100 * r.efficiency, 0)}% |`);
    }
  }
  if ('skipped' in peer) console.log(`\nnumpy peer skipped: ${peer.skipped}`);
  else console.log(`\nnumpy peer (${peer.blas}): ${f(peer.wallSeconds)} s wall (steps ${f(peer.stepsSeconds)} s, snapshots ${f(peer.snapshotSeconds)} s).`);
}
