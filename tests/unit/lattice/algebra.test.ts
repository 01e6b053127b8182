import { describe, expect, it } from 'vitest';
import {
  Rng,
} from '../../../src/core/rng';
import { SU2, U1, siteElementFromAngles } from '../../../src/core/lattice';
import { complexAdjoint, complexDistance, complexIdentity, complexMatMul, complexTrace } from '../../../src/core/groups/complexMatrix';
import { su2MatrixOfQuaternion, unitQuaternionFromAxisAngle } from '../../../src/core/groups/su2';

describe('SU(2) quaternion algebra', () => {
  const rng = new Rng(11, 1);
  const a = new Float64Array(4);
  const b = new Float64Array(4);
  const c = new Float64Array(4);

  it('multiplication, A B† and A† B agree with 2×2 complex matrix products to 1e-15', () => {
    let worst = 0;
    for (let t = 0; t < 200; t++) {
      SU2.haar(rng, a, 0);
      SU2.haar(rng, b, 0);
      const A = SU2.toMatrix(a, 0);
      const B = SU2.toMatrix(b, 0);
      SU2.mul(a, 0, b, 0, c, 0);
      worst = Math.max(worst, complexDistance(SU2.toMatrix(c, 0), complexMatMul(A, B)));
      SU2.mulAdj(a, 0, b, 0, c, 0);
      worst = Math.max(worst, complexDistance(SU2.toMatrix(c, 0), complexMatMul(A, complexAdjoint(B))));
      SU2.adjMul(a, 0, b, 0, c, 0);
      worst = Math.max(worst, complexDistance(SU2.toMatrix(c, 0), complexMatMul(complexAdjoint(A), B)));
      SU2.adjoint(a, 0, c, 0);
      worst = Math.max(worst, complexDistance(SU2.toMatrix(c, 0), complexAdjoint(A)));
      // Aliasing: out = a.
      const a2 = a.slice();
      SU2.mul(a2, 0, b, 0, a2, 0);
      worst = Math.max(worst, complexDistance(SU2.toMatrix(a2, 0), complexMatMul(A, B)));
    }
    expect(worst).toBeLessThan(1e-15 * 8);
  });

  it('elements are unitary with det 1, and tr U = 2a₀', () => {
    SU2.haar(rng, a, 0);
    const A = SU2.toMatrix(a, 0);
    expect(complexDistance(complexMatMul(A, complexAdjoint(A)), complexIdentity(2))).toBeLessThan(1e-15 * 4);
    const d = A.data;
    const detRe = d[0] * d[6] - d[1] * d[7] - (d[2] * d[4] - d[3] * d[5]);
    const detIm = d[0] * d[7] + d[1] * d[6] - (d[2] * d[5] + d[3] * d[4]);
    expect(Math.abs(detRe - 1)).toBeLessThan(1e-15 * 4);
    expect(Math.abs(detIm)).toBeLessThan(1e-15 * 4);
    expect(complexTrace(A)[0]).toBeCloseTo(2 * a[0], 15);
  });

  it('the loops panel element exp(i(α/2)n̂·σ⃗) is (cos α/2, sin α/2 · n̂), the lift of the rotation by −α, eigenphase α/2', () => {
    // n̂ = (1, 2, 2)/3 from its polar angle ϑ and azimuth φ.
    const polar = Math.acos(2 / 3);
    const azimuth = Math.atan2(2, 1);
    const g = siteElementFromAngles(SU2, 1.2, polar, azimuth);
    expect(SU2.eigenphase(g, 0)).toBeCloseTo(0.6, 14);
    const s = Math.sin(0.6) / 3;
    [Math.cos(0.6), s, 2 * s, 2 * s].forEach((x, k) => expect(g[k]).toBeCloseTo(x, 15));
    const axis = [Math.sin(polar) * Math.cos(azimuth), Math.sin(polar) * Math.sin(azimuth), Math.cos(polar)] as const;
    expect(Array.from(g)).toEqual([...unitQuaternionFromAxisAngle(axis, -1.2)]);
    expect(complexDistance(su2MatrixOfQuaternion([...g]), SU2.toMatrix(g, 0))).toBe(0);
    // α = 0 is the identity for every axis.
    Array.from(siteElementFromAngles(SU2, 0, 0.9, 2.1)).forEach((x, k) => expect(Math.abs(x - (k === 0 ? 1 : 0))).toBe(0));
  });
});

describe('U(1) algebra', () => {
  it('products and adjoints are complex multiplication and conjugation', () => {
    const rng = new Rng(3);
    const a = new Float64Array(2), b = new Float64Array(2), c = new Float64Array(2);
    U1.haar(rng, a, 0);
    U1.haar(rng, b, 0);
    const ta = Math.atan2(a[1], a[0]), tb = Math.atan2(b[1], b[0]);
    U1.mul(a, 0, b, 0, c, 0);
    expect(Math.abs(Math.cos(ta + tb) - c[0]) + Math.abs(Math.sin(ta + tb) - c[1])).toBeLessThan(1e-15 * 4);
    U1.mulAdj(a, 0, b, 0, c, 0);
    expect(Math.abs(Math.cos(ta - tb) - c[0]) + Math.abs(Math.sin(ta - tb) - c[1])).toBeLessThan(1e-15 * 4);
    U1.adjMul(a, 0, b, 0, c, 0);
    expect(Math.abs(Math.cos(tb - ta) - c[0]) + Math.abs(Math.sin(tb - ta) - c[1])).toBeLessThan(1e-15 * 4);
  });
});
