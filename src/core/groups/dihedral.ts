/**
 * The dihedral group D_n: the symmetries of a regular n-gon, |D_n| = 2n. Elements are written r^m s^f with r the
 * rotation by 2π/n, s the reflection across the x-axis, m ∈ {0, …, n−1}, f ∈ {0, 1}.
 */
import { assertGroupN, type FiniteGroup } from './group';

/** The element r^m s^f of D_n (or of its subgroup C_n when `reflected` is false). */
export interface PlanarElement {
  /** m in r^m s^f, always reduced to {0, …, n−1}. */
  readonly rotation: number;
  /** f in r^m s^f: whether the element includes the reflection s. */
  readonly reflected: boolean;
}

/** A finite subgroup of O(2): the cyclic group C_n or the dihedral group D_n. */
export interface PlanarGroup extends FiniteGroup<PlanarElement> {
  readonly family: 'cyclic' | 'dihedral';
  readonly n: number;
}

/** m mod n in {0, …, n−1}, also for negative m. */
export function positiveModulo(m: number, n: number): number {
  return ((m % n) + n) % n;
}

/** Label r^m s^f as "e", "r", "r³", "s", "r²s". */
export function planarLabel(g: PlanarElement): string {
  const sup = (m: number) =>
    String(m)
      .split('')
      .map((d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)])
      .join('');
  const r = g.rotation === 0 ? '' : g.rotation === 1 ? 'r' : `r${sup(g.rotation)}`;
  const s = g.reflected ? 's' : '';
  return r + s || 'e';
}

/**
 * D_n with the product (r^a s^f)(r^b s^g) = r^{a + (−1)^f b} s^{f+g}, which follows from s r s = r⁻¹.
 * Elements are listed as r⁰, …, r^{n−1}, s, rs, …, r^{n−1}s; generators {r, s}.
 */
export function dihedralGroup(n: number): PlanarGroup {
  assertGroupN(n, 'D_n');
  const elements: PlanarElement[] = [];
  for (const reflected of [false, true]) for (let m = 0; m < n; m++) elements.push({ rotation: m, reflected });
  const make = (m: number, f: boolean): PlanarElement => ({ rotation: positiveModulo(m, n), reflected: f });
  return {
    kind: 'finite',
    family: 'dihedral',
    n,
    name: `D_${n}`,
    order: 2 * n,
    elements,
    identity: elements[0],
    generators: n === 1 ? [make(0, true)] : [make(1, false), make(0, true)],
    multiply: (g, h) => make(g.rotation + (g.reflected ? -h.rotation : h.rotation), g.reflected !== h.reflected),
    // (r^m)⁻¹ = r^{−m}; every reflection r^m s is its own inverse.
    inverse: (g) => (g.reflected ? g : make(-g.rotation, false)),
    equals: (g, h) => g.rotation === h.rotation && g.reflected === h.reflected,
    indexOf: (g) => positiveModulo(g.rotation, n) + (g.reflected ? n : 0),
    label: planarLabel,
  };
}
