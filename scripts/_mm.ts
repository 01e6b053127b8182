import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
await tf.setBackend('wasm');
async function time(name: string, f: () => tf.Tensor, flops: number) {
  for (let i = 0; i < 3; i++) { const t = f(); await t.data(); t.dispose(); }
  const t0 = performance.now(); const n = 20;
  for (let i = 0; i < n; i++) { const t = f(); await t.data(); t.dispose(); }
  const ms = (performance.now() - t0) / n;
  console.log(name, ms.toFixed(2), 'ms', (flops / ms / 1e6).toFixed(2), 'GFLOP/s');
}
const E = 64, N = 24, W = 64, P = 1536;
const a = tf.randomNormal([E, N, W]) as tf.Tensor3D, w = tf.randomNormal([E, W, W]) as tf.Tensor3D, d = tf.randomNormal([E, N, W]) as tf.Tensor3D;
const aT = tf.randomNormal([E, W, N]) as tf.Tensor3D;
const g = tf.randomNormal([E, P, W]) as tf.Tensor3D;
await time('fwd a@W', () => tf.matMul(a, w), 2 * E * N * W * W);
await time('gW aT@d (transposeA)', () => tf.matMul(a, d, true, false), 2 * E * N * W * W);
await time('gW aT@d (pre-transposed)', () => tf.matMul(aT, d), 2 * E * N * W * W);
await time('back d@WT', () => tf.matMul(d, w, false, true), 2 * E * N * W * W);
await time('eval g@W', () => tf.matMul(g, w), 2 * E * P * W * W);
const big = tf.randomNormal([E * P, W]) as tf.Tensor2D; const w2 = tf.randomNormal([W, W]) as tf.Tensor2D;
await time('unbatched big@W', () => tf.matMul(big, w2), 2 * E * P * W * W);
await time('relu eval', () => tf.relu(g), E * P * W);
await time('mul eval', () => tf.mul(g, 0.5), E * P * W);
