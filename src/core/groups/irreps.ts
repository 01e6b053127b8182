/**
 * The real irreducible representations of C_n, D_n and SO(2).
 *
 * A real irrep λ has an endomorphism algebra End_G(λ) that is ℝ ("real type", dimension 1) or ℂ ("complex type",
 * dimension 2). The 2D irreps ψ_k of C_n and SO(2) are of complex type: over ℂ they split into e^{±ikθ}, and both
 * the identity and the 90° rotation commute with them. That is why Schur's count gives 2, not 1, for ψ_k → ψ_k.
 */
import type { PlanarElement, PlanarGroup } from './dihedral';
import { planarMatrix, type Representation } from './representations';
import { SO2 } from './so2';
import { rotationMatrix2d } from './rotation2d';

/** End_G(λ) ≅ ℝ ('real') or ℂ ('complex'); quaternionic type does not occur for these groups. */
export type IrrepType = 'real' | 'complex';

/** A real irrep together with its type: dim End_G(λ) = 1 for 'real', 2 for 'complex'. */
export interface Irrep<E> {
  readonly rep: Representation<E>;
  readonly type: IrrepType;
  /** Frequency k for ψ_k; 0 for trivial-like ones, n/2 for the sign of C_n. */
  readonly frequency: number;
}

/** dim_ℝ End_G(λ): 1 for irreps of real type, 2 for complex type. */
export function endomorphismDimension(type: IrrepType): number {
  return type === 'complex' ? 2 : 1;
}

function oneDimensional(group: PlanarGroup, name: string, value: (g: PlanarElement) => number): Representation<PlanarElement> {
  return { group, name, dim: 1, matrix: (g) => [[value(g)]] };
}

/**
 * Real irreps of C_n: trivial; sign (n even), r^m ↦ (−1)^m; and ψ_k(r^m) = R(2πkm/n) for k = 1, …, ⌊(n−1)/2⌋,
 * each of complex type. Σ over irreps of dim²/e_λ = n.
 */
export function cyclicIrreps(group: PlanarGroup): Irrep<PlanarElement>[] {
  if (group.family !== 'cyclic') throw new RangeError('cyclicIrreps expects C_n');
  const n = group.n;
  const out: Irrep<PlanarElement>[] = [
    { rep: oneDimensional(group, 'trivial', () => 1), type: 'real', frequency: 0 },
  ];
  if (n % 2 === 0) {
    out.push({ rep: oneDimensional(group, 'sign', (g) => (g.rotation % 2 === 0 ? 1 : -1)), type: 'real', frequency: n / 2 });
  }
  for (let k = 1; k <= Math.floor((n - 1) / 2); k++) {
    out.push({
      rep: { group, name: `ψ${subscriptDigits(k)}`, dim: 2, matrix: (g) => planarMatrix(g, n, k) },
      type: 'complex',
      frequency: k,
    });
  }
  return out;
}

/**
 * Real irreps of D_n, all of real type: A₁ (trivial), A₂ (r ↦ 1, s ↦ −1); for even n also B₁ (r ↦ −1, s ↦ 1) and
 * B₂ (r ↦ −1, s ↦ −1); and ψ_k(r^m s^f) = R(2πkm/n) S^f for k = 1, …, ⌈n/2⌉ − 1. Σ dim² = 2n.
 */
export function dihedralIrreps(group: PlanarGroup): Irrep<PlanarElement>[] {
  if (group.family !== 'dihedral') throw new RangeError('dihedralIrreps expects D_n');
  const n = group.n;
  const rSign = (g: PlanarElement) => (g.rotation % 2 === 0 ? 1 : -1);
  const sSign = (g: PlanarElement) => (g.reflected ? -1 : 1);
  const out: Irrep<PlanarElement>[] = [
    { rep: oneDimensional(group, 'A₁ (trivial)', () => 1), type: 'real', frequency: 0 },
    { rep: oneDimensional(group, 'A₂ (det)', sSign), type: 'real', frequency: 0 },
  ];
  if (n % 2 === 0) {
    out.push({ rep: oneDimensional(group, 'B₁', rSign), type: 'real', frequency: n / 2 });
    out.push({ rep: oneDimensional(group, 'B₂', (g) => rSign(g) * sSign(g)), type: 'real', frequency: n / 2 });
  }
  for (let k = 1; k <= Math.ceil(n / 2) - 1; k++) {
    out.push({
      rep: { group, name: `ψ${subscriptDigits(k)}`, dim: 2, matrix: (g) => planarMatrix(g, n, k) },
      type: 'real',
      frequency: k,
    });
  }
  return out;
}

/** The real irreps of C_n or D_n, dispatched on the family. */
export function planarIrreps(group: PlanarGroup): Irrep<PlanarElement>[] {
  return group.family === 'cyclic' ? cyclicIrreps(group) : dihedralIrreps(group);
}

/**
 * The frequency-k real irrep of SO(2): trivial (1×1, [1]) for k = 0, else ψ_k(θ) = R(kθ), of complex type.
 * Negative k gives R(kθ) = R(|k|θ) conjugated by diag(1, −1), an equivalent representation.
 */
export function so2Irrep(k: number): Irrep<number> {
  if (!Number.isInteger(k)) throw new RangeError(`SO(2) frequency must be an integer, got ${k}`);
  if (k === 0) return { rep: { group: SO2, name: 'trivial', dim: 1, matrix: () => [[1]] }, type: 'real', frequency: 0 };
  return {
    rep: { group: SO2, name: `ψ${subscriptDigits(k)}`, dim: 2, matrix: (theta) => rotationMatrix2d(k * theta) },
    type: 'complex',
    frequency: Math.abs(k),
  };
}

/** Integer as Unicode subscript digits, for names like ψ₁₂. */
export function subscriptDigits(k: number): string {
  return String(k)
    .split('')
    .map((d) => (d === '-' ? '₋' : '₀₁₂₃₄₅₆₇₈₉'[Number(d)]))
    .join('');
}
