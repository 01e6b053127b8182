import * as tf from '@tensorflow/tfjs-core';

/**
 * How the ensemble's batched products are computed:
 * - `matmul`: tf.matMul on [E, ·, ·] tensors;
 * - `depthwise`: the same product as a depthwise convolution (see below);
 * - `auto`: depthwise on the wasm backend, matMul elsewhere.
 */
export type BatchedMatMulMode = 'auto' | 'matmul' | 'depthwise';

let mode: BatchedMatMulMode = 'auto';

/** Choose the implementation (tests force each one to check that both give the same numbers). */
export function setBatchedMatMulMode(m: BatchedMatMulMode): void {
  mode = m;
}

export function batchedMatMulMode(): BatchedMatMulMode {
  return mode;
}

/** Whether products run as depthwise convolutions now: forced, or `auto` on the wasm backend. */
export function usesDepthwise(): boolean {
  return mode === 'depthwise' || (mode === 'auto' && tf.getBackend() === 'wasm');
}

/**
 * Per-member product out[e] = op(a[e]) · op(b[e]) for a, b of shape [E, ·, ·], op = transpose when asked.
 *
 * Why two ways: tfjs-backend-wasm runs a batched matMul through a generic loop (~2 GFLOP/s here) but a depthwise
 * convolution through XNNPACK. The batched product is exactly a depthwise convolution:
 *   out[e, n, m] = Σ_k x[e, n, k] w[e, k, m]
 * with input [1, N, K, E] (height N, width K, channels E), filter [1, K, E, M] (channel multiplier M) and 'valid'
 * padding, whose output [1, N, 1, E·M] is out in [N, E, M] layout. On the default training step this is 3× faster on
 * wasm, transposes included (docs/PERFORMANCE.md). Still one op for the whole ensemble: no loop over members.
 * The training step, forward pass and loss on wasm no longer call this: they keep their tensors in the convolution's
 * own layouts and skip most of the transposes (narrowLayoutStep.ts, wasmLayoutStep.ts). It remains the generic
 * product and the benchmark's reference.
 */
export function batchedMatMul(a: tf.Tensor3D, b: tf.Tensor3D, transposeA = false, transposeB = false): tf.Tensor3D {
  if (!usesDepthwise()) return tf.matMul(a, b, transposeA, transposeB);
  const E = a.shape[0];
  const N = transposeA ? a.shape[2] : a.shape[1];
  const K = transposeA ? a.shape[1] : a.shape[2];
  const M = transposeB ? b.shape[1] : b.shape[2];
  // input[0, n, k, e] = op(a)[e, n, k]; filter[0, k, e, m] = op(b)[e, k, m].
  const input = tf.reshape(tf.transpose(a, transposeA ? [2, 1, 0] : [1, 2, 0]), [1, N, K, E]) as tf.Tensor4D;
  const filter = tf.reshape(tf.transpose(b, transposeB ? [2, 0, 1] : [1, 0, 2]), [1, K, E, M]) as tf.Tensor4D;
  const out = tf.depthwiseConv2d(input, filter, 1, 'valid');
  return tf.transpose(tf.reshape(out, [N, E, M]), [1, 0, 2]) as tf.Tensor3D;
}
