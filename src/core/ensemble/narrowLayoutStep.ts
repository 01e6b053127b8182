import * as tf from '@tensorflow/tfjs-core';
import { weightStepSizes, type MlpArchitecture } from './architecture';
import type { BatchedParams } from './batchedParams';

/*
 * The batched MLP step for small ensembles of narrow members on wasm, with the points innermost: every activation
 * and every δ is held as t[k, e, n] ([K, E, N], "T layout") and the weights are the convolution's *input*.
 *
 * Why (see wasmLayoutStep.ts for the depthwise form and docs/PERFORMANCE.md for the measurements): a depthwise
 * convolution out[y, e, x] = Σ_c in[y, c, e] · filter[c, e, x] packs its filter anew on every call (every step's
 * tensors are new), which costs ~0.3 ms for a [64, 64, 64] weight filter but little for an activation-sized one.
 * With W̃ transposed once to [K, M, E] as the input, both products that use it take the activation as the filter
 * and chain in the T layout without any activation transpose:
 *   forward    z^T[m, e, n] = Σ_k W̃[k, m, e] · a^T[k, e, n]     (input [1, K, M, E], kernel height K)
 *   backprop   b^T[k, e, n] = Σ_m W̃[k, m, e] · δ^T[m, e, n]     (same input, kernel width M)
 * and every sum over the points (bias gradients, the scalar output's weight gradient) runs along the innermost
 * axis, which the wasm Sum kernel does without transposing. Only the weight gradient needs two activation
 * transposes. This wins while the [K, M, E] weights fit in the 2 MiB L2 cache of the machine measured (E·W² ≤ 2¹⁹
 * floats): E × W = 64 × 64 5.2 vs 6.0 ms a step, 16 × 128 3.9 vs 4.7, 64 × 80 7.6 vs 8.7; even at 128 × 64 and
 * 64 × 96; at 64 × 128 the convolution's strided reads of its input make it slower, 31.5 vs 26.5 ms.
 */

/** Whether this step is the faster one: the member-innermost weights fit in cache (measured, see above). */
export function narrowStepFits(arch: MlpArchitecture, E: number): boolean {
  return E * arch.width * arch.width <= 1 << 19;
}

/** W̃ [E, K, M] → [1, K, M, E], members innermost: the convolution input of both products of the layer. */
function weightInput(W: tf.Tensor3D): tf.Tensor4D {
  const [E, K, M] = W.shape;
  // A scalar output's [E, K, 1] is transposed as the 2-D [E, K]: wasm's 3-D transpose is 9× slower on it.
  if (M === 1) return tf.reshape(tf.transpose(tf.reshape(W, [E, K])), [1, K, 1, E]);
  return tf.reshape(tf.transpose(W, [1, 2, 0]), [1, K, M, E]);
}

/** b̃ [E, 1, M] → [M, E, 1], to broadcast over the points of a T-layout [M, E, N] tensor. */
function biasColumn(b: tf.Tensor3D): tf.Tensor3D {
  return tf.transpose(b, [2, 0, 1]);
}

function activate(arch: MlpArchitecture, z: tf.Tensor3D): tf.Tensor3D {
  // (No fused form here: the bias is per output pixel of the convolution, its fused bias per channel.)
  return arch.activation === 'tanh' ? tf.tanh(z) : tf.relu(z);
}

/** φ′ through a = φ(z): 1[a > 0] for ReLU, 1 − a² for tanh. */
function derivative(arch: MlpArchitecture, a: tf.Tensor3D): tf.Tensor3D {
  return arch.activation === 'tanh' ? tf.sub(1, tf.square(a)) : tf.step(a);
}

interface Trace {
  /** a_l^T [n_l, E, N] for l ≥ 1; inputs[0] is null (the shared X). */
  inputs: (tf.Tensor3D | null)[];
  /** Layer l ≥ 1's weights as the convolution input [1, K, M, E], made once for the forward and backward pass. */
  weightInputs: (tf.Tensor4D | null)[];
  output: tf.Tensor3D;
}

function forwardT(arch: MlpArchitecture, params: BatchedParams, X: tf.Tensor2D): Trace {
  const L = params.W.length;
  const [N, d] = X.shape;
  const inputs: (tf.Tensor3D | null)[] = [null];
  const weightInputs: (tf.Tensor4D | null)[] = [null];
  let a: tf.Tensor3D | null = null;
  for (let l = 0; l < L; l++) {
    const [E, K, M] = params.W[l].shape;
    const last = l === L - 1;
    if (l === 0) {
      // X is shared by all members: z^T[(m, e), n] = Σ_k W̃⁰[e, k, m] x[n, k] + b̃⁰[e, m] is one plain
      // [M·E, d + 1] × [d + 1, N] product, the bias a column of the weights against a row of ones under Xᵀ. That
      // replaces a broadcast add (a slow kernel on wasm) and lets the ReLU be fused.
      const w = tf.reshape(tf.transpose(tf.concat([params.W[0], params.b[0]], 1), [2, 0, 1]), [M * E, d + 1]);
      const xt = tf.concat([tf.transpose(X), tf.ones([1, N])], 0);
      const act = !last && arch.activation === 'relu' ? 'relu' : 'linear';
      let z = tf.reshape(tf.fused.matMul({ a: w, b: xt, activation: act }), [M, E, N]) as tf.Tensor3D;
      if (last) return { inputs, weightInputs, output: z };
      if (arch.activation === 'tanh') z = tf.tanh(z);
      a = z;
      inputs.push(a);
      continue;
    }
    const wi = weightInput(params.W[l]);
    weightInputs.push(wi);
    const conv = tf.depthwiseConv2d(wi, tf.reshape(a!, [K, 1, E, N]) as tf.Tensor4D, 1, 'valid');
    const z = tf.add(tf.reshape(conv, [M, E, N]), biasColumn(params.b[l])) as tf.Tensor3D;
    if (last) return { inputs, weightInputs, output: z };
    a = activate(arch, z);
    inputs.push(a);
  }
  throw new Error('network has no layers');
}

/**
 * One full-batch gradient-descent step of every member, the maths of `batchedSgdStep`:
 *   δ_L = (f − y)/N,  ∂L/∂W̃^l = a_lᵀ δ_l,  ∂L/∂b̃^l = Σ_n δ_l,  δ_{l−1} = (δ_l W̃^lᵀ) ⊙ φ′(z_{l−1}),
 *   W̃^l ← W̃^l − η s_l² ∂L/∂W̃^l,  b̃^l ← b̃^l − η σ_b² ∂L/∂b̃^l,
 * computed in the T layout [·, E, N] (members in the middle, points innermost). The backward pass carries κ δ with
 * κ = η s_L², the step size of every layer after the first (they share the fan-in W), so those weight gradients come
 * out of the products already scaled. Returns new parameters in the public [E, in, out] storage; the caller disposes
 * the old ones.
 */
export function narrowSgdStep(
  arch: MlpArchitecture,
  params: BatchedParams,
  X: tf.Tensor2D,
  Y: tf.Tensor2D,
  lr: number,
): BatchedParams {
  return tf.tidy(() => {
    const trace = forwardT(arch, params, X);
    const L = params.W.length;
    const N = X.shape[0];
    const stepSizes = weightStepSizes(arch, lr);
    const kappa = stepSizes[L - 1];
    const [Mout, E] = trace.output.shape;
    let delta = tf.mul(tf.sub(trace.output, tf.reshape(tf.transpose(Y), [Mout, 1, N])), kappa / N) as tf.Tensor3D;
    const W: tf.Tensor3D[] = new Array(L);
    const b: tf.Tensor3D[] = new Array(L);
    for (let l = L - 1; l >= 0; l--) {
      const [, K, M] = params.W[l].shape;
      const a = trace.inputs[l];
      let gW: tf.Tensor3D;
      if (a === null) {
        // ∂W̃⁰[(m, e), k] = Σ_n δ[(m, e), n] x[n, k]: the tiny X is the product's packed operand.
        const g = tf.matMul(tf.reshape(delta, [M * E, N]) as tf.Tensor2D, X);
        gW = tf.transpose(tf.reshape(g, [M, E, K]), [1, 2, 0]);
      } else if (M === 1) {
        // Scalar output: Σ_n a[k, e, n] δ[e, n] along the innermost axis.
        gW = tf.reshape(tf.transpose(tf.sum(tf.mul(a, delta), 2)), [E, K, 1]);
      } else {
        // Input a as [1, K, N, E] (kernel width N), filter δ as [1, N, E, M]: output [1, K, 1, E·M] = ∂W̃ in [K, E, M].
        const g = tf.depthwiseConv2d(
          tf.reshape(tf.transpose(a, [0, 2, 1]), [1, K, N, E]) as tf.Tensor4D,
          tf.reshape(tf.transpose(delta, [2, 1, 0]), [1, N, E, M]) as tf.Tensor4D,
          1,
          'valid',
        );
        gW = tf.transpose(tf.reshape(g, [K, E, M]), [1, 0, 2]);
      }
      const ratio = stepSizes[l] / kappa;
      if (ratio !== 1) gW = tf.mul(gW, ratio);
      W[l] = tf.sub(params.W[l], gW);
      // With σ_b = 0 the biases have no effect and never move.
      b[l] =
        arch.sigmaB === 0
          ? tf.clone(params.b[l])
          : tf.sub(
              params.b[l],
              tf.reshape(tf.transpose(tf.mul(tf.sum(delta, 2), (lr * arch.sigmaB * arch.sigmaB) / kappa)), [E, 1, M]),
            );
      if (a) {
        // Input W̃ [1, K, M, E] (kernel width M), filter δ as [1, M, E, N]: output [1, K, 1, E·N] = (δ W̃ᵀ)^T.
        const back = tf.depthwiseConv2d(trace.weightInputs[l]!, tf.reshape(delta, [1, M, E, N]) as tf.Tensor4D, 1, 'valid');
        delta = tf.mul(tf.reshape(back, [K, E, N]), derivative(arch, a)) as tf.Tensor3D;
      }
    }
    return { W, b };
  });
}
