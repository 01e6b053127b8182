/**
 * Output representations and label transformation: exact, for every π offered; bad input refused with clear
 * messages; the deviation metric is 0 for an exactly equivariant field and large for the wrong π.
 */
import { describe, expect, it } from 'vitest';
import {
  assertRepresentationFits,
  augmentVectorSetCyclic,
  augmentCrossSet,
  cross3,
  DEFAULT_VECTOR_CONFIG,
  EmptyTrainingSetError,
  equivarianceDeviationField,
  makePolarGrid,
  octahedralRotations,
  orbitAngleErrors,
  outputRepresentationMatrix,
  parseOutputRepresentation,
  OutputRepresentationError,
  randomRotation3,
  Rng,
  sampleCrossPairs,
  VectorEnsembleTrainer,
  clampVectorConfig,
  type OutputRepresentation,
  type VectorPoint,
} from '../../../src/core';

/** Every π the lab offers, with the output dimension it acts on. */
const OFFERED: { rep: OutputRepresentation; dim: number; angle: (t: number) => number | null }[] = [
  { rep: { kind: 'trivial' }, dim: 1, angle: () => null },
  { rep: { kind: 'trivial' }, dim: 2, angle: () => null },
  { rep: { kind: 'defining' }, dim: 2, angle: (t) => t },
  { rep: { kind: 'psi', k: 2 }, dim: 2, angle: (t) => 2 * t },
  { rep: { kind: 'psi', k: -1 }, dim: 2, angle: (t) => -t },
  { rep: { kind: 'psi', k: 3 }, dim: 2, angle: (t) => 3 * t },
];

const POINTS2: VectorPoint[] = [
  { x: [0.8, 0.3], y: [0.8, 0.3] },
  { x: [-0.5, 1.5], y: [-0.6, -0.2] },
  { x: [2.3, -0.9], y: [0.2, 0.7] },
];

describe('label transformation is exact for every π', () => {
  for (const { rep, dim, angle } of OFFERED) {
    for (const n of [4, 8, 16]) {
      it(`${JSON.stringify(rep)} on ℝ^${dim}, C${n}: y_g = π(g) y and x_g = ρ(g) x`, () => {
        const points = POINTS2.map((p) => ({ x: p.x, y: p.y.slice(0, dim) }));
        const set = augmentVectorSetCyclic(points, n, rep, dim);
        expect(set.N).toBe(points.length * n);
        let maxErr = 0;
        for (let m = 0; m < n; m++) {
          const t = (2 * Math.PI * m) / n;
          points.forEach((p, i) => {
            const row = m * points.length + i;
            // Input: R(θ)x, written out independently of the library.
            maxErr = Math.max(maxErr, Math.abs(set.X[2 * row] - (Math.cos(t) * p.x[0] - Math.sin(t) * p.x[1])));
            maxErr = Math.max(maxErr, Math.abs(set.X[2 * row + 1] - (Math.sin(t) * p.x[0] + Math.cos(t) * p.x[1])));
            const phi = angle(t);
            const expected = phi === null ? p.y : [Math.cos(phi) * p.y[0] - Math.sin(phi) * p.y[1], Math.sin(phi) * p.y[0] + Math.cos(phi) * p.y[1]];
            for (let c = 0; c < dim; c++) maxErr = Math.max(maxErr, Math.abs(set.Y[dim * row + c] - expected[c]));
            // And through the matrix form π(g).
            const M = outputRepresentationMatrix(rep, t, dim);
            for (let r = 0; r < dim; r++) {
              let v = 0;
              for (let c = 0; c < dim; c++) v += M[r * dim + c] * p.y[c];
              maxErr = Math.max(maxErr, Math.abs(set.Y[dim * row + r] - v));
            }
          });
        }
        expect(maxErr).toBeLessThan(1e-6); // float32 storage
      });
    }
  }

  it('π is a homomorphism: π(θ₁)π(θ₂) = π(θ₁ + θ₂), orthogonal, and ψ₁ = defining', () => {
    for (const { rep, dim } of OFFERED) {
      const a = outputRepresentationMatrix(rep, 0.7, dim);
      const b = outputRepresentationMatrix(rep, 1.9, dim);
      const ab = outputRepresentationMatrix(rep, 2.6, dim);
      for (let i = 0; i < dim; i++) {
        for (let j = 0; j < dim; j++) {
          let v = 0;
          let o = 0;
          for (let k = 0; k < dim; k++) {
            v += a[i * dim + k] * b[k * dim + j];
            o += a[k * dim + i] * a[k * dim + j];
          }
          expect(Math.abs(v - ab[i * dim + j])).toBeLessThan(1e-12);
          expect(Math.abs(o - (i === j ? 1 : 0))).toBeLessThan(1e-12);
        }
      }
    }
    const d = outputRepresentationMatrix({ kind: 'defining' }, 0.3, 2);
    const p1 = outputRepresentationMatrix({ kind: 'psi', k: 1 }, 0.3, 2);
    expect(Array.from(d)).toEqual(Array.from(p1));
  });

  it('3D: every octahedral copy has x_g = (Ra, Rb) and y_g = R(a × b) = Ra × Rb', () => {
    const O = octahedralRotations();
    expect(O.length).toBe(24);
    const pairs = sampleCrossPairs(5, 3);
    const set = augmentCrossSet(pairs, O);
    expect(set.N).toBe(5 * 24);
    let maxErr = 0;
    for (let n = 0; n < set.N; n++) {
      const y = cross3(set.X, set.X, 6 * n, 6 * n + 3);
      for (let c = 0; c < 3; c++) maxErr = Math.max(maxErr, Math.abs(set.Y[3 * n + c] - y[c]));
    }
    expect(maxErr).toBeLessThan(1e-6);
  });

  it('the octahedral group: 24 distinct proper rotations, closed under products', () => {
    const O = octahedralRotations();
    const key = (R: ArrayLike<number>) => Array.from(R, (v) => Math.round(v)).join(',');
    const keys = new Set(O.map(key));
    expect(keys.size).toBe(24);
    for (const R of O) {
      const det =
        R[0] * (R[4] * R[8] - R[5] * R[7]) - R[1] * (R[3] * R[8] - R[5] * R[6]) + R[2] * (R[3] * R[7] - R[4] * R[6]);
      expect(det).toBe(1);
      for (const S of O) {
        const P = new Float64Array(9);
        for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) P[i * 3 + j] += R[i * 3 + k] * S[k * 3 + j];
        expect(keys.has(key(P))).toBe(true);
      }
    }
  });

  it('Haar-random rotations from the seeded Rng are orthogonal with det 1 and reproducible', () => {
    const a = randomRotation3(new Rng(7, 1));
    const b = randomRotation3(new Rng(7, 1));
    expect(Array.from(a)).toEqual(Array.from(b));
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let o = 0;
        for (let k = 0; k < 3; k++) o += a[k * 3 + i] * a[k * 3 + j];
        expect(Math.abs(o - (i === j ? 1 : 0))).toBeLessThan(1e-12);
      }
    }
  });
});

describe('the equivariance deviation on the polar grid', () => {
  const grid = makePolarGrid();
  /** f(r, φ) = g(r) (cos kφ, sin kφ) satisfies f(R(θ)x) = R(kθ) f(x): exactly ψ_k-equivariant. */
  function psiField(k: number): Float32Array {
    const out = new Float32Array(2 * grid.size);
    for (let p = 0; p < grid.size; p++) {
      const x = grid.points[2 * p];
      const y = grid.points[2 * p + 1];
      const r = Math.hypot(x, y);
      const phi = Math.atan2(y, x);
      out[2 * p] = Math.sin(r) * Math.cos(k * phi + 0.4);
      out[2 * p + 1] = Math.sin(r) * Math.sin(k * phi + 0.4);
    }
    return out;
  }

  it('is ~0 for an equivariant field under its own π and large under another π', () => {
    for (const k of [1, 2, -1]) {
      const f = psiField(k);
      const rep: OutputRepresentation = k === 1 ? { kind: 'defining' } : { kind: 'psi', k };
      const own = equivarianceDeviationField(f, grid, 8, rep, 2);
      const other = equivarianceDeviationField(f, grid, 8, { kind: 'psi', k: k + 1 }, 2);
      const invariant = equivarianceDeviationField(f, grid, 8, { kind: 'trivial' }, 2);
      let maxOwn = 0;
      let meanOther = 0;
      let meanInv = 0;
      let meanMag = 0;
      for (let p = 0; p < grid.size; p++) {
        maxOwn = Math.max(maxOwn, own[p]);
        meanOther += other[p] / grid.size;
        meanInv += invariant[p] / grid.size;
        meanMag += Math.hypot(f[2 * p], f[2 * p + 1]) / grid.size;
      }
      expect(maxOwn).toBeLessThan(1e-5);
      // Under a π of another frequency the pulled-back arrows spread over a full circle: dev = ‖f‖.
      expect(Math.abs(meanOther / meanMag - 1)).toBeLessThan(1e-5);
      expect(Math.abs(meanInv / meanMag - 1)).toBeLessThan(1e-5);
    }
  });

  it('orbit angle errors are 0 for the right π and the full offset for the wrong one', () => {
    const f = psiField(2);
    const ok = orbitAngleErrors(f, grid, 10, 3, { kind: 'psi', k: 2 }, 2);
    const wrong = orbitAngleErrors(f, grid, 10, 3, { kind: 'defining' }, 2);
    expect(Math.max(...Array.from(ok, Math.abs))).toBeLessThan(1e-3);
    // Rotating the probe by 2π·8/64 = 45°: ψ₂ turns the arrow by 90°, the defining π expects 45°.
    expect(wrong[8]).toBeCloseTo(45, 3);
  });
});

describe('bad input is refused with clear messages', () => {
  it('an output representation incompatible with the output dimension', () => {
    expect(() => assertRepresentationFits({ kind: 'defining' }, 3)).toThrow(OutputRepresentationError);
    expect(() => assertRepresentationFits({ kind: 'defining' }, 3)).toThrow(/defining acts on 2-dimensional outputs.*dimension 3/);
    expect(() => assertRepresentationFits({ kind: 'psi', k: 2 }, 1)).toThrow(/ψ₂ acts on 2-dimensional outputs.*dimension 1/);
    expect(() => assertRepresentationFits({ kind: 'psi', k: 1.5 }, 2)).toThrow(/whole frequency/);
    expect(() => augmentVectorSetCyclic([{ x: [1, 0], y: [1, 0] }], 4, { kind: 'psi', k: 2 }, 1)).toThrow(/ψ₂ acts on 2-dimensional/);
    // A trainer whose scalar targets meet a vector representation.
    const { config } = clampVectorConfig({ points: [{ x: [1, 0], y: [0.5] }], representation: 'psi2' });
    expect(() => new VectorEnsembleTrainer({ ...config, ensembleSize: 2, width: 4 })).toThrow(
      /Training point 1 has a target with 1 component, but the output representation ψ₂ and the network expect 2/,
    );
    expect(parseOutputRepresentation('psi-1')).toEqual({ kind: 'psi', k: -1 });
    expect(parseOutputRepresentation('psi99')).toBeNull();
  });

  it('an empty training set', () => {
    expect(() => augmentVectorSetCyclic([], 8, { kind: 'defining' }, 2)).toThrow(EmptyTrainingSetError);
    expect(() => new VectorEnsembleTrainer({ ...DEFAULT_VECTOR_CONFIG, points: [] })).toThrow(
      'There are no training points: add at least one point to train.',
    );
    expect(() => augmentCrossSet(new Float32Array(0), octahedralRotations())).toThrow(/no training pairs/);
  });
});
