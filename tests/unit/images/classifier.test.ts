/** The batched cross-entropy step equals autodiff of the same loss, member by member (tfjs CPU backend). */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { initBatchedParams, layerScale, type MlpArchitecture } from '../../../src/core';
import { classifierLogits, crossEntropySgdStep } from '../../../src/core/images';
import { Rng } from '../../../src/core/rng';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('crossEntropySgdStep', () => {
  it('matches tf.grads of L_k = −(1/N) Σ y·log softmax(z_k), for per-member inputs', async () => {
    const arch: MlpArchitecture = { inputDim: 6, width: 5, depth: 2, outputDim: 3, sigmaW: Math.SQRT2, sigmaB: 0.3, activation: 'relu' };
    const E = 2;
    const N = 7;
    const rng = new Rng(4, 4);
    const params = initBatchedParams(arch, 9, E);
    const X = tf.tensor3d(Float32Array.from({ length: E * N * 6 }, () => rng.normal()), [E, N, 6]);
    const labels = Array.from({ length: E * N }, () => rng.int(3));
    const Y = tf.reshape(tf.oneHot(tf.tensor1d(labels, 'int32'), 3), [E, N, 3]) as tf.Tensor3D;
    const lr = 0.7;
    const { params: next, loss } = crossEntropySgdStep(arch, params, X, Y, lr);

    const lossFn = (...ts: tf.Tensor[]) => {
      const L = params.W.length;
      const p = { W: ts.slice(0, L) as tf.Tensor3D[], b: ts.slice(L) as tf.Tensor3D[] };
      const z = classifierLogits(p, X);
      return tf.sum(tf.neg(tf.div(tf.sum(tf.mul(Y, tf.logSoftmax(z)), [1, 2]), N)));
    };
    const all = [...params.W, ...params.b];
    const grads = tf.grads(lossFn)(all);
    const L = params.W.length;
    let worst = 0;
    for (let l = 0; l < L; l++) {
      const s = layerScale(arch, l);
      const expW = await tf.sub(params.W[l], tf.mul(grads[l], lr * s * s)).data();
      const expB = await tf.sub(params.b[l], tf.mul(grads[L + l], lr * arch.sigmaB ** 2)).data();
      const gotW = await next.W[l].data();
      const gotB = await next.b[l].data();
      for (let i = 0; i < expW.length; i++) worst = Math.max(worst, Math.abs(expW[i] - gotW[i]));
      for (let i = 0; i < expB.length; i++) worst = Math.max(worst, Math.abs(expB[i] - gotB[i]));
      // the step really moved the weights
      let moved = 0;
      const w0 = await params.W[l].data();
      for (let i = 0; i < w0.length; i++) moved = Math.max(moved, Math.abs(w0[i] - gotW[i]));
      expect(moved).toBeGreaterThan(1e-4);
    }
    expect(worst).toBeLessThan(1e-5);
    const lv = await loss.data();
    const total = (await lossFn(...all).data())[0];
    expect(lv[0] + lv[1]).toBeCloseTo(total, 5);
    expect(lv[0]).toBeGreaterThan(0);
  });
});
