/**
 * What the representation code needs to know about a group: how to multiply, invert, and either enumerate the
 * elements (finite groups) or sample them (continuous groups).
 */
import type { Rng } from '../rng';

/** Operations common to every group G: the product gh, the inverse g⁻¹ and the identity e. */
export interface GroupBase<E> {
  /** Display name, e.g. "C_4", "D_6", "SO(2)". Two representations belong to the same group iff names agree. */
  readonly name: string;
  readonly identity: E;
  /** The group product g·h. */
  multiply(g: E, h: E): E;
  /** The inverse g⁻¹, with g·g⁻¹ = e. */
  inverse(g: E): E;
  /** Equality of elements (exact for finite groups, up to 1e-12 for continuous ones). */
  equals(g: E, h: E): boolean;
  /** A short human label, e.g. "r²s" or "θ = 0.79". */
  label(g: E): string;
}

/** A finite group with its elements listed in a fixed order (the order used for the regular representation). */
export interface FiniteGroup<E> extends GroupBase<E> {
  readonly kind: 'finite';
  /** |G|. */
  readonly order: number;
  readonly elements: readonly E[];
  /** Index of g in `elements`. */
  indexOf(g: E): number;
  /** A generating set: every element is a product of these, so constraints over them hold on all of G. */
  readonly generators: readonly E[];
}

/** A compact continuous group, known to the solvers through samples. */
export interface ContinuousGroup<E> extends GroupBase<E> {
  readonly kind: 'continuous';
  /** A random element drawn from a seeded stream (Haar measure where the group defines one). */
  sample(rng: Rng): E;
}

/** Any group the solvers accept: finite (enumerated) or continuous (sampled); `kind` tells which. */
export type Group<E> = FiniteGroup<E> | ContinuousGroup<E>;

/** The largest n accepted for C_n and D_n: enough for every figure, small enough for dense |G|×|G| matrices. */
export const MAX_GROUP_N = 64;

/** Throw a RangeError unless n is an integer in [1, MAX_GROUP_N]: C_0 or D_0 do not exist. */
export function assertGroupN(n: number, family: string): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_GROUP_N) {
    throw new RangeError(`${family}: n must be an integer from 1 to ${MAX_GROUP_N}, got ${n}`);
  }
}
