import * as tf from '@tensorflow/tfjs-core';
import { layerSizes, type MlpArchitecture, type MlpParams } from './architecture';
import { initMemberParams } from './init';
import type { BatchedParams } from './batchedParams';
import { matMulProduct, type BatchedProduct } from './batchedMatMul';

export type { BatchedParams } from './batchedParams';

/** Fan-in scale of layer l in the NTK parameterisation: s_l = σ_w/√n_l. */
export function layerScale(arch: MlpArchitecture, l: number): number {
  return arch.sigmaW / Math.sqrt(layerSizes(arch)[l]);
}

/**
 * Members' parameters for a trainer to start from: `raw`, as drawn (W, b: N(0, 1), as in `MlpParams`), or `stored`,
 * the floats the batched tensors hold (W̃ = s·W, b̃ = σ_b·b), as a checkpoint keeps them. A resumed run must start
 * from the stored floats themselves: W̃ → W̃/s → s·(W̃/s) does not round-trip in float32, and a run resumed through
 * the raw form drifted from the uninterrupted one by an ulp.
 */
export type MemberParams = { raw: readonly MlpParams[] } | { stored: readonly MlpParams[] };

/**
 * Stack per-member parameters (raw N(0, 1) draws, as in `MlpParams`) into pre-scaled batched tensors. Member k's
 * slice is exactly `members[k]` times the layer's scale, so a batched ensemble and E independently trained networks
 * start from identical functions.
 */
export function stackMemberParams(arch: MlpArchitecture, members: readonly MlpParams[]): BatchedParams {
  return stackMembers(arch, { raw: members });
}

/**
 * Batched tensors [E, n_l, n_{l+1}] and [E, 1, n_{l+1}] of `members`: raw ones scaled (W̃ = s_l·W, b̃ = σ_b·b, each
 * product rounded to float32 once), stored ones copied as they are.
 */
export function stackMembers(arch: MlpArchitecture, members: MemberParams): BatchedParams {
  const list = 'raw' in members ? members.raw : members.stored;
  const raw = 'raw' in members;
  const sizes = layerSizes(arch);
  const E = list.length;
  const W: tf.Tensor3D[] = [];
  const b: tf.Tensor3D[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const nIn = sizes[l];
    const nOut = sizes[l + 1];
    const s = raw ? layerScale(arch, l) : 1;
    const sb = raw ? arch.sigmaB : 1;
    const wData = new Float32Array(E * nIn * nOut);
    const bData = new Float32Array(E * nOut);
    list.forEach((m, k) => {
      const w = m.layers[l].W;
      const bb = m.layers[l].b;
      const wo = k * nIn * nOut;
      const bo = k * nOut;
      if (raw) {
        for (let i = 0; i < w.length; i++) wData[wo + i] = s * w[i];
        for (let i = 0; i < bb.length; i++) bData[bo + i] = sb * bb[i];
      } else {
        wData.set(w, wo);
        bData.set(bb, bo);
      }
    });
    W.push(tf.tensor3d(wData, [E, nIn, nOut]));
    b.push(tf.tensor3d(bData, [E, 1, nOut]));
  }
  return { W, b };
}

/** The seeded initial parameters of members 0…E−1, batched. Member k depends only on (seed, k). */
export function initBatchedParams(
  arch: MlpArchitecture,
  seed: number,
  E: number,
  antithetic = false,
): BatchedParams {
  const members = Array.from({ length: E }, (_, k) => initMemberParams(arch, seed, k, antithetic));
  return stackMemberParams(arch, members);
}

/**
 * Read batched parameters back into per-member raw arrays (W = W̃/s, b = b̃/σ_b), asynchronously: no dataSync.
 * With σ_b = 0 the biases have no effect and never move; they are returned as zeros.
 */
export async function unstackParams(arch: MlpArchitecture, params: BatchedParams): Promise<MlpParams[]> {
  return readMembers(arch, params, true);
}

/**
 * Read batched parameters back as the stored floats (W̃, b̃), per member: what a checkpoint keeps, so that
 * `stackMembers(arch, { stored })` rebuilds exactly these tensors.
 */
export async function storedMemberParams(arch: MlpArchitecture, params: BatchedParams): Promise<MlpParams[]> {
  return readMembers(arch, params, false);
}

async function readMembers(arch: MlpArchitecture, params: BatchedParams, raw: boolean): Promise<MlpParams[]> {
  const sizes = layerSizes(arch);
  const E = params.W[0].shape[0];
  const wData = await Promise.all(params.W.map((t) => t.data() as Promise<Float32Array>));
  const bData = await Promise.all(params.b.map((t) => t.data() as Promise<Float32Array>));
  // One copy per layer (data() may be the backend's own storage: the cpu backend's is), and every member a view into
  // it: E·L objects over L buffers, not 2·E·L buffers. A checkpoint of E = 1024 members was 6,144 buffers, and
  // receiving that many transferred buffers held the page's thread for ~50 ms.
  const W = wData.map((w, l) => (raw ? dividedCopy(w, layerScale(arch, l)) : w.slice()));
  const b = bData.map((v) => (!raw ? v.slice() : arch.sigmaB > 0 ? dividedCopy(v, arch.sigmaB) : new Float32Array(v.length)));
  return Array.from({ length: E }, (_, k) => ({
    layers: W.map((w, l) => {
      const nIn = sizes[l];
      const nOut = sizes[l + 1];
      return { nIn, nOut, W: w.subarray(k * nIn * nOut, (k + 1) * nIn * nOut), b: b[l].subarray(k * nOut, (k + 1) * nOut) };
    }),
  }));
}

/** a / d element by element, in a new array (W = W̃/s, b = b̃/σ_b). */
function dividedCopy(a: Float32Array, d: number): Float32Array {
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] / d;
  return out;
}

export function disposeParams(params: BatchedParams): void {
  for (const t of params.W) t.dispose();
  for (const t of params.b) t.dispose();
}

function activate(arch: MlpArchitecture, z: tf.Tensor3D): tf.Tensor3D {
  return (arch.activation === 'tanh' ? tf.tanh(z) : tf.relu(z)) as tf.Tensor3D;
}

/** φ′ expressed through a = φ(z): the step function 1[a > 0] for ReLU (a > 0 ⇔ z > 0), 1 − a² for tanh. */
function activationDerivative(arch: MlpArchitecture, a: tf.Tensor3D): tf.Tensor3D {
  if (arch.activation === 'tanh') return tf.sub(1, tf.square(a)) as tf.Tensor3D;
  return tf.step(a) as tf.Tensor3D;
}

interface ForwardTrace {
  /** a_0 … a_L: the inputs to each dense layer, [E, N, n_l]. */
  inputs: tf.Tensor3D[];
  /** The network outputs, [E, N, out]. */
  output: tf.Tensor3D;
}

function forwardTrace(arch: MlpArchitecture, params: BatchedParams, X: tf.Tensor2D, product: BatchedProduct): ForwardTrace {
  const E = params.W[0].shape[0];
  const [N, d] = X.shape;
  let a: tf.Tensor3D = tf.broadcastTo(tf.expandDims(X, 0), [E, N, d]) as tf.Tensor3D;
  const inputs: tf.Tensor3D[] = [a];
  const L = params.W.length;
  for (let l = 0; l < L; l++) {
    const z = tf.add(product(a, params.W[l]), params.b[l]) as tf.Tensor3D;
    if (l === L - 1) return { inputs, output: z };
    a = activate(arch, z);
    inputs.push(a);
  }
  throw new Error('network has no layers');
}

/**
 * Batched forward pass: f_k(x_n) for every member k and input n, as [E, N, out].
 * h¹ = x W̃⁰ + b̃⁰, h^{l+1} = φ(h^l) W̃^l + b̃^l, i.e. s_l φ(h^l) W^l + σ_b b^l with s_l = σ_w/√n_l.
 * This is the tfjs-op reference on any backend (`product` computes the per-member products, tf.matMul unless
 * given); the backend's own kernels are reached through a StepEngine (stepEngine.ts).
 */
export function batchedForward(arch: MlpArchitecture, params: BatchedParams, X: tf.Tensor2D, product: BatchedProduct = matMulProduct): tf.Tensor3D {
  return tf.tidy(() => forwardTrace(arch, params, X, product).output);
}

/** Per-member MSE of predictions f [E, N, out] against targets Y [N, out]: L_k = 1/(2N) Σ_n ‖f_k(x_n) − y_n‖², [E]. */
export function memberMse(f: tf.Tensor3D, Y: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.div(tf.sum(tf.square(tf.sub(f, tf.expandDims(Y, 0))), [1, 2]), 2 * Y.shape[0]) as tf.Tensor1D);
}

/**
 * Per-member MSE loss L_k = 1/(2N) Σ_n ‖f_k(x_n) − y_n‖², as an [E] tensor (tfjs ops).
 */
export function batchedLoss(arch: MlpArchitecture, params: BatchedParams, X: tf.Tensor2D, Y: tf.Tensor2D, product: BatchedProduct = matMulProduct): tf.Tensor1D {
  return tf.tidy(() => memberMse(forwardTrace(arch, params, X, product).output, Y));
}

/**
 * One full-batch gradient-descent step for every member at once, with a hand-written backward pass
 * (reverse mode through the batched layers; the same maths as autodiff, without a tape). In the scaled variables:
 *   δ_L = (f − y)/N,  ∂L/∂W̃^l = a_lᵀ δ_l,  ∂L/∂b̃^l = Σ_n δ_l,  δ_{l−1} = (δ_l W̃^lᵀ) ⊙ φ′(z_{l−1}),
 *   W̃^l ← W̃^l − η s_l² ∂L/∂W̃^l,  b̃^l ← b̃^l − η σ_b² ∂L/∂b̃^l,
 * which is W ← W − η ∂L/∂W, b ← b − η ∂L/∂b in the raw NTK parameters. The reference step, as tfjs ops on any
 * backend: the fused kernels are tested against it. Returns new parameter tensors; the caller disposes the old ones.
 */
export function batchedSgdStep(
  arch: MlpArchitecture,
  params: BatchedParams,
  X: tf.Tensor2D,
  Y: tf.Tensor2D,
  lr: number,
  product: BatchedProduct = matMulProduct,
): BatchedParams {
  return tf.tidy(() => {
    const trace = forwardTrace(arch, params, X, product);
    const N = X.shape[0];
    const L = params.W.length;
    let delta = tf.div(tf.sub(trace.output, tf.expandDims(Y, 0)), N) as tf.Tensor3D;
    const W: tf.Tensor3D[] = new Array(L);
    const b: tf.Tensor3D[] = new Array(L);
    for (let l = L - 1; l >= 0; l--) {
      const s = layerScale(arch, l);
      const gW = product(trace.inputs[l], delta, true, false);
      const gb = tf.sum(delta, 1, true);
      const nextDelta =
        l > 0 ? (tf.mul(product(delta, params.W[l], false, true), activationDerivative(arch, trace.inputs[l])) as tf.Tensor3D) : null;
      W[l] = tf.sub(params.W[l], tf.mul(gW, lr * s * s)) as tf.Tensor3D;
      b[l] = tf.sub(params.b[l], tf.mul(gb, lr * arch.sigmaB * arch.sigmaB)) as tf.Tensor3D;
      if (nextDelta) delta = nextDelta;
    }
    return { W, b };
  });
}

/** `steps` applications of `step` on the same data; returns new parameter tensors, the caller disposes the old ones. */
export function repeatSteps(step: (p: BatchedParams) => BatchedParams, params: BatchedParams, steps: number): BatchedParams {
  let p = step(params);
  for (let s = 1; s < steps; s++) {
    const next = step(p);
    disposeParams(p);
    p = next;
  }
  return p;
}

/** `steps` reference steps (batchedSgdStep) on the same data. Returns new parameter tensors; the caller disposes the old ones. */
export function batchedSgdSteps(
  arch: MlpArchitecture,
  params: BatchedParams,
  X: tf.Tensor2D,
  Y: tf.Tensor2D,
  lr: number,
  steps: number,
  product: BatchedProduct = matMulProduct,
): BatchedParams {
  return repeatSteps((p) => batchedSgdStep(arch, p, X, Y, lr, product), params, steps);
}

/** FLOPs of one batched training step (forward + backward), counting a multiply-add as 2: for the benchmark. */
export function trainingStepFlops(arch: MlpArchitecture, E: number, N: number): number {
  const sizes = layerSizes(arch);
  let macs = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const m = N * sizes[l] * sizes[l + 1];
    // forward, weight gradient, and (except the first layer) the backpropagated delta
    macs += l === 0 ? 2 * m : 3 * m;
  }
  return 2 * E * macs;
}
