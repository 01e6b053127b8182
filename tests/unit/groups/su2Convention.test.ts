/**
 * Pins the one SU(2) convention of core/groups/su2.ts, U(a) = a₀·1 + i a⃗·σ⃗, and checks that the earlier
 * Hamilton-quaternion convention of the groups code (U = w·1 − i v⃗·σ⃗, written out below as a reference) maps onto it
 * by a ↦ (a₀, −a⃗) with the same matrices, rotations and Wigner-D numbers.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import {
  haarRandomRotation,
  haarRandomUnitQuaternion,
  haarSU2Into,
  inverseUnitQuaternion,
  multiplyUnitQuaternions,
  so3MatrixOfQuaternion,
  su2MatrixOfQuaternion,
  su2MulInto,
  unitQuaternionFromAxisAngle,
  type UnitQuaternion,
} from '../../../src/core/groups/su2';
import { wignerD } from '../../../src/core/groups/wignerD';
import {
  complexAdjoint,
  complexDistance,
  complexFromRows,
  complexIdentity,
  complexMatMul,
  type ComplexMatrix,
} from '../../../src/core/groups/complexMatrix';
import { SU2, createGeometry, hotField, stapleSumInto, stapleSumSU2Into } from '../../../src/core/lattice';

const det2 = (m: ComplexMatrix): [number, number] => {
  const d = m.data;
  return [d[0] * d[6] - d[1] * d[7] - (d[2] * d[4] - d[3] * d[5]), d[0] * d[7] + d[1] * d[6] - (d[2] * d[5] + d[3] * d[4])];
};

// The earlier groups convention, kept here only as the reference the conversion is checked against.
const oldMatrix = ([w, x, y, z]: UnitQuaternion): ComplexMatrix =>
  complexFromRows([
    [[w, -z], [-y, -x]],
    [[y, -x], [w, z]],
  ]);
const oldHamilton = ([w1, x1, y1, z1]: UnitQuaternion, [w2, x2, y2, z2]: UnitQuaternion): UnitQuaternion => [
  w1 * w2 - x1 * x2 - y1 * y2 - z1 * z2,
  w1 * x2 + x1 * w2 + y1 * z2 - z1 * y2,
  w1 * y2 - x1 * z2 + y1 * w2 + z1 * x2,
  w1 * z2 + x1 * y2 - y1 * x2 + z1 * w2,
];
const oldRotation = ([w, x, y, z]: UnitQuaternion): number[][] => [
  [1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)],
  [2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)],
  [2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)],
];
const oldHaar = (rng: Rng): UnitQuaternion => {
  const g = [rng.normal(), rng.normal(), rng.normal(), rng.normal()];
  const n = Math.hypot(g[0], g[1], g[2], g[3]);
  return [g[0] / n, g[1] / n, g[2] / n, g[3] / n];
};
const maxDiff = (a: number[][], b: number[][]) => Math.max(...a.flatMap((r, i) => r.map((x, j) => Math.abs(x - b[i][j]))));

describe('the SU(2) convention U(a) = a₀·1 + i a⃗·σ⃗', () => {
  it('writes U(a) = [[a₀ + i a₃, a₂ + i a₁], [−a₂ + i a₁, a₀ − i a₃]] and iσ₁ iσ₂ = −iσ₃, so e₁∘e₂ = −e₃', () => {
    expect(Array.from(su2MatrixOfQuaternion([0.1, 0.2, 0.3, 0.4]).data)).toEqual([0.1, 0.4, 0.3, 0.2, -0.3, 0.2, 0.1, -0.4]);
    expect(multiplyUnitQuaternions([0, 1, 0, 0], [0, 0, 1, 0])).toEqual([0, 0, 0, -1]);
    expect(multiplyUnitQuaternions([0, 0, 1, 0], [0, 0, 0, 1])).toEqual([0, -1, 0, 0]);
    expect(multiplyUnitQuaternions([0, 1, 0, 0], [0, 1, 0, 0])).toEqual([-1, 0, 0, 0]);
  });

  it('U(a)U(b) = U(a∘b), U(a)U(b)† = U(a∘b⁻¹), U†U = 1 and det U = 1 to 1e-12 on 200 Haar pairs', () => {
    const rng = new Rng(21, 1);
    const out = new Float64Array(4);
    let worst = 0;
    for (let t = 0; t < 200; t++) {
      const a = haarRandomUnitQuaternion(rng);
      const b = haarRandomUnitQuaternion(rng);
      const A = su2MatrixOfQuaternion(a);
      const B = su2MatrixOfQuaternion(b);
      worst = Math.max(worst, complexDistance(su2MatrixOfQuaternion(multiplyUnitQuaternions(a, b)), complexMatMul(A, B)));
      su2MulInto(a, 0, 1, b, 0, -1, out, 0);
      worst = Math.max(worst, complexDistance(su2MatrixOfQuaternion(out), complexMatMul(A, complexAdjoint(B))));
      su2MulInto(a, 0, -1, b, 0, 1, out, 0);
      worst = Math.max(worst, complexDistance(su2MatrixOfQuaternion(out), complexMatMul(complexAdjoint(A), B)));
      worst = Math.max(worst, complexDistance(su2MatrixOfQuaternion(inverseUnitQuaternion(a)), complexAdjoint(A)));
      worst = Math.max(worst, complexDistance(complexMatMul(complexAdjoint(A), A), complexIdentity(2)));
      const [re, im] = det2(A);
      worst = Math.max(worst, Math.abs(re - 1), Math.abs(im));
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('the element over the rotation by θ about n̂ is exp(−iθ n̂·σ⃗/2): D^½ = diag(e^{−iθ/2}, e^{iθ/2}) about ẑ, d¹(β) about ŷ', () => {
    const theta = 0.9;
    const a = unitQuaternionFromAxisAngle([0, 0, 2], theta);
    expect(a[3]).toBeCloseTo(-Math.sin(theta / 2), 15);
    const half = complexFromRows([
      [[Math.cos(theta / 2), -Math.sin(theta / 2)], [0, 0]],
      [[0, 0], [Math.cos(theta / 2), Math.sin(theta / 2)]],
    ]);
    expect(complexDistance(wignerD(0.5, a), half)).toBeLessThan(1e-15);
    expect(complexDistance(su2MatrixOfQuaternion(a), half)).toBeLessThan(1e-15);
    // Off the axes too: D^½(a) = U(a), with every component of a nonzero.
    const g = unitQuaternionFromAxisAngle([1, -2, 3], 2.5);
    expect(complexDistance(wignerD(0.5, g), su2MatrixOfQuaternion(g))).toBeLessThan(1e-15);
    // R(a) x̂ = (cos θ, sin θ, 0): right-handed.
    const r = so3MatrixOfQuaternion(a);
    expect([r[0][0], r[1][0], r[2][0]].map((x) => x.toFixed(12))).toEqual([Math.cos(theta), Math.sin(theta), 0].map((x) => x.toFixed(12)));
    const beta = 1.1;
    const d1 = wignerD(1, unitQuaternionFromAxisAngle([0, 1, 0], beta));
    const c = Math.cos(beta);
    const s = Math.sin(beta) / Math.SQRT2;
    const expected = [
      [(1 + c) / 2, -s, (1 - c) / 2],
      [s, c, -s],
      [(1 - c) / 2, s, (1 + c) / 2],
    ];
    expect(complexDistance(d1, complexFromRows(expected.map((row) => row.map((x) => [x, 0] as [number, number]))))).toBeLessThan(1e-14);
  });

  it('the earlier Hamilton convention maps onto this one by q ↦ (q₀, −q⃗): same matrices, products and rotations', () => {
    const rng = new Rng(21, 2);
    let worst = 0;
    for (let t = 0; t < 100; t++) {
      const p = haarRandomUnitQuaternion(rng);
      const q = haarRandomUnitQuaternion(rng);
      const pNew = inverseUnitQuaternion(p);
      const qNew = inverseUnitQuaternion(q);
      // Bit-identical matrices: the map is exact.
      expect(complexDistance(su2MatrixOfQuaternion(pNew), oldMatrix(p))).toBe(0);
      worst = Math.max(worst, complexDistance(su2MatrixOfQuaternion(multiplyUnitQuaternions(pNew, qNew)), su2MatrixOfQuaternion(inverseUnitQuaternion(oldHamilton(p, q)))));
      expect(maxDiff(so3MatrixOfQuaternion(pNew), oldRotation(p))).toBe(0);
    }
    expect(worst).toBeLessThan(1e-15);
  });

  it('seeded Haar draws: the lattice links and the group samples are one stream, and the rotations are the earlier ones', () => {
    const r1 = new Rng(8, 3);
    const r2 = new Rng(8, 3);
    const link = new Float64Array(4);
    for (let t = 0; t < 20; t++) {
      SU2.haar(r1, link, 0);
      expect(Array.from(link)).toEqual([...haarRandomUnitQuaternion(r2)]);
    }
    const r3 = new Rng(8, 4);
    const r4 = new Rng(8, 4);
    haarSU2Into(r3, link, 0);
    expect(maxDiff(so3MatrixOfQuaternion(inverseUnitQuaternion([link[0], link[1], link[2], link[3]])), oldRotation(oldHaar(r4)))).toBeLessThan(4e-16);
    let worst = 0;
    for (let t = 0; t < 200; t++) worst = Math.max(worst, maxDiff(haarRandomRotation(r3), oldRotation(oldHaar(r4))));
    // Only the normalisation differs (·1/√|g|² against /hypot), a few ulps.
    expect(worst).toBeLessThan(4e-15);
  });

  it('the hand-written SU(2) staple sum of the heat-bath equals the generic one built on su2MulInto, to 1e-14', () => {
    const geom = createGeometry([4, 4, 3]);
    const field = hotField(SU2, geom, new Rng(21, 5));
    const a = new Float64Array(4);
    const b = new Float64Array(4);
    const tmp = new Float64Array(4);
    let worst = 0;
    let size = 0;
    for (let x = 0; x < geom.volume; x++)
      for (let mu = 0; mu < geom.d; mu++) {
        stapleSumSU2Into(field, x, mu, a);
        stapleSumInto(field, x, mu, b, 0, tmp);
        for (let k = 0; k < 4; k++) {
          worst = Math.max(worst, Math.abs(a[k] - b[k]));
          size = Math.max(size, Math.abs(b[k]));
        }
      }
    expect(size).toBeGreaterThan(0.5);
    expect(worst).toBeLessThan(1e-14);
  });
});
