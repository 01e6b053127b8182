import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initMemberParams, type MlpArchitecture, type MlpParams } from '../../../src/core';
import { empiricalNtk, reluKernels, relativeFrobeniusDistance } from '../../../src/core/ntk';
import { fitSlope, memberForward64, useCpuBackend } from './helpers';

const POINTS = [
  [0.8, 0.3],
  [-0.5, 1.5],
  [2.3, -0.9],
  [-0.3, 0.85],
  [1.2, 1.1],
  [-1.9, -0.4],
];

function archOf(width: number, depth = 2): MlpArchitecture {
  return { inputDim: 2, width, depth, outputDim: 1, sigmaW: Math.SQRT2, sigmaB: 0.1, activation: 'relu' };
}

/**
 * Θ̂ from a float64 hand-written backward pass: ∂f/∂W^l_{io} = s_l a^l_i δ^{l+1}_o and ∂f/∂b^l_o = σ_b δ^{l+1}_o, so
 * Θ̂(x,x′) = Σ_l (s_l² a^l·a′^l + σ_b²)(δ^{l+1}·δ′^{l+1}). Independent of tfjs.
 */
function handWrittenNtk(arch: MlpArchitecture, params: MlpParams, X: number[][]): number[][] {
  const passes = X.map((x) => memberForward64(arch, params, x));
  const dot = (u: number[], v: number[]) => u.reduce((acc, ui, i) => acc + ui * v[i], 0);
  return passes.map((p) =>
    passes.map((q) =>
      params.layers.reduce((acc, layer, l) => {
        const s2 = arch.sigmaW ** 2 / layer.nIn;
        return acc + (s2 * dot(p.layerInputs[l], q.layerInputs[l]) + arch.sigmaB ** 2) * dot(p.deltas[l], q.deltas[l]);
      }, 0),
    ),
  );
}

describe('empiricalNtk', () => {
  beforeAll(useCpuBackend);

  it('equals a float64 hand-written Jacobian Gram (float32 rounding only) and leaks no tensors', async () => {
    for (const depth of [1, 2, 3]) {
      const arch = archOf(16, depth);
      const params = initMemberParams(arch, 5, depth);
      const before = tf.memory().numTensors;
      const ntk = await empiricalNtk(arch, params, POINTS);
      expect(tf.memory().numTensors).toBe(before);
      const reference = handWrittenNtk(arch, params, POINTS);
      const error = relativeFrobeniusDistance(ntk, reference);
      console.log(`empirical NTK (tfjs, float32) vs float64 hand-written Gram, depth ${depth}: ${error.toExponential(2)}`);
      expect(error).toBeLessThan(1e-5);
      // Symmetric positive semi-definite: a Gram matrix.
      ntk.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - ntk[j][i])).toBeLessThan(1e-5 * ntk[i][i])));
    }
  });

  it('approaches the analytic NTK as width grows: log–log slope of the relative Frobenius error ≈ −1/2', async () => {
    const widths = [64, 128, 256, 512, 1024, 2048];
    const seeds = [1, 2, 3, 4, 5, 6];
    const analytic = reluKernels(POINTS, POINTS, archOf(1)).ntk;
    const t0 = performance.now();
    const before = tf.memory().numTensors;
    const rmsErrors: number[] = [];
    for (const width of widths) {
      const arch = archOf(width);
      let sumSquared = 0;
      for (const seed of seeds) {
        const e = relativeFrobeniusDistance(await empiricalNtk(arch, initMemberParams(arch, 40 + seed, 0), POINTS), analytic);
        sumSquared += e * e;
      }
      rmsErrors.push(Math.sqrt(sumSquared / seeds.length));
    }
    const slope = fitSlope(widths.map(Math.log), rmsErrors.map(Math.log));
    const elapsed = performance.now() - t0;
    console.log(
      `empirical vs analytic NTK, rms relative Frobenius error over ${seeds.length} seeds: ` +
        widths.map((w, i) => `W=${w}: ${rmsErrors[i].toFixed(4)}`).join(', ') +
        `; slope ${slope.toFixed(3)}; ${elapsed.toFixed(0)} ms`,
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(slope).toBeGreaterThan(-0.75);
    expect(slope).toBeLessThan(-0.3);
    expect(rmsErrors[rmsErrors.length - 1]).toBeLessThan(0.15);
  });
});
