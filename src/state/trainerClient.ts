/**
 * The page's handle on the toy lab's training: a pool of training workers, each training a contiguous slice of the
 * ensemble's members (and of the no-augmentation twin) on its own backend and kernel, with no shared memory. Each
 * worker is a SupervisedWorker (restart budget over a time window). The summary worker merges each snapshot's slices
 * in member order and summarises them with the same code a single worker used, so the store sees what it always saw.
 *
 * Faults: a crashed worker, or one that lost its GPU device (it then excludes that backend), is replaced and
 * resumes its slice from its last checkpoint; one that keeps failing is dropped and its slice moves to a neighbour,
 * which resumes both slices from their latest common checkpoint, and a notice says so. Hidden tabs pause training.
 */
import { clampConfig, DEFAULT_CONFIG, type EnsembleConfig } from '../core/ensemble/config';
import { isRunTimings, type RunTimings } from '../core/ensemble/toyRun';
import { frameSchedule, snapshotSchedule } from '../core/ensemble/schedule';
import { splitMembers, type MemberSlice } from '../core/ensemble/memberSlice';
import { FrameCollector, SliceCollector, type RawFrameSlice, type RawSlice } from '../core/ensemble/sliceMerge';
import { frameMembers } from '../core/ensemble/snapshot';
import { SnapshotSummaries } from './snapshotSummaries';
import { useTrainingStore } from './trainingStore';
import { faultsEnabled } from './faultTargets';
import { SupervisedWorker } from './supervisedWorker';
import { workersFromParams } from './poolUrl';
import { PoolCheckpoints } from './poolCheckpoints';
import { combineProgress, type WorkerProgress } from './poolProgress';
import { ProgressThrottle } from './progressThrottle';
import { backendParam, isTrainerEvent, type BackendName, type TrainerCommand, type TrainerEvent } from '../worker/protocol';

type CommandBody = TrainerCommand extends infer C ? (C extends { v: 1 } ? Omit<C, 'v'> : never) : never;

interface PoolWorker {
  index: number;
  sw: SupervisedWorker;
  /** The members it trains in the current run (null: none, e.g. E smaller than the pool). */
  slice: MemberSlice | null;
  /** The session's run id its events for the current run carry (its own count of setConfig/reset/resume). */
  runId: number;
  backend: BackendName | null;
  progress: WorkerProgress | null;
  /** Where its time went, from its last report of a stop (done, paused). */
  timings: RunTimings | null;
}

export class TrainerClient {
  private workers: PoolWorker[] = [];
  private resumeAfterVisible = false;
  private lastConfig: EnsembleConfig | null = null;
  /** The run id of the store's timeline (the pool's own count of runs). */
  private runId = 0;
  private config: EnsembleConfig = DEFAULT_CONFIG;
  private collector = new SliceCollector(DEFAULT_CONFIG.ensembleSize);
  private frameCollector = new FrameCollector(DEFAULT_CONFIG.ensembleSize);
  private checkpoints = new PoolCheckpoints();
  private selectedMember = 0;
  /** Whether the user wants training to run (play pressed, not paused, not finished): a recovery resumes playing. */
  private playing = false;
  /** The store's progress line, at most every 100 ms while running (see ProgressThrottle for why). */
  private readonly progress = new ProgressThrottle<TrainerEvent>((e) => useTrainingStore.getState().applyEvent(e));
  private appliedStatus: string | null = null;
  /** Summaries of this run's snapshots and frames still out at the summary worker, and a stop report held until they are in. */
  private readonly summaries = new SnapshotSummaries();
  private summariesOut = 0;
  private heldStop: TrainerEvent | null = null;

  constructor(
    private readonly preferredBackend: BackendName | 'auto' = 'auto',
    allowFaults = false,
    workerCount = 1,
    private readonly poolNotices: string[] = [],
  ) {
    document.addEventListener('visibilitychange', this.onVisibility);
    for (let i = 0; i < workerCount; i++) this.workers.push(this.startWorker(i));
    useTrainingStore.getState().setWorkers(workerCount);
    if (allowFaults) {
      // Older tests drive the first worker through the top level of window.symlabFaults.
      const w = window as unknown as { symlabFaults?: Record<string, unknown> };
      if (w.symlabFaults?.toy) Object.assign(w.symlabFaults, w.symlabFaults.toy);
    }
  }

  /** Workers training now (fewer than started after one failed for good). */
  get workerCount(): number {
    return this.workers.length;
  }

  private startWorker(index: number): PoolWorker {
    const pw: PoolWorker = { index, sw: null as unknown as SupervisedWorker, slice: null, runId: 0, backend: null, progress: null, timings: null };
    pw.sw = new SupervisedWorker({
      label: 'training worker',
      faultTarget: index === 0 ? 'toy' : `toy-worker-${index}`,
      create: () => new Worker(new URL('../worker/trainer.worker.ts', import.meta.url), { type: 'module', name: `symmetry-lab-trainer-${index}` }),
      onMessage: (data) => this.onEvent(pw, data),
      onSpawn: (reason, post, context) => this.onSpawn(pw, reason, post, context.exclude),
      onGiveUp: (message) => this.onGiveUp(pw, message),
      // The worker kit's gate: no training step runs while the page is hidden, whatever the command (a step batch, a
      // resume after a recovery); onVisibility below also pauses the run, so the status says why it stopped.
      pauseWhenHidden: true,
    });
    return pw;
  }

  /** Give the pool a config (once per change). */
  ensureStarted(config: EnsembleConfig): void {
    if (JSON.stringify(config) !== JSON.stringify(this.lastConfig)) this.setConfig(config);
  }

  /** Forward a command to every worker that trains members; `selectMember` also picks the member the page-side summary shows. */
  send(body: CommandBody): void {
    if (body.type === 'selectMember') this.selectedMember = body.member;
    // Only workers with members to train: an idle one (E smaller than the pool) must not start a run of its own.
    for (const w of this.workers) if (w.slice) w.sw.post({ v: 1, ...body });
  }

  setConfig(config: EnsembleConfig): void {
    this.lastConfig = config;
    this.playing = false;
    this.newRun(config);
  }

  play(): void {
    this.playing = true;
    this.send({ type: 'start' });
  }
  pause(): void {
    this.playing = false;
    this.send({ type: 'pause' });
  }
  step(count = 1): void {
    this.send({ type: 'step', count });
  }
  reset(): void {
    this.playing = false;
    this.newRun(this.lastConfig ?? this.config);
  }

  /** For fault-injection tests: kill the first worker as a crash would. */
  terminateForTest(): void {
    this.workers[0]?.sw.terminateForTest();
  }

  /** Split the members across the workers and start a fresh timeline. */
  private newRun(raw: EnsembleConfig): void {
    const { config, notices } = clampConfig(raw, DEFAULT_CONFIG);
    this.config = config;
    this.collector = new SliceCollector(config.ensembleSize);
    this.frameCollector = new FrameCollector(config.ensembleSize);
    this.checkpoints = new PoolCheckpoints();
    this.progress.cancel();
    this.appliedStatus = null;
    this.summariesOut = 0;
    this.heldStop = null;
    this.runId++;
    const slices = splitMembers(config.ensembleSize, this.workers.length);
    this.workers.forEach((w, i) => {
      w.slice = slices[i] ?? null;
      w.progress = null;
      w.timings = null;
      if (!w.slice) return;
      w.runId++;
      w.sw.post({ v: 1, type: 'setConfig', config, slice: w.slice });
    });
    const store = useTrainingStore.getState();
    store.setWorkers(slices.length);
    store.applyEvent({ v: 1, type: 'config', runId: this.runId, config, notices: [...this.poolNotices, ...notices], schedule: snapshotSchedule(config.steps), frames: frameSchedule(config.steps) });
  }

  private onSpawn(w: PoolWorker, reason: string | null, post: (message: unknown) => void, exclude: BackendName[]): void {
    w.runId = 0;
    // Fault injection is allowed by the SupervisedWorker's own `allowFaults` message (pages opened with faults=1).
    post({ v: 1, type: 'init', backend: this.preferredBackend, exclude });
    if (reason === null || !w.slice) return;
    // A replacement: resume this worker's slice from its last checkpoint, or from the start.
    const store = useTrainingStore.getState();
    const cp = this.checkpoints.latest(w.slice.start);
    const said = /resumed$/.test(reason) ? reason : `${reason}. Restarted it and resumed`;
    const text = said.charAt(0).toUpperCase() + said.slice(1);
    w.runId = 1;
    w.progress = null;
    store.clearError();
    if (cp) {
      store.addRecovery(`${text} from step ${cp.step}.`);
      post({ v: 1, type: 'resume', checkpoint: cp, config: this.config, autoplay: this.playing, slice: w.slice });
    } else {
      store.addRecovery(`${text} from the start.`);
      post({ v: 1, type: 'setConfig', config: this.config, slice: w.slice });
      if (this.playing) post({ v: 1, type: 'start' });
    }
  }

  /** A worker failed for good: move its slice to a neighbour, or stop if it was the last one. */
  private onGiveUp(dead: PoolWorker, message: string): void {
    const store = useTrainingStore.getState();
    const i = this.workers.indexOf(dead);
    if (i < 0) return;
    this.workers.splice(i, 1);
    if (this.workers.length === 0) {
      this.playing = false;
      store.applyEvent({ v: 1, type: 'error', runId: this.runId, kind: 'internal', message: message.charAt(0).toUpperCase() + message.slice(1) + '.' });
      return;
    }
    store.setWorkers(this.workers.filter((w) => w.slice).length);
    if (!dead.slice) return;
    // The neighbour in member order whose slice joins the dead one's into one contiguous slice.
    const survivor =
      this.workers.find((w) => w.slice && w.slice.start + w.slice.count === dead.slice!.start) ??
      this.workers.find((w) => w.slice && w.slice.start === dead.slice!.start + dead.slice!.count) ??
      this.workers.find((w) => !w.slice);
    if (!survivor) return;
    const joined = this.checkpoints.join(dead.slice, survivor.slice);
    const starts = [dead.slice.start, ...(survivor.slice ? [survivor.slice.start] : [])];
    this.collector.dropAfter(joined.step, starts);
    this.frameCollector.dropAfter(joined.step, starts);
    survivor.slice = joined.slice;
    survivor.runId++;
    survivor.progress = null;
    if (joined.checkpoint) {
      survivor.sw.post({ v: 1, type: 'resume', checkpoint: joined.checkpoint, config: this.config, autoplay: this.playing, slice: joined.slice });
    } else {
      survivor.sw.post({ v: 1, type: 'setConfig', config: this.config, slice: joined.slice });
      if (this.playing) survivor.sw.post({ v: 1, type: 'start' });
    }
    const n = this.workers.filter((w) => w.slice).length;
    const last = joined.slice.start + joined.slice.count - 1;
    store.addRecovery(
      `${message.charAt(0).toUpperCase() + message.slice(1)}. Its members moved to another worker, which trains members ${joined.slice.start}–${last} ` +
        `from ${joined.step > 0 ? `step ${joined.step}` : 'the start'}; training continues on ${n} worker${n === 1 ? '' : 's'}.`,
    );
  }

  private onEvent(w: PoolWorker, data: unknown): void {
    if (!isTrainerEvent(data)) {
      console.warn('[symmetry-lab] ignored a malformed event from a training worker');
      return;
    }
    const e: TrainerEvent = data;
    const store = useTrainingStore.getState();
    if ('runId' in e && e.runId !== undefined && (e.runId !== w.runId || !w.slice)) return;
    switch (e.type) {
      case 'backend':
        w.backend = e.backend;
        if (w === this.workers[0]) store.applyEvent(e);
        // Each worker chooses its own backend: the badge must not say "each on wasm" when one trains on webgl.
        store.setWorkerBackends(this.workers.flatMap((x) => (x.backend ? [x.backend] : [])));
        return;
      case 'config':
      case 'snapshot':
      case 'frame':
        return;
      case 'rawSnapshot': {
        const parts = this.collector.addPart({ start: e.start, raw: e.raw, copy: e.copy });
        if (parts) this.summarize(parts);
        return;
      }
      case 'rawFrame': {
        // The slices' coarse predictions, merged in member order off the page; it keeps the means and the members a figure can show.
        const parts = this.frameCollector.addPart({ start: e.start, raw: e.raw, copy: e.copy });
        if (parts) this.summarizeFrame(parts);
        return;
      }
      case 'checkpoint':
        if (w.slice) this.checkpoints.add(w.slice.start, e.checkpoint, this.workers.flatMap((x) => (x.slice ? [x.slice.start] : [])));
        return;
      case 'progress': {
        w.progress = { step: e.step, stepsPerSecond: e.stepsPerSecond, loss: e.loss, status: e.status, tensors: e.tensors, members: w.slice?.count ?? 0 };
        const active = this.workers.filter((x) => x.slice);
        const p = combineProgress(active.map((x) => x.progress));
        if (p.status === 'done') this.playing = false;
        const urgent = p.status !== 'running' || p.status !== this.appliedStatus;
        this.appliedStatus = p.status;
        const event: TrainerEvent = { v: 1, type: 'progress', runId: this.runId, totalSteps: e.totalSteps, ...p };
        // "done" (or paused) only once every snapshot taken so far is on the timeline: hold it while summaries are out.
        if (p.status !== 'running' && this.summariesOut > 0) {
          this.progress.cancel();
          this.heldStop = event;
        } else {
          this.heldStop = null;
          this.progress.offer(event, urgent);
        }
        // Only well-formed timings reach the table: a faulty worker's message must not break the page's render.
        if (isRunTimings(e.timings)) w.timings = e.timings;
        const timings = active.flatMap((x) => (x.timings && x.progress?.status !== 'running' ? [x.timings] : []));
        if (p.status !== 'running' && timings.length === active.length) store.setRunTimings(timings);
        else if (p.status === 'running' && store.runTimings.length) store.setRunTimings([]);
        return;
      }
      case 'error':
        // A held-back "running" report must not land after the error and cover it.
        this.progress.cancel();
        if (e.kind === 'device-lost') {
          // The supervisor excludes that backend for this worker's replacements, as for every panel's worker.
          w.sw.deviceLost(w.backend ?? undefined, `${e.message}. Switched to the next backend and resumed`);
        } else if (e.kind === 'internal') {
          // An unexpected failure inside the worker: start a fresh one on the same backend and resume.
          w.sw.restart(`The training worker failed (${e.message}). Restarted it and resumed`);
        } else {
          if (e.kind !== 'invalid-command') this.playing = false;
          store.applyEvent({ ...e, runId: e.runId === undefined ? undefined : this.runId });
        }
        return;
    }
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

  /**
   * Put a summary on the timeline when it arrives (if its run is still the store's), or its error. A stop report
   * ("done", paused) is held until every summary out has arrived, so "done" means every snapshot and frame is shown.
   */
  private whenSummarized<T>(summary: Promise<T>, event: (s: T, runId: number) => TrainerEvent, what: string): void {
    const runId = this.runId;
    this.summariesOut++;
    summary
      .then(
        (s) => runId === this.runId && useTrainingStore.getState().applyEvent(event(s, runId)),
        (e: Error) => {
          if (runId !== this.runId) return;
          // The error stands: a held "done" must not cover it.
          this.heldStop = null;
          useTrainingStore.getState().applyEvent({ v: 1, type: 'error', runId, kind: 'internal', message: `${what} could not be summarised: ${e.message}` });
        },
      )
      .finally(() => {
        if (runId !== this.runId || --this.summariesOut > 0 || !this.heldStop) return;
        const held = this.heldStop;
        this.heldStop = null;
        this.progress.offer(held, true);
      });
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
