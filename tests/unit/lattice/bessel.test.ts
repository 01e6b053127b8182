import { describe, expect, it } from 'vitest';
import { besselI, exactPlaquette2D, exactWilsonLoop2D, plaquetteEigenphaseDensity, haarEigenphaseDensitySU2 } from '../../../src/core/lattice';

// Reference values from scipy.special.iv (float64).
const REF: [number, number, number, number][] = [
  [0.5, 1.0634833707413236, 0.25789430539089636, 0.031906149177738256],
  [1, 1.2660658777520084, 0.565159103992485, 0.1357476697670383],
  [2, 2.2795853023360673, 1.590636854637329, 0.6889484476987382],
  [4, 11.30192195213633, 9.759465153704449, 6.422189375284105],
  [8, 427.5641157218046, 399.87313678256, 327.5958315261646],
  [20, 43558282.559553534, 42454973.38512777, 39312785.221040756],
];

describe('modified Bessel functions I_n', () => {
  it('match scipy to 1e-14 relative for n = 0, 1, 2 and x from 0.5 to 20', () => {
    let worst = 0;
    for (const [x, i0, i1, i2] of REF) {
      worst = Math.max(worst, Math.abs(besselI(0, x) / i0 - 1), Math.abs(besselI(1, x) / i1 - 1), Math.abs(besselI(2, x) / i2 - 1));
    }
    expect(worst).toBeLessThan(1e-14);
    expect(besselI(0, 0)).toBe(1);
    expect(besselI(3, 0)).toBe(0);
  });

  it('give the exact 2D plaquette and area law', () => {
    expect(exactPlaquette2D('U1', 1)).toBeCloseTo(0.4463899658965345, 14);
    expect(exactPlaquette2D('SU2', 4)).toBeCloseTo(0.6580472673593596, 14);
    expect(exactWilsonLoop2D('SU2', 2, 4)).toBeCloseTo(0.43312742672231175 ** 4, 14);
  });

  it('the eigenphase densities integrate to 1 and reduce to (2/π) sin²θ at β = 0', () => {
    for (const beta of [0, 1, 4, 12]) {
      for (const g of ['U1', 'SU2'] as const) {
        const [lo, hi] = g === 'SU2' ? [0, Math.PI] : [-Math.PI, Math.PI];
        const n = 4000;
        let s = 0;
        for (let i = 0; i < n; i++) s += plaquetteEigenphaseDensity(g, beta, lo + ((i + 0.5) * (hi - lo)) / n);
        expect(s * ((hi - lo) / n)).toBeCloseTo(1, 6);
      }
    }
    expect(plaquetteEigenphaseDensity('SU2', 1e-9, 1.1)).toBeCloseTo(haarEigenphaseDensitySU2(1.1), 8);
  });
});
