/**
 * The vector-output ensemble: E members 2 → W → … → d trained together by full-batch gradient descent on the
 * C_n-augmented set {(ρ(g)x_i, π(g)y_i)}, with one batched matMul per layer for all members (batchedMlp), and
 * snapshots of every member on the polar grid.
 */
import * as tf from '@tensorflow/tfjs-core';
import { makePolarGrid, type PolarGrid } from '../data/polarGrid';
import type { MlpParams } from '../ensemble/architecture';
import { RegressionTrainer } from '../ensemble/regressionTrainer';
import type { StepEngine } from '../ensemble/stepEngine';
import { initEnsembleMembers } from '../ensemble/orbitInit';
import type { EnsembleCheckpoint } from '../ensemble/ensembleCheckpoint';
import { assertResumable, ScheduledRun } from '../ensemble/scheduledRun';
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
import type { ChunkProgress } from '../ensemble/chunkedRun';

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
export class VectorEnsembleTrainer extends RegressionTrainer {
  readonly grid: PolarGrid;
  readonly outputDim: number;
  /** The representation the labels were transformed with (trivial when the wrong-representation switch is on). */
  readonly labelRep: OutputRepresentation;
  private gridX: tf.Tensor2D;

  constructor(
    readonly config: VectorConfig,
    options: { grid?: PolarGrid; initialParams?: MlpParams[]; startStep?: number; engine?: StepEngine } = {},
  ) {
    const outputDim = vectorOutputDimension(config);
    // Both the target representation and the label representation must fit the targets.
    assertVectorTrainingSet(config.points, config.representation, outputDim);
    const labelRep = labelRepresentation(config);
    const set = augmentVectorSetCyclic(config.points, config.groupOrder, labelRep, outputDim);
    const arch = vectorArchitecture(config);
    // Orbit-closed members turn their outputs by the representation the labels transform with, so that the
    // augmented loss is invariant under θ ↦ g·θ (with the wrong-representation switch: trivially).
    const members =
      options.initialParams ??
      initEnsembleMembers(arch, config.seed, config.ensembleSize, {
        init: config.memberInit,
        n: config.groupOrder,
        outputFrequency: outputFrequency(labelRep),
      });
    super('VectorEnsembleTrainer', arch, config.lr, members, set, options);
    this.outputDim = outputDim;
    this.labelRep = labelRep;
    this.grid = options.grid ?? makePolarGrid();
    this.gridX = this.keep(tf.tensor2d(this.grid.points, [this.grid.size, 2]));
  }

  /** Every member on the grid (async readback). */
  async snapshot(): Promise<RawVectorSnapshot> {
    const step = this.step;
    const losses = await this.losses();
    const members = await this.predictions(this.gridX);
    return { step, members, losses };
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
export type { ChunkedRunHooks } from '../ensemble/scheduledRun';

/**
 * A vector-lab run: trainer + snapshot schedule (steps 0, 1, 2, 3, 5, 10, 30, 100, 300, 1000, 2000, ≤ steps) +
 * on/off-manifold mask of the C_n orbits of the training inputs.
 */
export class VectorRun extends ScheduledRun<VectorSnapshot, VectorEnsembleTrainer> {
  readonly mask: Uint8Array;
  selectedMember = 0;

  constructor(
    readonly config: VectorConfig,
    options: { chunkMillis?: number; selectedMember?: number; grid?: PolarGrid; checkpoint?: EnsembleCheckpoint; engine?: StepEngine } = {},
  ) {
    const cp = options.checkpoint;
    assertResumable(vectorArchitecture(config), config.ensembleSize, config.steps, cp);
    const trainer = new VectorEnsembleTrainer(config, { grid: options.grid, initialParams: cp?.params, startStep: cp?.step, engine: options.engine });
    super(trainer, config.steps, options.chunkMillis, cp?.step);
    this.mask = onManifoldMask(this.trainer.grid, config.points.map((p) => p.x), vectorMeasureOrder(config));
    this.selectedMember = options.selectedMember ?? 0;
  }

  protected async measure(): Promise<{ snapshot: VectorSnapshot; loss: number }> {
    const raw = await this.trainer.snapshot();
    const snapshot = summarizeVectorSnapshot(raw, this.config, this.trainer.grid, this.mask, this.selectedMember);
    return { snapshot, loss: snapshot.metrics.loss };
  }
}
