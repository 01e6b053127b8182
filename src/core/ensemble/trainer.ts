import * as tf from '@tensorflow/tfjs-core';
import { makePolarGrid, type PolarGrid } from '../data/polarGrid';
import type { MlpArchitecture } from './architecture';
import { augmentTrainingSet } from './augment';
import { disposeParams, stackMembers, storedMemberParams, unstackParams, type BatchedParams, type MemberParams } from './batchedMlp';
import { stepEngineFor, type StepEngine } from './stepEngine';
import { forwardBlockPoints, forwardInBlocks } from './blockedForward';
import { DivergenceError } from './divergence';
import { advanceEnsemble, finiteMemberLosses } from './ensembleStep';
import { configArchitecture, memberInitOf, type EnsembleConfig } from './config';
import { augmentationAngles, isAugmenting } from './groupSpec';
import { estimateRunCost } from './runCost';
import { initEnsembleMembers } from './orbitInit';
import type { MlpParams } from './architecture';

export { DivergenceError } from './divergence';

/** What the trainer reads back at a grid snapshot: every member's predictions on the evaluation grid. */
export interface RawSnapshot {
  step: number;
  /** Augmented ensemble, member-major [E × P]. */
  members: Float32Array;
  /** Per-member training loss on the augmented set, [E]. */
  losses: Float32Array;
  /** The same ensemble trained without augmentation (when compared), [E × P] and [E]. */
  noAugMembers?: Float32Array;
  noAugLosses?: Float32Array;
  /** Augmented ensemble on the far-field grid [E × P_far], when the trainer has one. */
  farMembers?: Float32Array;
}

/** What a trainer reads back for a light frame: members `start` … of its slice on the coarse frame grid (coarseFrameGrid). */
export interface RawFrame {
  step: number;
  /** Members evaluated (a pool worker's slice, or the whole ensemble). */
  count: number;
  /** Augmented ensemble, member-major [count × P_coarse]. */
  members: Float32Array;
  /** The no-augmentation twin, [count × P_coarse], when the run trains it. */
  noAugMembers?: Float32Array;
}

interface TrainedEnsemble {
  params: BatchedParams;
  augment: boolean;
}

/**
 * Trains the toy ensemble (and, optionally, its no-augmentation twin from the same initial weights) by full-batch
 * gradient descent. Holds all tensors; `dispose()` frees them. Reads back only in `snapshot()` and `losses()`,
 * asynchronously.
 */
export class EnsembleTrainer {
  readonly arch: MlpArchitecture;
  readonly grid: PolarGrid;
  /** Optional second, coarser grid out to radius 12 (the far field), evaluated for the augmented ensemble only. */
  readonly farGrid: PolarGrid | undefined;
  private farX: tf.Tensor2D | null = null;
  /** Optional coarse grid of the light frames (frameGrid.ts), evaluated by `frame()`. */
  readonly frameGrid: PolarGrid | undefined;
  private frameX: tf.Tensor2D | null = null;
  private ensembles: TrainedEnsemble[];
  private gridX: tf.Tensor2D;
  /** Fixed augmented sets (C_n) are built once; SO(2) partial augmentation draws a new set each step. */
  private fixedAug: { X: tf.Tensor2D; Y: tf.Tensor2D } | null = null;
  private plain: { X: tf.Tensor2D; Y: tf.Tensor2D };
  private stepCount = 0;
  private disposed = false;
  /** The backend's step, chosen when the backend was set (selectStepEngine) and kept for the whole run. */
  readonly engine: StepEngine;

  constructor(
    readonly config: EnsembleConfig,
    options: {
      grid?: PolarGrid;
      farGrid?: PolarGrid;
      frameGrid?: PolarGrid;
      /** Raw initial parameters (as drawn: a slice's members). */
      initialParams?: MlpParams[];
      startStep?: number;
      /** A checkpoint's stored floats (W̃, b̃), for the augmented ensemble and the twin: resumed bit for bit. */
      storedParams?: MlpParams[];
      storedNoAugParams?: MlpParams[];
      engine?: StepEngine;
    } = {},
  ) {
    this.engine = options.engine ?? stepEngineFor();
    if (config.points.length === 0) throw new Error('There are no training points: add at least one point to train.');
    this.arch = configArchitecture(config);
    this.grid = options.grid ?? makePolarGrid();
    // Refuse before allocating: an over-budget run would otherwise spend a long time drawing weights, then fail with
    // "memory access out of bounds" deep inside the backend.
    const cost = estimateRunCost(config, { gridPoints: this.grid.size, farGridPoints: options.farGrid?.size ?? 0 });
    if (cost.refusal) throw new Error(cost.refusal);
    const members: MemberParams = options.storedParams
      ? { stored: options.storedParams }
      : {
          raw:
            options.initialParams ??
            initEnsembleMembers(this.arch, config.seed, config.ensembleSize, {
              init: memberInitOf(config),
              n: config.group.kind === 'cyclic' ? config.group.n : 1,
            }),
        };
    this.ensembles = [{ params: stackMembers(this.arch, members), augment: isAugmenting(config.group) }];
    if (config.compareNoAugmentation && isAugmenting(config.group)) {
      // The twin starts from the same members (a fresh run) or from its own stored floats (a resumed one).
      const twin: MemberParams = options.storedNoAugParams ? { stored: options.storedNoAugParams } : members;
      this.ensembles.push({ params: stackMembers(this.arch, twin), augment: false });
    }
    this.stepCount = options.startStep ?? 0;
    this.gridX = tf.tensor2d(this.grid.points, [this.grid.size, 2]);
    this.farGrid = options.farGrid;
    if (this.farGrid) this.farX = tf.tensor2d(this.farGrid.points, [this.farGrid.size, 2]);
    this.frameGrid = options.frameGrid;
    if (this.frameGrid) this.frameX = tf.tensor2d(this.frameGrid.points, [this.frameGrid.size, 2]);
    const plainSet = augmentTrainingSet(config.points, [0]);
    this.plain = { X: tf.tensor2d(plainSet.X, [plainSet.N, 2]), Y: tf.tensor2d(plainSet.Y, [plainSet.N, 1]) };
    if (config.group.kind === 'cyclic' && config.group.n > 1) {
      const set = augmentTrainingSet(config.points, augmentationAngles(config.group, config.seed, 0));
      this.fixedAug = { X: tf.tensor2d(set.X, [set.N, 2]), Y: tf.tensor2d(set.Y, [set.N, 1]) };
    }
  }

  /** Steps taken so far. */
  get step(): number {
    return this.stepCount;
  }

  /** True when the run also trains the no-augmentation twin. */
  get hasNoAugmentationTwin(): boolean {
    return this.ensembles.length > 1;
  }

  /** Number of augmented training points N seen per step. */
  get augmentedSize(): number {
    const g = this.config.group;
    const copies = g.kind === 'so2' ? g.k : g.n;
    return this.config.points.length * copies;
  }

  /** One gradient-descent step of every ensemble: batched, no readback. */
  trainStep(): void {
    this.assertLive();
    const drawn = this.augmentedDataForStep(this.stepCount);
    for (const ens of this.ensembles) {
      const data = ens.augment ? drawn : this.plain;
      ens.params = advanceEnsemble(this.engine, this.arch, ens.params, data.X, data.Y, this.config.lr);
    }
    if (drawn !== this.fixedAug && drawn !== this.plain) {
      drawn.X.dispose();
      drawn.Y.dispose();
    }
    this.stepCount++;
  }

  /**
   * `count` steps at once. With fixed training sets (C_n or none) the data does not change between the steps, so on
   * webgpu the fused WGSL step runs them all in one GPU submit (StepEngine.sgdSteps); SO(2) draws a new set every step
   * and steps one at a time. Same numbers as `count` calls of trainStep.
   */
  trainSteps(count: number): void {
    this.assertLive();
    const drawsPerStep = this.config.group.kind === 'so2' && !this.fixedAug;
    if (count <= 1 || drawsPerStep) {
      for (let s = 0; s < count; s++) this.trainStep();
      return;
    }
    const data = this.augmentedDataForStep(this.stepCount);
    for (const ens of this.ensembles) {
      const d = ens.augment ? data : this.plain;
      ens.params = advanceEnsemble(this.engine, this.arch, ens.params, d.X, d.Y, this.config.lr, count);
    }
    this.stepCount += count;
  }

  /** The augmented data for a step: the fixed C_n set, or a fresh SO(2) draw keyed by (seed, step). */
  private augmentedDataForStep(step: number): { X: tf.Tensor2D; Y: tf.Tensor2D } {
    if (this.fixedAug) return this.fixedAug;
    if (this.config.group.kind === 'cyclic') return this.plain;
    const set = augmentTrainingSet(this.config.points, augmentationAngles(this.config.group, this.config.seed, step));
    return { X: tf.tensor2d(set.X, [set.N, 2]), Y: tf.tensor2d(set.Y, [set.N, 1]) };
  }

  /**
   * Per-member losses of each ensemble on its own training set (for SO(2) partial augmentation: on the C_16 orbit of
   * the points, a fixed stand-in for the full orbit). Reads back a few floats, asynchronously.
   */
  async losses(): Promise<Float32Array[]> {
    this.assertLive();
    const evalAug = this.lossData();
    try {
      const out: Float32Array[] = [];
      for (const ens of this.ensembles) {
        const data = ens.augment ? evalAug : this.plain;
        out.push(
          await finiteMemberLosses(this.engine, this.arch, ens.params, data.X, data.Y, {
            step: this.stepCount,
            lr: this.config.lr,
            what: ens.augment ? undefined : 'no-augmentation',
          }),
        );
      }
      return out;
    } finally {
      if (evalAug !== this.fixedAug && evalAug !== this.plain) {
        evalAug.X.dispose();
        evalAug.Y.dispose();
      }
    }
  }

  private lossData(): { X: tf.Tensor2D; Y: tf.Tensor2D } {
    if (this.fixedAug) return this.fixedAug;
    if (this.config.group.kind === 'cyclic') return this.plain;
    const set = augmentTrainingSet(this.config.points, augmentationAngles({ kind: 'cyclic', n: 16 }, 0, 0));
    return { X: tf.tensor2d(set.X, [set.N, 2]), Y: tf.tensor2d(set.Y, [set.N, 1]) };
  }

  /** Evaluate every member of every ensemble on the grid and read the predictions back (async). */
  async snapshot(): Promise<RawSnapshot> {
    this.assertLive();
    const step = this.stepCount;
    const losses = await this.losses();
    const data: Float32Array[] = [];
    for (const ens of this.ensembles) data.push(await this.evaluate(ens.params, this.gridX));
    if (this.farX) data.push(await this.evaluate(this.ensembles[0].params, this.farX));
    for (const d of data) {
      if (!d.every(Number.isFinite)) {
        throw new DivergenceError(`The predictions stopped being finite at step ${step}.`, step);
      }
    }
    return {
      step,
      members: data[0],
      losses: losses[0],
      noAugMembers: this.ensembles.length > 1 ? data[1] : undefined,
      noAugLosses: losses[1],
      farMembers: this.farX ? data[data.length - 1] : undefined,
    };
  }

  /**
   * A light frame: every member of every ensemble on the coarse frame grid, read back (async). No losses and no far
   * field: the page draws a light frame, the metrics come from the full snapshots.
   */
  async frame(): Promise<RawFrame> {
    this.assertLive();
    if (!this.frameX) throw new Error('this trainer has no frame grid');
    const step = this.stepCount;
    const data: Float32Array[] = [];
    for (const ens of this.ensembles) data.push(await this.evaluate(ens.params, this.frameX));
    if (data.some((d) => !d.every(Number.isFinite))) throw new DivergenceError(`The predictions stopped being finite at step ${step}.`, step);
    return { step, count: data[0].length / this.frameGrid!.size, members: data[0], noAugMembers: data[1] };
  }

  /**
   * Every member of one ensemble on `X`, read back; a block of points at a time at large E (blockedForward.ts),
   * sized from the whole ensemble's E so that every pool split evaluates the same blocks. Default runs: one block.
   */
  private evaluate(params: BatchedParams, X: tf.Tensor2D): Promise<Float32Array> {
    return forwardInBlocks(this.engine, this.arch, params, X, forwardBlockPoints(this.config.ensembleSize, this.config.width, X.shape[0]));
  }

  /** The current raw parameters (W = W̃/s) of the augmented ensemble (and its twin), per member: for tests. */
  async parameters(): Promise<MlpParams[][]> {
    this.assertLive();
    return Promise.all(this.ensembles.map((e) => unstackParams(this.arch, e.params)));
  }

  /** The stored floats (W̃, b̃) of the augmented ensemble (and its twin), per member: what a checkpoint keeps. */
  async storedParameters(): Promise<MlpParams[][]> {
    this.assertLive();
    return Promise.all(this.ensembles.map((e) => storedMemberParams(this.arch, e.params)));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const e of this.ensembles) disposeParams(e.params);
    this.gridX.dispose();
    this.farX?.dispose();
    this.frameX?.dispose();
    this.plain.X.dispose();
    this.plain.Y.dispose();
    if (this.fixedAug) {
      this.fixedAug.X.dispose();
      this.fixedAug.Y.dispose();
    }
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('EnsembleTrainer used after dispose()');
  }
}
