/**
 * The NTK panel's extra training runs on a pool of NTK workers. A plan's runs are independent (each seeded from the
 * plan's config alone), so they are split over `workers=` workers by cost (splitExperimentRuns) and put back together
 * in plan order (assembleExperimentRuns): the result is one worker's, bit for bit. Worker 0 is the panel's own NTK
 * worker (closed form, width sweep), owned by useNtkWorker; workers 1 … n−1 are started here on the first run and
 * kept for later ones.
 *
 * Not the generic WorkerPool (workerPool.ts): that one splits the members of one run and resumes slices from
 * checkpoints; here the unit is a whole run, and a run that was not finished is simply trained again.
 *
 * - A replaced worker (crash, termination) is sent its share's runs that no worker has finished yet; finished runs are
 *   kept and not trained again.
 * - A worker that keeps failing is dropped: its unfinished runs go to the live worker with the least work left, and a
 *   notice says how many workers go on.
 * - Progress is the sum over workers, in units of experimentRunCost, against the whole plan's cost, at most every
 *   100 ms (each worker reports every ~30 ms, and each report re-renders the panel on the cores the workers train on).
 */
import {
  assembleExperimentRuns,
  experimentRunCost,
  experimentRunSpecs,
  firstStoppedRun,
  splitExperimentRuns,
  type ExperimentRunSpec,
  type FinishedExperimentRun,
} from '../core/ntk/experimentRuns';
import { EVAL_GRID } from '../core/ntk/plans';
import type { ExperimentPlan, ExperimentResult, NtkCommand, NtkEvent } from '../worker/ntkProtocol';
import { ProgressThrottle } from './progressThrottle';
import { capitalise, SupervisedWorker } from './supervisedWorker';

/** One experiments command given to one worker: the runs it trains, in plan order. */
interface Share {
  worker: number;
  runs: number[];
  /** Cost of the share's runs finished before this command was sent (by an earlier worker of the same index). */
  kept: number;
  /** The worker's own progress on this command, in cost units. */
  done: number;
  label: string;
  /** The worker said it finished this command (its `experiments` event). */
  finished: boolean;
  backend: string | null;
}

interface PlanRun {
  runId: number;
  plan: ExperimentPlan;
  specs: ExperimentRunSpec[];
  total: number;
  startedAt: number;
  /** In the order they were sent; a worker runs its commands one after another. */
  shares: Share[];
  finished: Map<number, FinishedExperimentRun>;
  cancelRequested: boolean;
}

/** A change to the panel's experiments task (useNtkWorker's TaskState). */
export interface ExperimentsUpdate {
  status?: 'cancelled' | 'error' | 'done';
  done?: number;
  total?: number;
  label?: string;
  result?: ExperimentResult;
  error?: string;
}

export interface NtkExperimentPoolOptions {
  /** Post to worker 0 (the panel's NTK worker); false when it is gone. */
  postFirst(message: NtkCommand): boolean;
  /** Start NTK worker `index` ≥ 1. */
  create(index: number): Worker;
  /** Update the experiments task if it is still run `runId`. */
  update(runId: number, change: ExperimentsUpdate): void;
  /** A worker was replaced or dropped and the runs go on: what happened, in the user's words. */
  onRecovery(text: string): void;
  /** How many workers train the experiments now (after a start or a drop). */
  onWorkers(count: number): void;
  /** The least time between two progress updates (default 100 ms; status changes are applied at once). */
  progressIntervalMs?: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export class NtkExperimentPool {
  /** Workers 1 … n−1 (index 0 unused: worker 0 belongs to useNtkWorker); null once given up. */
  private readonly extras: (SupervisedWorker | null | undefined)[] = [];
  private readonly dead = new Set<number>();
  private run: PlanRun | null = null;
  private readonly throttle: ProgressThrottle<{ runId: number; change: ExperimentsUpdate }>;

  constructor(
    /** How many workers share a plan (the `workers=` key, clamped); read at each start. */
    public size: number,
    private readonly options: NtkExperimentPoolOptions,
  ) {
    this.throttle = new ProgressThrottle(({ runId, change }) => options.update(runId, change), options.progressIntervalMs ?? 100);
  }

  /** A status change: at once, dropping a progress update held back. */
  private settle(runId: number, change: ExperimentsUpdate): void {
    this.throttle.offer({ runId, change }, true);
  }

  /** Split `plan` over the pool and start every share. */
  start(runId: number, plan: ExperimentPlan): void {
    if (this.run) this.cancel(this.run.runId);
    const live = [0, ...Array.from({ length: Math.max(0, this.size - 1) }, (_, i) => i + 1)].filter((w) => !this.dead.has(w));
    const lists = splitExperimentRuns(plan, live.length);
    const specs = experimentRunSpecs(plan);
    this.run = {
      runId,
      plan,
      specs,
      total: specs.reduce((a, s) => a + experimentRunCost(s), 0),
      startedAt: performance.now(),
      shares: lists.map((runs, i) => ({ worker: live[i], runs, kept: 0, done: 0, label: 'queued', finished: false, backend: null })),
      finished: new Map(),
      cancelRequested: false,
    };
    for (const share of this.run.shares) this.send(share);
    this.options.onWorkers(lists.length);
  }

  cancel(runId: number): void {
    const run = this.run;
    if (!run || run.runId !== runId) return;
    run.cancelRequested = true;
    for (const w of new Set(run.shares.filter((s) => !s.finished).map((s) => s.worker))) this.post(w, { v: 1, type: 'cancel', runId });
  }

  /** An event of worker `worker` about the experiments (any task 'experiments' event, or `experimentRun`). */
  onEvent(worker: number, ev: NtkEvent): void {
    const run = this.run;
    if (!run || !('runId' in ev) || ev.runId !== run.runId) return;
    const share = run.shares.find((s) => s.worker === worker && !s.finished);
    switch (ev.type) {
      case 'progress':
        if (!share) return;
        share.done = (ev.done * this.cost(run, share.runs)) / Math.max(1, ev.total);
        share.label = ev.label;
        this.reportProgress(run);
        return;
      case 'experimentRun':
        run.finished.set(ev.index, { index: ev.index, sizeRun: ev.sizeRun, stepRun: ev.stepRun, stopped: ev.stopped });
        this.finishIfComplete(run);
        return;
      case 'experiments':
        if (!share) return;
        share.finished = true;
        share.backend = ev.result.backend;
        this.finishIfComplete(run);
        return;
      case 'cancelled':
        this.run = null;
        this.settle(run.runId, { status: 'cancelled' });
        return;
      case 'error':
        this.stopOthers(run, worker);
        this.run = null;
        this.settle(run.runId, { status: 'error', error: ev.message });
        return;
    }
  }

  /**
   * Worker `worker` was replaced: send it its unfinished runs again. Returns what was resumed, for the notice, or
   * null when it had no runs in progress.
   */
  resume(worker: number): string | null {
    const run = this.run;
    const mine = run?.shares.filter((s) => s.worker === worker && !s.finished) ?? [];
    if (!run || mine.length === 0) return null;
    if (run.cancelRequested) {
      this.run = null;
      this.settle(run.runId, { status: 'cancelled' });
      return null;
    }
    // Its commands are lost with it: one command with every run it still owes.
    run.shares = run.shares.filter((s) => !mine.includes(s));
    const share = this.owed(run, worker, mine.flatMap((s) => s.runs));
    const kept = run.finished.size;
    if (share.runs.length === 0) {
      share.finished = true;
      this.finishIfComplete(run);
    } else this.send(share);
    if (kept === 0) return this.size > 1 ? `restarted its ${plural(share.runs.length, 'run')} of the experiments from the start (same seed)` : 'restarted the experiments from their start (same seed)';
    const more = this.size > 1 ? `; this worker trains ${plural(share.runs.length, 'run')} again` : '';
    return `resumed the experiments (${kept} of ${run.specs.length} runs kept${more})`;
  }

  /** Worker `worker` failed for good: its unfinished runs move to the live worker with the least work left. */
  giveUp(worker: number, message: string): void {
    this.dead.add(worker);
    const run = this.run;
    const mine = run?.shares.filter((s) => s.worker === worker && !s.finished) ?? [];
    if (!run || mine.length === 0) return;
    run.shares = run.shares.filter((s) => !mine.includes(s));
    const owed = (w: number) => this.cost(run, run.shares.filter((s) => s.worker === w && !s.finished).flatMap((s) => s.runs));
    const live = [...new Set(run.shares.map((s) => s.worker))].filter((w) => !this.dead.has(w));
    if (live.length === 0) {
      this.run = null;
      this.settle(run.runId, { status: 'error', error: capitalise(message) });
      return;
    }
    const to = live.reduce((a, b) => (owed(b) < owed(a) ? b : a));
    const share = this.owed(run, to, mine.flatMap((s) => s.runs));
    if (share.runs.length > 0) this.send(share);
    else share.finished = true;
    this.options.onWorkers(live.length);
    this.options.onRecovery(
      `${capitalise(message)}. Its ${plural(share.runs.length, 'unfinished run')} moved to another NTK worker; the experiments continue on ${plural(live.length, 'worker')}.`,
    );
    this.finishIfComplete(run);
  }

  /** For fault-injection tests and unmount. */
  dispose(): void {
    this.throttle.cancel();
    for (const w of this.extras) w?.dispose();
    this.extras.length = 0;
    this.run = null;
  }

  /** A new share for `worker` of the runs in `runs` that are still needed, appended to the run's shares. */
  private owed(run: PlanRun, worker: number, runs: number[]): Share {
    const stop = firstStoppedRun(run.finished);
    const todo = runs.filter((i) => !run.finished.has(i) && i < stop).sort((a, b) => a - b);
    const kept = this.cost(run, runs.filter((i) => run.finished.has(i)));
    const share: Share = { worker, runs: todo, kept, done: 0, label: 'resuming in a new NTK worker', finished: false, backend: null };
    run.shares.push(share);
    return share;
  }

  private send(share: Share): void {
    const run = this.run!;
    this.post(share.worker, { v: 1, type: 'experiments', runId: run.runId, plan: run.plan, runs: share.runs });
  }

  private post(worker: number, message: NtkCommand): void {
    if (worker === 0) {
      this.options.postFirst(message);
      return;
    }
    this.extra(worker)?.post(message);
  }

  /** Worker `index` ≥ 1, started on first use. */
  private extra(index: number): SupervisedWorker | null {
    if (this.extras[index] !== undefined) return this.extras[index]!;
    const sw = new SupervisedWorker({
      label: `NTK worker ${index + 1}`,
      faultTarget: `ntk-worker-${index}`,
      pauseWhenHidden: true,
      create: () => this.options.create(index),
      onMessage: (data) => this.onEvent(index, data as NtkEvent),
      onSpawn: (reason) => {
        if (reason === null) return;
        const resumed = this.resume(index);
        this.options.onRecovery(`${capitalise(reason)}. Restarted NTK worker ${index + 1}${resumed ? `; ${resumed}` : ''}.`);
      },
      onGiveUp: (message) => {
        this.extras[index] = null;
        this.giveUp(index, message);
      },
    });
    this.extras[index] = sw.alive ? sw : null;
    return this.extras[index]!;
  }

  private stopOthers(run: PlanRun, except: number): void {
    for (const w of new Set(run.shares.filter((s) => !s.finished && s.worker !== except).map((s) => s.worker))) this.post(w, { v: 1, type: 'cancel', runId: run.runId });
  }

  private reportProgress(run: PlanRun): void {
    // A finished share counts with its runs' whole cost (its last progress report may be short of it).
    const done = run.shares.reduce((a, s) => a + s.kept + (s.finished ? this.cost(run, s.runs) : s.done), 0);
    const active = run.shares.filter((s) => !s.finished);
    const labels = active.length > 1 ? active.map((s) => `worker ${s.worker + 1}: ${s.label}`) : active.map((s) => s.label);
    const count = `${run.finished.size} of ${run.specs.length} runs done`;
    this.throttle.offer({ runId: run.runId, change: { done: Math.min(done, run.total), total: run.total, label: [count, ...labels].join('; ') } }, false);
  }

  private cost(run: PlanRun, runs: number[]): number {
    return runs.reduce((a, i) => a + experimentRunCost(run.specs[i]), 0);
  }

  /**
   * Done once every run the result needs came and the workers said they finished (which names their backend): all of
   * them, or after a run stopped early the one that stopped it; the others are cancelled.
   */
  private finishIfComplete(run: PlanRun): void {
    const assembled = assembleExperimentRuns(run.plan, run.finished);
    if (!assembled) return this.reportProgress(run);
    const stop = firstStoppedRun(run.finished);
    const needed = run.shares.filter((s) => (stop === Infinity ? true : s.runs.includes(stop)));
    if (needed.some((s) => !s.finished)) return this.reportProgress(run);
    this.stopOthers(run, -1);
    this.run = null;
    const backends = [...new Set(run.shares.filter((s) => s.finished && s.backend).map((s) => s.backend!))];
    const result: ExperimentResult = { ...assembled, evalPoints: EVAL_GRID.size, backend: backends.join(' and ') || 'wasm', ms: performance.now() - run.startedAt };
    this.settle(run.runId, { status: 'done', result, done: run.total, total: run.total });
  }
}
