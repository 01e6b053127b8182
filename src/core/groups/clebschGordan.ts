/**
 * Clebsch–Gordan coefficients of SU(2) and the change of basis that block-diagonalises D^{j₁} ⊗ D^{j₂} into
 * ⊕_{J=|j₁−j₂|}^{j₁+j₂} D^J.
 */
import { factorial } from './factorial';
import { assertSpin, isHalfInteger, spinProjections, wignerD } from './wignerD';
import { complexDirectSum, complexFromReal, complexKron, complexMatMul, complexMaxAbsDifference, type ComplexMatrix } from './complexMatrix';
import { transpose, type RealMatrix } from './matrix';
import type { UnitQuaternion } from './su2';

/** Spins are accepted up to this value by the coefficient formula (factorials stay below 171!). */
export const MAX_CLEBSCH_GORDAN_SPIN = 40;

function isInteger(x: number): boolean {
  return Math.abs(x - Math.round(x)) < 1e-9;
}

/**
 * The Condon–Shortley Clebsch–Gordan coefficient ⟨j₁ m₁; j₂ m₂ | J M⟩, by Racah's formula:
 * δ_{M, m₁+m₂} √((2J+1)(J+j₁−j₂)!(J−j₁+j₂)!(j₁+j₂−J)! / (j₁+j₂+J+1)!)
 * · √((J+M)!(J−M)!(j₁−m₁)!(j₁+m₁)!(j₂−m₂)!(j₂+m₂)!)
 * · Σ_k (−1)^k / (k!(j₁+j₂−J−k)!(j₁−m₁−k)!(j₂+m₂−k)!(J−j₂+m₁+k)!(J−j₁−m₂+k)!).
 * Arguments may be integers or half-integers (e.g. 0.5); it is 0 whenever the selection rules fail
 * (M ≠ m₁ + m₂, |m| > j, j − m not an integer, or J outside |j₁ − j₂| … j₁ + j₂).
 * Example: ⟨½ ½; ½ −½ | 1 0⟩ = 1/√2.
 * @throws RangeError if an argument is not a multiple of ½ or a spin is negative or above 40.
 */
export function clebschGordan(j1: number, m1: number, j2: number, m2: number, J: number, M: number): number {
  for (const [name, x] of [['j1', j1], ['m1', m1], ['j2', j2], ['m2', m2], ['J', J], ['M', M]] as const) {
    if (!isHalfInteger(x)) throw new RangeError(`clebschGordan: ${name} = ${x} is not a multiple of ½`);
  }
  for (const j of [j1, j2, J]) assertSpin(j, MAX_CLEBSCH_GORDAN_SPIN);
  if (!isInteger(m1 + m2 - M)) return 0;
  if (Math.abs(m1 + m2 - M) > 1e-9) return 0;
  if (Math.abs(m1) > j1 || Math.abs(m2) > j2 || Math.abs(M) > J) return 0;
  if (!isInteger(j1 - m1) || !isInteger(j2 - m2) || !isInteger(J - M)) return 0;
  if (J < Math.abs(j1 - j2) - 1e-9 || J > j1 + j2 + 1e-9 || !isInteger(j1 + j2 - J)) return 0;

  const triangle =
    ((2 * J + 1) * factorial(J + j1 - j2) * factorial(J - j1 + j2) * factorial(j1 + j2 - J)) /
    factorial(j1 + j2 + J + 1);
  const projections =
    factorial(J + M) * factorial(J - M) * factorial(j1 - m1) * factorial(j1 + m1) * factorial(j2 - m2) * factorial(j2 + m2);
  const kMin = Math.max(0, j2 - J - m1, j1 - J + m2);
  const kMax = Math.min(j1 + j2 - J, j1 - m1, j2 + m2);
  let sum = 0;
  for (let k = Math.round(kMin); k <= Math.round(kMax); k++) {
    const denominator =
      factorial(k) *
      factorial(j1 + j2 - J - k) *
      factorial(j1 - m1 - k) *
      factorial(j2 + m2 - k) *
      factorial(J - j2 + m1 + k) *
      factorial(J - j1 - m2 + k);
    sum += (k % 2 === 0 ? 1 : -1) / denominator;
  }
  return Math.sqrt(triangle) * Math.sqrt(projections) * sum;
}

/** The spins in D^{j₁} ⊗ D^{j₂} = ⊕ D^J: J = |j₁ − j₂|, |j₁ − j₂| + 1, …, j₁ + j₂. Σ(2J + 1) = (2j₁ + 1)(2j₂ + 1). */
export function tensorProductSpins(j1: number, j2: number): number[] {
  const lo = Math.abs(j1 - j2);
  return Array.from({ length: Math.round(j1 + j2 - lo) + 1 }, (_, i) => lo + i);
}

/**
 * The real orthogonal Clebsch–Gordan matrix C with rows indexed by (m₁, m₂) (row = i₁(2j₂+1) + i₂, i = j − m,
 * matching the Kronecker order of D^{j₁} ⊗ D^{j₂}) and columns by (J, M) for J ascending, M = J … −J:
 * C_{(m₁m₂),(JM)} = ⟨j₁ m₁; j₂ m₂ | J M⟩. It satisfies Cᵀ (D^{j₁}(g) ⊗ D^{j₂}(g)) C = ⊕_J D^J(g).
 */
export function clebschGordanMatrix(j1: number, j2: number): RealMatrix {
  const m1s = spinProjections(j1);
  const m2s = spinProjections(j2);
  const columns: [number, number][] = [];
  for (const J of tensorProductSpins(j1, j2)) for (const M of spinProjections(J)) columns.push([J, M]);
  const rows: RealMatrix = [];
  for (const m1 of m1s) for (const m2 of m2s) rows.push(columns.map(([J, M]) => clebschGordan(j1, m1, j2, m2, J, M)));
  return rows;
}

/** The tensor product D^{j₁}(q) ⊗ D^{j₂}(q) in the uncoupled basis |m₁⟩|m₂⟩. */
export function wignerTensorProduct(j1: number, j2: number, q: UnitQuaternion): ComplexMatrix {
  return complexKron(wignerD(j1, q), wignerD(j2, q));
}

/** Cᵀ (D^{j₁}(q) ⊗ D^{j₂}(q)) C: the tensor product in the coupled basis |J M⟩, block diagonal. */
export function blockDiagonalisedTensorProduct(j1: number, j2: number, q: UnitQuaternion): ComplexMatrix {
  const c = clebschGordanMatrix(j1, j2);
  return complexMatMul(complexMatMul(complexFromReal(transpose(c)), wignerTensorProduct(j1, j2, q)), complexFromReal(c));
}

/** ⊕_J D^J(q) for J = |j₁ − j₂| … j₁ + j₂: the target of the block-diagonalisation. */
export function coupledDirectSum(j1: number, j2: number, q: UnitQuaternion): ComplexMatrix {
  return complexDirectSum(tensorProductSpins(j1, j2).map((J) => wignerD(J, q)));
}

/** max_ij |[Cᵀ(D^{j₁} ⊗ D^{j₂})C − ⊕_J D^J]_ij| at q: zero up to rounding when the coefficients are right. */
export function clebschGordanBlockError(j1: number, j2: number, q: UnitQuaternion): number {
  return complexMaxAbsDifference(blockDiagonalisedTensorProduct(j1, j2, q), coupledDirectSum(j1, j2, q));
}
