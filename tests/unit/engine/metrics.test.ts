import { describe, expect, it } from 'vitest';
import {
  ensembleMean,
  ensembleSizeCurve,
  makePolarGrid,
  onManifoldMask,
  orbitDeviationField,
  orbitRelativeStd,
  orbitSamePredictions,
  orbitSamePredictionsOfOrbit,
  Rng,
} from '../../../src/core';

const grid = makePolarGrid();
const fOf = (f: (x: number, y: number) => number) => {
  const v = new Float32Array(grid.size);
  for (let p = 0; p < grid.size; p++) v[p] = f(grid.points[2 * p], grid.points[2 * p + 1]);
  return v;
};

describe('orbit metrics', () => {
  it('an invariant function has zero deviation and full orbit same predictions', () => {
    const f = fOf((x, y) => Math.cos(Math.hypot(x, y) * 2));
    const dev = orbitDeviationField(f, grid, 8);
    expect(Math.max(...dev)).toBeLessThan(1e-6);
    const mask = onManifoldMask(grid, [[0.8, 0.3]], 8);
    expect(orbitRelativeStd(f, grid, 8, mask, 'off').relativeStd).toBeLessThan(1e-6);
    // Sign is constant on each orbit, so OSP = |G| everywhere.
    expect(orbitSamePredictions(f, grid, 8, mask, 'all')).toBe(8);
  });

  it('matches the analytic deviation of f = x (a C_4 orbit std of r·cos θ)', () => {
    const f = fOf((x) => x);
    const dev = orbitDeviationField(f, grid, 4);
    // Over the C4 orbit, x takes r cos θ, −r sin θ, −r cos θ, r sin θ: mean 0, std = r/√2.
    for (const p of [0, 100, 777, 1535]) {
      const r = Math.hypot(grid.points[2 * p], grid.points[2 * p + 1]);
      expect(dev[p]).toBeCloseTo(r / Math.SQRT2, 5);
    }
  });

  it('rstd = mean dev / mean |f| over the region', () => {
    const f = fOf((x, y) => x + 0.5 * Math.hypot(x, y));
    const mask = onManifoldMask(grid, [[1, 1]], 8);
    const s = orbitRelativeStd(f, grid, 8, mask, 'on');
    const dev = orbitDeviationField(f, grid, 8);
    let d = 0;
    let m = 0;
    let c = 0;
    for (let p = 0; p < grid.size; p++) {
      if (!mask[p]) continue;
      d += dev[p];
      m += Math.abs(f[p]);
      c++;
    }
    expect(s.count).toBe(c);
    expect(c).toBeGreaterThan(10);
    expect(s.relativeStd).toBeCloseTo(d / m, 10);
  });

  it('on-manifold mask marks exactly the points within 0.3 of an augmented training point', () => {
    const mask = onManifoldMask(grid, [[2, 0]], 4);
    for (let p = 0; p < grid.size; p++) {
      const x = grid.points[2 * p];
      const y = grid.points[2 * p + 1];
      const near = [[2, 0], [0, 2], [-2, 0], [0, -2]].some(([a, b]) => Math.hypot(x - a, y - b) <= 0.3);
      expect(mask[p] === 1).toBe(near);
    }
  });

  it('orbit same predictions of random signs is about 1 + (n − 1)/2', () => {
    const rng = new Rng(3);
    const f = fOf(() => (rng.uniform() < 0.5 ? -1 : 1));
    const mask = new Uint8Array(grid.size);
    const osp = orbitSamePredictions(f, grid, 8, mask, 'all');
    expect(Math.abs(osp - 4.5)).toBeLessThan(0.15);
    expect(orbitSamePredictionsOfOrbit([1, -1, 2, 3])).toBe(3);
  });

  it('the deviation of a mean of E i.i.d. noisy members falls like 1/√E', () => {
    const E = 64;
    const rng = new Rng(5);
    const members = new Float32Array(E * grid.size);
    for (let i = 0; i < members.length; i++) members[i] = rng.normal();
    const mask = new Uint8Array(grid.size);
    const curve = ensembleSizeCurve(members, E, grid, 8, mask, 'off');
    expect(curve.sizes).toEqual([1, 2, 4, 8, 16, 32, 64]);
    const ratio = curve.meanDeviation[0] / curve.meanDeviation[6];
    expect(ratio).toBeGreaterThan(8 * 0.85);
    expect(ratio).toBeLessThan(8 * 1.15);
    const mean = ensembleMean(members, E, grid.size);
    expect(mean[0]).toBeCloseTo(Array.from({ length: E }, (_, k) => members[k * grid.size]).reduce((a, v) => a + v, 0) / E, 5);
  });
});
