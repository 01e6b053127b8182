/**
 * `CrossTrainer`: trains the cross-product ensemble (or a slice of its members) and reads back its predictions on
 * the evaluation set; the data and the measurement are in crossMeasure.ts (re-exported here).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { MlpParams } from '../ensemble/architecture';
import { initMemberParams } from '../ensemble/init';
import type { MemberSlice } from '../ensemble/memberSlice';
import { RegressionTrainer } from '../ensemble/regressionTrainer';
import type { MemberParams } from '../ensemble/batchedMlp';
import type { StepEngine } from '../ensemble/stepEngine';
import type { RawVectorSnapshot } from './vectorSummary';
import { octahedralRotations, type Rotation3 } from './octahedral';
import { crossArchitecture, type CrossConfig } from './crossConfig';
import { augmentCrossSet, crossEvaluationSet, sampleCrossPairs, summarizeCross, type CrossSnapshot } from './crossMeasure';

export * from './crossMeasure';

/**
 * Trains the cross-product ensemble (one batched matMul per layer for all members) and measures its equivariance
 * under random SO(3) rotations. Holds tensors until `dispose()`.
 */
export class CrossTrainer extends RegressionTrainer {
  readonly rotations: Rotation3[];
  readonly testTargets: Float32Array;
  private evalX: tf.Tensor2D;
  private evalInputs: Float32Array;

  constructor(
    readonly config: CrossConfig,
    options: { storedParams?: MlpParams[]; startStep?: number; engine?: StepEngine; slice?: MemberSlice } = {},
  ) {
    const pairs = sampleCrossPairs(config.trainPairs, config.seed);
    const I = Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const set = augmentCrossSet(pairs, config.augment ? octahedralRotations() : [I]);
    const arch = crossArchitecture(config);
    // Member k is drawn from the stream (seed, k) alone, so a slice's members are the whole ensemble's.
    const { start, count } = options.slice ?? { start: 0, count: config.ensembleSize };
    // A checkpoint's stored floats, or member k's draw.
    const members: MemberParams = options.storedParams ? { stored: options.storedParams } : { raw: Array.from({ length: count }, (_, i) => initMemberParams(arch, config.seed, start + i)) };
    super('CrossTrainer', arch, config.lr, members, set, options);
    const evaluation = crossEvaluationSet(config);
    this.rotations = evaluation.rotations;
    this.testTargets = evaluation.testTargets;
    this.evalInputs = evaluation.evalInputs;
    this.evalX = this.keep(tf.tensor2d(this.evalInputs, [this.evalInputs.length / 6, 6]));
  }

  /** Predictions of every member on the evaluation inputs, [E × T(M+1) × 3] (async readback). */
  evaluationPredictions(): Promise<Float32Array> {
    return this.predictions(this.evalX);
  }

  /** This trainer's members' predictions on the evaluation set and their losses, unsummarised (for a worker pool). */
  async rawSnapshot(): Promise<RawVectorSnapshot> {
    const step = this.step;
    const losses = await this.losses();
    return { step, members: await this.evaluationPredictions(), losses };
  }

  /** Measure the errors at the current step. */
  async snapshot(): Promise<CrossSnapshot> {
    const losses = await this.losses();
    const preds = await this.evaluationPredictions();
    return summarizeCross(preds, this.config, this.rotations, this.testTargets, this.evalInputs, this.step, losses);
  }
}

