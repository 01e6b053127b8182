import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import { SU2, U1, eigenphaseHistogram, haarEigenphaseCdfSU2 } from '../../../src/core/lattice';

function meanAndError(xs: Float64Array): { mean: number; error: number } {
  const n = xs.length;
  let m = 0;
  for (const x of xs) m += x;
  m /= n;
  let v = 0;
  for (const x of xs) v += (x - m) ** 2;
  return { mean: m, error: Math.sqrt(v / (n - 1) / n) };
}

describe('Haar sampling', () => {
  const n = 20000;
  const rng = new Rng(2024, 7);
  const elems = new Float64Array(4 * n);
  for (let i = 0; i < n; i++) SU2.haar(rng, elems, 4 * i);

  it('SU(2): E[tr U] = 0 and E[|tr U|²] = 1 within 3 standard errors', () => {
    const tr = new Float64Array(n);
    const tr2 = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      tr[i] = SU2.traceRe(elems, 4 * i);
      tr2[i] = tr[i] * tr[i];
    }
    const a = meanAndError(tr);
    const b = meanAndError(tr2);
    // Exact standard errors for n = 20000 are 1/√n ≈ 0.0071 for both.
    expect(Math.abs(a.mean)).toBeLessThan(3 * a.error);
    expect(Math.abs(b.mean - 1)).toBeLessThan(3 * b.error);
    expect(a.error).toBeGreaterThan(0.006);
    expect(a.error).toBeLessThan(0.008);
  });

  it('SU(2): eigenphase histogram matches (2/π) sin²θ by χ² (20 bins, 19 dof, p = 0.01 cut 36.19)', () => {
    const bins = 20;
    const h = eigenphaseHistogram(SU2, elems, bins);
    let chi2 = 0;
    for (let b = 0; b < bins; b++) {
      const lo = (Math.PI * b) / bins;
      const hi = (Math.PI * (b + 1)) / bins;
      const expected = n * (haarEigenphaseCdfSU2(hi) - haarEigenphaseCdfSU2(lo));
      chi2 += (h.counts[b] - expected) ** 2 / expected;
    }
    expect(chi2).toBeLessThan(36.19);
    // A uniform θ would fail badly: sanity-check the test has power.
    let chi2Uniform = 0;
    for (let b = 0; b < bins; b++) {
      const lo = (Math.PI * b) / bins;
      const hi = (Math.PI * (b + 1)) / bins;
      const expected = n * (haarEigenphaseCdfSU2(hi) - haarEigenphaseCdfSU2(lo));
      chi2Uniform += (n / bins - expected) ** 2 / expected;
    }
    expect(chi2Uniform).toBeGreaterThan(1000);
  });

  it('U(1): E[U] = 0 within 3 standard errors and |U| = 1', () => {
    const r = new Rng(5);
    const e = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) U1.haar(r, e, 2 * i);
    const re = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      re[i] = e[2 * i];
      expect(Math.abs(Math.hypot(e[2 * i], e[2 * i + 1]) - 1)).toBeLessThan(1e-15);
    }
    const a = meanAndError(re);
    expect(Math.abs(a.mean)).toBeLessThan(3 * a.error);
  });
});
