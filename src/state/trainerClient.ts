/**
 * The page's handle on the toy lab's training: a pool of training workers (WorkerPool), each training a contiguous
 * slice of the ensemble's members (and of the no-augmentation twin) on its own backend and kernel, with no shared
 * memory. The summary worker merges each snapshot's and each light frame's slices in member order and summarises them
 * with the same code a single worker used, so the store sees what it always saw.
 *
 * Faults are the pool's: a crashed worker, or one that lost its GPU device (it then excludes that backend), is
 * replaced and resumes its slice from its last checkpoint; one that keeps failing is dropped and its slice moves to a
 * neighbour, which resumes both slices from their latest common checkpoint, and a notice says so. Hidden tabs pause
 * training.
 */
import { clampConfig, DEFAULT_CONFIG, type EnsembleConfig } from '../core/ensemble/config';
import { isRunTimings, type RunTimings } from '../core/ensemble/toyRun';
import { snapshotSchedule, timelineSchedule } from '../core/ensemble/schedule';
import type { MemberSlice } from '../core/ensemble/memberSlice';
import type { RawFrameSlice, RawSlice } from '../core/ensemble/sliceMerge';
import { frameMembers } from '../core/ensemble/snapshot';
import { SnapshotSummaries } from './snapshotSummaries';
import { SummaryGate } from './summaryGate';
import { useTrainingStore } from './trainingStore';
import { faultsEnabled } from './faultTargets';
import { workersFromParams } from './poolUrl';
import { ProgressThrottle } from './progressThrottle';
import { WorkerPool, type PoolWorker } from './workerPool';
import { backendParam, isTrainerEvent, type BackendName, type TrainerCommand, type TrainerEvent } from '../worker/protocol';

type CommandBody = TrainerCommand extends infer C ? (C extends { v: 1 } ? Omit<C, 'v'> : never) : never;

/** The pool's one run: the toy lab's current timeline. */
const RUN = 'toy';

export class TrainerClient {
  private readonly pool: WorkerPool;
  private resumeAfterVisible = false;
  private lastConfig: EnsembleConfig | null = null;
  /** The run id of the store's timeline (the pool's own count of runs). */
  private runId = 0;
  private config: EnsembleConfig = DEFAULT_CONFIG;
  private selectedMember = 0;
  /** The store's progress line, at most every 100 ms while running (see ProgressThrottle for why). */
  private readonly progress = new ProgressThrottle<TrainerEvent>((e) => useTrainingStore.getState().applyEvent(e));
  private appliedStatus: string | null = null;
  /** Where each worker's time went, from its last report of a stop (done, paused), for the time table. */
  private timings = new Map<PoolWorker, RunTimings>();
  private readonly summaries = new SnapshotSummaries();
  /** "done" (or paused) only once every snapshot and frame taken so far is on the timeline. */
  private readonly gate = new SummaryGate<TrainerEvent>((held) => this.progress.offer(held, true));

  constructor(
    private readonly preferredBackend: BackendName | 'auto' = 'auto',
    allowFaults = false,
    workerCount = 1,
    private readonly poolNotices: string[] = [],
  ) {
    document.addEventListener('visibilitychange', this.onVisibility);
    this.pool = new WorkerPool(workerCount, {
      label: 'training worker',
      faultTarget: (i) => (i === 0 ? 'toy' : `toy-worker-${i}`),
      create: (i) => new Worker(new URL('../worker/trainer.worker.ts', import.meta.url), { type: 'module', name: `symmetry-lab-trainer-${i}` }),
      // Fault injection is allowed by the SupervisedWorker's own `allowFaults` message (pages opened with faults=1).
      init: (post, { exclude }) => post({ v: 1, type: 'init', backend: this.preferredBackend, exclude } satisfies TrainerCommand),
      onMessage: (w, data) => this.onEvent(w, data),
      onRecovery: (text) => {
        const store = useTrainingStore.getState();
        store.clearError();
        store.addRecovery(text);
      },
      onFailed: (message) => useTrainingStore.getState().applyEvent({ v: 1, type: 'error', runId: this.runId, kind: 'internal', message }),
      onWorkers: (n) => useTrainingStore.getState().setWorkers(n),
    });
    if (allowFaults) {
      // Older tests drive the first worker through the top level of window.symlabFaults.
      const w = window as unknown as { symlabFaults?: Record<string, unknown> };
      if (w.symlabFaults?.toy) Object.assign(w.symlabFaults, w.symlabFaults.toy);
    }
  }

  /** Give the pool a config (once per change). */
  ensureStarted(config: EnsembleConfig): void {
    if (JSON.stringify(config) !== JSON.stringify(this.lastConfig)) this.setConfig(config);
  }

  /** Forward a command to every worker that trains members; `selectMember` also picks the member the summaries show. */
  send(body: CommandBody): void {
    if (body.type === 'selectMember') this.selectedMember = body.member;
    // Only workers with members to train: an idle one (E smaller than the pool) must not start a run of its own.
    this.pool.post(RUN, { v: 1, ...body });
  }

  setConfig(config: EnsembleConfig): void {
    this.lastConfig = config;
    this.newRun(config);
  }

  play(): void {
    this.pool.setPlaying(RUN, true);
    this.send({ type: 'start' });
  }
  pause(): void {
    this.pool.setPlaying(RUN, false);
    this.send({ type: 'pause' });
  }
  step(count = 1): void {
    this.send({ type: 'step', count });
  }
  reset(): void {
    this.newRun(this.lastConfig ?? this.config);
  }

  /** Split the members across the workers and start a fresh timeline, paused at step 0. */
  private newRun(raw: EnsembleConfig): void {
    const { config, notices } = clampConfig(raw, DEFAULT_CONFIG);
    this.config = config;
    this.progress.cancel();
    this.appliedStatus = null;
    this.timings = new Map();
    this.gate.reset();
    this.runId++;
    this.pool.start(
      RUN,
      {
        E: config.ensembleSize,
        name: 'the run',
        configure: (slice: MemberSlice) => ({ v: 1, type: 'setConfig', config, slice }) satisfies TrainerCommand,
        play: () => ({ v: 1, type: 'start' }) satisfies TrainerCommand,
        resume: (slice, checkpoint, autoplay) => ({ v: 1, type: 'resume', checkpoint, config, autoplay, slice }) satisfies TrainerCommand,
        stop: () => ({ v: 1, type: 'pause' }) satisfies TrainerCommand,
      },
      false,
    );
    useTrainingStore.getState().applyEvent({ v: 1, type: 'config', runId: this.runId, config, notices: [...this.poolNotices, ...notices], schedule: snapshotSchedule(config.steps), frames: timelineSchedule(config.steps, config.lightFrames) });
  }

  private onEvent(w: PoolWorker, data: unknown): void {
    if (!isTrainerEvent(data)) {
      console.warn('[symmetry-lab] ignored a malformed event from a training worker');
      return;
    }
    const e: TrainerEvent = data;
    const store = useTrainingStore.getState();
    if (e.type === 'backend') {
      w.backend = e.backend;
      if (w === this.pool.workers[0]) store.applyEvent(e);
      // Each worker chooses its own backend: the badge must not say "each on wasm" when one trains on webgl.
      store.setWorkerBackends(this.pool.workers.flatMap((x) => (x.backend ? [x.backend] : [])));
      return;
    }
    // An event of an older run of this worker, or of a worker with no members now, is stale.
    if ('runId' in e && e.runId !== undefined && !this.pool.accept(w, RUN, e.runId)) return;
    switch (e.type) {
      case 'rawSnapshot': {
        const parts = this.pool.addPart(RUN, { start: e.start, raw: e.raw, copy: e.copy });
        if (parts) this.summarize(parts);
        return;
      }
      case 'rawFrame': {
        // The slices' coarse predictions, merged in member order off the page; it keeps the means and the members a figure can show.
        const parts = this.pool.addFramePart(RUN, { start: e.start, raw: e.raw, copy: e.copy });
        if (parts) this.summarizeFrame(parts);
        return;
      }
      case 'checkpoint':
        this.pool.addCheckpoint(w, RUN, e.checkpoint);
        return;
      case 'progress':
        return this.onProgress(w, e);
      case 'error':
        // A held-back "running" report must not land after the error and cover it.
        this.progress.cancel();
        // The pool replaces the worker and resumes its slice: on the next backend after a lost device, on the same one
        // after an unexpected failure inside it.
        if (e.kind === 'device-lost') return this.pool.deviceLost(w, e.message);
        if (e.kind === 'internal') return w.sw.restart(`The training worker failed (${e.message})`);
        if (e.kind !== 'invalid-command') this.pool.setPlaying(RUN, false);
        store.applyEvent({ ...e, runId: e.runId === undefined ? undefined : this.runId });
        return;
      default:
        // 'config', whole snapshots and frames: a pool's workers train slices, and the page announces its own runs.
        return;
    }
  }

  private onProgress(w: PoolWorker, e: Extract<TrainerEvent, { type: 'progress' }>): void {
    const store = useTrainingStore.getState();
    const p = this.pool.progress(w, RUN, { step: e.step, stepsPerSecond: e.stepsPerSecond, loss: e.loss, status: e.status, tensors: e.tensors });
    const urgent = p.status !== 'running' || p.status !== this.appliedStatus;
    this.appliedStatus = p.status;
    const event: TrainerEvent = { v: 1, type: 'progress', runId: this.runId, totalSteps: e.totalSteps, ...p };
    if (p.status === 'running') this.gate.clear();
    if (p.status !== 'running' && this.gate.hold(event)) this.progress.cancel();
    else this.progress.offer(event, urgent);
    // Only well-formed timings reach the table: a faulty worker's message must not break the page's render.
    if (isRunTimings(e.timings)) this.timings.set(w, e.timings);
    const active = this.pool.training(RUN);
    const stopped = active.flatMap((x) => {
      const t = this.timings.get(x);
      return t && x.runs.get(RUN)?.progress?.status !== 'running' ? [t] : [];
    });
    if (p.status !== 'running' && stopped.length === active.length) store.setRunTimings(stopped);
    else if (p.status === 'running' && store.runTimings.length) store.setRunTimings([]);
  }

  /** Merge a step's slices in member order and summarise them, off the page thread (SnapshotSummaries); put it on this run's timeline. */
  private summarize(parts: RawSlice[]): void {
    const E = this.config.ensembleSize;
    this.whenSummarized(this.summaries.summarize(this.config, Math.min(this.selectedMember, E - 1), parts), (snapshot, runId) => ({ v: 1, type: 'snapshot', runId, snapshot }), 'A snapshot');
  }

  /** The same for a light frame: its means and the members the figures can show. */
  private summarizeFrame(parts: RawFrameSlice[]): void {
    const E = this.config.ensembleSize;
    this.whenSummarized(this.summaries.summarizeFrame(E, frameMembers(Math.min(this.selectedMember, E - 1), E), parts), (frame, runId) => ({ v: 1, type: 'frame', runId, frame }), 'A frame of the animation');
  }

  /** Put a summary on the timeline when it arrives (if its run is still the store's), or its error. */
  private whenSummarized<T>(summary: Promise<T>, event: (s: T, runId: number) => TrainerEvent, what: string): void {
    const runId = this.runId;
    const store = () => useTrainingStore.getState();
    this.gate.track(
      summary,
      (s) => store().applyEvent(event(s, runId)),
      (e) => store().applyEvent({ v: 1, type: 'error', runId, kind: 'internal', message: `${what} could not be summarised: ${e.message}` }),
    );
  }

  private onVisibility = (): void => {
    const status = useTrainingStore.getState().status;
    if (document.hidden) {
      this.resumeAfterVisible = status === 'running';
      if (this.resumeAfterVisible) this.pause();
    } else if (this.resumeAfterVisible) {
      this.resumeAfterVisible = false;
      this.play();
    }
  };
}

let client: TrainerClient | null = null;

/**
 * The one training pool of this page. The backend override comes from `backend=` in the URL (or the argument), the
 * worker count from `workers=` (one on a named GPU backend unless given), fault injection from `faults=1`; all are read once, when the pool is created.
 */
export function getTrainerClient(preferredBackend?: BackendName | 'auto'): TrainerClient {
  if (!client) {
    const params = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
    const backend = preferredBackend && preferredBackend !== 'auto' ? preferredBackend : backendParam(params);
    const asked = workersFromParams(params);
    // A GPU backend is one device shared by every worker: splitting the members across workers only adds copies of
    // the weights and contexts there, so a link that names webgl or webgpu trains on one worker unless it says more.
    const gpu = backend === 'webgl' || backend === 'webgpu';
    const workers = gpu && !params.has('workers') ? 1 : asked.workers;
    client = new TrainerClient(backend, faultsEnabled(), workers, asked.notices);
  }
  return client;
}
