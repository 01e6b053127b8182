/**
 * Colour maps. Outputs use a diverging, colour-blind-safe map (ColorBrewer RdBu: − is red, 0 is near white, + is
 * blue); deviations use a perceptually uniform sequential map (viridis) on a log scale.
 */
import { interpolateRdBu, interpolateViridis, rgb } from 'd3';

export type Rgb = [number, number, number];

function toRgb(css: string): Rgb {
  const c = rgb(css);
  return [Math.round(c.r), Math.round(c.g), Math.round(c.b)];
}

/**
 * Diverging map for outputs on [−limit, limit]: t = (v/limit + 1)/2 clamped to [0, 1], then RdBu(t).
 * −limit is red, 0 is near white, +limit is blue.
 */
export function divergingColor(v: number, limit: number): Rgb {
  const t = Math.min(1, Math.max(0, (v / limit + 1) / 2));
  return toRgb(interpolateRdBu(t));
}

/**
 * Sequential log map for non-negative deviations on [lo, hi]: t = (log10 v − log10 lo)/(log10 hi − log10 lo),
 * clamped, then viridis(t). Values ≤ lo (zero included) take the bottom colour.
 */
export function logSequentialColor(v: number, lo: number, hi: number): Rgb {
  const t = v <= lo ? 0 : Math.min(1, (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)));
  return toRgb(interpolateViridis(t));
}

/** A lookup table of `n` colours for fast per-pixel mapping. */
export function colorTable(n: number, at: (t: number) => string): Uint8ClampedArray {
  const out = new Uint8ClampedArray(3 * n);
  for (let i = 0; i < n; i++) {
    const c = toRgb(at(n === 1 ? 0 : i / (n - 1)));
    out.set(c, 3 * i);
  }
  return out;
}

export const DIVERGING_TABLE = colorTable(256, interpolateRdBu);
export const SEQUENTIAL_TABLE = colorTable(256, interpolateViridis);

/** Index into a 256-entry table for a diverging value. Consistent with `divergingColor` up to the 1/255 quantisation. */
export function divergingIndex(v: number, limit: number): number {
  const t = Math.min(1, Math.max(0, (v / limit + 1) / 2));
  return Math.round(t * 255);
}

export function logSequentialIndex(v: number, lo: number, hi: number): number {
  const t = v <= lo ? 0 : Math.min(1, (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)));
  return Math.round(t * 255);
}

/** A symmetric colour limit: the largest |v|, at least `floor` (so a near-zero field is not blown up to full scale). */
export function symmetricLimit(values: ArrayLike<number>, floor = 1e-3): number {
  let m = floor;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]);
    if (a > m) m = a;
  }
  return m;
}
