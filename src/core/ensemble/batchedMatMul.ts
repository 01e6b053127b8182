import * as tf from '@tensorflow/tfjs-core';

/** A per-member product out[e] = op(a[e]) · op(b[e]) for a, b of shape [E, ·, ·], op = transpose when asked. */
export type BatchedProduct = (a: tf.Tensor3D, b: tf.Tensor3D, transposeA?: boolean, transposeB?: boolean) => tf.Tensor3D;

/** The product as one batched tf.matMul: the reference, on every backend. */
export const matMulProduct: BatchedProduct = (a, b, transposeA = false, transposeB = false) => tf.matMul(a, b, transposeA, transposeB);

/**
 * The same product as one depthwise convolution, for the wasm backend when its fused kernel is unavailable.
 *
 * Why: tfjs-backend-wasm runs a batched matMul through a generic loop (~2 GFLOP/s here) but a depthwise convolution
 * through XNNPACK. The batched product is exactly a depthwise convolution:
 *   out[e, n, m] = Σ_k x[e, n, k] w[e, k, m]
 * with input [1, N, K, E] (height N, width K, channels E), filter [1, K, E, M] (channel multiplier M) and 'valid'
 * padding, whose output [1, N, 1, E·M] is out in [N, E, M] layout. On the default training step this is ~3× faster
 * on wasm than tf.matMul, transposes included (docs/PERFORMANCE.md). Still one op for the whole ensemble.
 */
export const depthwiseProduct: BatchedProduct = (a, b, transposeA = false, transposeB = false) => {
  const E = a.shape[0];
  const N = transposeA ? a.shape[2] : a.shape[1];
  const K = transposeA ? a.shape[1] : a.shape[2];
  const M = transposeB ? b.shape[1] : b.shape[2];
  // input[0, n, k, e] = op(a)[e, n, k]; filter[0, k, e, m] = op(b)[e, k, m].
  const input = tf.reshape(tf.transpose(a, transposeA ? [2, 1, 0] : [1, 2, 0]), [1, N, K, E]) as tf.Tensor4D;
  const filter = tf.reshape(tf.transpose(b, transposeB ? [2, 0, 1] : [1, 0, 2]), [1, K, E, M]) as tf.Tensor4D;
  const out = tf.depthwiseConv2d(input, filter, 1, 'valid');
  return tf.transpose(tf.reshape(out, [N, E, M]), [1, 0, 2]) as tf.Tensor3D;
};
