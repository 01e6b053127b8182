import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import {
  cyclicGroup,
  dihedralGroup,
  SO2,
  definingRepresentation,
  regularRepresentation,
  planarIrreps,
  so2Irrep,
  so2DefiningRepresentation,
  directSumRepresentation,
  tensorProductRepresentation,
  decomposeIntoIrreps,
  characterVector,
  characterInnerProduct,
  intertwinerBasis,
  schurPrediction,
  IncompatibleRepresentationsError,
  repMatrix,
  type Group,
  type PlanarElement,
  type Representation,
} from '../../../src/core/groups';

const { matMul, maxAbsDifference, frobeniusNorm } = repMatrix;

interface Case {
  label: string;
  group: Group<unknown>;
  repIn: Representation<unknown>;
  repOut: Representation<unknown>;
  expected: number;
}

function planarCase(label: string, group: ReturnType<typeof cyclicGroup>, make: (g: typeof group) => [Representation<PlanarElement>, Representation<PlanarElement>], expected: number): Case {
  const [repIn, repOut] = make(group);
  return { label, group: group as Group<unknown>, repIn: repIn as Representation<unknown>, repOut: repOut as Representation<unknown>, expected };
}

const irrep = (group: ReturnType<typeof cyclicGroup>, name: string) => {
  const found = planarIrreps(group).find((i) => i.rep.name.startsWith(name));
  if (!found) throw new Error(`no irrep ${name} in ${group.name}`);
  return found.rep;
};
const so2 = (k: number) => so2Irrep(k).rep;

// The expected dimensions are worked out by hand from Schur's lemma; the test checks solver = Schur = hand.
const CASES: Case[] = [
  planarCase('C_4: regular → regular (group convolutions)', cyclicGroup(4), (g) => [regularRepresentation(g), regularRepresentation(g)], 4),
  planarCase('C_6: ψ₁ → ψ₁ (complex type gives 2)', cyclicGroup(6), (g) => [irrep(g, 'ψ₁'), irrep(g, 'ψ₁')], 2),
  planarCase('C_6: ψ₁ → ψ₂ (inequivalent irreps give 0)', cyclicGroup(6), (g) => [irrep(g, 'ψ₁'), irrep(g, 'ψ₂')], 0),
  planarCase('C_5: regular → defining', cyclicGroup(5), (g) => [regularRepresentation(g), definingRepresentation(g)], 2),
  planarCase('C_4: defining ⊗ defining → trivial', cyclicGroup(4), (g) => [tensorProductRepresentation(definingRepresentation(g), definingRepresentation(g)), irrep(g, 'trivial')], 2),
  planarCase('C_8: (defining ⊕ trivial) → (regular)', cyclicGroup(8), (g) => [directSumRepresentation([definingRepresentation(g), irrep(g, 'trivial')]), regularRepresentation(g)], 3),
  planarCase('D_4: regular → regular', dihedralGroup(4), (g) => [regularRepresentation(g), regularRepresentation(g)], 8),
  planarCase('D_6: ψ₁ → ψ₁ (real type gives 1)', dihedralGroup(6), (g) => [irrep(g, 'ψ₁'), irrep(g, 'ψ₁')], 1),
  planarCase('D_3: regular → defining', dihedralGroup(3), (g) => [regularRepresentation(g), definingRepresentation(g)], 2),
  planarCase('D_4: defining ⊗ defining → defining ⊗ defining', dihedralGroup(4), (g) => [tensorProductRepresentation(definingRepresentation(g), definingRepresentation(g)), tensorProductRepresentation(definingRepresentation(g), definingRepresentation(g))], 4),
  planarCase('D_5: A₂ → regular', dihedralGroup(5), (g) => [irrep(g, 'A₂'), regularRepresentation(g)], 1),
  {
    label: 'SO(2): ψ₁ → ψ₁ (complex type gives 2)',
    group: SO2 as Group<unknown>,
    repIn: so2(1) as Representation<unknown>,
    repOut: so2DefiningRepresentation() as Representation<unknown>,
    expected: 2,
  },
  { label: 'SO(2): ψ₁ → ψ₂', group: SO2 as Group<unknown>, repIn: so2(1) as Representation<unknown>, repOut: so2(2) as Representation<unknown>, expected: 0 },
  {
    label: 'SO(2): ψ₁ ⊗ ψ₁ → trivial ⊕ ψ₂',
    group: SO2 as Group<unknown>,
    repIn: tensorProductRepresentation(so2(1), so2(1)) as Representation<unknown>,
    repOut: directSumRepresentation([so2(0), so2(2)]) as Representation<unknown>,
    expected: 2 + 2,
  },
  {
    label: 'SO(2): ψ₁ ⊕ ψ₁ ⊕ trivial → ψ₁ ⊕ ψ₃',
    group: SO2 as Group<unknown>,
    repIn: directSumRepresentation([so2(1), so2(1), so2(0)]) as Representation<unknown>,
    repOut: directSumRepresentation([so2(1), so2(3)]) as Representation<unknown>,
    expected: 4,
  },
];

describe('intertwiners: solved dimension = Schur prediction', () => {
  it.each(CASES.map((c) => [c.label, c] as const))('%s', (_, c) => {
    const result = intertwinerBasis(c.group, c.repIn, c.repOut);
    const prediction = schurPrediction(
      decomposeIntoIrreps(c.repIn as Representation<PlanarElement>),
      decomposeIntoIrreps(c.repOut as Representation<PlanarElement>),
    );
    expect(result.dimension).toBe(c.expected);
    expect(prediction).toBe(c.expected);
    // The null space is well separated: zero singular values below 1e-12, the rest above 1e-3.
    expect(result.singularValues.slice(0, result.dimension).every((s) => s < 1e-12)).toBe(true);
    expect(result.spectralGap).toBeGreaterThan(1e-3);
    expect(result.maxResidual).toBeLessThan(1e-12);
    // The basis is orthonormal in the Frobenius inner product.
    for (const m of result.basis) expect(Math.abs(frobeniusNorm(m) - 1)).toBeLessThan(1e-12);
    // Every basis element is equivariant on the whole group (finite) or on fresh samples (continuous).
    const elements =
      c.group.kind === 'finite' ? [...c.group.elements] : Array.from({ length: 20 }, ((rng) => () => (c.group as typeof SO2).sample(rng))(new Rng(99, 7)));
    let worst = 0;
    for (const m of result.basis)
      for (const g of elements) worst = Math.max(worst, maxAbsDifference(matMul(m, c.repIn.matrix(g)), matMul(c.repOut.matrix(g), m)));
    expect(worst).toBeLessThan(1e-12);
  });

  it('for finite groups the count also equals the character inner product (1/|G|) Σ χ_in χ_out', () => {
    for (const c of CASES.filter((x) => x.group.kind === 'finite')) {
      const g = c.group as ReturnType<typeof cyclicGroup> as never;
      const chiIn = characterVector(g, c.repIn as never);
      const chiOut = characterVector(g, c.repOut as never);
      expect(Math.round(characterInnerProduct(chiIn, chiOut)) + 0).toBe(c.expected);
    }
  });

  it('the C_n regular → regular intertwiners are exactly the circulant matrices (group convolutions)', () => {
    const c5 = cyclicGroup(5);
    const result = intertwinerBasis(c5, regularRepresentation(c5), regularRepresentation(c5));
    expect(result.dimension).toBe(5);
    for (const m of result.basis)
      for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) expect(Math.abs(m[i][j] - m[(i + 1) % 5][(j + 1) % 5])).toBeLessThan(1e-12);
  });

  it('refuses incompatible representations and oversized problems with clear errors', () => {
    const c4 = cyclicGroup(4);
    const d4 = dihedralGroup(4);
    expect(() => intertwinerBasis<PlanarElement>(c4, definingRepresentation(c4), definingRepresentation(d4))).toThrow(IncompatibleRepresentationsError);
    expect(() => intertwinerBasis<PlanarElement>(d4, definingRepresentation(c4), definingRepresentation(c4))).toThrow(/act on C_4, not on D_4/);
    const d8 = dihedralGroup(8);
    expect(() => intertwinerBasis(d8, regularRepresentation(d8), regularRepresentation(d8), { maxUnknowns: 144 })).toThrow(/256 unknowns/);
  });

  it('C_1: every matrix is an intertwiner', () => {
    const c1 = cyclicGroup(1);
    const result = intertwinerBasis(c1, definingRepresentation(c1), definingRepresentation(c1));
    expect(result.dimension).toBe(4);
  });
});
