import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useCpuBackend } from './setupCpu';
import {
  augmentTrainingSet,
  batchedForward,
  cyclicAngles,
  disposeParams,
  IndependentNetworks,
  initBatchedParams,
  initMemberParams,
  MONO3,
  stackMemberParams,
  unstackParams,
  type MlpArchitecture,
} from '../../../src/core';
import { tfjsOpEngine } from '../../../src/core/ensemble/stepEngine';
import { maxRelDiff } from './stepComparison';

const ARCH: MlpArchitecture = { inputDim: 2, width: 16, depth: 2, outputDim: 1, sigmaW: Math.SQRT2, sigmaB: 0.1, activation: 'relu' };

beforeAll(async () => {
  await useCpuBackend();
});

describe('batched ensemble = independent networks', () => {
  for (const [activation, mode] of [['relu', 'matmul'], ['tanh', 'matmul'], ['relu', 'depthwise'], ['tanh', 'depthwise']] as const) {
    it(`gives the same outputs and parameters after 5 steps (${activation}, batched products as ${mode})`, async () => {
      const engine = tfjsOpEngine(mode);
      const arch = { ...ARCH, activation };
      const E = 4;
      const members = Array.from({ length: E }, (_, k) => initMemberParams(arch, 7, k));
      const set = augmentTrainingSet(MONO3, cyclicAngles(4));
      const X = tf.tensor2d(set.X, [set.N, 2]);
      const Y = tf.tensor2d(set.Y, [set.N, 1]);
      const probe = tf.tensor2d([0.3, -1.2, 2, 0.5, -2.5, -0.1], [3, 2]);

      let batched = stackMemberParams(arch, members);
      const naive = new IndependentNetworks(arch, members);
      for (let s = 0; s < 5; s++) {
        const next = engine.sgdStep(arch, batched, X, Y, 0.25);
        disposeParams(batched);
        batched = next;
        naive.trainStep(X, Y, 0.25);
      }
      const out = engine.forward(arch, batched, probe);
      const batchedOut = (await out.data()) as Float32Array;
      const naiveOut = await naive.predict(probe);
      expect(batchedOut.length).toBe(E * 3);
      expect(maxRelDiff(batchedOut, naiveOut)).toBeLessThan(1e-5);

      const pb = await unstackParams(arch, batched);
      const pn = await naive.parameters();
      for (let k = 0; k < E; k++) {
        for (let l = 0; l < pb[k].layers.length; l++) {
          expect(maxRelDiff(pb[k].layers[l].W, pn[k].layers[l].W)).toBeLessThan(1e-5);
          expect(maxRelDiff(pb[k].layers[l].b, pn[k].layers[l].b)).toBeLessThan(1e-5);
        }
      }
      // The parameters did move: the comparison is not between two untouched initialisations.
      expect(maxRelDiff(pb[0].layers[2].W, members[0].layers[2].W)).toBeGreaterThan(1e-3);
      out.dispose();
      disposeParams(batched);
      naive.dispose();
      tf.dispose([X, Y, probe]);
    });
  }
});

describe('initialisation', () => {
  it("member k's weights depend only on (seed, k), not on E", async () => {
    const small = initBatchedParams(ARCH, 3, 8);
    const large = initBatchedParams(ARCH, 3, 64);
    const a = await unstackParams(ARCH, small);
    const b = await unstackParams(ARCH, large);
    for (let k = 0; k < 8; k++) {
      for (let l = 0; l < 3; l++) {
        expect(Array.from(a[k].layers[l].W)).toEqual(Array.from(b[k].layers[l].W));
        expect(Array.from(a[k].layers[l].b)).toEqual(Array.from(b[k].layers[l].b));
      }
    }
    // Different members and different seeds differ.
    expect(a[0].layers[1].W[0]).not.toBe(a[1].layers[1].W[0]);
    expect(initMemberParams(ARCH, 4, 0).layers[1].W[0]).not.toBe(a[0].layers[1].W[0]);
    disposeParams(small);
    disposeParams(large);
  });

  it('draws weights from N(0, 1): sample mean and variance within 4 standard errors', () => {
    const big = initMemberParams({ ...ARCH, width: 256 }, 11, 0).layers[1].W;
    const n = big.length;
    const mean = big.reduce((s, v) => s + v, 0) / n;
    const variance = big.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
  });

  it('antithetic pairs have exactly zero mean output at initialisation', async () => {
    const arch = ARCH;
    const p = initBatchedParams(arch, 5, 6, true);
    const X = tf.tensor2d([0.5, 0.5, -2, 1, 2.9, -2.9], [3, 2]);
    const out = (await batchedForward(arch, p, X).data()) as Float32Array;
    for (let n = 0; n < 3; n++) {
      let mean = 0;
      for (let k = 0; k < 6; k++) mean += out[k * 3 + n];
      expect(Math.abs(mean / 6)).toBeLessThan(1e-6);
      expect(Math.abs(out[n])).toBeGreaterThan(1e-4);
    }
    disposeParams(p);
    X.dispose();
  });
});
