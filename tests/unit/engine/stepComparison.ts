/**
 * Shared by the unit tests that compare one way of computing the ensemble step with another: the relative
 * difference of two arrays, training a few steps with a given step function, the matMul reference step, and the
 * parameters read back flat.
 */
import * as tf from '@tensorflow/tfjs-core';
import { repeatSteps, type BatchedParams, type MlpArchitecture } from '../../../src/core';
import { referenceEngine } from '../../../src/core/ensemble/stepEngine';

/** max |a − b| / max |b|: the largest difference relative to the reference's scale. */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let scale = 0;
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    scale = Math.max(scale, Math.abs(b[i]));
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
  }
  return diff / Math.max(scale, 1e-12);
}

export type Step = (arch: MlpArchitecture, p: BatchedParams, X: tf.Tensor2D, Y: tf.Tensor2D, lr: number) => BatchedParams;

/** `steps` steps of `step` from `start` (which is kept), at rate lr. */
export function train(arch: MlpArchitecture, start: BatchedParams, X: tf.Tensor2D, Y: tf.Tensor2D, step: Step, steps = 5, lr = 0.25): BatchedParams {
  return repeatSteps((p) => step(arch, p, X, Y, lr), start, steps);
}

/** The reference: the tfjs-op step with plain batched tf.matMul products, whatever the backend. */
export const matmulStep: Step = (arch, p, X, Y, lr) => referenceEngine.sgdStep(arch, p, X, Y, lr);

/** Every W̃ then every b̃, read back asynchronously. */
export async function flat(p: BatchedParams): Promise<Float32Array[]> {
  return Promise.all([...p.W, ...p.b].map((t) => t.data() as Promise<Float32Array>));
}
