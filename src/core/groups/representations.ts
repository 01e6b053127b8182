/**
 * Real representations as functions from a group element to a matrix, ρ: G → GL(d, ℝ), together with the ways
 * to build new ones: defining, regular, direct sums and tensor products.
 */
import { rotationMatrix2d } from './rotation2d';
import type { FiniteGroup, Group } from './group';
import type { PlanarElement, PlanarGroup } from './dihedral';
import { SO2 } from './so2';
import { directSumMatrix, kron, zeroMatrix, type RealMatrix } from './matrix';

/** A real representation ρ of `group` on ℝ^dim; `matrix(g)` is ρ(g), with ρ(gh) = ρ(g)ρ(h). */
export interface Representation<E> {
  readonly group: Group<E>;
  /** Display name, e.g. "ρ_reg", "ψ₁ ⊕ trivial". */
  readonly name: string;
  readonly dim: number;
  matrix(g: E): RealMatrix;
}


/** The 2×2 matrix of r^m s^f at frequency k: R(2πkm/n)·S^f, the building block of the planar representations. */
export function planarMatrix(g: PlanarElement, n: number, k = 1): RealMatrix {
  const r = rotationMatrix2d((2 * Math.PI * k * g.rotation) / n);
  if (!g.reflected) return r;
  return [
    [r[0][0], -r[0][1]],
    [r[1][0], -r[1][1]],
  ];
}

/**
 * The defining representation of C_n or D_n on ℝ²: ρ(r^m s^f) = R(2πm/n) S^f with R(θ) the rotation matrix and
 * S = diag(1, −1). This is how atom positions and force vectors transform.
 */
export function definingRepresentation(group: PlanarGroup): Representation<PlanarElement> {
  return { group, name: 'defining', dim: 2, matrix: (g) => planarMatrix(g, group.n, 1) };
}

/** The defining representation of SO(2) on ℝ²: ρ(θ) = R(θ) = [[cos θ, −sin θ], [sin θ, cos θ]]. */
export function so2DefiningRepresentation(): Representation<number> {
  return { group: SO2, name: 'defining', dim: 2, matrix: (theta) => rotationMatrix2d(theta) };
}

/**
 * The regular representation of a finite group on ℝ^{|G|}: ρ_reg(g) e_h = e_{gh}, a permutation matrix with
 * [ρ_reg(g)]_{gh, h} = 1. On functions f: G → ℝ (f = Σ_h f(h) e_h) it acts as (ρ_reg(g)f)(h) = f(g⁻¹h).
 */
export function regularRepresentation<E>(group: FiniteGroup<E>): Representation<E> {
  return {
    group,
    name: 'regular',
    dim: group.order,
    matrix: (g) => {
      const p = zeroMatrix(group.order, group.order);
      group.elements.forEach((h, column) => {
        p[group.indexOf(group.multiply(g, h))][column] = 1;
      });
      return p;
    },
  };
}

/** Apply the regular representation to a function on G: (ρ_reg(g)f)(h) = f(g⁻¹h), f indexed like `elements`. */
export function actRegular<E>(group: FiniteGroup<E>, g: E, f: readonly number[]): number[] {
  const gInverse = group.inverse(g);
  return group.elements.map((h) => f[group.indexOf(group.multiply(gInverse, h))]);
}

/** Throw unless every representation acts on the same group (compared by name, e.g. "C_4"). */
export function assertSameGroup(reps: readonly Representation<unknown>[], what: string): void {
  const names = new Set(reps.map((r) => r.group.name));
  if (names.size > 1) {
    throw new IncompatibleRepresentationsError(
      `${what}: the representations act on different groups (${[...names].join(', ')})`,
    );
  }
}

/** Raised when representations of different groups (or of the wrong shape) are combined. */
export class IncompatibleRepresentationsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IncompatibleRepresentationsError';
  }
}

/** Direct sum (ρ₁ ⊕ ρ₂ ⊕ …)(g) = diag(ρ₁(g), ρ₂(g), …), of dimension Σ dᵢ. */
export function directSumRepresentation<E>(reps: readonly Representation<E>[], name?: string): Representation<E> {
  if (reps.length === 0) throw new RangeError('directSumRepresentation: need at least one representation');
  assertSameGroup(reps, 'direct sum');
  return {
    group: reps[0].group,
    name: name ?? reps.map((r) => r.name).join(' ⊕ '),
    dim: reps.reduce((s, r) => s + r.dim, 0),
    matrix: (g) => directSumMatrix(reps.map((r) => r.matrix(g))),
  };
}

/** Tensor product (ρ₁ ⊗ ρ₂)(g) = ρ₁(g) ⊗ ρ₂(g) (Kronecker product), of dimension d₁d₂. */
export function tensorProductRepresentation<E>(a: Representation<E>, b: Representation<E>, name?: string): Representation<E> {
  assertSameGroup([a, b], 'tensor product');
  return {
    group: a.group,
    name: name ?? `${a.name} ⊗ ${b.name}`,
    dim: a.dim * b.dim,
    matrix: (g) => kron(a.matrix(g), b.matrix(g)),
  };
}
