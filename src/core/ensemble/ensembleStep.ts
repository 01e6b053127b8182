import type * as tf from '@tensorflow/tfjs-core';
import type { MlpArchitecture } from './architecture';
import { disposeParams, type BatchedParams } from './batchedMlp';
import type { StepEngine } from './stepEngine';
import { DivergenceError } from './divergence';

/** `steps` full-batch gradient-descent steps of every member on `engine`: returns the new parameters and disposes the old ones. */
export function advanceEnsemble(
  engine: StepEngine,
  arch: MlpArchitecture,
  params: BatchedParams,
  X: tf.Tensor2D,
  Y: tf.Tensor2D,
  lr: number,
  steps = 1,
): BatchedParams {
  const next = steps === 1 ? engine.sgdStep(arch, params, X, Y, lr) : engine.sgdSteps(arch, params, X, Y, lr, steps);
  disposeParams(params);
  return next;
}

/**
 * Per-member losses L_k = 1/(2N) Σ_n ‖f_k(x_n) − y_n‖², read back asynchronously (E floats). A non-finite loss
 * throws DivergenceError naming the step and the learning rate, so no NaN ever reaches a picture.
 */
export async function finiteMemberLosses(
  engine: StepEngine,
  arch: MlpArchitecture,
  params: BatchedParams,
  X: tf.Tensor2D,
  Y: tf.Tensor2D,
  context: { step: number; lr: number; what?: string },
): Promise<Float32Array> {
  const t = engine.loss(arch, params, X, Y);
  try {
    const l = (await t.data()) as Float32Array;
    const bad = l.find((v) => !Number.isFinite(v));
    if (bad !== undefined) {
      throw new DivergenceError(
        `The ${context.what ? `${context.what} ` : ''}training loss became ${bad} at step ${context.step}: ` +
          `the learning rate ${context.lr} is too large for these points.`,
        context.step,
      );
    }
    return l;
  } finally {
    t.dispose();
  }
}
