/**
 * The cyclic group C_n = {r^m : m = 0, …, n−1}, r the rotation by 2π/n: the rotation subgroup of D_n.
 */
import { assertGroupN } from './group';
import { positiveModulo, planarLabel, type PlanarElement, type PlanarGroup } from './dihedral';

/** C_n with r^a r^b = r^{(a+b) mod n}, elements listed r⁰, …, r^{n−1}, generator {r}. */
export function cyclicGroup(n: number): PlanarGroup {
  assertGroupN(n, 'C_n');
  const elements: PlanarElement[] = Array.from({ length: n }, (_, m) => ({ rotation: m, reflected: false }));
  const make = (m: number): PlanarElement => ({ rotation: positiveModulo(m, n), reflected: false });
  return {
    kind: 'finite',
    family: 'cyclic',
    n,
    name: `C_${n}`,
    order: n,
    elements,
    identity: elements[0],
    generators: [make(1)],
    multiply: (g, h) => {
      if (g.reflected || h.reflected) throw new RangeError('C_n has no reflections');
      return make(g.rotation + h.rotation);
    },
    inverse: (g) => make(-g.rotation),
    equals: (g, h) => g.rotation === h.rotation && g.reflected === h.reflected,
    indexOf: (g) => positiveModulo(g.rotation, n),
    label: planarLabel,
  };
}

/** The rotation r^m of C_n or D_n. */
export function rotationElement(m: number, n: number): PlanarElement {
  return { rotation: positiveModulo(m, n), reflected: false };
}
