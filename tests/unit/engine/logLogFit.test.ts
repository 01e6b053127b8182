/**
 * The shared log–log fit: exact slopes on exact power laws, and a standard error that matches the textbook formula and
 * the spread of slopes over repeated noisy fits (a check that the number printed as "± SE" means what it says).
 */
import { describe, expect, it } from 'vitest';
import { expectedSizeSlope, logLogFit, logLogSlope, zipPoints } from '../../../src/core/metrics/logLogFit';
import { Rng } from '../../../src/core/rng';

describe('logLogFit', () => {
  it('recovers y = 3/√x exactly, with zero standard error', () => {
    const f = logLogFit([[1, 3], [4, 1.5], [16, 0.75], [64, 0.375]]);
    expect(f.slope).toBeCloseTo(-0.5, 12);
    expect(f.intercept).toBeCloseTo(Math.log(3), 12);
    expect(f.standardError).toBeLessThan(1e-12);
    expect(f.count).toBe(4);
  });

  it('drops non-positive and non-finite points and returns NaN with too few', () => {
    expect(logLogFit([[1, 2], [0, 1], [4, -1], [8, NaN]]).slope).toBeNaN();
    expect(logLogFit([[1, 2], [0, 1], [4, 1], [8, NaN]]).count).toBe(2);
    expect(logLogFit([[1, 2], [4, 1]]).standardError).toBeNaN();
    expect(logLogSlope(zipPoints([1, 2, 4], [1, 0.5, 0.25]))).toBeCloseTo(-1, 12);
  });

  it('has the textbook standard error on a hand-computed case', () => {
    // u = log x = 0, 1, 2 (x = 1, e, e²); v = log y = 0, −1, −1.5 → b = −0.75, a = −0.0833…, residuals 1/12·(1, −2, 1).
    const f = logLogFit([[1, 1], [Math.E, Math.exp(-1)], [Math.E ** 2, Math.exp(-1.5)]]);
    expect(f.slope).toBeCloseTo(-0.75, 12);
    const ssr = (1 + 4 + 1) / 144;
    expect(f.standardError).toBeCloseTo(Math.sqrt(ssr / 1 / 2), 12);
  });

  it('its standard error matches the observed spread of slopes over 4000 noisy fits within 5 %', () => {
    const rng = new Rng(11, 0x1f, 0);
    const xs = [2, 4, 8, 16, 32, 64];
    const slopes: number[] = [];
    let seSum = 0;
    for (let t = 0; t < 4000; t++) {
      // log y = −½ log x + Gaussian noise of std 0.1 (Box–Muller).
      const pts = xs.map((x) => {
        const z = Math.sqrt(-2 * Math.log(1 - rng.uniform())) * Math.cos(2 * Math.PI * rng.uniform());
        return [x, x ** -0.5 * Math.exp(0.1 * z)] as [number, number];
      });
      const f = logLogFit(pts);
      slopes.push(f.slope);
      seSum += f.standardError ** 2;
    }
    const mean = slopes.reduce((a, s) => a + s, 0) / slopes.length;
    const sd = Math.sqrt(slopes.reduce((a, s) => a + (s - mean) ** 2, 0) / (slopes.length - 1));
    const rmsSe = Math.sqrt(seSum / slopes.length);
    expect(mean).toBeCloseTo(-0.5, 2);
    expect(Math.abs(rmsSe / sd - 1)).toBeLessThan(0.05);
  });

  it('states the expected slope for each initialisation and step', () => {
    expect(expectedSizeSlope('independent', 2000)).toMatchObject({ deviation: -0.5, relativeStd: -0.5 });
    // At step 0 the mean is pure noise: its size falls like 1/√E too, so the relative deviation is flat.
    expect(expectedSizeSlope('independent', 0)).toMatchObject({ deviation: -0.5, relativeStd: 0 });
    expect(expectedSizeSlope('antithetic', 0).deviation).toBeNull();
    expect(expectedSizeSlope('antithetic', 10).deviation).toBe(-0.5);
    expect(expectedSizeSlope('orbit-closed', 10).deviation).toBeNull();
  });
});
