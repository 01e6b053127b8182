import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import {
  SO2,
  so2Irrep,
  so2DefiningRepresentation,
  directSumRepresentation,
  tensorProductRepresentation,
  decomposeSo2,
  so2TensorDecomposition,
  so2TensorBlockError,
  SU2_GROUP,
  SO3_GROUP,
  multiplyUnitQuaternions,
  inverseUnitQuaternion,
  haarRandomUnitQuaternion,
  su2MatrixOfQuaternion,
  so3MatrixOfQuaternion,
  so3FromSu2Matrix,
  unitQuaternionFromAxisAngle,
  wignerD,
  assertSpin,
  MAX_WIGNER_SPIN,
  repMatrix,
  complexMatrix,
  type Representation,
  type UnitQuaternion,
} from '../../../src/core/groups';

const { matMul, maxAbsDifference, transpose, identityMatrix } = repMatrix;
const { complexMatMul, complexMaxAbsDifference, complexAdjoint: adjoint, complexIdentity, complexFromReal, complexFromRows } = complexMatrix;
const SAMPLES = 50;

describe('SO(2)', () => {
  const reps: Representation<number>[] = [
    so2DefiningRepresentation(),
    ...[0, 1, 2, 3, 5].map((k) => so2Irrep(k).rep),
    directSumRepresentation([so2Irrep(1).rep, so2Irrep(0).rep, so2Irrep(3).rep]),
    tensorProductRepresentation(so2Irrep(1).rep, so2Irrep(2).rep),
  ];

  it('every representation is an orthogonal homomorphism on random pairs (θ, φ)', () => {
    const rng = new Rng(11, 1);
    let worst = 0;
    for (let s = 0; s < SAMPLES; s++) {
      const a = SO2.sample(rng);
      const b = SO2.sample(rng);
      for (const rep of reps) {
        worst = Math.max(worst, maxAbsDifference(rep.matrix(SO2.multiply(a, b)), matMul(rep.matrix(a), rep.matrix(b))));
        const m = rep.matrix(a);
        worst = Math.max(worst, maxAbsDifference(matMul(m, transpose(m)), identityMatrix(rep.dim)));
      }
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('ψ_k₁ ⊗ ψ_k₂ = ψ_{k₁+k₂} ⊕ ψ_{|k₁−k₂|}: change of basis exact to 1e-12, and characters agree', () => {
    const rng = new Rng(11, 2);
    let worst = 0;
    for (let k1 = 0; k1 <= 5; k1++)
      for (let k2 = 0; k2 <= 5; k2++) {
        const { frequencies, changeOfBasis } = so2TensorDecomposition(k1, k2);
        expect(maxAbsDifference(matMul(transpose(changeOfBasis), changeOfBasis), identityMatrix(changeOfBasis.length))).toBeLessThan(1e-15);
        for (let s = 0; s < 10; s++) worst = Math.max(worst, so2TensorBlockError(k1, k2, SO2.sample(rng)));
        // Independent check by characters: the multiplicities found by quadrature match the frequencies.
        const product = tensorProductRepresentation(so2Irrep(k1).rep, so2Irrep(k2).rep);
        const found = decomposeSo2(product).flatMap((p) => new Array<number>(p.multiplicity).fill(p.irrep.frequency));
        expect(found.sort((x, y) => x - y)).toEqual([...frequencies].sort((x, y) => x - y));
      }
    expect(worst).toBeLessThan(1e-12);
  });
});

describe('SU(2) and SO(3)', () => {
  it('the product ∘ matches the SU(2) matrix product, U(p∘q) = U(p)U(q), and U is unitary', () => {
    const rng = new Rng(12, 1);
    let worst = 0;
    for (let s = 0; s < SAMPLES; s++) {
      const p = haarRandomUnitQuaternion(rng);
      const q = haarRandomUnitQuaternion(rng);
      const u = su2MatrixOfQuaternion(p);
      worst = Math.max(worst, complexMaxAbsDifference(su2MatrixOfQuaternion(multiplyUnitQuaternions(p, q)), complexMatMul(u, su2MatrixOfQuaternion(q))));
      worst = Math.max(worst, complexMaxAbsDifference(complexMatMul(u, adjoint(u)), complexIdentity(2)));
      expect(SU2_GROUP.equals(multiplyUnitQuaternions(p, inverseUnitQuaternion(p)), SU2_GROUP.identity)).toBe(true);
    }
    expect(worst).toBeLessThan(1e-14);
  });

  it('the covering map is a 2-to-1 homomorphism onto rotations: R(q) = R(−q), R(pq) = R(p)R(q), R_ij = ½tr(σ_i U σ_j U†)', () => {
    const rng = new Rng(12, 2);
    let worst = 0;
    for (let s = 0; s < SAMPLES; s++) {
      const p = haarRandomUnitQuaternion(rng);
      const q = haarRandomUnitQuaternion(rng);
      const r = so3MatrixOfQuaternion(p);
      const minusP: UnitQuaternion = [-p[0], -p[1], -p[2], -p[3]];
      worst = Math.max(worst, maxAbsDifference(r, so3MatrixOfQuaternion(minusP)));
      worst = Math.max(worst, maxAbsDifference(so3MatrixOfQuaternion(multiplyUnitQuaternions(p, q)), SO3_GROUP.multiply(r, so3MatrixOfQuaternion(q))));
      worst = Math.max(worst, maxAbsDifference(r, so3FromSu2Matrix(su2MatrixOfQuaternion(p))));
      worst = Math.max(worst, maxAbsDifference(matMul(r, transpose(r)), identityMatrix(3)));
      const det =
        r[0][0] * (r[1][1] * r[2][2] - r[1][2] * r[2][1]) -
        r[0][1] * (r[1][0] * r[2][2] - r[1][2] * r[2][0]) +
        r[0][2] * (r[1][0] * r[2][1] - r[1][1] * r[2][0]);
      worst = Math.max(worst, Math.abs(det - 1));
    }
    expect(worst).toBeLessThan(1e-14);
    // A rotation by π/2 about z sends x̂ to ŷ; the quaternion for 2π is −1 and still maps to the identity.
    const quarter = so3MatrixOfQuaternion(unitQuaternionFromAxisAngle([0, 0, 1], Math.PI / 2));
    expect(quarter.map((row) => row[0].toFixed(12))).toEqual(['0.000000000000', '1.000000000000', '0.000000000000']);
    const full = unitQuaternionFromAxisAngle([1, 1, 0], 2 * Math.PI);
    expect(full[0]).toBeCloseTo(-1, 15);
    expect(maxAbsDifference(so3MatrixOfQuaternion(full), identityMatrix(3))).toBeLessThan(1e-15);
  });

  it('Wigner-D matrices for j = 0, ½, …, 6 are unitary homomorphisms on random pairs, with D^½ = U and D^j(−q) = (−1)^{2j}D^j(q)', () => {
    const rng = new Rng(12, 3);
    let worst = 0;
    for (let twoJ = 0; twoJ <= 2 * MAX_WIGNER_SPIN; twoJ++) {
      const j = twoJ / 2;
      for (let s = 0; s < 20; s++) {
        const p = haarRandomUnitQuaternion(rng);
        const q = haarRandomUnitQuaternion(rng);
        const dp = wignerD(j, p);
        worst = Math.max(worst, complexMaxAbsDifference(wignerD(j, multiplyUnitQuaternions(p, q)), complexMatMul(dp, wignerD(j, q))));
        worst = Math.max(worst, complexMaxAbsDifference(complexMatMul(dp, adjoint(dp)), complexIdentity(twoJ + 1)));
        const sign = twoJ % 2 === 0 ? 1 : -1;
        const dMinus = wignerD(j, [-p[0], -p[1], -p[2], -p[3]]);
        worst = Math.max(worst, complexMaxAbsDifference(dMinus, { n: dp.n, data: dp.data.map((x) => sign * x) }));
        if (twoJ === 1) worst = Math.max(worst, complexMaxAbsDifference(dp, su2MatrixOfQuaternion(p)));
      }
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('D¹ is the rotation matrix in the spherical basis e₊₁ = −(x̂ + iŷ)/√2, e₀ = ẑ, e₋₁ = (x̂ − iŷ)/√2', () => {
    const h = Math.SQRT1_2;
    // Columns e_{+1}, e_0, e_{−1} of the unitary A; then D¹ = A† R A.
    const a = complexFromRows([
      [[-h, 0], [0, 0], [h, 0]],
      [[0, -h], [0, 0], [0, -h]],
      [[0, 0], [1, 0], [0, 0]],
    ]);
    const rng = new Rng(12, 4);
    let worst = 0;
    for (let s = 0; s < 20; s++) {
      const q = haarRandomUnitQuaternion(rng);
      const r = so3MatrixOfQuaternion(q);
      const rc = complexFromReal(r);
      worst = Math.max(worst, complexMaxAbsDifference(complexMatMul(complexMatMul(adjoint(a), rc), a), wignerD(1, q)));
    }
    expect(worst).toBeLessThan(1e-12);
  });

  it('rejects spins above the limit and spins that are not multiples of ½', () => {
    expect(() => assertSpin(3.5)).toThrow(/above the supported limit 3/);
    expect(() => wignerD(6.5, [1, 0, 0, 0])).toThrow(/above the supported limit 6/);
    expect(() => wignerD(0.3, [1, 0, 0, 0])).toThrow(/multiple of ½/);
    expect(() => wignerD(-1, [1, 0, 0, 0])).toThrow(RangeError);
  });
});
