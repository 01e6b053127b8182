import { describe, expect, it } from 'vitest';
import { cyclicAngles, MONO3, rotationMatrix2d, Rng } from '../../../src/core';
import {
  kernelInvarianceDefect,
  oneMinusArcCosFactor,
  reluKernels,
  transformPoints,
  type ReluKernelOptions,
} from '../../../src/core/ntk';
import { maxRelativeDifference, randomOrthogonal, randomPoints } from './helpers';

const RELU: ReluKernelOptions = { depth: 2, sigmaW: Math.SQRT2, sigmaB: 0.1 };

/** Reference §3 literally, with θ = arccos(clip(c/√(qq′))): correct, but ill-conditioned for nearby points. */
function literalKernels(x: number[], y: number[], { depth, sigmaW, sigmaB }: ReluKernelOptions) {
  const d = x.length;
  const s = sigmaW ** 2;
  const b = sigmaB ** 2;
  const dot = (u: number[], v: number[]) => u.reduce((a, ui, i) => a + ui * v[i], 0);
  let q = (s * dot(x, x)) / d + b;
  let qq = (s * dot(y, y)) / d + b;
  let c = (s * dot(x, y)) / d + b;
  let ntk = c;
  for (let l = 0; l < depth; l++) {
    const theta = Math.acos(Math.min(1, Math.max(-1, c / Math.sqrt(q * qq))));
    const cNext = ((s * Math.sqrt(q * qq)) / (2 * Math.PI)) * (Math.sin(theta) + (Math.PI - theta) * Math.cos(theta)) + b;
    ntk = ntk * ((s * (Math.PI - theta)) / (2 * Math.PI)) + cNext;
    q = (s * q) / 2 + b;
    qq = (s * qq) / 2 + b;
    c = cNext;
  }
  return { nngp: c, ntk };
}

describe('oneMinusArcCosFactor', () => {
  it('agrees with the direct formula where that is accurate, and with the expansion θ²/2 − θ³/(3π) near 0', () => {
    const direct = (t: number) => 1 - (Math.sin(t) + (Math.PI - t) * Math.cos(t)) / Math.PI;
    for (const t of [0.3, 0.45, 0.4999999, 0.5, 1, 2, 3, Math.PI]) {
      expect(Math.abs(oneMinusArcCosFactor(t) - direct(t))).toBeLessThan(1e-15);
    }
    expect(oneMinusArcCosFactor(0)).toBe(0);
    for (const t of [1e-3, 1e-6, 1e-9]) {
      const expansion = (t * t) / 2 - (t * t * t) / (3 * Math.PI);
      expect(Math.abs(oneMinusArcCosFactor(t) / expansion - 1)).toBeLessThan(t * t);
    }
  });
});

describe('reluKernels', () => {
  it('matches the literal §3 recursion for well-separated points (depths 0–3, several scales)', () => {
    const rng = new Rng(11, 1);
    let worst = 0;
    for (const depth of [0, 1, 2, 3]) {
      for (const [sigmaW, sigmaB] of [
        [Math.SQRT2, 0.1],
        [1.3, 0.7],
        [Math.SQRT2, 0],
      ]) {
        const options = { depth, sigmaW, sigmaB };
        const X = randomPoints(rng, 6, 3);
        const Y = randomPoints(rng, 5, 3, 2);
        const { nngp, ntk } = reluKernels(X, Y, options);
        X.forEach((x, i) =>
          Y.forEach((y, j) => {
            const ref = literalKernels(x, y, options);
            worst = Math.max(worst, Math.abs(nngp[i][j] / ref.nngp - 1), Math.abs(ntk[i][j] / ref.ntk - 1));
          }),
        );
      }
    }
    console.log(`reluKernels vs literal recursion: max relative difference ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-12);
  });

  it('uses the diagonal shortcut Σ^{l+1}(x,x) = σ_w² q/2 + σ_b² exactly, and is exactly symmetric', () => {
    const X = randomPoints(new Rng(12, 1), 7, 2);
    const { nngp, ntk } = reluKernels(X, X, RELU);
    const s = RELU.sigmaW ** 2;
    const b = RELU.sigmaB ** 2;
    X.forEach((x, i) => {
      let q = (s * (x[0] * x[0] + x[1] * x[1])) / 2 + b;
      let theta = q;
      for (let l = 0; l < RELU.depth; l++) {
        q = (s * q) / 2 + b;
        theta = (theta * s) / 2 + q; // Σ̇(x,x) = σ_w²/2 at θ = 0
      }
      expect(Math.abs(nngp[i][i] - q)).toBeLessThanOrEqual(2 * Number.EPSILON * q);
      expect(Math.abs(ntk[i][i] - theta)).toBeLessThanOrEqual(4 * Number.EPSILON * theta);
      X.forEach((_, j) => expect(ntk[i][j]).toBe(ntk[j][i]));
    });
    // The mirrored triangle equals the full rectangular computation.
    expect(maxRelativeDifference(reluKernels(X, X.map((x) => [...x]), RELU).ntk, ntk)).toBeLessThan(1e-15);
  });

  it('is rotation-invariant to float64 rounding: random 2D rotations, random orthogonal 3×3 (< 1e-12 relative)', () => {
    const rng = new Rng(13, 1);
    let worst2 = 0;
    let worst3 = 0;
    for (let trial = 0; trial < 20; trial++) {
      // Random points plus the hard cases: an exact duplicate, a near-duplicate, an antipode and a parallel copy.
      const X2 = randomPoints(rng, 8, 2, 1.5);
      X2.push([...X2[0]], [X2[1][0] + 1e-9, X2[1][1]], [-X2[2][0], -X2[2][1]], [2 * X2[3][0], 2 * X2[3][1]]);
      const R = rotationMatrix2d(rng.uniformIn(0, 2 * Math.PI));
      const X2r = transformPoints(X2, R);
      const a = reluKernels(X2, X2, RELU);
      const b = reluKernels(X2r, X2r, RELU);
      worst2 = Math.max(worst2, entrywiseRelative(a.ntk, b.ntk), entrywiseRelative(a.nngp, b.nngp));

      const X3 = randomPoints(rng, 8, 3);
      X3.push([...X3[0]], [X3[1][0], X3[1][1] + 1e-10, X3[1][2]]);
      const Q = randomOrthogonal(rng, 3);
      const c = reluKernels(X3, X3, { depth: 3, sigmaW: 1.2, sigmaB: 0.3 });
      const d = reluKernels(transformPoints(X3, Q), transformPoints(X3, Q), { depth: 3, sigmaW: 1.2, sigmaB: 0.3 });
      worst3 = Math.max(worst3, entrywiseRelative(c.ntk, d.ntk), entrywiseRelative(c.nngp, d.nngp));
    }
    console.log(`rotation invariance: 2D max rel ${worst2.toExponential(2)}, 3D max rel ${worst3.toExponential(2)}`);
    expect(worst2).toBeLessThan(1e-12);
    expect(worst3).toBeLessThan(1e-12);
    // The test has teeth: a non-orthogonal map (a shear) changes the kernel by far more.
    const X = randomPoints(rng, 6, 2);
    const sheared = transformPoints(X, [
      [1, 0.01],
      [0, 1],
    ]);
    expect(entrywiseRelative(reluKernels(X, X, RELU).ntk, reluKernels(sheared, sheared, RELU).ntk)).toBeGreaterThan(1e-4);
  });

  it('Θ(X,X) on mono3 augmented by C8 is C8-invariant to rounding (diagonal included)', () => {
    const X = cyclicAngles(8).flatMap((t) => MONO3.map((p) => transformPoints([p.x], rotationMatrix2d(t))[0]));
    const group = cyclicAngles(8).map((t) => rotationMatrix2d(t));
    const defect = kernelInvarianceDefect(X, group, RELU);
    // For comparison: the literal arccos recursion on the same pairs.
    let literalDefect = 0;
    for (const R of group) {
      const Xr = transformPoints(X, R);
      X.forEach((x, i) =>
        X.forEach((y, j) => {
          const moved = literalKernels(Xr[i], Xr[j], RELU).ntk;
          literalDefect = Math.max(literalDefect, Math.abs(moved - literalKernels(x, y, RELU).ntk));
        }),
      );
    }
    console.log(
      `mono3+C8 Θ(X,X) invariance defect: ${defect.maxAbsDefect.toExponential(2)} ` +
        `(relative ${defect.relativeDefect.toExponential(2)}); literal arccos recursion: ${literalDefect.toExponential(2)}`,
    );
    expect(defect.relativeDefect).toBeLessThan(1e-13);
    // The measure has teeth: a shear is not a symmetry of Θ.
    const shear = [
      [1, 0.05],
      [0, 1],
    ];
    expect(kernelInvarianceDefect(X, [shear], RELU).relativeDefect).toBeGreaterThan(1e-3);
  });
});

/** Max over entries of |A − B|/|B|. */
function entrywiseRelative(A: number[][], B: number[][]): number {
  let worst = 0;
  A.forEach((row, i) => row.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - B[i][j]) / Math.abs(B[i][j])))));
  return worst;
}

describe('public API', () => {
  it('src/core re-exports the ntk module', async () => {
    const core = await import('../../../src/core');
    const ntk = await import('../../../src/core/ntk');
    const names = [
      'reluKernels',
      'ntkMeanPrediction',
      'ntkMeanPredictionWithDiagnostics',
      'createNtkMeanPredictor',
      'empiricalNtk',
      'kernelInvarianceDefect',
    ] as const;
    for (const name of names) {
      expect((core as Record<string, unknown>)[name]).toBe(ntk[name]);
    }
  });
});
