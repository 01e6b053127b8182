import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import { binnedEstimate, jackknifeEstimate } from '../../../src/core/lattice';

describe('binned errors', () => {
  it('for independent N(0,1) data the error is 1/√n within 30 %', () => {
    const rng = new Rng(1);
    const n = 20000;
    const xs = new Float64Array(n);
    for (let i = 0; i < n; i++) xs[i] = rng.normal();
    const e = binnedEstimate(xs, 40);
    expect(e.error / (1 / Math.sqrt(n))).toBeGreaterThan(0.7);
    expect(e.error / (1 / Math.sqrt(n))).toBeLessThan(1.3);
  });

  it('for an AR(1) chain with ρ = 0.9 the error grows by √((1+ρ)/(1−ρ)) ≈ 4.36 over the naive one', () => {
    const rng = new Rng(2);
    const n = 100000;
    const rho = 0.9;
    const xs = new Float64Array(n);
    let x = 0;
    for (let i = 0; i < n; i++) {
      x = rho * x + Math.sqrt(1 - rho * rho) * rng.normal();
      xs[i] = x;
    }
    const e = binnedEstimate(xs, 25);
    const expected = Math.sqrt((1 + rho) / (1 - rho)) / Math.sqrt(n);
    expect(e.error / expected).toBeGreaterThan(0.65);
    expect(e.error / expected).toBeLessThan(1.35);
    // The naive error, one bin per point, misses the autocorrelation by the same factor.
    expect(binnedEstimate(xs, n).error).toBeLessThan(0.4 * e.error);
  });

  it('jackknife of the identity equals the binned error; of a ratio it is finite and close to the delta method', () => {
    const rng = new Rng(3);
    const n = 4000;
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      a[i] = 2 + rng.normal();
      b[i] = 4 + rng.normal();
    }
    const id = jackknifeEstimate([a], (m) => m[0], 20);
    const bin = binnedEstimate(a, 20);
    expect(Math.abs(id.error - bin.error)).toBeLessThan(1e-12);
    expect(Math.abs(id.mean - bin.mean)).toBeLessThan(1e-12);
    const ratio = jackknifeEstimate([a, b], (m) => m[0] / m[1], 20);
    const delta = Math.sqrt((1 / 16 + (4 / 256) * 1) / n); // Var(a/b) ≈ σa²/b² + a²σb²/b⁴
    expect(ratio.error / delta).toBeGreaterThan(0.6);
    expect(ratio.error / delta).toBeLessThan(1.4);
  });
});
