import * as tf from '@tensorflow/tfjs-core';
import { weightStepSizes, type MlpArchitecture } from './architecture';
import type { BatchedParams } from './batchedParams';

/*
 * The batched MLP step in the layouts the depthwise convolution wants, weights as the convolution's filter: wasm's
 * training step for wide members or large ensembles (where narrowLayoutStep.ts's weights-as-input form is slower),
 * and its forward pass and loss at every size. See `batchedMatMul` and docs/PERFORMANCE.md, "The batched product on
 * wasm".
 *
 * Why a separate step: a depthwise convolution computes out[y, e, x] = Σ_c in[y, c, e] · filter[c, e, x] (input
 * [Y, C, E] with the members E innermost, filter [C, E, X], output [Y, E, X]). `batchedMatMul` fits [E, ·, ·]
 * tensors to that with three transposes per product, 24 per step at depth 2: a quarter of the step. Here an
 * activation a[n, k, e] is kept in the two layouts the convolutions read and write,
 *   I = [N, K, E] (members innermost: a convolution input) and F = [N, E, K] (a convolution output or filter),
 * so the three products of a hidden layer chain with one activation transpose each way:
 *   forward       z^F[n, e, m]   = Σ_k a^I[n, k, e] · W[k, e, m]                       (filter W in [K, E, M])
 *   weight grad   ∂W[k, e, m]    = Σ_n a^I[n, k, e] · δ^F[n, e, m]                     (kernel height N, filter δ^F)
 *   backprop      (δWᵀ)^F[n,e,k] = Σ_m δ^I[n, m, e] · W[m, e, k]                       (filter W in [M, E, K])
 * The first layer (the inputs X are shared by every member) is one plain matMul, x · W⁰ over all members at once;
 * a scalar output layer (M = 1) is elementwise. Parameters keep their public [E, in, out] storage: the weights are
 * transposed into the filter layouts inside the step and the gradient back, so callers see no difference.
 */

/** An activation [N, K, E] members-innermost (`I`) and/or [N, E, K] (`F`); the missing one is made on demand. */
class Layouts {
  constructor(
    private i: tf.Tensor3D | null,
    private f: tf.Tensor3D | null,
  ) {}

  get I(): tf.Tensor3D {
    return (this.i ??= tf.transpose(this.f!, [0, 2, 1]));
  }

  get F(): tf.Tensor3D {
    return (this.f ??= tf.transpose(this.i!, [0, 2, 1]));
  }

  get hasF(): boolean {
    return this.f !== null;
  }

  /** Apply an elementwise map to the held layout(s) (no transpose). */
  map(g: (t: tf.Tensor3D) => tf.Tensor3D): Layouts {
    return new Layouts(this.i && g(this.i), this.f && g(this.f));
  }
}

/** Weights [E, K, M] → [K, E, M]: whole rows of M move, the cheap kind of transpose on wasm. */
function filterKEM(W: tf.Tensor3D): tf.Tensor4D {
  const [E, K, M] = W.shape;
  return tf.reshape(tf.transpose(W, [1, 0, 2]), [1, K, E, M]);
}

/**
 * Weights [E, K, M] → [M, E, K] in two steps: per-member [K, M] → [M, K], then whole rows. tfjs-backend-wasm's
 * transpose has no tiling, and the single [2, 0, 1] permutation is 1.2–3× slower than these two (64 ≤ W ≤ 512).
 */
function filterMEK(W: tf.Tensor3D): tf.Tensor4D {
  const [E, K, M] = W.shape;
  return tf.reshape(tf.transpose(tf.transpose(W, [0, 2, 1]), [1, 0, 2]), [1, M, E, K]);
}

type FusedActivation = 'relu' | 'linear';

/**
 * A bias as a fused op accepts it on wasm: tfjs-backend-wasm checks the rank of the bias's *storage*, which a
 * reshape does not change, so a reshaped [E, 1, M] tensor is refused. Adding 0 makes [n]-shaped storage (n = E·M
 * floats, a negligible op).
 */
function rank1Bias(b: tf.Tensor): tf.Tensor1D {
  return tf.add(tf.reshape(b, [b.size]), 0) as tf.Tensor1D;
}

/** First layer, all members in one product: z^I[n, m, e] = Σ_k x[n, k] W̃⁰[e, k, m] + b̃⁰[e, m], as [N, M, E]. */
function firstLayer(X: tf.Tensor2D, W: tf.Tensor3D, b: tf.Tensor3D, activation: FusedActivation): tf.Tensor3D {
  const [E, d, M] = W.shape;
  const w = tf.reshape(tf.transpose(W, [1, 2, 0]), [d, M * E]) as tf.Tensor2D;
  const bias = rank1Bias(tf.transpose(b, [1, 2, 0]));
  const z = tf.fused.matMul({ a: X, b: w, bias, activation });
  return tf.reshape(z, [X.shape[0], M, E]);
}

/** Hidden (or wide output) layer: z^F[n, e, m] = Σ_k a^I[n, k, e] W̃[e, k, m] + b̃[e, m], bias and ReLU fused. */
function denseLayer(aI: tf.Tensor3D, W: tf.Tensor3D, b: tf.Tensor3D, activation: FusedActivation): tf.Tensor3D {
  const [N, K, E] = aI.shape;
  const M = W.shape[2];
  const z = tf.fused.depthwiseConv2d({
    x: tf.reshape(aI, [1, N, K, E]) as tf.Tensor4D,
    filter: filterKEM(W),
    strides: 1,
    pad: 'valid',
    // The convolution's output channel e·M + m is exactly b̃[e, 0, m] in its [E, 1, M] storage.
    bias: rank1Bias(b),
    activation,
  });
  return tf.reshape(z, [N, E, M]);
}

/** Scalar output layer, elementwise: f[n, e] = Σ_k a[n, k, e] W̃[e, k, 0] + b̃[e, 0], as [N, E, 1]. */
function scalarOutput(a: Layouts, W: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D {
  const [E, K] = W.shape;
  const w = tf.reshape(W, [E, K]);
  const dot = a.hasF ? tf.sum(tf.mul(a.F, w), 2) : tf.sum(tf.mul(a.I, tf.transpose(w)), 1);
  return tf.reshape(tf.add(dot, tf.reshape(b, [E])), [dot.shape[0], E, 1]);
}

interface LayoutTrace {
  /** inputs[l] is layer l's input activation for l ≥ 1; inputs[0] is null (the shared X). */
  inputs: (Layouts | null)[];
  output: Layouts;
}

function forwardLayouts(arch: MlpArchitecture, params: BatchedParams, X: tf.Tensor2D): LayoutTrace {
  const L = params.W.length;
  const fused: FusedActivation = arch.activation === 'relu' ? 'relu' : 'linear';
  const inputs: (Layouts | null)[] = [null];
  for (let l = 0; l < L; l++) {
    const last = l === L - 1;
    const act: FusedActivation = last ? 'linear' : fused;
    const W = params.W[l];
    const b = params.b[l];
    let z: Layouts;
    if (l === 0) z = new Layouts(firstLayer(X, W, b, act), null);
    else if (last && W.shape[2] === 1) z = new Layouts(null, scalarOutput(inputs[l]!, W, b));
    else z = new Layouts(null, denseLayer(inputs[l]!.I, W, b, act));
    if (last) return { inputs, output: z };
    inputs.push(arch.activation === 'tanh' ? z.map((t) => tf.tanh(t)) : z);
  }
  throw new Error('network has no layers');
}

/** φ′ through a = φ(z), in a's layout: 1[a > 0] for ReLU, 1 − a² for tanh. */
function derivative(arch: MlpArchitecture, a: tf.Tensor3D): tf.Tensor3D {
  return arch.activation === 'tanh' ? tf.sub(1, tf.square(a)) : tf.step(a);
}

/** ∂W̃^l[e, k, m] = Σ_n a_l[n, k, e] δ_l[n, e, m], in the [E, K, M] storage layout. */
function weightGradient(a: Layouts | null, X: tf.Tensor2D, delta: Layouts, E: number, K: number, M: number): tf.Tensor3D {
  if (a === null) {
    // First layer: a_0 = X is the same for every member, so this is one [d, N] × [N, E·M] product.
    if (delta.hasF) {
      const g = tf.matMul(X, tf.reshape(delta.F, [X.shape[0], E * M]) as tf.Tensor2D, true, false);
      return tf.transpose(tf.reshape(g, [K, E, M]), [1, 0, 2]);
    }
    const g = tf.matMul(X, tf.reshape(delta.I, [X.shape[0], M * E]) as tf.Tensor2D, true, false);
    return tf.transpose(tf.reshape(g, [K, M, E]), [2, 0, 1]);
  }
  if (M === 1) {
    // Scalar output: Σ_n a[n, ·, e] δ[n, e] elementwise; δ^F [N, E, 1] is δ as [N, 1, E] with no data moved.
    if (a.hasF) return tf.reshape(tf.sum(tf.mul(a.F, delta.F), 0), [E, K, 1]);
    const N = X.shape[0];
    return tf.reshape(tf.transpose(tf.sum(tf.mul(a.I, tf.reshape(delta.F, [N, 1, E])), 0)), [E, K, 1]);
  }
  // Kernel height N over the input a^I [1, N, K, E]: output [1, 1, K, E·M] = ∂W in [K, E, M].
  const N = X.shape[0];
  const g = tf.depthwiseConv2d(
    tf.reshape(a.I, [1, N, K, E]) as tf.Tensor4D,
    tf.reshape(delta.F, [N, 1, E, M]) as tf.Tensor4D,
    1,
    'valid',
  );
  return tf.transpose(tf.reshape(g, [K, E, M]), [1, 0, 2]);
}

/** ∂b̃^l[e, 0, m] = Σ_n δ_l[n, e, m], in the [E, 1, M] storage layout. */
function biasGradient(delta: Layouts, E: number, M: number): tf.Tensor3D {
  if (delta.hasF) return tf.reshape(tf.sum(delta.F, 0), [E, 1, M]);
  return tf.reshape(tf.transpose(tf.sum(delta.I, 0)), [E, 1, M]);
}

/** δ_l W̃^lᵀ, i.e. Σ_m δ[n, e, m] W̃[e, k, m], in a layout that `a` (layer l's input) already holds if possible. */
function backprop(delta: Layouts, W: tf.Tensor3D, a: Layouts): { t: tf.Tensor3D; layout: 'I' | 'F' } {
  const [E, K, M] = W.shape;
  if (M === 1) {
    const w = tf.reshape(W, [E, K]);
    if (a.hasF) return { t: tf.mul(delta.F, w), layout: 'F' };
    const N = delta.F.shape[0];
    return { t: tf.mul(tf.reshape(delta.F, [N, 1, E]), tf.transpose(w)), layout: 'I' };
  }
  const N = delta.F.shape[0];
  // Input δ^I [1, N, M, E], kernel width M, filter W̃ in [M, E, K]: output [1, N, 1, E·K] = [N, E, K].
  const t = tf.depthwiseConv2d(tf.reshape(delta.I, [1, N, M, E]) as tf.Tensor4D, filterMEK(W), 1, 'valid');
  return { t: tf.reshape(t, [N, E, K]), layout: 'F' };
}

/**
 * Batched forward pass f_k(x_n), [E, N, out], computed in the convolution layouts:
 *   h¹ = x W̃⁰ + b̃⁰ (one matMul for all members), h^{l+1} = φ(h^l) W̃^l + b̃^l (one depthwise convolution).
 * The same numbers as `batchedForward`'s matMul path to float rounding.
 */
export function layoutForward(arch: MlpArchitecture, params: BatchedParams, X: tf.Tensor2D): tf.Tensor3D {
  return tf.tidy(() => tf.transpose(forwardLayouts(arch, params, X).output.F, [1, 0, 2]));
}

/** Per-member MSE loss L_k = 1/(2N) Σ_n ‖f_k(x_n) − y_n‖², [E], from the convolution-layout forward pass. */
export function layoutLoss(arch: MlpArchitecture, params: BatchedParams, X: tf.Tensor2D, Y: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const f = forwardLayouts(arch, params, X).output.F;
    const [N, , M] = f.shape;
    return tf.div(tf.sum(tf.square(tf.sub(f, tf.reshape(Y, [N, 1, M]))), [0, 2]), 2 * N) as tf.Tensor1D;
  });
}

/**
 * One full-batch gradient-descent step of every member (the maths of `batchedSgdStep`):
 *   δ_L = (f − y)/N,  ∂L/∂W̃^l = a_lᵀ δ_l,  ∂L/∂b̃^l = Σ_n δ_l,  δ_{l−1} = (δ_l W̃^lᵀ) ⊙ φ′(z_{l−1}),
 *   W̃^l ← W̃^l − η s_l² ∂L/∂W̃^l,  b̃^l ← b̃^l − η σ_b² ∂L/∂b̃^l.
 * The backward pass carries κ δ with κ = η s_L²: every hidden and output layer has the same fan-in scale
 * s_l = σ_w/√W, so their weight steps come out of the products already scaled (no multiply over a weight-sized
 * tensor); only the small first-layer and bias gradients are rescaled, by η s_0²/κ and η σ_b²/κ.
 * Returns new parameter tensors in the public [E, in, out] storage; the caller disposes the old ones.
 */
export function layoutSgdStep(
  arch: MlpArchitecture,
  params: BatchedParams,
  X: tf.Tensor2D,
  Y: tf.Tensor2D,
  lr: number,
): BatchedParams {
  return tf.tidy(() => {
    const trace = forwardLayouts(arch, params, X);
    const L = params.W.length;
    const N = X.shape[0];
    const E = params.W[0].shape[0];
    const stepSizes = weightStepSizes(arch, lr);
    const kappa = stepSizes[L - 1];
    const f = trace.output.F;
    let delta = new Layouts(null, tf.mul(tf.sub(f, tf.reshape(Y, [N, 1, f.shape[2]])), kappa / N) as tf.Tensor3D);
    const W: tf.Tensor3D[] = new Array(L);
    const b: tf.Tensor3D[] = new Array(L);
    for (let l = L - 1; l >= 0; l--) {
      const [, K, M] = params.W[l].shape;
      const a = trace.inputs[l];
      let gW = weightGradient(a, X, delta, E, K, M);
      const ratio = stepSizes[l] / kappa;
      if (ratio !== 1) gW = tf.mul(gW, ratio);
      W[l] = tf.sub(params.W[l], gW);
      // With σ_b = 0 the biases have no effect and never move.
      b[l] =
        arch.sigmaB === 0
          ? tf.clone(params.b[l])
          : tf.sub(params.b[l], tf.mul(biasGradient(delta, E, M), (lr * arch.sigmaB * arch.sigmaB) / kappa));
      if (a) {
        const back = backprop(delta, params.W[l], a);
        // φ′ in whichever layout the backprop produced; if `a` lacks it, move the product to a's layout instead.
        if (back.layout === 'F' && !a.hasF) {
          const t = tf.transpose(back.t, [0, 2, 1]);
          delta = new Layouts(tf.mul(t, derivative(arch, a.I)) as tf.Tensor3D, null);
        } else if (back.layout === 'F') {
          delta = new Layouts(null, tf.mul(back.t, derivative(arch, a.F)) as tf.Tensor3D);
        } else {
          delta = new Layouts(tf.mul(back.t, derivative(arch, a.I)) as tf.Tensor3D, null);
        }
      }
    }
    return { W, b };
  });
}
