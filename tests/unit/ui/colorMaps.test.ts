import { describe, expect, it } from 'vitest';
import { interpolateRdBu, interpolateViridis, rgb } from 'd3';
import {
  DIVERGING_TABLE,
  divergingColor,
  divergingIndex,
  logSequentialColor,
  logSequentialIndex,
  symmetricLimit,
} from '../../../src/ui/charts/colorMaps';

const css = (c: string) => {
  const x = rgb(c);
  return [Math.round(x.r), Math.round(x.g), Math.round(x.b)];
};

describe('diverging output map', () => {
  it('maps −limit to the red end, 0 to the centre and +limit to the blue end', () => {
    expect(divergingColor(-1.5, 1.5)).toEqual(css(interpolateRdBu(0)));
    expect(divergingColor(0, 1.5)).toEqual(css(interpolateRdBu(0.5)));
    expect(divergingColor(1.5, 1.5)).toEqual(css(interpolateRdBu(1)));
    const [r, , b] = divergingColor(-1.5, 1.5);
    expect(r).toBeGreaterThan(b + 50);
    const [r2, , b2] = divergingColor(1.5, 1.5);
    expect(b2).toBeGreaterThan(r2 + 50);
  });

  it('clamps values beyond the limit to the ends', () => {
    expect(divergingColor(-99, 1)).toEqual(divergingColor(-1, 1));
    expect(divergingColor(99, 1)).toEqual(divergingColor(1, 1));
    expect(divergingIndex(-99, 1)).toBe(0);
    expect(divergingIndex(99, 1)).toBe(255);
    expect(divergingIndex(0, 1)).toBe(128);
  });

  it('the lookup table agrees with the exact map within one quantisation step', () => {
    for (const v of [-1.2, -0.4, 0.1, 0.77, 1.49]) {
      const k = divergingIndex(v, 1.5);
      const exact = divergingColor(v, 1.5);
      for (let c = 0; c < 3; c++) expect(Math.abs(DIVERGING_TABLE[3 * k + c] - exact[c])).toBeLessThanOrEqual(3);
    }
  });
});

describe('log sequential deviation map', () => {
  it('puts lo at the bottom, hi at the top and the geometric mean in the middle', () => {
    expect(logSequentialColor(1e-4, 1e-4, 1)).toEqual(css(interpolateViridis(0)));
    expect(logSequentialColor(1, 1e-4, 1)).toEqual(css(interpolateViridis(1)));
    expect(logSequentialColor(1e-2, 1e-4, 1)).toEqual(css(interpolateViridis(0.5)));
    expect(logSequentialIndex(1e-2, 1e-4, 1)).toBe(128);
  });

  it('takes zero and values below lo to the bottom colour, values above hi to the top', () => {
    expect(logSequentialIndex(0, 1e-4, 1)).toBe(0);
    expect(logSequentialIndex(1e-9, 1e-4, 1)).toBe(0);
    expect(logSequentialIndex(50, 1e-4, 1)).toBe(255);
  });

  it('symmetricLimit is the largest magnitude, with a floor', () => {
    expect(symmetricLimit([0.2, -0.7, 0.5])).toBeCloseTo(0.7, 12);
    expect(symmetricLimit([0, 0], 1e-3)).toBe(1e-3);
  });
});
