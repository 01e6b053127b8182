import { describe, expect, it } from 'vitest';
import { makePolarGrid, coarseFrameGrid } from '../../../src/core/data/polarGrid';
import { buildPolarRasterLookup, cachedPolarRasterLookup, rasterizePolar } from '../../../src/ui/charts/polarRaster';
import { paintPolar, type PaintScale } from '../../../src/ui/charts/paintPolar';
import { DIVERGING_TABLE, SEQUENTIAL_TABLE, divergingIndex, logSequentialIndex } from '../../../src/ui/charts/colorMaps';

/** The heatmap's pixels as they were drawn before paintPolar: raster, then the colour index, per pixel, as RGBA bytes. */
function referencePixels(values: Float32Array, size: number, grid: ReturnType<typeof makePolarGrid>, scale: PaintScale): Uint8ClampedArray {
  const px = rasterizePolar(values, buildPolarRasterLookup(grid, size, 3));
  const out = new Uint8ClampedArray(4 * px.length);
  const table = scale.kind === 'diverging' ? DIVERGING_TABLE : SEQUENTIAL_TABLE;
  for (let p = 0; p < px.length; p++) {
    const v = px[p];
    if (Number.isNaN(v)) {
      out.set([238, 238, 238, 255], 4 * p);
      continue;
    }
    const k = 3 * (scale.kind === 'diverging' ? divergingIndex(v, scale.limit) : logSequentialIndex(v, scale.lo, scale.hi));
    out.set([table[k], table[k + 1], table[k + 2], 255], 4 * p);
  }
  return out;
}

function seeded(n: number, seed: number, f: (u: number) => number): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = f(s / 2 ** 32);
  }
  return out;
}

describe('paintPolar', () => {
  const full = makePolarGrid();
  const coarse = coarseFrameGrid(full);
  for (const [name, grid] of [['full grid', full], ['coarse frame grid', coarse]] as const) {
    it(`paints the same pixels as raster + colour index (${name}, diverging and log)`, () => {
      const size = 150;
      const lookup = buildPolarRasterLookup(grid, size, 3);
      const outputs = seeded(grid.size, 7, (u) => 3 * (u - 0.5));
      const deviations = seeded(grid.size, 11, (u) => 10 ** (-6 + 6 * u));
      deviations[5] = 0; // at or below lo: the bottom colour
      outputs[9] = NaN; // a NaN value paints its neighbourhood as background
      for (const [values, scale] of [
        [outputs, { kind: 'diverging', limit: 1.2 }],
        [deviations, { kind: 'log', lo: 1e-4, hi: 1 }],
      ] as const) {
        const img = new Uint8ClampedArray(4 * size * size);
        paintPolar(values, lookup, scale, new Uint32Array(img.buffer));
        const ref = referencePixels(values, size, grid, scale);
        let differing = 0;
        for (let i = 0; i < img.length; i++) if (img[i] !== ref[i]) differing++;
        expect(differing).toBe(0);
        // Not a blank canvas: both ends of the map occur.
        expect(new Set(new Uint32Array(img.buffer)).size).toBeGreaterThan(50);
      }
    });
  }

  it('reuses one lookup per grid geometry and raster, whatever the grid object', () => {
    const a = cachedPolarRasterLookup(makePolarGrid(), 150, 3);
    expect(cachedPolarRasterLookup(makePolarGrid(), 150, 3)).toBe(a);
    expect(cachedPolarRasterLookup(makePolarGrid(), 200, 3)).not.toBe(a);
    expect(cachedPolarRasterLookup(coarseFrameGrid(makePolarGrid()), 150, 3)).not.toBe(a);
  });
});
