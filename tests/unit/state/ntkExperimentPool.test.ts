/**
 * The page side of the NTK experiments' pool, with stand-in workers: how a plan's runs are handed out, how progress
 * adds up over workers, what a replaced worker is sent (only the runs nobody finished), where a dropped worker's runs
 * go, and that the result is put together in plan order whichever worker finished first.
 */
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/core';
import { defaultPlan } from '../../../src/core/ntk/plans';
import { NtkExperimentPool, type ExperimentsUpdate } from '../../../src/state/ntkExperimentPool';
import type { NtkCommand, NtkEvent, SizeCurveRun, StepCurveRun } from '../../../src/worker/ntkProtocol';
import { FakeWorker } from '../helpers/fakeWorker';

// Runs: 0 E-curve W 32, 1 E-curve W 128, 2…5 step curves W 32, 64, 128, 256. On two workers: [1] and [0, 2, 3, 4, 5].
const PLAN = defaultPlan({ ...DEFAULT_CONFIG, steps: 10 });
const RUN_ID = 7;
const sizeRun = (width: number): SizeCurveRun => ({ width, ensembleSize: 64, curves: [{ step: 10, sizes: [1, 64], distances: [width, width / 8] }] });
const stepRun = (width: number): StepCurveRun => ({ width, ensembleSize: 8, antithetic: true, points: [[10, width / 1000]] });
const finished = (index: number): NtkEvent => ({ v: 1, type: 'experimentRun', runId: RUN_ID, index, ...(index < 2 ? { sizeRun: sizeRun([32, 128][index]) } : { stepRun: stepRun([32, 64, 128, 256][index - 2]) }) });
const shareDone: NtkEvent = { v: 1, type: 'experiments', runId: RUN_ID, result: { sizeRuns: [], stepRuns: [], evalPoints: 192, backend: 'wasm', ms: 1 } };

function setup(size: number, progressIntervalMs = 0) {
  const first: NtkCommand[] = [];
  const fakes: FakeWorker[][] = [];
  const updates: ExperimentsUpdate[] = [];
  const recoveries: string[] = [];
  const counts: number[] = [];
  const pool = new NtkExperimentPool(size, {
    postFirst: (m) => (first.push(m), true),
    create: (i) => {
      const w = new FakeWorker();
      (fakes[i] ??= []).push(w);
      return w as unknown as Worker;
    },
    update: (runId, change) => {
      expect(runId).toBe(RUN_ID);
      updates.push(change);
    },
    onRecovery: (t) => recoveries.push(t),
    onWorkers: (n) => counts.push(n),
    // Every progress report at once, so the test sees each (the panel's is throttled to one per 100 ms).
    progressIntervalMs,
  });
  const live = (i: number) => fakes[i].at(-1)!;
  return { pool, first, live, fakes, updates, recoveries, counts, last: () => Object.assign({}, ...updates) as ExperimentsUpdate };
}

describe('NtkExperimentPool', () => {
  it('splits the plan over two workers, adds up their progress, and assembles the result in plan order', () => {
    const { pool, first, live, updates, counts, last } = setup(2);
    pool.start(RUN_ID, PLAN);
    expect(counts).toEqual([2]);
    expect(first).toEqual([{ v: 1, type: 'experiments', runId: RUN_ID, plan: PLAN, runs: [1] }]);
    expect(live(1).posted).toEqual([{ v: 1, type: 'experiments', runId: RUN_ID, plan: PLAN, runs: [0, 2, 3, 4, 5] }]);

    // Each worker reports progress against its own share's cost; the pool's is the sum against the plan's.
    // Costs: run 1 is 10,526,720 of 18,206,720; the other worker's share 7,680,000.
    pool.onEvent(0, { v: 1, type: 'progress', runId: RUN_ID, task: 'experiments', done: 5_263_360, total: 10_526_720, label: 'E-curve W = 128, E = 64: step 5 of 10' });
    live(1).emit({ v: 1, type: 'progress', runId: RUN_ID, task: 'experiments', done: 1_000_000, total: 7_680_000, label: 'step curve W = 256, E = 8 (antithetic): step 2 of 10' });
    expect(last().total).toBe(18_206_720);
    expect(last().done).toBe(6_263_360);
    expect(last().label).toBe('0 of 6 runs done; worker 1: E-curve W = 128, E = 64: step 5 of 10; worker 2: step curve W = 256, E = 8 (antithetic): step 2 of 10');

    // The second worker finishes first, in its own order; nothing is done until every run came.
    for (const i of [5, 0, 2, 3, 4]) live(1).emit(finished(i));
    live(1).emit(shareDone);
    expect(last().status).toBeUndefined();
    expect(last().label).toBe('5 of 6 runs done; E-curve W = 128, E = 64: step 5 of 10');
    expect(last().done).toBe(5_263_360 + 7_680_000);
    pool.onEvent(0, finished(1));
    pool.onEvent(0, shareDone);
    const done = updates.at(-1)!;
    expect(done.status).toBe('done');
    expect(done.result!.sizeRuns.map((r) => r.width)).toEqual([32, 128]);
    expect(done.result!.stepRuns.map((r) => r.width)).toEqual([32, 64, 128, 256]);
    expect(done.result!.backend).toBe('wasm');
    // Later events of the finished run change nothing.
    const n = updates.length;
    pool.onEvent(0, finished(1));
    expect(updates.length).toBe(n);
  });

  it('sends a replaced worker only the runs of its share that nobody finished', () => {
    const { pool, live, fakes, recoveries, last } = setup(2);
    pool.start(RUN_ID, PLAN);
    live(1).emit(finished(5));
    live(1).emit(finished(0));
    live(1).crash();
    expect(fakes[1]).toHaveLength(2);
    expect(live(1).posted).toEqual([{ v: 1, type: 'experiments', runId: RUN_ID, plan: PLAN, runs: [2, 3, 4] }]);
    expect(recoveries).toEqual(['The NTK worker 2 crashed (boom). Restarted NTK worker 2; resumed the experiments (2 of 6 runs kept; this worker trains 3 runs again).']);
    // Its finished runs count as done at once: runs 0 and 5 cost 696,320 + 5,248,000.
    live(1).emit({ v: 1, type: 'progress', runId: RUN_ID, task: 'experiments', done: 0, total: 1, label: 'starting the tfjs backend' });
    expect(last().done).toBe(696_320 + 5_248_000);
    for (const i of [2, 3, 4]) live(1).emit(finished(i));
    live(1).emit(shareDone);
    pool.onEvent(0, finished(1));
    pool.onEvent(0, shareDone);
    expect(last().status).toBe('done');
    expect(last().result!.stepRuns.map((r) => r.width)).toEqual([32, 64, 128, 256]);
  });

  it('moves the runs of a worker that keeps failing to the other, and says how many workers go on', () => {
    const { pool, first, live, fakes, recoveries, counts, last } = setup(2);
    pool.start(RUN_ID, PLAN);
    live(1).emit(finished(0));
    // Six crashes within a minute exceed the supervisor's budget of five restarts.
    for (let k = 0; k < 6; k++) live(1).crash();
    expect(fakes[1]).toHaveLength(6);
    expect(recoveries.at(-1)).toMatch(/^The NTK worker 2 crashed \(boom\)\. It failed 6 times in a row.*Its 4 unfinished runs moved to another NTK worker; the experiments continue on 1 worker\.$/);
    expect(counts.at(-1)).toBe(1);
    expect(first.at(-1)).toEqual({ v: 1, type: 'experiments', runId: RUN_ID, plan: PLAN, runs: [2, 3, 4, 5] });
    // Worker 0 runs its two commands one after the other.
    pool.onEvent(0, finished(1));
    pool.onEvent(0, shareDone);
    expect(last().status).toBeUndefined();
    for (const i of [2, 3, 4, 5]) pool.onEvent(0, finished(i));
    pool.onEvent(0, shareDone);
    expect(last().status).toBe('done');
    // A later plan is not given to the dropped worker.
    pool.start(RUN_ID, PLAN);
    expect(first.at(-1)).toEqual({ v: 1, type: 'experiments', runId: RUN_ID, plan: PLAN, runs: [0, 1, 2, 3, 4, 5] });
  });

  it('stops at the first run that stopped early, cancelling the rest; cancel reaches every worker', () => {
    const { pool, first, live, last } = setup(2);
    pool.start(RUN_ID, PLAN);
    live(1).emit(finished(0));
    pool.onEvent(0, { ...(finished(1) as Extract<NtkEvent, { type: 'experimentRun' }>), stopped: 'E-curve W = 128, E = 64 stopped: it diverged' });
    pool.onEvent(0, shareDone);
    expect(last().status).toBe('done');
    expect(last().result!.stoppedEarly).toBe('E-curve W = 128, E = 64 stopped: it diverged');
    expect(last().result!.stepRuns).toEqual([]);
    expect(live(1).posted.at(-1)).toEqual({ v: 1, type: 'cancel', runId: RUN_ID });

    pool.start(RUN_ID + 0, PLAN);
    pool.cancel(RUN_ID);
    expect(first.at(-1)).toEqual({ v: 1, type: 'cancel', runId: RUN_ID });
    expect(live(1).posted.at(-1)).toEqual({ v: 1, type: 'cancel', runId: RUN_ID });
    live(1).emit({ v: 1, type: 'cancelled', runId: RUN_ID, task: 'experiments' });
    expect(last().status).toBe('cancelled');
  });

  it('passes on at most one progress report per 100 ms, the newest, and a status change at once', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const { pool, live, updates } = setup(2, 100);
      pool.start(RUN_ID, PLAN);
      const progress = (done: number): NtkEvent => ({ v: 1, type: 'progress', runId: RUN_ID, task: 'experiments', done, total: 7_680_000, label: `at ${done}` });
      live(1).emit(progress(1));
      live(1).emit(progress(2));
      live(1).emit(progress(3));
      expect(updates.map((u) => u.label)).toEqual(['0 of 6 runs done; worker 1: queued; worker 2: at 1']);
      vi.advanceTimersByTime(100);
      expect(updates.map((u) => u.label)).toEqual(['0 of 6 runs done; worker 1: queued; worker 2: at 1', '0 of 6 runs done; worker 1: queued; worker 2: at 3']);
      live(1).emit(progress(4));
      pool.cancel(RUN_ID);
      live(1).emit({ v: 1, type: 'cancelled', runId: RUN_ID, task: 'experiments' });
      vi.advanceTimersByTime(200);
      // The report held back is dropped: nothing follows the status change.
      expect(updates.at(-1)).toEqual({ status: 'cancelled' });
    } finally {
      vi.useRealTimers();
    }
  });
});
