/**
 * The page's handle on the images lab's workers (one pool per page, `workers=` workers: the toy and vector labs'
 * key and clamp, one worker on a named GPU backend). Each worker trains a contiguous slice of both ensembles'
 * members (the generic WorkerPool); when every slice has trained, the page joins their final parameters in member
 * order and sends the whole ensemble to one worker, which evaluates it with the one-worker code and answers probes.
 *
 * Why one evaluator rather than each worker scoring its own members: the evaluation needs every member at once (the
 * ensemble mean's argmax, member 0's group average), it is a small part of a run (about 7% of the Quick preset's
 * work), and evaluating the joined floats with the unchanged `ImageRun.evaluate` makes every number equal the
 * one-worker run's by construction instead of by a second, merging implementation.
 *
 * Faults are the pool's: a replaced worker resumes its slice from that slice's latest checkpoint (or, for the
 * evaluator, from its final one, and the evaluation is sent again); one that keeps failing hands its slice to a
 * neighbour. The last finished run is rebuilt in a replaced evaluator for the probe. Finished results live in the
 * store and are kept.
 */
import { imageArchitecture, imageRunWork, type ImageRunConfig } from '../core/images/imageRunConfig';
import type { ImageRunCheckpoint } from '../core/images/imageCheckpoint';
import { imageCheckpointMembers, imageCheckpointOfMembers, joinStoredMembers, storedMembers } from '../core/images/imageSlice';
import type { MemberSlice } from '../core/ensemble/memberSlice';
import { tiling } from '../core/ensemble/sliceMerge';
import { isImagesEvent, type ImagesCommand, type ImagesEvent } from '../worker/imagesProtocol';
import type { BackendName } from '../worker/protocol';
import { poolSizeFromParams } from './poolUrl';
import { WorkerPool, type PoolWorker } from './workerPool';
import { useImagesStore } from './imagesStore';

/** The pool's key for the lab's one run. */
const RUN = 'images';

interface InFlightRun {
  runId: number;
  config: ImageRunConfig;
  startedAt: number;
  /** Slices that finished training, by first member: their final parameters. */
  trained: Map<number, { count: number; checkpoint: ImageRunCheckpoint }>;
  /** The worker evaluating the joined ensembles (null: training still). */
  evaluator: PoolWorker | null;
  joined: ImageRunCheckpoint | null;
  /** Per worker: its slice's latest losses and throughput (the pool combines step and DA loss). */
  extra: Map<PoolWorker, { loss?: number; canonLoss?: number; imagesPerSecond: number }>;
  /** The slices' summed training throughput last reported (member-images per second): the result's speed. */
  rate: number;
  /** The user cancelled: a worker's `cancelled` ends the run (otherwise it only means a worker's loop was superseded). */
  cancelling: boolean;
}

const now = () => performance.now();

export class ImagesClient {
  private pool: WorkerPool | null = null;
  private backend: BackendName | 'auto' = 'auto';
  private inFlight: InFlightRun | null = null;
  /** The last finished run: its joined final checkpoint and the worker holding it for the probe. */
  private finished: { runId: number; config: ImageRunConfig; checkpoint: ImageRunCheckpoint; evaluator: PoolWorker } | null = null;

  start(backend: BackendName | 'auto'): void {
    if (this.pool) return;
    this.backend = backend;
    const { workers, notices } = poolSizeFromParams(new URLSearchParams(window.location.hash.split('?')[1] ?? ''), backend);
    useImagesStore.setState({ notices });
    this.pool = new WorkerPool(workers, {
      label: 'images worker',
      faultTarget: (i) => (i === 0 ? 'images' : `images-worker-${i}`),
      create: (i) => new Worker(new URL('../worker/images.worker.ts', import.meta.url), { type: 'module', name: `symmetry-lab-images-${i}` }),
      init: (post, { exclude }, w) => {
        post({ v: 1, type: 'init', backend: this.backend, dataUrl: new URL('data/', document.baseURI).href, exclude } satisfies ImagesCommand);
        const f = this.finished;
        if (f?.evaluator === w) post({ v: 1, type: 'restore', runId: f.runId, config: f.config, checkpoint: f.checkpoint } satisfies ImagesCommand);
      },
      onMessage: (w, data) => this.onEvent(w, data),
      onRecovery: (text) => useImagesStore.getState().setRecovery(`${text} Finished results are kept.`),
      onFailed: (message) => {
        this.inFlight = null;
        useImagesStore.setState({ error: message, running: false });
      },
      onWorkers: (n) => useImagesStore.getState().setWorkers(n),
    });
  }

  /** The speed measurement, on the first worker. */
  benchmark(config: ImageRunConfig, seconds: number): void {
    this.pool?.workers[0]?.sw.post({ v: 1, type: 'benchmark', config, seconds } satisfies ImagesCommand);
  }

  run(config: ImageRunConfig): void {
    const pool = this.pool;
    if (!pool) return;
    const runId = useImagesStore.getState().runId + 1;
    this.inFlight = { runId, config, startedAt: now(), trained: new Map(), evaluator: null, joined: null, extra: new Map(), rate: 0, cancelling: false };
    useImagesStore.setState({ runId, running: true, phase: 'training', progress: null, error: null, probe: null, recovery: null });
    const command = (slice: MemberSlice, checkpoint?: ImageRunCheckpoint): ImagesCommand =>
      checkpoint ? { v: 1, type: 'resume', runId, config, checkpoint, trainSeconds: 0, slice } : { v: 1, type: 'run', runId, config, slice };
    pool.start(
      RUN,
      {
        E: config.ensembleSize,
        name: 'the run',
        configure: (slice) => command(slice),
        resume: (slice, checkpoint) => command(slice, imageCheckpointOfMembers(checkpoint)),
        // A worker with a slice of the previous run and none of this one: stop that run.
        stop: () => ({ v: 1, type: 'cancel', runId: runId - 1 }) satisfies ImagesCommand,
      },
      true,
    );
  }

  cancel(): void {
    const run = this.inFlight;
    if (!run || !this.pool) return;
    run.cancelling = true;
    const cancel: ImagesCommand = { v: 1, type: 'cancel', runId: run.runId };
    for (const w of this.pool.training(RUN)) w.sw.post(cancel);
    run.evaluator?.sw.post(cancel);
  }

  /** Probe the last finished run, on the worker that holds it (rebuilt on another when that one was dropped). */
  probe(set: 'test' | 'ood', index: number, theta: number): void {
    const f = this.finished;
    const pool = this.pool;
    if (!f || !pool || pool.workers.length === 0) return;
    if (!pool.workers.includes(f.evaluator)) {
      f.evaluator = pool.workers[0];
      f.evaluator.sw.post({ v: 1, type: 'restore', runId: f.runId, config: f.config, checkpoint: f.checkpoint } satisfies ImagesCommand);
    }
    f.evaluator.sw.post({ v: 1, type: 'probe', runId: f.runId, set, index, theta } satisfies ImagesCommand);
  }

  private arch(config: ImageRunConfig) {
    const data = useImagesStore.getState().data!;
    return imageArchitecture(config, data.size * data.size, data.classes.length);
  }

  /** Whether a slice event of run `runId` from `w` belongs to that worker's current slice. */
  private ownSlice(w: PoolWorker, runId: number, start: number | undefined, count: number | undefined): InFlightRun | null {
    const run = this.inFlight;
    const slice = run?.runId === runId ? this.pool?.accept(w, RUN, undefined) : null;
    return run && slice && slice.start === start && slice.count === count ? run : null;
  }

  private onEvent(w: PoolWorker, data: unknown): void {
    if (!isImagesEvent(data)) {
      console.warn('[symmetry-lab] ignored a malformed event from the images worker');
      return;
    }
    const e: ImagesEvent = data;
    const store = useImagesStore.getState();
    const first = w === this.pool?.workers[0];
    switch (e.type) {
      case 'backend':
        w.backend = e.backend;
        if (first) store.apply(e);
        return;
      case 'data':
      case 'benchmark':
        if (first) store.apply(e);
        return;
      case 'checkpoint': {
        const run = this.ownSlice(w, e.runId, e.start, e.count);
        if (run) this.pool!.addCheckpoint(w, RUN, imageCheckpointMembers(this.arch(run.config), e.checkpoint));
        return;
      }
      case 'progress':
        if (e.start === undefined) {
          if (this.inFlight?.evaluator === w) store.apply(e);
        } else this.onSliceProgress(w, e);
        return;
      case 'trained':
        this.onTrained(w, e);
        return;
      case 'result':
        if (this.inFlight?.runId !== e.runId || this.inFlight.evaluator !== w) return;
        this.finished = { runId: e.runId, config: this.inFlight.config, checkpoint: this.inFlight.joined!, evaluator: w };
        // The evaluator trained nothing itself: the run's training speed is the slices' together.
        store.apply({ ...e, imagesPerSecondPerMember: this.inFlight.rate || e.imagesPerSecondPerMember });
        this.end();
        return;
      case 'cancelled':
        if (this.inFlight?.runId === e.runId) {
          // A worker given a joined slice (a neighbour was dropped) stops its own loop of the same run: not the user's cancel.
          if (!this.inFlight.cancelling) return;
          this.end();
        }
        store.apply(e);
        return;
      case 'probe':
        store.apply(e);
        return;
      case 'error':
        if (e.kind === 'device-lost') return this.pool?.deviceLost(w, e.message);
        if (e.runId !== undefined && this.inFlight?.runId === e.runId) this.end();
        store.apply(e);
        return;
    }
  }

  private end(): void {
    this.inFlight = null;
    this.pool?.finish(RUN);
  }

  /** The run's progress: the slowest slice's step, member-weighted losses, the slices' summed throughput. */
  private onSliceProgress(w: PoolWorker, e: Extract<ImagesEvent, { type: 'progress' }>): void {
    const run = this.ownSlice(w, e.runId, e.start, e.count);
    if (!run || run.evaluator) return;
    const p = this.pool!.progress(w, RUN, { step: e.step, stepsPerSecond: e.imagesPerSecondPerMember, loss: e.loss, status: 'running' });
    run.extra.set(w, { loss: e.loss, canonLoss: e.canonLoss, imagesPerSecond: e.imagesPerSecondPerMember });
    this.report(run, p.step, e.totalSteps, p.loss);
  }

  private report(run: InFlightRun, step: number, totalSteps: number, loss: number | undefined): void {
    const training = this.pool!.training(RUN);
    const parts = training.map((x) => ({ count: this.pool!.accept(x, RUN, undefined)!.count, extra: run.extra.get(x) }));
    const canon = parts.every((q) => q.extra?.canonLoss !== undefined)
      ? parts.reduce((a, q) => a + q.count * q.extra!.canonLoss!, 0) / parts.reduce((a, q) => a + q.count, 0)
      : undefined;
    const rate = parts.reduce((a, q) => a + (q.extra?.imagesPerSecond ?? 0), 0);
    run.rate = rate;
    const work = imageRunWork(run.config);
    const done = (work.train * step) / totalSteps;
    const total = work.train + work.evaluate;
    useImagesStore.getState().apply({
      v: 1,
      type: 'progress',
      runId: run.runId,
      phase: 'training',
      step,
      totalSteps,
      fraction: done / total,
      imagesPerSecondPerMember: rate,
      etaSeconds: rate > 0 ? (total - done) / rate : Infinity,
      loss,
      canonLoss: canon,
    });
  }

  /** A slice trained: keep its parameters; once the slices tile the ensemble, send the joined run to be evaluated. */
  private onTrained(w: PoolWorker, e: Extract<ImagesEvent, { type: 'trained' }>): void {
    const run = this.ownSlice(w, e.runId, e.start, e.count);
    if (!run) return;
    const pool = this.pool!;
    pool.addCheckpoint(w, RUN, imageCheckpointMembers(this.arch(run.config), e.checkpoint));
    // Done, keeping its last loss so the slower slices' progress still shows the whole ensemble's.
    pool.progress(w, RUN, { step: e.checkpoint.step, stepsPerSecond: 0, loss: run.extra.get(w)?.loss, status: 'done' });
    // A joined slice (a dropped neighbour's members and its own) replaces the parts it covers.
    for (const [start, part] of run.trained) if (start < e.start + e.count && e.start < start + part.count) run.trained.delete(start);
    run.trained.set(e.start, { count: e.count, checkpoint: e.checkpoint });
    const parts = tiling([...run.trained].map(([start, p]) => ({ start, ...p })), (p) => p.count, run.config.ensembleSize);
    if (!parts) return;
    // Evaluate once; again only when the evaluator was replaced (it trains its slice again first) or dropped.
    if (run.evaluator && run.evaluator !== w && pool.workers.includes(run.evaluator)) return;
    const arch = this.arch(run.config);
    const da = parts.flatMap((p) => storedMembers(arch, p.checkpoint.da));
    const canon = parts.flatMap((p) => storedMembers(arch, p.checkpoint.canon));
    run.joined = { step: e.checkpoint.step, da: joinStoredMembers(da), canon: joinStoredMembers(canon) };
    run.evaluator = w;
    w.sw.post({ v: 1, type: 'resume', runId: run.runId, config: run.config, checkpoint: run.joined, trainSeconds: (now() - run.startedAt) / 1000 } satisfies ImagesCommand);
  }
}

let client: ImagesClient | null = null;
export function getImagesClient(): ImagesClient {
  if (!client) client = new ImagesClient();
  return client;
}
