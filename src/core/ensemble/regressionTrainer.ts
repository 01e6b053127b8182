import * as tf from '@tensorflow/tfjs-core';
import type { MlpArchitecture, MlpParams } from './architecture';
import { disposeParams, stackMembers, storedMemberParams, unstackParams, type BatchedParams, type MemberParams } from './batchedMlp';
import { DivergenceError } from './divergence';
import { advanceEnsemble, finiteMemberLosses } from './ensembleStep';
import { stepEngineFor, type StepEngine } from './stepEngine';

/** A fixed training set: X [N × inputDim], Y [N × outputDim], row-major. */
export interface RegressionSet {
  X: Float32Array;
  Y: Float32Array;
  N: number;
}

/**
 * One batched ensemble trained by full-batch gradient descent on a fixed set, through the backend's StepEngine:
 *   L_k = 1/(2N) Σ_n ‖f_k(x_n) − y_n‖²,  θ_k ← θ_k − η ∇L_k  for every member k at once.
 * The vector and cross-product trainers are this plus their own data and evaluation inputs. Holds its tensors until
 * `dispose()`; reads back only asynchronously.
 */
export class RegressionTrainer {
  readonly engine: StepEngine;
  /** N: rows of the (augmented) training set. */
  readonly augmentedSize: number;
  private params: BatchedParams;
  private readonly X: tf.Tensor2D;
  private readonly Y: tf.Tensor2D;
  private stepCount: number;
  private disposed = false;
  private readonly owned: tf.Tensor[] = [];

  /**
   * @param name the trainer's name in the use-after-dispose error.
   * @param members every member's initial parameters: raw (as drawn) or stored (a checkpoint's floats).
   */
  constructor(
    private readonly name: string,
    readonly arch: MlpArchitecture,
    readonly lr: number,
    members: MemberParams,
    set: RegressionSet,
    options: { startStep?: number; engine?: StepEngine } = {},
  ) {
    this.engine = options.engine ?? stepEngineFor();
    this.params = stackMembers(arch, members);
    this.X = tf.tensor2d(set.X, [set.N, arch.inputDim]);
    this.Y = tf.tensor2d(set.Y, [set.N, arch.outputDim]);
    this.augmentedSize = set.N;
    this.stepCount = options.startStep ?? 0;
  }

  get step(): number {
    return this.stepCount;
  }

  /** One gradient-descent step of every member at once; no readback. */
  trainStep(): void {
    this.assertLive();
    this.params = advanceEnsemble(this.engine, this.arch, this.params, this.X, this.Y, this.lr);
    this.stepCount++;
  }

  /** Per-member losses L_k = 1/(2N) Σ_n ‖f_k(x_n) − y_n‖² (async readback of E floats). */
  async losses(): Promise<Float32Array> {
    this.assertLive();
    return finiteMemberLosses(this.engine, this.arch, this.params, this.X, this.Y, { step: this.stepCount, lr: this.lr });
  }

  /** Every member's raw parameters (async readback). */
  parameters(): Promise<MlpParams[]> {
    this.assertLive();
    return unstackParams(this.arch, this.params);
  }

  /** Every member's stored floats (W̃, b̃; async readback): a checkpoint that resumes bit for bit. */
  storedParameters(): Promise<MlpParams[]> {
    this.assertLive();
    return storedMemberParams(this.arch, this.params);
  }

  /** A tensor of inputs the trainer keeps for evaluation and disposes with itself. */
  protected keep<T extends tf.Tensor>(t: T): T {
    this.owned.push(t);
    return t;
  }

  /** Every member's predictions f_k(x_p) on `inputs` [P, inputDim], member-major [E × P × out] (async readback). */
  protected async predictions(inputs: tf.Tensor2D): Promise<Float32Array> {
    this.assertLive();
    const step = this.stepCount;
    const out = this.engine.forward(this.arch, this.params, inputs);
    try {
      const data = (await out.data()) as Float32Array;
      if (!data.every(Number.isFinite)) throw new DivergenceError(`The predictions stopped being finite at step ${step}.`, step);
      return data;
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
    for (const t of this.owned) t.dispose();
  }

  protected assertLive(): void {
    if (this.disposed) throw new Error(`${this.name} used after dispose()`);
  }
}
