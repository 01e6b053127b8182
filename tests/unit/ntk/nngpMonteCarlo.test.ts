import { describe, expect, it } from 'vitest';
import { initMemberParams, type MlpArchitecture } from '../../../src/core';
import { reluKernels } from '../../../src/core/ntk';
import { memberForward64 } from './helpers';

/**
 * K(x,x′) = E[f(x) f(x′)] over the initial weights (the mean output is 0). Monte Carlo over M independent networks
 * drawn by the engine's own initialiser; the estimator Ĉ = (1/M) Σ_m f_m(x) f_m(x′) has standard error
 * sd(f(x)f(x′))/√M. At finite width W the exact covariance differs from K by O(1/W) for depth ≥ 2 (depth 1: not at
 * all), far below the standard error here.
 */
describe('NNGP against Monte Carlo over random networks', () => {
  const points = [
    [0.8, 0.3],
    [-0.5, 1.5],
    [2.3, -0.9],
    [-1.0, -1.0],
    [0.1, 0.05],
  ];

  for (const [depth, sigmaB] of [
    [1, 0.5],
    [2, 0.5],
    [2, 0.1],
  ]) {
    it(`depth ${depth}, σ_w² = 2, σ_b = ${sigmaB}: every entry within 4 standard errors`, () => {
      const arch: MlpArchitecture = {
        inputDim: 2,
        width: 128,
        depth,
        outputDim: 1,
        sigmaW: Math.SQRT2,
        sigmaB,
        activation: 'relu',
      };
      const M = 3000;
      const n = points.length;
      const sum = Array.from({ length: n }, () => new Float64Array(n));
      const sumSq = Array.from({ length: n }, () => new Float64Array(n));
      const t0 = performance.now();
      for (let m = 0; m < M; m++) {
        const params = initMemberParams(arch, 900 + depth, m);
        const f = points.map((x) => memberForward64(arch, params, x).f);
        for (let i = 0; i < n; i++) {
          for (let j = i; j < n; j++) {
            const p = f[i] * f[j];
            sum[i][j] += p;
            sumSq[i][j] += p * p;
          }
        }
      }
      const K = reluKernels(points, points, arch).nngp;
      let worstZ = 0;
      let worstRelativeSe = 0;
      for (let i = 0; i < n; i++) {
        for (let j = i; j < n; j++) {
          const mean = sum[i][j] / M;
          const se = Math.sqrt((sumSq[i][j] / M - mean * mean) / (M - 1));
          worstZ = Math.max(worstZ, Math.abs(mean - K[i][j]) / se);
          worstRelativeSe = Math.max(worstRelativeSe, se / Math.sqrt(K[i][i] * K[j][j]));
          expect(Math.abs(mean - K[i][j])).toBeLessThan(4 * se);
        }
      }
      console.log(
        `NNGP MC depth ${depth} σ_b ${sigmaB}: M=${M}, W=128, max |Ĉ−K|/SE = ${worstZ.toFixed(2)}, ` +
          `max SE/√(K_ii K_jj) = ${worstRelativeSe.toFixed(3)}, ${(performance.now() - t0).toFixed(0)} ms`,
      );
      // Power: the standard error is a few percent of the kernel's scale, so a wrong formula would be caught.
      expect(worstRelativeSe).toBeLessThan(0.05);
    });
  }
});
