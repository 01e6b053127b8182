/**
 * A batched ensemble of MLP classifiers for images, trained with softmax cross-entropy. All E members live in
 * [E, n_l, n_{l+1}] weight tensors (the engine's pre-scaled NTK parameterisation, `BatchedParams`), so one training
 * step is one batched matMul per layer for the whole ensemble: never a loop over members.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { MlpArchitecture } from '../ensemble/architecture';
import type { BatchedParams } from '../ensemble/batchedMlp';
import { classifierTrace as trace, type ClassifierInput } from '../ensemble/crossEntropyStep';

// The step itself lives beside the regression step (a StepEngine may run it as a kernel); re-exported here.
export { crossEntropySgdStep, type ClassifierInput, type CrossEntropyStep } from '../ensemble/crossEntropyStep';

/** Logits z_k(x_n) of every member, [E, N, c]: h^{l+1} = relu(h^l) W̃^l + b̃^l (ReLU members). */
export function classifierLogits(params: BatchedParams, X: ClassifierInput): tf.Tensor3D {
  return tf.tidy(() => trace(params, X).logits);
}

/** Class probabilities p_k(c | x_n) = softmax_c z_k(x_n), [E, N, c]. */
export function classifierProbabilities(params: BatchedParams, X: ClassifierInput): tf.Tensor3D {
  return tf.tidy(() => tf.softmax(trace(params, X).logits) as tf.Tensor3D);
}

/** The members [start, start + count) of a batched ensemble, as new tensors. */
export function sliceMembers(params: BatchedParams, start: number, count: number): BatchedParams {
  return {
    W: params.W.map((w) => tf.slice(w, [start, 0, 0], [count, w.shape[1], w.shape[2]]) as tf.Tensor3D),
    b: params.b.map((b) => tf.slice(b, [start, 0, 0], [count, 1, b.shape[2]]) as tf.Tensor3D),
  };
}

/** FLOPs of one training step for E members on a batch of B (forward + backward, multiply-add = 2). */
export function classifierStepFlops(arch: MlpArchitecture, E: number, B: number): number {
  const sizes = [arch.inputDim, ...Array.from({ length: arch.depth }, () => arch.width), arch.outputDim];
  let macs = 0;
  for (let l = 0; l + 1 < sizes.length; l++) macs += (l === 0 ? 2 : 3) * B * sizes[l] * sizes[l + 1];
  return 2 * E * macs;
}
