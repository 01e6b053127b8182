import { describe, expect, it } from 'vitest';
import {
  cyclicGroup,
  dihedralGroup,
  definingRepresentation,
  regularRepresentation,
  planarIrreps,
  directSumRepresentation,
  tensorProductRepresentation,
  actRegular,
  repMatrix,
  type PlanarGroup,
  type Representation,
  type PlanarElement,
} from '../../../src/core/groups';

const { matMul, maxAbsDifference, transpose, identityMatrix } = repMatrix;

const GROUPS: PlanarGroup[] = [1, 2, 3, 4, 5, 6, 8].flatMap((n) => [cyclicGroup(n), dihedralGroup(n)]);

function allReps(group: PlanarGroup): Representation<PlanarElement>[] {
  const defining = definingRepresentation(group);
  const irreps = planarIrreps(group).map((i) => i.rep);
  return [
    defining,
    regularRepresentation(group),
    ...irreps,
    directSumRepresentation([defining, irreps[0]]),
    tensorProductRepresentation(defining, defining),
  ];
}

/** max over all pairs (g, h) of |ρ(gh) − ρ(g)ρ(h)|. */
function homomorphismError(group: PlanarGroup, rep: Representation<PlanarElement>): number {
  let worst = 0;
  for (const g of group.elements)
    for (const h of group.elements) {
      worst = Math.max(worst, maxAbsDifference(rep.matrix(group.multiply(g, h)), matMul(rep.matrix(g), rep.matrix(h))));
    }
  return worst;
}

describe('C_n and D_n', () => {
  it.each(GROUPS.map((g) => [g.name, g] as const))('%s satisfies the group axioms', (_, group) => {
    expect(group.elements.length).toBe(group.order);
    expect(group.order).toBe(group.family === 'cyclic' ? group.n : 2 * group.n);
    const e = group.identity;
    for (const g of group.elements) {
      expect(group.equals(group.multiply(e, g), g)).toBe(true);
      expect(group.equals(group.multiply(g, group.inverse(g)), e)).toBe(true);
      for (const h of group.elements)
        for (const k of group.elements) {
          const left = group.multiply(group.multiply(g, h), k);
          const right = group.multiply(g, group.multiply(h, k));
          expect(group.indexOf(left)).toBe(group.indexOf(right));
        }
    }
    // The generators generate: closing them under products reaches every element.
    const reached = new Set<number>([group.indexOf(e)]);
    let frontier = [e];
    while (frontier.length > 0) {
      const next: PlanarElement[] = [];
      for (const x of frontier)
        for (const s of group.generators) {
          const y = group.multiply(x, s);
          if (!reached.has(group.indexOf(y))) {
            reached.add(group.indexOf(y));
            next.push(y);
          }
        }
      frontier = next;
    }
    expect(reached.size).toBe(group.order);
  });

  it('D_n obeys s r s = r⁻¹', () => {
    for (const n of [3, 4, 7]) {
      const d = dihedralGroup(n);
      const r = { rotation: 1, reflected: false };
      const s = { rotation: 0, reflected: true };
      expect(d.equals(d.multiply(d.multiply(s, r), s), d.inverse(r))).toBe(true);
    }
  });

  it('rejects n = 0, non-integers and n above the limit', () => {
    expect(() => cyclicGroup(0)).toThrow(RangeError);
    expect(() => dihedralGroup(2.5)).toThrow(RangeError);
    expect(() => cyclicGroup(65)).toThrow(/1 to 64/);
  });
});

describe('representations of C_n and D_n', () => {
  it.each(GROUPS.map((g) => [g.name, g] as const))('every representation of %s is an orthogonal homomorphism (all pairs)', (_, group) => {
    for (const rep of allReps(group)) {
      expect(homomorphismError(group, rep), `${group.name} ${rep.name}`).toBeLessThan(1e-12);
      for (const g of group.elements) {
        const m = rep.matrix(g);
        expect(m.length).toBe(rep.dim);
        // Orthogonal: ρ(g)ρ(g)ᵀ = I, and ρ(g⁻¹) = ρ(g)ᵀ.
        expect(maxAbsDifference(matMul(m, transpose(m)), identityMatrix(rep.dim))).toBeLessThan(1e-12);
        expect(maxAbsDifference(rep.matrix(group.inverse(g)), transpose(m))).toBeLessThan(1e-12);
      }
      expect(maxAbsDifference(rep.matrix(group.identity), identityMatrix(rep.dim))).toBe(0);
    }
  });

  it('the defining representation of D_4 has the expected matrices', () => {
    const d4 = dihedralGroup(4);
    const rho = definingRepresentation(d4);
    const r = rho.matrix({ rotation: 1, reflected: false });
    expect(r[0][0]).toBeCloseTo(0, 15);
    expect(r[0][1]).toBeCloseTo(-1, 15);
    expect(r[1][0]).toBeCloseTo(1, 15);
    expect(rho.matrix({ rotation: 0, reflected: true })).toEqual([
      [1, 0],
      [0, -1],
    ]);
  });

  it('the regular representation permutes basis vectors, ρ_reg(g)e_h = e_{gh}, and shifts functions as f(g⁻¹h)', () => {
    const d3 = dihedralGroup(3);
    const reg = regularRepresentation(d3);
    const f = [3, 1, 4, 1, 5, 9];
    for (const g of d3.elements) {
      const p = reg.matrix(g);
      for (const h of d3.elements) {
        const column = p.map((row) => row[d3.indexOf(h)]);
        expect(column[d3.indexOf(d3.multiply(g, h))]).toBe(1);
        expect(column.reduce((s, x) => s + x, 0)).toBe(1);
      }
      const viaMatrix = p.map((row) => row.reduce((s, x, j) => s + x * f[j], 0));
      expect(viaMatrix).toEqual(actRegular(d3, g, f));
    }
  });

  it('direct sums and tensor products have the right dimensions and reject mixed groups', () => {
    const c4 = cyclicGroup(4);
    const d4 = dihedralGroup(4);
    const a = definingRepresentation(c4);
    expect(tensorProductRepresentation(a, regularRepresentation(c4)).dim).toBe(8);
    expect(directSumRepresentation([a, a, regularRepresentation(c4)]).dim).toBe(8);
    expect(() => directSumRepresentation<PlanarElement>([a, definingRepresentation(d4)])).toThrow(/different groups/);
  });
});
