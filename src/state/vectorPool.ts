/**
 * The vector lab's training pool: the plane lab's and the 3D lab's members split across `workers=` workers (the
 * toy lab's key and clamp), each worker training one slice of each lab on its own backend. A summary worker merges
 * each snapshot's slices in member order and summarises them with the workers' own code (vectorSliceSummary.ts), off
 * the page thread (at E = 256 the plane lab's summary blocked the page for 90–150 ms a snapshot), so a lab's numbers
 * do not depend on how many workers trained it. Run ids in the store are the
 * pool's own count per lab; faults are handled by the generic WorkerPool (resume a slice from its last checkpoint,
 * or move it to a neighbour when its worker keeps failing).
 */
import { snapshotSchedule } from '../core/ensemble/schedule';
import type { MemberSlice } from '../core/ensemble/memberSlice';
import type { ToyCheckpoint } from '../core/ensemble/toyRun';
import type { RawSlice } from '../core/ensemble/sliceMerge';
import { clampCrossConfig } from '../core/equivariance/crossConfig';
import { clampVectorConfig } from '../core/equivariance/vectorConfig';
import type { BackendName } from '../worker/protocol';
import { validateVectorEvent, type VectorCommand, type VectorEvent, type VectorLab } from '../worker/vectorProtocol';
import { SnapshotSummaries } from './snapshotSummaries';
import { SummaryGate } from './summaryGate';
import { WorkerPool, type PoolWorker } from './workerPool';
import { useVectorStore } from './vectorStore';

/** What a panel asks of the vector lab's training. */
export interface VectorWorkerClient {
  configure(lab: VectorLab, config: object, autoplay?: boolean): void;
  play(lab: VectorLab): void;
  pause(lab: VectorLab): void;
  step(lab: VectorLab, count?: number): void;
  reset(lab: VectorLab): void;
}

const LAB_NAMES: Record<VectorLab, string> = { plane: 'the plane lab', cross: 'the 3D lab' };

export class VectorPool implements VectorWorkerClient {
  private readonly pool: WorkerPool;
  /** Each lab's current settings, as given (the workers and the summary worker clamp them alike). */
  private readonly runs: Partial<Record<VectorLab, Record<string, unknown>>> = {};
  private readonly runIds: Record<VectorLab, number> = { plane: 0, cross: 0 };
  private readonly summaries = new SnapshotSummaries(undefined, 'vector-summaries');
  /** Per lab: a stop report is held while summaries of the current run are out, so "done" means the last snapshot is shown. */
  private readonly gates: Record<VectorLab, SummaryGate<VectorEvent>> = {
    plane: new SummaryGate((held) => useVectorStore.getState().apply(held)),
    cross: new SummaryGate((held) => useVectorStore.getState().apply(held)),
  };

  constructor(
    backend: BackendName | 'auto',
    workers: number,
    private readonly poolNotices: string[] = [],
  ) {
    this.pool = new WorkerPool(workers, {
      label: 'vector lab worker',
      faultTarget: (i) => (i === 0 ? 'vector' : `vector-worker-${i}`),
      create: (i) => new Worker(new URL('../worker/vector.worker.ts', import.meta.url), { type: 'module', name: `symmetry-lab-vector-${i}` }),
      init: (post, { exclude }) => post({ v: 1, type: 'init', backend, exclude } satisfies VectorCommand),
      onMessage: (w, data) => this.onEvent(w, data),
      onRecovery: (text) => useVectorStore.getState().setRecovery(text),
      onFailed: (message) => useVectorStore.getState().setWorkerError(message),
      onWorkers: (n) => useVectorStore.getState().setWorkers(n),
    });
  }

  /** A new run of `lab` from `raw` settings (clamped here as the workers clamp them). */
  configure(lab: VectorLab, raw: object, autoplay = false): void {
    const runId = ++this.runIds[lab];
    this.runs[lab] = raw as Record<string, unknown>;
    this.gates[lab].reset();
    const store = useVectorStore.getState();
    const base = { v: 1 as const, type: 'config' as const, runId, schedule: [] as number[] };
    let E: number;
    if (lab === 'plane') {
      const { config, notices } = clampVectorConfig(raw);
      E = config.ensembleSize;
      store.apply({ ...base, lab, config, notices: [...this.poolNotices, ...notices], schedule: snapshotSchedule(config.steps) });
    } else {
      const { config, notices } = clampCrossConfig(raw);
      E = config.ensembleSize;
      store.apply({ ...base, lab, config, notices: [...this.poolNotices, ...notices], schedule: snapshotSchedule(config.steps) });
    }
    const settings = raw as Record<string, unknown>;
    this.pool.start(
      lab,
      {
        E,
        name: LAB_NAMES[lab],
        configure: (slice: MemberSlice, play: boolean) => ({ v: 1, type: 'configure', lab, config: settings, autoplay: play, slice }) satisfies VectorCommand,
        resume: (slice: MemberSlice, checkpoint: ToyCheckpoint, play: boolean) =>
          ({ v: 1, type: 'resume', lab, config: settings, checkpoint: { step: checkpoint.step, params: checkpoint.params }, autoplay: play, slice }) satisfies VectorCommand,
        stop: () => ({ v: 1, type: 'pause', lab }) satisfies VectorCommand,
      },
      autoplay,
    );
  }

  play(lab: VectorLab): void {
    this.pool.setPlaying(lab, true);
    this.pool.post(lab, { v: 1, type: 'start', lab } satisfies VectorCommand);
  }

  pause(lab: VectorLab): void {
    this.pool.setPlaying(lab, false);
    this.pool.post(lab, { v: 1, type: 'pause', lab } satisfies VectorCommand);
  }

  step(lab: VectorLab, count = 1): void {
    this.pool.post(lab, { v: 1, type: 'step', lab, count } satisfies VectorCommand);
  }

  /** Start the lab's settings again from step 0 (a new run for the store, as a reconfigure). */
  reset(lab: VectorLab): void {
    const settings = this.runs[lab];
    if (settings) this.configure(lab, settings, false);
  }

  dispose(): void {
    this.pool.dispose();
    this.summaries.dispose();
  }

  /**
   * Summarise a step's slices of `lab` in the summary worker and put the snapshot on the lab's timeline (if its run
   * is still the store's); a stop report waits for every summary out, so "done" means the last snapshot is shown.
   */
  private summarise(lab: VectorLab, parts: RawSlice[]): void {
    const settings = this.runs[lab];
    if (!settings) return;
    const runId = this.runIds[lab];
    const store = () => useVectorStore.getState();
    const event: Promise<VectorEvent> =
      lab === 'plane'
        ? this.summaries.summarizePlane(settings, parts).then((snapshot) => ({ v: 1, type: 'planeSnapshot', runId, snapshot }))
        : this.summaries.summarizeCross(settings, parts).then((snapshot) => ({ v: 1, type: 'crossSnapshot', runId, snapshot }));
    this.gates[lab].track(
      event,
      (e) => store().apply(e),
      (err) => store().apply({ v: 1, type: 'error', lab, runId, message: `A snapshot could not be summarised: ${err.message}` }),
    );
  }

  private onEvent(w: PoolWorker, data: unknown): void {
    const store = useVectorStore.getState();
    const v = validateVectorEvent(data);
    if (!v.ok) {
      store.setWorkerError(`Ignored a malformed message from the worker: ${v.error}`);
      return;
    }
    const e = v.message;
    switch (e.type) {
      case 'backend':
        w.backend = e.backend;
        if (w === this.pool.workers[0]) store.apply(e);
        return;
      case 'rawSlice': {
        if (!this.pool.accept(w, e.lab, e.runId)) return;
        const parts = this.pool.addPart(e.lab, { start: e.start, raw: e.raw });
        if (parts) this.summarise(e.lab, parts);
        return;
      }
      case 'checkpoint':
        if (this.pool.accept(w, e.lab, e.runId)) this.pool.addCheckpoint(w, e.lab, e.checkpoint);
        return;
      case 'progress': {
        if (!this.pool.accept(w, e.lab, e.runId)) return;
        const p = this.pool.progress(w, e.lab, { step: e.step, stepsPerSecond: e.stepsPerSecond, loss: e.loss, status: e.status });
        const report: VectorEvent = { v: 1, type: 'progress', lab: e.lab, runId: this.runIds[e.lab], totalSteps: e.totalSteps, ...p };
        if (p.status === 'running') this.gates[e.lab].clear();
        else if (this.gates[e.lab].hold(report)) return;
        store.apply(report);
        return;
      }
      case 'error':
        if (e.kind === 'device-lost') return this.pool.deviceLost(w, e.message);
        if (!e.lab) return store.apply(e);
        if (!this.pool.accept(w, e.lab, e.runId)) return;
        if (e.lab) this.pool.setPlaying(e.lab, false);
        store.apply({ ...e, runId: this.runIds[e.lab] });
        return;
      default:
        // 'config' and whole snapshots: a pool's workers train slices, and the page announces its own runs.
        return;
    }
  }
}
