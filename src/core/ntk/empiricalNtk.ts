import * as tf from '@tensorflow/tfjs-core';
// tfjs-core alone registers no gradients (the @tensorflow/tfjs union package does); tf.grads needs them.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { layerSizes, type MlpArchitecture, type MlpParams } from '../ensemble/architecture';
import { commonInputDim, type PointSet } from './points';

/**
 * Scalar output f(x; p) of one member in the NTK parameterisation of architecture.ts, as a function of the raw
 * N(0, 1)-scale parameters p = (W⁰, b⁰, W¹, b¹, …):
 *   h¹ = (σ_w/√d) x·W⁰ + σ_b b⁰,   h^{l+1} = (σ_w/√n_l) φ(h^l)·W^l + σ_b b^l,   f = h^{L+1}.
 * Gradients are taken with respect to these raw parameters, so the scale factors appear in ∂f/∂p exactly as in
 * training.
 */
function memberOutput(arch: MlpArchitecture, x: tf.Tensor2D, parameters: tf.Tensor[]): tf.Scalar {
  const sizes = layerSizes(arch);
  let h: tf.Tensor = x;
  for (let l = 0; l + 1 < sizes.length; l++) {
    if (l > 0) h = arch.activation === 'tanh' ? tf.tanh(h) : tf.relu(h);
    const scale = arch.sigmaW / Math.sqrt(sizes[l]);
    const weighted = tf.mul(tf.matMul(h as tf.Tensor2D, parameters[2 * l] as tf.Tensor2D), scale);
    h = tf.add(weighted, tf.mul(parameters[2 * l + 1], arch.sigmaB));
  }
  return tf.sum(h);
}

/**
 * Empirical NTK of one finite member (trained or at initialisation) on a small point set:
 *
 *     Θ̂(x, x′) = Σ_p ∂f(x)/∂p · ∂f(x′)/∂p,
 *
 * summed over every weight and bias. Each point's parameter gradient comes from `tf.grads`; the Gram matrix is
 * accumulated layer by layer as G_l G_lᵀ with G_l the [n × |p_l|] stack of per-point gradients. Cost: n backward
 * passes and O(n²·|p|) for the Gram, with n·|p| floats held at once; meant for a handful of points.
 *
 * Computed in the active tfjs backend's float32; read back asynchronously. Every intermediate tensor is disposed.
 * The output must be scalar (outputDim = 1).
 */
export async function empiricalNtk(arch: MlpArchitecture, params: MlpParams, X: PointSet): Promise<number[][]> {
  if (arch.outputDim !== 1) throw new Error(`empiricalNtk needs a scalar output, got outputDim = ${arch.outputDim}`);
  const sizes = layerSizes(arch);
  if (params.layers.length !== sizes.length - 1) {
    throw new Error(`params have ${params.layers.length} layers, the architecture ${sizes.length - 1}`);
  }
  params.layers.forEach((layer, l) => {
    if (layer.nIn !== sizes[l] || layer.nOut !== sizes[l + 1]) throw new Error(`layer ${l} has the wrong shape`);
  });
  const n = X.length;
  if (n === 0) return [];
  const d = commonInputDim(X);
  if (d !== arch.inputDim) throw new Error(`points have dimension ${d}, the architecture ${arch.inputDim}`);

  const gram = tf.tidy(() => {
    const parameters: tf.Tensor[] = [];
    for (const layer of params.layers) {
      parameters.push(tf.tensor2d(layer.W, [layer.nIn, layer.nOut]));
      parameters.push(tf.tensor2d(layer.b, [1, layer.nOut]));
    }
    // Per-point gradients, each flattened: perPoint[i][k] = ∂f(x_i)/∂p_k as a vector.
    const perPoint = X.map((x) =>
      tf.tidy(() => {
        const xt = tf.tensor2d([Array.from(x)], [1, d]);
        const gradient = tf.grads((...p: tf.Tensor[]) => memberOutput(arch, xt, p));
        return gradient(parameters).map((g) => tf.reshape(g, [-1]));
      }),
    );
    let total: tf.Tensor2D = tf.zeros([n, n]);
    for (let k = 0; k < parameters.length; k++) {
      const next = tf.tidy(() => {
        const stacked = tf.stack(perPoint.map((g) => g[k])) as tf.Tensor2D; // [n, |p_k|]
        return tf.add(total, tf.matMul(stacked, stacked, false, true)) as tf.Tensor2D;
      });
      total.dispose();
      total = next;
    }
    return total;
  });
  try {
    const flat = await gram.data();
    return Array.from({ length: n }, (_, i) => Array.from(flat.subarray(i * n, (i + 1) * n)));
  } finally {
    gram.dispose();
  }
}
