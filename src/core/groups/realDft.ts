/**
 * The real discrete Fourier transform as the change of basis that block-diagonalises the regular representation
 * of C_n into its real irreps: Qᵀ ρ_reg(r^m) Q = trivial ⊕ (sign) ⊕ ψ₁(r^m) ⊕ … ⊕ ψ_K(r^m).
 */
import { directSumMatrix, type RealMatrix } from './matrix';
import { cyclicIrreps } from './irreps';
import type { PlanarElement, PlanarGroup } from './dihedral';

/**
 * The orthogonal n×n real DFT matrix Q, columns in the order of `cyclicIrreps`:
 * q₀(h) = 1/√n; for even n q_{n/2}(h) = (−1)^h/√n; then for k = 1, …, ⌊(n−1)/2⌋ the pair
 * c_k(h) = √(2/n) cos(2πkh/n), s_k(h) = √(2/n) sin(2πkh/n).
 * Because (ρ_reg(r^a)f)(h) = f(h − a), the shift sends (c_k, s_k) through R(2πka/n): exactly ψ_k(r^a).
 */
export function realDftMatrix(n: number): RealMatrix {
  const columns: number[][] = [];
  const h = Array.from({ length: n }, (_, i) => i);
  columns.push(h.map(() => 1 / Math.sqrt(n)));
  if (n % 2 === 0) columns.push(h.map((i) => (i % 2 === 0 ? 1 : -1) / Math.sqrt(n)));
  const scale = Math.sqrt(2 / n);
  for (let k = 1; k <= Math.floor((n - 1) / 2); k++) {
    columns.push(h.map((i) => scale * Math.cos((2 * Math.PI * k * i) / n)));
    columns.push(h.map((i) => scale * Math.sin((2 * Math.PI * k * i) / n)));
  }
  return h.map((row) => columns.map((col) => col[row]));
}

/** The block-diagonal target ⊕_λ λ(g) over the real irreps of C_n, in the column order of `realDftMatrix`. */
export function cyclicIrrepBlocks(group: PlanarGroup, g: PlanarElement): RealMatrix {
  return directSumMatrix(cyclicIrreps(group).map((irrep) => irrep.rep.matrix(g)));
}
