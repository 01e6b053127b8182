import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import { besselI, measureWilsonLoops, sampleHeatBathA0 } from '../../../src/core/lattice';

/**
 * The expensive tests: Monte Carlo on a 16×16 torus against the exact infinite-volume 2D results
 * (finite-volume corrections are O(ratio^{L² − A}) < 1e-30 here). 200 thermalisation + 1500 measured sweeps per run,
 * errors from 20 bins of 75 sweeps.
 */
const L = 16;
const SWEEPS = 1500;
const THERMALIZE = 200;

describe.each(['U1', 'SU2'] as const)('%s Monte Carlo vs exact 2D', (group) => {
  it.each([1, 2, 4])('β = %d: plaquette, W(1,1), W(2,2) within 3σ', (beta) => {
    const r = measureWilsonLoops({ group, L, beta, thermalize: THERMALIZE, sweeps: SWEEPS, seed: 20240 + beta, maxR: 2, maxT: 2 });
    const checks = [
      { name: 'plaquette', ...r.plaquette },
      { name: 'W(1,1)', ...r.loops.find((l) => l.R === 1 && l.T === 1)! },
      { name: 'W(2,2)', ...r.loops.find((l) => l.R === 2 && l.T === 2)! },
    ];
    for (const c of checks) {
      const pull = (c.mean - c.exact!) / c.error;
      expect(c.error, `${c.name} error`).toBeGreaterThan(0);
      // The error bar must be a real error bar, not vanishingly small: at least 1e-4 for these sample sizes.
      expect(c.error, `${c.name} error`).toBeGreaterThan(1e-4);
      expect(Math.abs(pull), `${group} β=${beta} ${c.name}: ${c.mean} vs ${c.exact} ± ${c.error}`).toBeLessThan(3);
    }
    if (group === 'U1') expect(r.acceptance!).toBeGreaterThan(0.3);
  });
});

describe('SU(2) heat-bath single-link draw', () => {
  it('x₀ has mean I₂(a)/I₁(a) for both the Creutz (a < 1) and Kennedy–Pendleton (a ≥ 1) branches', () => {
    const rng = new Rng(77);
    for (const a of [0.4, 3, 8]) {
      const n = 40000;
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        const x = sampleHeatBathA0(a, rng);
        s += x;
        s2 += x * x;
      }
      const mean = s / n;
      const se = Math.sqrt((s2 / n - mean * mean) / n);
      expect(Math.abs(mean - besselI(2, a) / besselI(1, a))).toBeLessThan(3 * se);
    }
  });
});
