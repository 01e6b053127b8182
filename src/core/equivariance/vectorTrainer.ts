/**
 * The vector-output ensemble: E members 2 → W → … → d trained together by full-batch gradient descent on the
 * C_n-augmented set {(ρ(g)x_i, π(g)y_i)}, with one batched matMul per layer for all members (batchedMlp), and
 * snapshots of every member on the polar grid.
 */
import * as tf from '@tensorflow/tfjs-core';
import { makePolarGrid, type PolarGrid } from '../data/polarGrid';
import type { MlpParams } from '../ensemble/architecture';
import { RegressionTrainer } from '../ensemble/regressionTrainer';
import type { MemberParams } from '../ensemble/batchedMlp';
import type { StepEngine } from '../ensemble/stepEngine';
import { initMemberRange } from '../ensemble/orbitInit';
import type { MemberSlice } from '../ensemble/memberSlice';
import type { EnsembleCheckpoint } from '../ensemble/ensembleCheckpoint';
import { assertResumable, ScheduledRun } from '../ensemble/scheduledRun';
import { assertVectorTrainingSet, augmentVectorSetCyclic } from './vectorAugment';
import { labelRepresentation, vectorArchitecture, vectorOutputDimension, type VectorConfig } from './vectorConfig';
import { outputRotationAngle, type OutputRepresentation } from './representation';
import type { ChunkProgress } from '../ensemble/chunkedRun';
import { summarizeVectorSnapshot, vectorSummaryContext, type RawVectorSnapshot, type VectorSnapshot } from './vectorSummary';

// The summary (mean, deviation fields, metrics) has its own tfjs-free module; re-exported so importers keep one path.
export * from './vectorSummary';

/** The integer k with π(R(α)) = R(kα): 0 for trivial, 1 for defining, k for ψ_k. */
function outputFrequency(rep: OutputRepresentation): number {
  return outputRotationAngle(rep, 1);
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
    options: { grid?: PolarGrid; storedParams?: MlpParams[]; startStep?: number; engine?: StepEngine; slice?: MemberSlice } = {},
  ) {
    const outputDim = vectorOutputDimension(config);
    // Both the target representation and the label representation must fit the targets.
    assertVectorTrainingSet(config.points, config.representation, outputDim);
    const labelRep = labelRepresentation(config);
    const set = augmentVectorSetCyclic(config.points, config.groupOrder, labelRep, outputDim);
    const arch = vectorArchitecture(config);
    // Orbit-closed members turn their outputs by the representation the labels transform with, so that the
    // augmented loss is invariant under θ ↦ g·θ (with the wrong-representation switch: trivially).
    // Member k is a function of (seed, k) alone: a slice of the members draws exactly what the whole ensemble would.
    const { start, count } = options.slice ?? { start: 0, count: config.ensembleSize };
    // A checkpoint's stored floats, or member k's draw.
    const members: MemberParams = options.storedParams
      ? { stored: options.storedParams }
      : { raw: initMemberRange(arch, config.seed, start, count, { init: config.memberInit, n: config.groupOrder, outputFrequency: outputFrequency(labelRep) }) };
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
    const trainer = new VectorEnsembleTrainer(config, { grid: options.grid, storedParams: cp?.params, startStep: cp?.step, engine: options.engine });
    super(trainer, config.steps, options.chunkMillis, cp?.step);
    this.mask = vectorSummaryContext(config, this.trainer.grid).mask;
    this.selectedMember = options.selectedMember ?? 0;
  }

  protected async measure(): Promise<{ snapshot: VectorSnapshot; loss: number }> {
    const raw = await this.trainer.snapshot();
    const snapshot = summarizeVectorSnapshot(raw, this.config, this.trainer.grid, this.mask, this.selectedMember);
    return { snapshot, loss: snapshot.metrics.loss };
  }
}
