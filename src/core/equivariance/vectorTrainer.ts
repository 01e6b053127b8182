/**
 * The vector-output ensemble: E members 2 → W → … → d trained together by full-batch gradient descent on the
 * C_n-augmented set {(ρ(g)x_i, π(g)y_i)}, with one batched matMul per layer for all members (batchedMlp), and
 * snapshots of every member on the polar grid.
 */
import * as tf from '@tensorflow/tfjs-core';
import { makePolarGrid, type PolarGrid } from '../data/polarGrid';
import type { MlpArchitecture, MlpParams } from '../ensemble/architecture';
import {
  unstackParams,
  batchedForward,
  disposeParams,
  stackMemberParams,
  type BatchedParams,
} from '../ensemble/batchedMlp';
import { initEnsembleMembers } from '../ensemble/orbitInit';
import { checkpointMismatch, type EnsembleCheckpoint } from '../ensemble/ensembleCheckpoint';
import { lossCheckSteps, snapshotSchedule } from '../ensemble/schedule';
import { DivergenceError } from '../ensemble/divergence';
import { advanceEnsemble, finiteMemberLosses } from '../ensemble/ensembleStep';
import { onManifoldMask } from '../metrics/manifoldMask';
import {
  equivarianceDeviationField,
  vectorDeviationStats,
  vectorEnsembleMean,
  vectorMemberField,
  type VectorDeviationStats,
} from './deviation';
import { assertVectorTrainingSet, augmentVectorSetCyclic } from './vectorAugment';
import { labelRepresentation, vectorArchitecture, vectorOutputDimension, type VectorConfig } from './vectorConfig';
import { outputRotationAngle, type OutputRepresentation } from './representation';
import { trainInChunks, type ChunkProgress } from '../ensemble/chunkedRun';

/** The integer k with π(R(α)) = R(kα): 0 for trivial, 1 for defining, k for ψ_k. */
function outputFrequency(rep: OutputRepresentation): number {
  return outputRotationAngle(rep, 1);
}

/** Every member's predictions on the grid at one step, member-major [E × P × d], and the per-member losses. */
export interface RawVectorSnapshot {
  step: number;
  members: Float32Array;
  losses: Float32Array;
}

/**
 * Trains a vector ensemble. Holds its tensors until `dispose()`. Refuses an empty training set and targets whose
 * dimension π cannot act on, with clear messages (thrown from the constructor).
 */
export class VectorEnsembleTrainer {
  readonly arch: MlpArchitecture;
  readonly grid: PolarGrid;
  readonly outputDim: number;
  /** The representation the labels were transformed with (trivial when the wrong-representation switch is on). */
  readonly labelRep: OutputRepresentation;
  private params: BatchedParams;
  private X: tf.Tensor2D;
  private Y: tf.Tensor2D;
  private gridX: tf.Tensor2D;
  private stepCount = 0;
  private disposed = false;
  /** N = |points| · n augmented points. */
  readonly augmentedSize: number;

  constructor(
    readonly config: VectorConfig,
    options: { grid?: PolarGrid; initialParams?: MlpParams[]; startStep?: number } = {},
  ) {
    this.outputDim = vectorOutputDimension(config);
    // Both the target representation and the label representation must fit the targets.
    assertVectorTrainingSet(config.points, config.representation, this.outputDim);
    this.labelRep = labelRepresentation(config);
    const set = augmentVectorSetCyclic(config.points, config.groupOrder, this.labelRep, this.outputDim);
    this.arch = vectorArchitecture(config);
    this.grid = options.grid ?? makePolarGrid();
    // Orbit-closed members turn their outputs by the representation the labels transform with, so that the
    // augmented loss is invariant under θ ↦ g·θ (with the wrong-representation switch: trivially).
    const members =
      options.initialParams ??
      initEnsembleMembers(this.arch, config.seed, config.ensembleSize, config.memberInit, config.groupOrder, outputFrequency(this.labelRep));
    this.params = stackMemberParams(this.arch, members);
    this.X = tf.tensor2d(set.X, [set.N, 2]);
    this.Y = tf.tensor2d(set.Y, [set.N, this.outputDim]);
    this.gridX = tf.tensor2d(this.grid.points, [this.grid.size, 2]);
    this.augmentedSize = set.N;
    this.stepCount = options.startStep ?? 0;
  }

  get step(): number {
    return this.stepCount;
  }

  /** One gradient-descent step of every member at once; no readback. */
  trainStep(): void {
    this.assertLive();
    this.params = advanceEnsemble(this.arch, this.params, this.X, this.Y, this.config.lr);
    this.stepCount++;
  }

  /** Per-member losses L_k = 1/(2N) Σ_n ‖f_k(x_n) − y_n‖² (async readback of E floats). */
  async losses(): Promise<Float32Array> {
    this.assertLive();
    return finiteMemberLosses(this.arch, this.params, this.X, this.Y, { step: this.stepCount, lr: this.config.lr });
  }

  /** Every member's raw parameters (async readback). */
  parameters(): Promise<MlpParams[]> {
    this.assertLive();
    return unstackParams(this.arch, this.params);
  }

  /** Every member on the grid (async readback). */
  async snapshot(): Promise<RawVectorSnapshot> {
    this.assertLive();
    const step = this.stepCount;
    const losses = await this.losses();
    const out = batchedForward(this.arch, this.params, this.gridX);
    try {
      const members = (await out.data()) as Float32Array;
      if (!members.every(Number.isFinite)) throw new DivergenceError(`The predictions stopped being finite at step ${step}.`, step);
      return { step, members, losses };
    } finally {
      out.dispose();
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    disposeParams(this.params);
    this.X.dispose();
    this.Y.dispose();
    this.gridX.dispose();
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('VectorEnsembleTrainer used after dispose()');
  }
}

/** On- and off-manifold deviation statistics of one vector field. */
export interface VectorRegionalStats {
  on: VectorDeviationStats;
  off: VectorDeviationStats;
}

/** Scalar metrics of one vector snapshot. */
export interface VectorSnapshotMetrics {
  step: number;
  /** Order n of C_n used for the deviation (8 when the run does not augment). */
  measureOrder: number;
  loss: number;
  mean: VectorRegionalStats;
  /** Each statistic averaged over the E members' own values. */
  member: VectorRegionalStats;
  selected: VectorRegionalStats;
  selectedMember: number;
}

/** One point of the vector timeline. Fields are point-major [P × d]; deviations [P]. */
export interface VectorSnapshot {
  step: number;
  ensembleSize: number;
  outputDim: number;
  /** Every member, member-major [E × P × d]. */
  members: Float32Array;
  mean: Float32Array;
  meanDeviation: Float32Array;
  memberDeviation: Float32Array;
  losses: Float32Array;
  metrics: VectorSnapshotMetrics;
}

/** The measurement group: C_n when the run augments with n > 1, else C_8. */
export function vectorMeasureOrder(config: VectorConfig): number {
  return config.groupOrder > 1 ? config.groupOrder : 8;
}

function averageVectorStats(list: VectorDeviationStats[]): VectorDeviationStats {
  const avg = (f: (s: VectorDeviationStats) => number) => list.reduce((a, s) => a + f(s), 0) / list.length;
  return {
    meanDeviation: avg((s) => s.meanDeviation),
    meanMagnitude: avg((s) => s.meanMagnitude),
    relativeStd: avg((s) => s.relativeStd),
    count: list[0]?.count ?? 0,
  };
}

/**
 * Mean, deviation fields and metrics of a raw snapshot. The deviation is measured against the target
 * representation π (not the label representation), so the wrong-representation run shows how far it is from the
 * equivariance the data should have had.
 */
export function summarizeVectorSnapshot(
  raw: RawVectorSnapshot,
  config: VectorConfig,
  grid: PolarGrid,
  mask: Uint8Array,
  selectedMember = 0,
): VectorSnapshot {
  const E = config.ensembleSize;
  const d = vectorOutputDimension(config);
  const P = grid.size;
  const n = vectorMeasureOrder(config);
  const rep = config.representation;
  const mean = vectorEnsembleMean(raw.members, E, P, d);
  const meanDeviation = equivarianceDeviationField(mean, grid, n, rep, d);
  const sel = Math.min(Math.max(0, selectedMember), E - 1);
  let memberDeviation: Float32Array = new Float32Array(P);
  const stats: VectorRegionalStats[] = [];
  for (let k = 0; k < E; k++) {
    const f = vectorMemberField(raw.members, P, d, k);
    const dev = equivarianceDeviationField(f, grid, n, rep, d);
    if (k === sel) memberDeviation = dev;
    stats.push({ on: vectorDeviationStats(f, dev, mask, 'on', d), off: vectorDeviationStats(f, dev, mask, 'off', d) });
  }
  return {
    step: raw.step,
    ensembleSize: E,
    outputDim: d,
    members: raw.members,
    mean,
    meanDeviation,
    memberDeviation,
    losses: raw.losses,
    metrics: {
      step: raw.step,
      measureOrder: n,
      loss: raw.losses.reduce((a, v) => a + v, 0) / raw.losses.length,
      mean: { on: vectorDeviationStats(mean, meanDeviation, mask, 'on', d), off: vectorDeviationStats(mean, meanDeviation, mask, 'off', d) },
      member: { on: averageVectorStats(stats.map((s) => s.on)), off: averageVectorStats(stats.map((s) => s.off)) },
      selected: stats[sel],
      selectedMember: sel,
    },
  };
}

/** The Float32Arrays of a vector snapshot, for transfer with postMessage. */
export function vectorSnapshotTransferables(s: VectorSnapshot): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  for (const a of [s.members, s.mean, s.meanDeviation, s.memberDeviation, s.losses]) {
    if (a.buffer instanceof ArrayBuffer) seen.add(a.buffer);
  }
  return [...seen];
}

/** Progress after one chunk of training (the shared chunked loop's report). */
export type RunProgress = ChunkProgress;

/** Hooks of a chunked run (shared by the vector and the cross-product runs). */
export interface ChunkedRunHooks<S> {
  /** Awaited: a worker takes its checkpoint here. */
  onSnapshot?: (s: S) => void | Promise<void>;
  onProgress?: (p: RunProgress) => void;
  /** Called between chunks; return false to pause. Being async, it is where a worker yields to its messages. */
  shouldContinue?: () => boolean | Promise<boolean>;
}

/**
 * A vector-lab run: trainer + snapshot schedule (steps 0, 1, 2, 3, 5, 10, 30, 100, 300, 1000, 2000, ≤ steps) +
 * on/off-manifold mask of the C_n orbits of the training inputs.
 */
export class VectorRun {
  readonly trainer: VectorEnsembleTrainer;
  readonly schedule: number[];
  readonly mask: Uint8Array;
  selectedMember = 0;
  private taken = new Set<number>();
  private lossChecks: Set<number>;
  private lastLoss: number | undefined;
  private chunk = 5;

  constructor(
    readonly config: VectorConfig,
    options: { chunkMillis?: number; selectedMember?: number; grid?: PolarGrid; checkpoint?: EnsembleCheckpoint } = {},
  ) {
    const cp = options.checkpoint;
    if (cp) {
      const why = checkpointMismatch(vectorArchitecture(config), config.ensembleSize, config.steps, cp);
      if (why) throw new Error(`cannot resume: ${why}`);
    }
    this.trainer = new VectorEnsembleTrainer(config, { grid: options.grid, initialParams: cp?.params, startStep: cp?.step });
    this.schedule = snapshotSchedule(config.steps);
    this.lossChecks = new Set(lossCheckSteps(config.steps));
    // A resumed run has already taken every snapshot up to its checkpoint (they are on the page's timeline).
    if (cp) for (const t of [...this.schedule, ...this.lossChecks]) if (t <= cp.step) this.taken.add(t);
    this.mask = onManifoldMask(this.trainer.grid, config.points.map((p) => p.x), vectorMeasureOrder(config));
    this.chunkMillis = options.chunkMillis ?? 50;
    this.selectedMember = options.selectedMember ?? 0;
  }

  private readonly chunkMillis: number;

  get step(): number {
    return this.trainer.step;
  }

  get done(): boolean {
    return this.trainer.step >= this.config.steps && this.taken.has(this.config.steps);
  }

  /** The parameters at the current step, to resume from after a fault (async readback). */
  async checkpoint(): Promise<EnsembleCheckpoint> {
    return { step: this.trainer.step, params: await this.trainer.parameters() };
  }

  private async snapshotIfDue(hooks: ChunkedRunHooks<VectorSnapshot>): Promise<void> {
    const s = this.trainer.step;
    if (this.taken.has(s)) return;
    if (this.schedule.includes(s)) {
      const raw = await this.trainer.snapshot();
      this.taken.add(s);
      const snap = summarizeVectorSnapshot(raw, this.config, this.trainer.grid, this.mask, this.selectedMember);
      this.lastLoss = snap.metrics.loss;
      await hooks.onSnapshot?.(snap);
    } else if (this.lossChecks.has(s)) {
      const l = await this.trainer.losses();
      this.lastLoss = l.reduce((a, v) => a + v, 0) / l.length;
      this.taken.add(s);
    }
  }

  /** Train to `target` (≤ config.steps), taking every scheduled snapshot. Resumable after a pause. */
  async runUntil(target: number, hooks: ChunkedRunHooks<VectorSnapshot> = {}): Promise<void> {
    await this.snapshotIfDue(hooks);
    this.chunk = await trainInChunks(
      {
        trainer: this.trainer,
        end: Math.min(target, this.config.steps),
        totalSteps: this.config.steps,
        chunk: this.chunk,
        chunkMillis: this.chunkMillis,
        stopsAt: (step) => this.schedule.includes(step) || this.lossChecks.has(step),
        lastLoss: () => this.lastLoss,
        afterChunk: () => this.snapshotIfDue(hooks),
      },
      hooks,
    );
  }

  dispose(): void {
    this.trainer.dispose();
  }
}
