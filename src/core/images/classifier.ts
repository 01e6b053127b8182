/**
 * A batched ensemble of MLP classifiers for images, trained with softmax cross-entropy. All E members live in
 * [E, n_l, n_{l+1}] weight tensors (the engine's pre-scaled NTK parameterisation, `BatchedParams`), so one training
 * step is one batched matMul per layer for the whole ensemble: never a loop over members.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { MlpArchitecture } from '../ensemble/architecture';
import { layerScale, type BatchedParams } from '../ensemble/batchedMlp';

/** Input batch: shared by all members [N, d] or one batch per member [E, N, d]. */
export type ClassifierInput = tf.Tensor2D | tf.Tensor3D;

/**
 * A cross-entropy SGD step of the whole ensemble: images X, one-hot labels Y ([N, c] shared or [E, N, c] per member),
 * learning rate lr → the new parameters (the caller disposes the old ones) and each member's loss before the step, [E].
 * `crossEntropySgdStep` (tfjs ops) is the reference; the fused wasm kernel (fusedCrossEntropyStep.ts) has this type too.
 */
export type CrossEntropyStep = (
  arch: MlpArchitecture,
  params: BatchedParams,
  X: ClassifierInput,
  Y: tf.Tensor2D | tf.Tensor3D,
  lr: number,
) => { params: BatchedParams; loss: tf.Tensor1D };

function broadcastInput(X: ClassifierInput, E: number): tf.Tensor3D {
  if (X.rank === 3) return X as tf.Tensor3D;
  const [N, d] = X.shape as [number, number];
  return tf.broadcastTo(tf.expandDims(X, 0), [E, N, d]) as tf.Tensor3D;
}

function trace(params: BatchedParams, X: ClassifierInput): { inputs: tf.Tensor3D[]; logits: tf.Tensor3D } {
  const E = params.W[0].shape[0];
  let a = broadcastInput(X, E);
  const inputs: tf.Tensor3D[] = [a];
  const L = params.W.length;
  for (let l = 0; l < L; l++) {
    const z = tf.add(tf.matMul(a, params.W[l]), params.b[l]) as tf.Tensor3D;
    if (l === L - 1) return { inputs, logits: z };
    a = tf.relu(z) as tf.Tensor3D;
    inputs.push(a);
  }
  throw new Error('network has no layers');
}

/** Logits z_k(x_n) of every member, [E, N, c]: h^{l+1} = relu(h^l) W̃^l + b̃^l (ReLU members). */
export function classifierLogits(params: BatchedParams, X: ClassifierInput): tf.Tensor3D {
  return tf.tidy(() => trace(params, X).logits);
}

/** Class probabilities p_k(c | x_n) = softmax_c z_k(x_n), [E, N, c]. */
export function classifierProbabilities(params: BatchedParams, X: ClassifierInput): tf.Tensor3D {
  return tf.tidy(() => tf.softmax(trace(params, X).logits) as tf.Tensor3D);
}

/**
 * One SGD step of softmax cross-entropy for every member at once, with a hand-written backward pass:
 *   L_k = −(1/N) Σ_n Σ_c y_nc log softmax(z_k(x_n))_c,   δ_L = (softmax(z) − y)/N,
 *   ∂L/∂W̃^l = a_lᵀ δ_l,  ∂L/∂b̃^l = Σ_n δ_l,  δ_{l−1} = (δ_l W̃^lᵀ) ⊙ 1[a_{l−1} > 0],
 *   W̃^l ← W̃^l − η s_l² ∂L/∂W̃^l,  b̃^l ← b̃^l − η σ_b² ∂L/∂b̃^l   (plain SGD on the raw NTK parameters).
 * `Y` is one-hot, [N, c] shared or [E, N, c] per member. Returns new parameters (the caller disposes the old ones)
 * and the per-member loss before the step, [E].
 */
export function crossEntropySgdStep(
  arch: MlpArchitecture,
  params: BatchedParams,
  X: ClassifierInput,
  Y: tf.Tensor2D | tf.Tensor3D,
  lr: number,
): { params: BatchedParams; loss: tf.Tensor1D } {
  const out = tf.tidy(() => {
    const E = params.W[0].shape[0];
    const t = trace(params, X);
    const N = t.logits.shape[1];
    const Yb = broadcastInput(Y, E);
    const logp = tf.logSoftmax(t.logits);
    const loss = tf.neg(tf.div(tf.sum(tf.mul(Yb, logp), [1, 2]), N)) as tf.Tensor1D;
    let delta = tf.div(tf.sub(tf.exp(logp), Yb), N) as tf.Tensor3D;
    const L = params.W.length;
    const W: tf.Tensor3D[] = new Array(L);
    const b: tf.Tensor3D[] = new Array(L);
    for (let l = L - 1; l >= 0; l--) {
      const s = layerScale(arch, l);
      const gW = tf.matMul(t.inputs[l], delta, true, false);
      const gb = tf.sum(delta, 1, true);
      const next = l > 0 ? (tf.mul(tf.matMul(delta, params.W[l], false, true), tf.step(t.inputs[l])) as tf.Tensor3D) : null;
      W[l] = tf.sub(params.W[l], tf.mul(gW, lr * s * s)) as tf.Tensor3D;
      b[l] = tf.sub(params.b[l], tf.mul(gb, lr * arch.sigmaB * arch.sigmaB)) as tf.Tensor3D;
      if (next) delta = next;
    }
    return { W, b, loss };
  });
  return { params: { W: out.W, b: out.b }, loss: out.loss };
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
