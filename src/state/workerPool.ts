/**
 * A pool of panel workers that train the members of an ensemble in slices, generic over the panel's protocol: the
 * page-side mechanics the toy lab's TrainerClient has, for any client whose worker trains a slice of members per
 * run and posts raw member rows, checkpoints and progress. One pool can hold several runs at once, keyed by name
 * (the vector lab's `plane` and `cross`), each split over the pool's workers on its own.
 *
 * - A run's members are split into contiguous slices in member order (splitMembers); each worker trains one.
 * - Raw snapshots, and light frames where the run has them, are collected until every slice of a step came
 *   (SliceCollector, FrameCollector); the owner merges them in member order and summarises, in its summary worker.
 * - Progress is the slowest slice's (combineProgress).
 * - A crashed worker (or one that lost its GPU device) is replaced by its SupervisedWorker and resumes each of its
 *   slices from that slice's latest checkpoint (PoolCheckpoints). One that keeps failing is dropped: each of its
 *   slices joins a neighbour's, which resumes the joined slice from their latest common checkpoint, and a notice says
 *   how many workers go on.
 *
 * The owner speaks its protocol through `PoolRunSpec` (the messages that start or resume a slice) and routes its
 * workers' events to `accept`, `addPart`, `addFramePart`, `addCheckpoint` and `progress`. Its users: the toy lab's
 * TrainerClient (one run), the vector lab's VectorPool (two) and the images lab's client.
 */
import { splitMembers, type MemberSlice } from '../core/ensemble/memberSlice';
import { FrameCollector, SliceCollector, type RawFrameSlice, type RawSlice } from '../core/ensemble/sliceMerge';
import type { ToyCheckpoint } from '../core/ensemble/toyRun';
import type { BackendName } from '../worker/protocol';
import { PoolCheckpoints } from './poolCheckpoints';
import { combineProgress, type WorkerProgress } from './poolProgress';
import { capitalise, SupervisedWorker, type SpawnContext } from './supervisedWorker';

/** How the owner's protocol starts, resumes and stops one slice of a run. */
export interface PoolRunSpec {
  /** The run's ensemble size E (after the owner's clamp). */
  E: number;
  /** What the user calls the run in notices: "the plane lab". */
  name: string;
  /** The message that starts `slice` from step 0 (its worker's session counts it as one more run). */
  configure(slice: MemberSlice, autoplay: boolean): unknown;
  /**
   * For a protocol whose configure message cannot say "and play" (the toy lab's): the message that starts a
   * configured slice playing, sent after `configure` when the run is playing.
   */
  play?(): unknown;
  /** The message that continues `slice` from `checkpoint` (also one more run). */
  resume(slice: MemberSlice, checkpoint: ToyCheckpoint, autoplay: boolean): unknown;
  /** The message that stops a worker's older run of this key when it gets no slice of the new one. */
  stop(): unknown;
}

/** A worker's part in one run. */
interface WorkerRun {
  /** The members it trains (null: none in the current run). */
  slice: MemberSlice | null;
  /** The run id its own session gave its latest run of this key (sessions count configure/resume, from 1). */
  runId: number;
  progress: WorkerProgress | null;
}

export interface PoolWorker {
  readonly index: number;
  sw: SupervisedWorker;
  /** The backend it announced, for a lost-device restart. */
  backend: BackendName | null;
  runs: Map<string, WorkerRun>;
}

interface PoolRun {
  spec: PoolRunSpec;
  collector: SliceCollector;
  frames: FrameCollector;
  checkpoints: PoolCheckpoints;
  playing: boolean;
}

export interface WorkerPoolOptions {
  /** What the user calls one worker: "vector lab worker". */
  label: string;
  /** Key under window.symlabFaults for worker `index` (the first keeps the panel's old key). */
  faultTarget(index: number): string;
  create(index: number): Worker;
  /**
   * Post the worker's init message (backend, excluded backends), on its first start and after each replacement:
   * `worker` says which, so the owner can rebuild there what that worker held beyond its slices (a finished run).
   */
  init(post: (message: unknown) => void, context: SpawnContext, worker: PoolWorker): void;
  onMessage(worker: PoolWorker, data: unknown): void;
  /** A worker was replaced or dropped and the runs go on: what happened, in the user's words. */
  onRecovery(text: string): void;
  /** The last worker failed for good. */
  onFailed(message: string): void;
  /** How many workers train now (after a start or a drop). */
  onWorkers?(count: number): void;
}

export class WorkerPool {
  readonly workers: PoolWorker[] = [];
  private runs = new Map<string, PoolRun>();

  constructor(
    count: number,
    private readonly options: WorkerPoolOptions,
  ) {
    for (let i = 0; i < Math.max(1, count); i++) this.workers.push(this.startWorker(i));
    options.onWorkers?.(this.workers.length);
  }

  private startWorker(index: number): PoolWorker {
    const pw: PoolWorker = { index, sw: null as unknown as SupervisedWorker, backend: null, runs: new Map() };
    pw.sw = new SupervisedWorker({
      label: this.options.label,
      faultTarget: this.options.faultTarget(index),
      pauseWhenHidden: true,
      create: () => this.options.create(index),
      onMessage: (data) => this.options.onMessage(pw, data),
      onSpawn: (reason, post, context) => this.onSpawn(pw, reason, post, context),
      onGiveUp: (message) => this.onGiveUp(pw, message),
    });
    return pw;
  }

  /** Workers that train members of `key` now. */
  training(key: string): PoolWorker[] {
    return this.workers.filter((w) => w.runs.get(key)?.slice);
  }

  /** A new run of `key`: split its members over the workers and start every slice. Returns the slices. */
  start(key: string, spec: PoolRunSpec, autoplay: boolean): MemberSlice[] {
    this.runs.set(key, { spec, collector: new SliceCollector(spec.E), frames: new FrameCollector(spec.E), checkpoints: new PoolCheckpoints(), playing: autoplay });
    const slices = splitMembers(spec.E, this.workers.length);
    this.workers.forEach((w, i) => {
      const slice = slices[i] ?? null;
      const had = w.runs.get(key);
      const run: WorkerRun = { slice, runId: had?.runId ?? 0, progress: null };
      w.runs.set(key, run);
      if (slice) this.configure(w, run, spec, slice, autoplay);
      else if (had?.slice) w.sw.post(spec.stop());
    });
    this.options.onWorkers?.(slices.length);
    return slices;
  }

  /** Run `key` is over (finished, failed or cancelled): forget it, so a replaced worker resumes none of its slices. */
  finish(key: string): void {
    this.runs.delete(key);
    for (const w of this.workers) w.runs.delete(key);
  }

  /** Forward a command of run `key` to every worker that trains some of its members. */
  post(key: string, message: unknown): void {
    for (const w of this.training(key)) w.sw.post(message);
  }

  /** Whether the user wants run `key` to play (a recovery resumes playing then). */
  setPlaying(key: string, playing: boolean): void {
    const run = this.runs.get(key);
    if (run) run.playing = playing;
  }

  /** The worker's part in run `key` if an event with `runId` belongs to its current slice, else null (stale). */
  accept(w: PoolWorker, key: string, runId: number | undefined): MemberSlice | null {
    const run = w.runs.get(key);
    return run?.slice && (runId === undefined || runId === run.runId) ? run.slice : null;
  }

  /** Add a slice's raw snapshot; the whole ensemble's, in member order, once its step is complete. */
  addPart(key: string, part: RawSlice): RawSlice[] | null {
    return this.runs.get(key)?.collector.addPart(part) ?? null;
  }

  /** The same for a slice's light frame. */
  addFramePart(key: string, part: RawFrameSlice): RawFrameSlice[] | null {
    return this.runs.get(key)?.frames.addPart(part) ?? null;
  }

  addCheckpoint(w: PoolWorker, key: string, checkpoint: ToyCheckpoint): void {
    const slice = w.runs.get(key)?.slice;
    if (slice) this.runs.get(key)?.checkpoints.add(slice.start, checkpoint, this.training(key).map((x) => x.runs.get(key)!.slice!.start));
  }

  /** Record a worker's progress on run `key`; the pool's progress of that run (the slowest slice). */
  progress(w: PoolWorker, key: string, p: Omit<WorkerProgress, 'members'>): ReturnType<typeof combineProgress> {
    const run = w.runs.get(key);
    if (run?.slice) run.progress = { ...p, members: run.slice.count };
    const combined = combineProgress(this.training(key).map((x) => x.runs.get(key)!.progress));
    if (combined.status === 'done') this.setPlaying(key, false);
    return combined;
  }

  /** The worker lost its GPU device: replace it, skipping that backend, and resume its slices. */
  deviceLost(w: PoolWorker, message: string): void {
    w.sw.deviceLost(w.backend ?? undefined, message);
  }

  dispose(): void {
    for (const w of this.workers) w.sw.dispose();
  }

  private send(w: PoolWorker, run: WorkerRun, message: unknown): void {
    run.runId++;
    w.sw.post(message);
  }

  /** Start `slice` from step 0 on `w` (one more run of its session), playing if asked. */
  private configure(w: PoolWorker, run: WorkerRun, spec: PoolRunSpec, slice: MemberSlice, autoplay: boolean): void {
    this.send(w, run, spec.configure(slice, autoplay));
    if (autoplay && spec.play) w.sw.post(spec.play());
  }

  /** "members 3–5" when the run is split, else nothing: a notice names the slice only where there are several. */
  private membersOf(key: string, slice: MemberSlice): string {
    return this.training(key).length > 1 || slice.count < (this.runs.get(key)?.spec.E ?? 0) ? ` (members ${slice.start}–${slice.start + slice.count - 1})` : '';
  }

  private onSpawn(w: PoolWorker, reason: string | null, post: (message: unknown) => void, context: SpawnContext): void {
    this.options.init(post, context, w);
    if (reason === null) return;
    // A replacement: its sessions count runs from 1 again. Resume each of its slices from its latest checkpoint.
    const resumed: string[] = [];
    for (const [key, part] of w.runs) {
      part.runId = 0;
      part.progress = null;
      const run = this.runs.get(key);
      if (!part.slice || !run) continue;
      const cp = run.checkpoints.latest(part.slice.start);
      part.runId = 1;
      if (cp) {
        post(run.spec.resume(part.slice, cp, run.playing));
        resumed.push(`${run.spec.name} from step ${cp.step}${this.membersOf(key, part.slice)}`);
      } else {
        post(run.spec.configure(part.slice, run.playing));
        if (run.playing && run.spec.play) post(run.spec.play());
        if (run.playing) resumed.push(`${run.spec.name} from its start${this.membersOf(key, part.slice)}`);
      }
    }
    const where = context.nextBackend ? ' on the next backend' : '';
    const what = resumed.length ? `resumed ${resumed.join(' and ')}` : 'no run was in progress';
    this.options.onRecovery(`${capitalise(reason)}. Restarted the ${this.options.label}${where}; ${what}.`);
  }

  /** A worker failed for good: each of its slices moves to a neighbour; the last one's failure stops the pool. */
  private onGiveUp(dead: PoolWorker, message: string): void {
    const i = this.workers.indexOf(dead);
    if (i < 0) return;
    this.workers.splice(i, 1);
    if (this.workers.length === 0) return this.options.onFailed(capitalise(message) + '.');
    const moved: string[] = [];
    for (const [key, part] of dead.runs) {
      const run = this.runs.get(key);
      if (!part.slice || !run) continue;
      const d = part.slice;
      const slice = (w: PoolWorker) => w.runs.get(key)?.slice;
      // The neighbour in member order whose slice joins the dead one's into one contiguous slice, else an idle worker.
      const survivor =
        this.workers.find((w) => slice(w) && slice(w)!.start + slice(w)!.count === d.start) ??
        this.workers.find((w) => slice(w) && slice(w)!.start === d.start + d.count) ??
        this.workers.find((w) => !slice(w));
      if (!survivor) continue;
      const own = survivor.runs.get(key) ?? { slice: null, runId: 0, progress: null };
      survivor.runs.set(key, own);
      const joined = run.checkpoints.join(d, own.slice);
      const starts = [d.start, ...(own.slice ? [own.slice.start] : [])];
      run.collector.dropAfter(joined.step, starts);
      run.frames.dropAfter(joined.step, starts);
      own.slice = joined.slice;
      own.progress = null;
      if (joined.checkpoint) this.send(survivor, own, run.spec.resume(joined.slice, joined.checkpoint, run.playing));
      else this.configure(survivor, own, run.spec, joined.slice, run.playing);
      const last = joined.slice.start + joined.slice.count - 1;
      moved.push(`${run.spec.name}'s members ${joined.slice.start}–${last} from ${joined.step > 0 ? `step ${joined.step}` : 'the start'}`);
    }
    const n = Math.max(...[...this.runs.keys()].map((k) => this.training(k).length), 1);
    this.options.onWorkers?.(n);
    const goesOn = `raining continues on ${n} worker${n === 1 ? '' : 's'}.`;
    this.options.onRecovery(
      moved.length
        ? `${capitalise(message)}. Its members moved to another worker, which trains ${moved.join(' and ')}; t${goesOn}`
        : `${capitalise(message)}. T${goesOn}`,
    );
  }
}
