/**
 * The benchmark's pool measurements (issue 16 §2 and §5): the default run in the real app (wall time from Play to
 * "done", with the pool of training workers) and its overhead against the in-page steps and snapshots; the scaling
 * table (ms per step on 1 and on all workers, ratio per doubled E, parallel efficiency); and the numpy peer.
 */
import { spawnSync } from 'node:child_process';
import { tracePageTasks, type PageTasks } from './pageTasks';
import type { Browser, Page } from '@playwright/test';

/** One worker's row of the app's "Where the time went" table, in seconds. */
export interface WorkerTimings {
  steps: number;
  snapshots: number;
  frames: number;
  checkpoints: number;
  lossChecks: number;
  other: number;
  wall: number;
}

export interface AppRun {
  workers: number;
  /** Extra link parameters of the run ('' for the default configuration). */
  query: string;
  wallSeconds: number;
  /** Each worker's own account of its time (the page's table), in seconds. */
  perWorker: WorkerTimings[];
  /** Main-thread tasks over 50 ms during the run (PerformanceObserver 'longtask'), and the longest, in ms. */
  longTasksOver50: number;
  longestTaskMs: number;
  /** With `trace`: the page's main-thread tasks from a Chrome trace (pageTasks.ts), below 50 ms too. */
  tasks?: PageTasks;
}

/**
 * The default toy run in the app on `workers` workers (wasm), or the one `query` (link parameters) configures:
 * seconds from pressing Play to "done", each worker's account of its time, and the page's long tasks meanwhile.
 */
export async function measureAppRun(browser: Browser, port: number, workers: number, query = '', trace = false): Promise<AppRun> {
  const page = await browser.newPage();
  page.setDefaultTimeout(0);
  try {
    await page.addInitScript(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`http://127.0.0.1:${port}/index.html#/lab/toy?backend=wasm&workers=${workers}${query ? `&${query}` : ''}`);
    // Ready: the backend chosen and the step-0 snapshot on the timeline (it is taken before Play).
    await page.waitForSelector('[data-backend="wasm"]');
    await page.getByRole('group', { name: 'Jump to snapshot' }).getByRole('button', { name: '0', exact: true }).waitFor();
    await page.waitForTimeout(300);
    await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks = []));
    const tracing = trace ? await tracePageTasks(browser, page) : null;
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="run-status"]')?.textContent === 'done', undefined, { polling: 10 });
    const wallSeconds = (Date.now() - t0) / 1000;
    const tasks = tracing ? await tracing.stop() : undefined;
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    await page.getByTestId('run-timings').locator('summary').click();
    // One column per worker: collect each worker's cells by their data-worker index.
    const perWorker = await page
      .getByTestId('run-timings')
      .locator('td[data-worker]')
      .evaluateAll((cells) => {
        const out: Record<string, number>[] = [];
        for (const td of cells) (out[Number(td.getAttribute('data-worker'))] ??= {})[td.getAttribute('data-part')!] = Number(td.textContent);
        return out;
      });
    return { workers, query, wallSeconds, perWorker: perWorker as unknown as WorkerTimings[], longTasksOver50: longTasks.filter((d) => d > 50).length, longestTaskMs: Math.round(Math.max(0, ...longTasks)), tasks };
  } finally {
    await page.close();
  }
}

/** The run with the median wall time of `runs`. */
export function medianRun(runs: AppRun[]): AppRun {
  return [...runs].sort((a, b) => a.wallSeconds - b.wallSeconds)[Math.floor(runs.length / 2)];
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

/**
 * Each worker's own account, and the run's overhead by it: wall − max_i(steps_i + snapshots_i + frames_i), i.e. the
 * time the slowest worker was not computing (worker messages, checkpoints, loss checks, the page's share of the
 * cores, the gap between Play and the first step and between the last snapshot and "done" on the page).
 */
function printWorkerTimings(a: AppRun): void {
  const f = (v: number) => v.toFixed(2);
  for (const [i, t] of a.perWorker.entries()) {
    console.log(`  worker ${i + 1}: steps ${f(t.steps)} s, snapshots ${f(t.snapshots)} s, light frames ${f(t.frames)} s, checkpoints ${f(t.checkpoints)} s, loss checks ${f(t.lossChecks)} s, other ${f(t.other)} s; its wall ${f(t.wall)} s`);
  }
  const busiest = Math.max(...a.perWorker.map((t) => t.steps + t.snapshots + t.frames));
  const overhead = a.wallSeconds - busiest;
  console.log(`  overhead = wall − max(steps + snapshots + frames) = ${f(overhead)} s (${((100 * overhead) / a.wallSeconds).toFixed(0)}% of wall); page tasks over 50 ms: ${a.longTasksOver50}, longest ${a.longestTaskMs} ms`);
}

type PeerRun = ReturnType<typeof numpyPeer>;

/** The peer run with the median wall time of `runs` (or why the peer was skipped), with every run's wall time. */
export function medianPeer(runs: PeerRun[]): PeerRun & { allWallSeconds?: number[] } {
  const skipped = runs.find((p) => 'skipped' in p);
  if (skipped || runs.length === 0) return skipped ?? { skipped: 'not run' };
  const done = runs as Exclude<PeerRun, { skipped: string }>[];
  const median = [...done].sort((a, b) => a.wallSeconds - b.wallSeconds)[Math.floor(done.length / 2)];
  return { ...median, allWallSeconds: done.map((p) => p.wallSeconds) };
}

/** The printed summary of the pool measurements. */
export function printPool(
  inPage: { wallSeconds: number; snapshotSeconds: number } | null,
  app: AppRun[],
  rows: (ScalingRow | SkippedSize)[],
  peer: ReturnType<typeof numpyPeer>,
  large: AppRun[] = [],
  keyOnly: (AppRun & { allWallSeconds?: number[] }) | null = null,
  pairs: ({ smooth: number; keyOnly: number } | null)[] = [],
): void {
  const f = (v: number, d = 2) => v.toFixed(d);
  for (const a of app) console.log(`Page tasks over 50 ms, default run on ${a.workers} worker${a.workers > 1 ? 's' : ''}: ${a.longTasksOver50} (longest ${a.longestTaskMs} ms).`);
  if (large.length) {
    console.log(
      `Page tasks over 50 ms, ${large[0].query} on ${large[0].workers} workers (target: none): ${large.map((r) => r.longTasksOver50).join(', ')} in ${large.length} runs; ` +
        `longest ${Math.max(...large.map((r) => r.longestTaskMs))} ms; runs ${large.map((r) => f(r.wallSeconds)).join(' / ')} s.`,
    );
    const traced = large.filter((r) => r.tasks);
    if (traced.length) {
      console.log(
        `  traced (Chrome trace, every task): longest page task per run ${traced.map((r) => r.tasks!.longestMs[0]).join(' / ')} ms ` +
          `(its thread time ${traced.map((r) => r.tasks!.longestThreadMs).join(' / ')} ms); tasks of 30 ms or more: ${traced.map((r) => r.tasks!.over30).join(', ')}.`,
      );
    }
  }
  if (inPage) {
    const steps = inPage.wallSeconds - inPage.snapshotSeconds;
    console.log(`\nDefault run, in-page (one thread, no worker): steps ${f(steps)} s + snapshots ${f(inPage.snapshotSeconds)} s = ${f(inPage.wallSeconds)} s.`);
    for (const a of app) {
      // Overhead = wall − steps − snapshots; on w workers the steps and snapshots ideally take 1/w of the in-page time.
      const ideal = inPage.wallSeconds / a.workers;
      const overhead = a.wallSeconds - ideal;
      console.log(`App, ${a.workers} worker${a.workers > 1 ? 's' : ''} (median of its runs): ${f(a.wallSeconds)} s wall; against the in-page run split ${a.workers} ways: ${f(overhead)} s (${f((100 * overhead) / a.wallSeconds, 0)}% of wall).`);
      printWorkerTimings(a);
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
  else {
    console.log(`\nnumpy peer (${peer.blas}), median: ${f(peer.wallSeconds)} s wall (steps ${f(peer.stepsSeconds)} s, snapshots ${f(peer.snapshotSeconds)} s).`);
    for (const a of app) console.log(`App on ${a.workers} worker${a.workers > 1 ? 's' : ''}, smooth animation (64 frames) / numpy = ${f(a.wallSeconds / peer.wallSeconds)}.`);
  }
  if (keyOnly) {
    // The run the issue's targets are stated for (and the peer computes): 10 grid snapshots after step 0, no light frames.
    console.log(
      `\nApp, frames=0 (the 10 grid snapshots only, as the numpy peer computes) on ${keyOnly.workers} workers, median: ${f(keyOnly.wallSeconds)} s ` +
        `(runs ${(keyOnly.allWallSeconds ?? [keyOnly.wallSeconds]).map((v) => f(v)).join(' / ')} s; target ≤ 3.0 s).`,
    );
    printWorkerTimings(keyOnly);
    if (!('skipped' in peer)) console.log(`App, frames=0 / numpy = ${f(keyOnly.wallSeconds / peer.wallSeconds)} at the medians (target ≤ 0.65).`);
  }
  const done = pairs.filter((p): p is { smooth: number; keyOnly: number } => p !== null);
  if (done.length) {
    console.log(`Round by round (each app run against the numpy run of its round): frames=0 / numpy ${done.map((p) => f(p.keyOnly)).join(', ')}; smooth / numpy ${done.map((p) => f(p.smooth)).join(', ')}.`);
  }
}
