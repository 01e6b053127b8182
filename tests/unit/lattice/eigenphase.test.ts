import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import { SU2, U1, applySpectralMap, sineSpectralMap } from '../../../src/core/lattice';
import { complexConjugation, complexDistance } from '../../../src/core/groups/complexMatrix';

describe('spectral maps on loop eigenphases (Boyda et al.)', () => {
  it('SU(2): f(ΩWΩ†) = Ω f(W) Ω† to 1e-14, while tr W moves to 2 cos f(θ)', () => {
    const rng = new Rng(8);
    const f = sineSpectralMap(0.6);
    const w = new Float64Array(4);
    const om = new Float64Array(4);
    const c = new Float64Array(4);
    let worst = 0;
    let traceMoved = 0;
    for (let t = 0; t < 200; t++) {
      SU2.haar(rng, w, 0);
      SU2.haar(rng, om, 0);
      SU2.mul(om, 0, w, 0, c, 0);
      SU2.mulAdj(c, 0, om, 0, c, 0);
      const lhs = SU2.toMatrix(applySpectralMap(SU2, c, 0, f), 0);
      const rhs = complexConjugation(SU2.toMatrix(om, 0), SU2.toMatrix(applySpectralMap(SU2, w, 0, f), 0));
      worst = Math.max(worst, complexDistance(lhs, rhs));
      const mapped = applySpectralMap(SU2, w, 0, f);
      const theta = SU2.eigenphase(w, 0);
      expect(SU2.traceRe(mapped, 0)).toBeCloseTo(2 * Math.cos(f(theta)), 12);
      traceMoved = Math.max(traceMoved, Math.abs(SU2.traceRe(mapped, 0) - SU2.traceRe(w, 0)));
    }
    expect(worst).toBeLessThan(1e-14);
    expect(traceMoved).toBeGreaterThan(0.1);
  });

  it('the sine map is monotone on [0, π] and fixes 0, π/2, π; U(1) maps e^{iθ} to e^{if(θ)}', () => {
    const f = sineSpectralMap(0.9);
    expect(f(0)).toBe(0);
    expect(f(Math.PI / 2)).toBeCloseTo(Math.PI / 2, 15);
    expect(f(Math.PI)).toBeCloseTo(Math.PI, 15);
    let prev = -1;
    for (let i = 0; i <= 100; i++) {
      const v = f((Math.PI * i) / 100);
      expect(v).toBeGreaterThan(prev);
      prev = v;
    }
    const u = Float64Array.of(Math.cos(0.7), Math.sin(0.7));
    const m = applySpectralMap(U1, u, 0, f);
    expect(Math.atan2(m[1], m[0])).toBeCloseTo(f(0.7), 14);
  });
});
