import { describe, expect, it } from 'vitest';
import { makePolarGrid } from '../../../src/core/data/polarGrid';
import {
  buildPolarRasterLookup,
  pixelToPlane,
  planeToPixel,
  polarInterpolation,
  rasterizePolar,
  sampleField,
} from '../../../src/ui/charts/polarRaster';
import { curveAt, orbitCurve, periodicityError, probeOrbitSamePredictions } from '../../../src/ui/panels/orbit/orbitCurve';
import { ensembleSizeSeries, invarianceSeries } from '../../../src/ui/panels/toy/invarianceSeries';
import { logLogSlope } from '../../../src/core/metrics/logLogFit';

const grid = makePolarGrid();
const fieldOf = (f: (x: number, y: number) => number) => {
  const v = new Float32Array(grid.size);
  for (let p = 0; p < grid.size; p++) v[p] = f(grid.points[2 * p], grid.points[2 * p + 1]);
  return v;
};

describe('heatmap raster transform', () => {
  it('pixel ↔ plane round-trips and puts (0, 0) at the centre, y up', () => {
    const [x, y] = pixelToPlane(10, 20, 150, 3);
    const [px, py] = planeToPixel(x, y, 150, 3);
    expect(px).toBeCloseTo(10, 10);
    expect(py).toBeCloseTo(20, 10);
    expect(pixelToPlane(0, 0, 150, 3)[1]).toBeGreaterThan(2.9);
    expect(planeToPixel(0, 0, 150, 3)).toEqual([74.5, 74.5]);
  });

  it('reproduces grid values exactly at grid points and a linear-in-r field between rings', () => {
    const f = fieldOf((x, y) => 2 * Math.hypot(x, y) - 1);
    for (const p of [64 * 5 + 3, 64 * 17 + 40]) {
      const v = sampleField(f, grid, grid.points[2 * p], grid.points[2 * p + 1]);
      expect(v).toBeCloseTo(f[p], 5);
    }
    // Between rings, along a grid angle: linear interpolation of a field linear in r is exact.
    const r = (grid.radii[7] + grid.radii[8]) / 2;
    const t = (2 * Math.PI * 9) / 64;
    expect(sampleField(f, grid, r * Math.cos(t), r * Math.sin(t))).toBeCloseTo(2 * r - 1, 4);
  });

  it('marks pixels beyond the outer radius as NaN and weights sum to 1 inside', () => {
    const lookup = buildPolarRasterLookup(grid, 60, 3);
    const ones = new Float32Array(grid.size).fill(1);
    const px = rasterizePolar(ones, lookup);
    let nan = 0;
    for (let i = 0; i < px.length; i++) {
      if (Number.isNaN(px[i])) nan++;
      else expect(px[i]).toBeCloseTo(1, 6);
    }
    // The disc covers π/4 of the square: the corners (1 − π/4 ≈ 21.5%) are outside.
    expect(nan / px.length).toBeGreaterThan(0.19);
    expect(nan / px.length).toBeLessThan(0.24);
    expect(polarInterpolation(grid, 2.9, 2.9)).toBeNull();
  });

  it("the raster lookup holds, at every pixel, the hover readout's interpolation of that pixel's centre", () => {
    const size = 50;
    const lookup = buildPolarRasterLookup(grid, size, 3);
    for (let py = 0; py < size; py++) {
      for (let px = 0; px < size; px++) {
        const [x, y] = pixelToPlane(px, py, size, 3);
        const w = polarInterpolation(grid, x, y);
        const o = 4 * (py * size + px);
        expect([...lookup.index.subarray(o, o + 4)]).toEqual(w ? w.index : [-1, -1, -1, -1]);
        expect([...lookup.weight.subarray(o, o + 4)]).toEqual(w ? w.weight.map(Math.fround) : [0, 0, 0, 0]);
      }
    }
  });
});

describe('orbit curve transform', () => {
  it('an invariant field gives a flat curve with zero periodicity error and full orbit same predictions', () => {
    const f = fieldOf((x, y) => Math.cos(Math.hypot(x, y)));
    const c = orbitCurve(f, grid, [1.2, 0.7]);
    expect(c.values.length).toBe(64);
    // The grid coordinates are float32, so |x| carries rounding of about 1e-7.
    expect(periodicityError(c, 8)).toBeLessThan(1e-6);
    expect(probeOrbitSamePredictions(c, 8)).toBe(8);
  });

  it('a C4-invariant field (cos 4θ) has zero 2π/4 periodicity error but not 2π/8', () => {
    const f = fieldOf((x, y) => Math.hypot(x, y) * Math.cos(4 * Math.atan2(y, x)));
    const c = orbitCurve(f, grid, [1.5, 0.4]);
    expect(periodicityError(c, 4)).toBeLessThan(1e-6);
    expect(periodicityError(c, 8)).toBeGreaterThan(1);
  });

  it('θ = 0 reads the probe itself: the curve at 0 equals the field at x', () => {
    const f = fieldOf((x, y) => x + 0.3 * y);
    const probe: [number, number] = [1.1, -0.6];
    const c = orbitCurve(f, grid, probe);
    // Linear in x, y: interpolation error only from the angular chord, small at this resolution.
    expect(curveAt(c, 0)).toBeCloseTo(probe[0] + 0.3 * probe[1], 2);
    expect(curveAt(c, Math.PI)).toBeCloseTo(-(probe[0] + 0.3 * probe[1]), 2);
  });
});

describe('chart series', () => {
  it('the log–log slope of y = 3/√x is −½', () => {
    expect(logLogSlope([[1, 3], [4, 1.5], [16, 0.75]])).toBeCloseTo(-0.5, 12);
  });

  it('builds the invariance and ensemble-size series from snapshot metrics', () => {
    const stats = (r: number) => ({ on: { relativeStd: r, meanDeviation: r, meanMagnitude: 1, count: 1 }, off: { relativeStd: 2 * r, meanDeviation: r, meanMagnitude: 1, count: 1 }, ospOn: 8, ospOff: 8 });
    const snap = (step: number) =>
      ({
        step,
        metrics: {
          mean: stats(0.01 * (step + 1)),
          member: stats(0.5),
          noAugMean: stats(1),
          sizeCurve: { sizes: [1, 2, 4], relativeStd: [0.8, 0.56, 0.4], meanDeviation: [0, 0, 0] },
        },
      }) as never;
    const series = invarianceSeries([snap(0), snap(3)]);
    expect(series.map((s) => s.label)).toHaveLength(6);
    expect(series[0].points).toEqual([[0, 0.02], [3, 0.08]]);
    const size = ensembleSizeSeries(snap(3));
    expect(size[1].points[2][1]).toBeCloseTo(0.8 / 2, 12);
  });
});
