import { describe, expect, it } from 'vitest';
import { makePolarGrid } from '../../../src/core/data/polarGrid';
import { orbitDeviationField } from '../../../src/core/metrics/orbitDeviation';
import { Rng } from '../../../src/core/rng';
import {
  canonicalizeOnGrid,
  canonicalizePoints,
  frameAverageOnGrid,
  frameAveragePoints,
  groupAverageOnGrid,
  groupAveragePoints,
  rotatePointBatch,
  sampledSo2Angles,
  sectorFrame2d,
  sectorFrameOnGrid,
  so2ResidualCurve,
} from '../../../src/core/routes';
import { cyclicAngles } from '../../../src/core/groups/rotation2d';

const grid = makePolarGrid();

function randomField(seed: number): Float32Array {
  const rng = new Rng(seed, 1);
  return Float32Array.from({ length: grid.size }, () => rng.normal());
}

/** A smooth, strongly non-invariant function of the plane (a stand-in for one trained member). */
const f = (pts: ArrayLike<number>) => {
  const out = new Float64Array(pts.length / 2);
  for (let i = 0; i < out.length; i++) {
    const x = pts[2 * i];
    const y = pts[2 * i + 1];
    out[i] = Math.sin(1.3 * x + 0.4) * Math.cos(0.7 * y - 0.2) + 0.3 * x * y + 0.2 * x;
  }
  return out;
};

function maxOf(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, a[i]);
  return m;
}

describe('group averaging and canonicalisation on the polar grid are exactly C_n-invariant', () => {
  for (const n of [2, 4, 8, 16]) {
    it(`C${n}: random field, orbit deviation of the routes is 0 while the raw field's is O(1)`, () => {
      const v = randomField(n);
      const raw = maxOf(orbitDeviationField(v, grid, n));
      expect(raw).toBeGreaterThan(0.5);
      // Same orbit sum in the same order ⇒ bit-identical values along each orbit.
      expect(maxOf(orbitDeviationField(groupAverageOnGrid(v, grid, n), grid, n))).toBe(0);
      expect(maxOf(orbitDeviationField(canonicalizeOnGrid(v, grid, n), grid, n))).toBe(0);
      expect(maxOf(orbitDeviationField(frameAverageOnGrid(v, grid, n).values, grid, n))).toBe(0);
    });
  }

  it('group average of an already invariant field leaves it unchanged; canonicalisation fixes the sector', () => {
    const v = randomField(7);
    const inv = groupAverageOnGrid(v, grid, 8);
    const again = groupAverageOnGrid(inv, grid, 8);
    for (let p = 0; p < grid.size; p++) expect(Math.abs(again[p] - inv[p])).toBeLessThan(1e-6);
    const can = canonicalizeOnGrid(v, grid, 8);
    // On the fundamental sector j < 64/8 the canonicalised field equals the raw one.
    for (let i = 0; i < grid.radii.length; i++) for (let j = 0; j < 8; j++) expect(can[i * 64 + j]).toBe(v[i * 64 + j]);
  });

  it('the sector frame has two elements exactly on sector boundaries; mean frame size is 1 + 2/(64/n)·½·2', () => {
    // C8: stride 8; indices j ≡ 4 (mod 8) lie on θ = ±π/8 after rotation ⇒ |F| = 2 there, 1 elsewhere.
    const sizes = Array.from({ length: 64 }, (_, j) => sectorFrameOnGrid(j, 64, 8).length);
    expect(sizes.filter((s) => s === 2).length).toBe(8);
    expect(sizes.filter((s) => s === 1).length).toBe(56);
    expect(frameAverageOnGrid(randomField(3), grid, 8).meanFrameSize).toBeCloseTo(1 + 8 / 64, 12);
  });

  it('SO(2) residual of the group average: 0 at M = 64 evenly spaced, decreasing with M for random angles', () => {
    const v = randomField(11);
    const mask = new Uint8Array(grid.size);
    const curve = so2ResidualCurve(v, grid, mask, [1, 4, 16, 64], 5, 'off', 8);
    expect(curve[0].evenly).toBeGreaterThan(0.8); // a random field: orbit std ≈ its magnitude (measured 1.26)
    expect(curve[3].evenly).toBeLessThan(1e-6);
    expect(curve[2].evenly).toBeLessThan(curve[1].evenly); // measured 0.23 < 0.59
    // Monte Carlo: residual falls roughly like 1/√M (measured 1 → 64: ratio 0.120 here, 1/√64 = 0.125; allow 0.05–0.25).
    const ratio = curve[3].random / curve[0].random;
    expect(ratio).toBeGreaterThan(0.05);
    expect(ratio).toBeLessThan(0.25);
    expect(curve[1].random).toBeLessThan(curve[0].random);
    expect(curve[2].random).toBeLessThan(curve[1].random);
  });
});

describe('general-point routes are C_n-invariant on random inputs', () => {
  const rng = new Rng(42, 2);
  const N = 500;
  const pts = Float64Array.from({ length: 2 * N }, () => rng.uniformIn(-3, 3));

  for (const n of [4, 8, 16]) {
    it(`C${n}: group average, canonicalisation and frame averaging agree along orbits to 1e-12`, () => {
      const angles = cyclicAngles(n);
      const ga0 = groupAveragePoints(f, pts, angles);
      const can0 = canonicalizePoints(f, pts, n);
      const fa0 = frameAveragePoints(f, pts, n).values;
      let rawDev = 0;
      const raw0 = f(pts);
      for (let k = 1; k < n; k++) {
        const rot = rotatePointBatch(pts, (2 * Math.PI * k) / n);
        const raw = f(rot);
        const ga = groupAveragePoints(f, rot, angles);
        const can = canonicalizePoints(f, rot, n);
        const fa = frameAveragePoints(f, rot, n).values;
        for (let i = 0; i < N; i++) {
          rawDev = Math.max(rawDev, Math.abs(raw[i] - raw0[i]));
          expect(Math.abs(ga[i] - ga0[i])).toBeLessThan(1e-12);
          expect(Math.abs(can[i] - can0[i])).toBeLessThan(1e-12);
          expect(Math.abs(fa[i] - fa0[i])).toBeLessThan(1e-12);
        }
      }
      expect(rawDev).toBeGreaterThan(0.5);
    });
  }

  it('sector frames: boundary points get two elements, the origin all of C_n, and F(gx) = g F(x)', () => {
    expect(sectorFrame2d(Math.cos(Math.PI / 8), Math.sin(Math.PI / 8), 8)).toEqual([0, 1]);
    expect(sectorFrame2d(0, 0, 4)).toEqual([0, 1, 2, 3]);
    expect(sectorFrame2d(1, 0.1, 8)).toEqual([0]);
    const [x, y] = [Math.cos(0.3), Math.sin(0.3)];
    expect(sectorFrame2d(x, y, 4)).toEqual([0]);
    const r = rotatePointBatch([x, y], Math.PI);
    expect(sectorFrame2d(r[0], r[1], 4)).toEqual([2]);
  });

  it('SO(2) group average with M sampled angles: the invariance error falls as M grows', () => {
    const test = rotatePointBatch(pts, 0.7331);
    const err = [1, 8, 64, 512].map((M) => {
      const angles = sampledSo2Angles(M, 3);
      const a = groupAveragePoints(f, pts, angles);
      const b = groupAveragePoints(f, test, angles);
      let s = 0;
      for (let i = 0; i < N; i++) s += Math.abs(a[i] - b[i]);
      return s / N;
    });
    expect(err[3]).toBeLessThan(err[0] / 5);
    expect(err[2]).toBeLessThan(err[0]);
  });
});
