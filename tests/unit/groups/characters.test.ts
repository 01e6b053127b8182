import { describe, expect, it } from 'vitest';
import {
  cyclicGroup,
  dihedralGroup,
  planarIrreps,
  regularRepresentation,
  definingRepresentation,
  tensorProductRepresentation,
  directSumRepresentation,
  characterVector,
  characterInnerProduct,
  characterTable,
  conjugacyClasses,
  cyclicComplexCharacter,
  decomposeByCharacters,
  endomorphismDimension,
  realDftMatrix,
  cyclicIrrepBlocks,
  repMatrix,
} from '../../../src/core/groups';

const { matMul, transpose, maxAbsDifference, identityMatrix } = repMatrix;
const NS = [1, 2, 3, 4, 5, 6, 7, 8, 12];

describe('characters', () => {
  it('real irreps are orthogonal: ⟨χ_λ, χ_μ⟩ = δ_λμ · dim End(λ) (1 real type, 2 complex type)', () => {
    for (const n of NS)
      for (const group of [cyclicGroup(n), dihedralGroup(n)]) {
        const irreps = planarIrreps(group);
        const chis = irreps.map((i) => characterVector(group, i.rep));
        irreps.forEach((a, p) =>
          irreps.forEach((_, q) => {
            const expected = p === q ? endomorphismDimension(a.type) : 0;
            expect(Math.abs(characterInnerProduct(chis[p], chis[q]) - expected)).toBeLessThan(1e-12);
          }),
        );
        // Σ dim²/e_λ = |G|: the real irreps account for the whole regular representation.
        const total = irreps.reduce((s, i) => s + (i.rep.dim * i.rep.dim) / endomorphismDimension(i.type), 0);
        expect(total).toBe(group.order);
      }
  });

  it('the n complex characters of C_n are orthonormal: (1/n)Σ_m χ_k(r^m) conj(χ_l(r^m)) = δ_kl', () => {
    for (const n of NS)
      for (let k = 0; k < n; k++)
        for (let l = 0; l < n; l++) {
          let re = 0;
          let im = 0;
          for (let m = 0; m < n; m++) {
            const [a, b] = cyclicComplexCharacter(n, k, m);
            const [c, d] = cyclicComplexCharacter(n, l, m);
            re += a * c + b * d;
            im += b * c - a * d;
          }
          expect(Math.abs(re / n - (k === l ? 1 : 0))).toBeLessThan(1e-12);
          expect(Math.abs(im / n)).toBeLessThan(1e-12);
        }
  });

  it('regular representation: multiplicities equal the irreps dimensions (D_n real irreps; C_n complex irreps)', () => {
    for (const n of NS) {
      const d = dihedralGroup(n);
      for (const { irrep, multiplicity } of decomposeByCharacters(d, regularRepresentation(d), planarIrreps(d))) {
        expect(multiplicity).toBe(irrep.rep.dim);
      }
      // C_n over ℂ: m_k = ⟨χ_reg, χ_k⟩ = 1 = dim χ_k for all n characters. χ_reg = (n, 0, …, 0).
      const c = cyclicGroup(n);
      const chiReg = characterVector(c, regularRepresentation(c));
      expect(chiReg).toEqual([n, ...new Array(n - 1).fill(0)]);
      for (let k = 0; k < n; k++) {
        let re = 0;
        for (let m = 0; m < n; m++) re += chiReg[m] * cyclicComplexCharacter(n, k, m)[0];
        expect(re / n).toBeCloseTo(1, 12);
      }
      // C_n over ℝ: each ψ_k (dim 2, complex type) occurs dim/2 = 1 time, trivial and sign once.
      for (const { irrep, multiplicity } of decomposeByCharacters(c, regularRepresentation(c), planarIrreps(c))) {
        expect(multiplicity).toBe(irrep.rep.dim / endomorphismDimension(irrep.type));
      }
    }
  });

  it('decomposes defining ⊗ defining of D_4 as A₁ ⊕ A₂ ⊕ B₁ ⊕ B₂ and of C_6 as 2·trivial ⊕ ψ₂', () => {
    const d4 = dihedralGroup(4);
    const dd = tensorProductRepresentation(definingRepresentation(d4), definingRepresentation(d4));
    expect(decomposeByCharacters(d4, dd, planarIrreps(d4)).map((p) => p.multiplicity)).toEqual([1, 1, 1, 1, 0]);
    const c6 = cyclicGroup(6);
    const cc = tensorProductRepresentation(definingRepresentation(c6), definingRepresentation(c6));
    const parts = decomposeByCharacters(c6, cc, planarIrreps(c6));
    expect(parts.map((p) => [p.irrep.rep.name, p.multiplicity])).toEqual([
      ['trivial', 2],
      ['sign', 0],
      ['ψ₁', 0],
      ['ψ₂', 1],
    ]);
    const sum = directSumRepresentation([regularRepresentation(c6), definingRepresentation(c6)]);
    expect(decomposeByCharacters(c6, sum, planarIrreps(c6)).map((p) => p.multiplicity)).toEqual([1, 1, 2, 1]);
  });

  it('character tables have as many classes as irreps over ℂ', () => {
    // D_n: (n + 3)/2 classes for odd n, n/2 + 3 for even n; C_n: n classes (abelian).
    for (const n of [3, 4, 5, 6, 8]) {
      const d = dihedralGroup(n);
      const expected = n % 2 === 1 ? (n + 3) / 2 : n / 2 + 3;
      expect(conjugacyClasses(d).length).toBe(expected);
      expect(characterTable(d).classes.reduce((s, c) => s + c.size, 0)).toBe(2 * n);
      expect(conjugacyClasses(cyclicGroup(n)).length).toBe(n);
    }
    const t = characterTable(dihedralGroup(4));
    // Character of the 2D irrep ψ₁ on the classes {e}, {r, r³}, {r²}, {s, r²s}, {rs, r³s}.
    expect(t.rows[4].values.map((v) => Math.round(v * 1e12) / 1e12)).toEqual([2, 0, -2, 0, 0]);
  });

  it('the real DFT block-diagonalises ρ_reg of C_n: Qᵀ P^m Q = ⊕ irreps, to 1e-12', () => {
    let worst = 0;
    for (const n of NS) {
      const c = cyclicGroup(n);
      const q = realDftMatrix(n);
      expect(maxAbsDifference(matMul(transpose(q), q), identityMatrix(n))).toBeLessThan(1e-12);
      const reg = regularRepresentation(c);
      for (const g of c.elements) {
        worst = Math.max(worst, maxAbsDifference(matMul(matMul(transpose(q), reg.matrix(g)), q), cyclicIrrepBlocks(c, g)));
      }
    }
    expect(worst).toBeLessThan(1e-12);
  });
});
