/**
 * SO(2) tensor products: ψ_{k₁} ⊗ ψ_{k₂} ≅ ψ_{k₁+k₂} ⊕ ψ_{|k₁−k₂|}, with an explicit orthogonal change of basis.
 */
import { directSumMatrix, kron, matMul, maxAbsDifference, transpose, type RealMatrix } from './matrix';
import { so2Irrep } from './irreps';

/** The decomposition of ψ_{k₁} ⊗ ψ_{k₂}: the frequencies of its blocks, in order, and the change of basis Q. */
export interface So2TensorDecomposition {
  /** Frequencies of the diagonal blocks of Qᵀ(ψ_{k₁} ⊗ ψ_{k₂})Q; 0 stands for a 1×1 trivial block. */
  frequencies: number[];
  /** Orthogonal Q, columns = the new basis vectors in the Kronecker order of ψ_{k₁} ⊗ ψ_{k₂}. */
  changeOfBasis: RealMatrix;
}

/**
 * Q with Qᵀ(ψ_{k₁}(θ) ⊗ ψ_{k₂}(θ))Q = ψ_{k₁+k₂}(θ) ⊕ ψ_{|k₁−k₂|}(θ), for integers k₁, k₂ ≥ 0.
 * Why it works: with z₁ = u₁ + iu₂ and z₂ = v₁ + iv₂ rotating as e^{ik₁θ}, e^{ik₂θ}, the product
 * z₁z₂ = (u₁v₁ − u₂v₂) + i(u₁v₂ + u₂v₁) rotates as e^{i(k₁+k₂)θ} and z₁z̄₂ = (u₁v₁ + u₂v₂) + i(u₂v₁ − u₁v₂) as
 * e^{i(k₁−k₂)θ}. For k₁ < k₂ the last coordinate is negated so that the block is R(|k₁−k₂|θ); for k₁ = k₂ that
 * block is the identity, i.e. trivial ⊕ trivial. When k₁ or k₂ is 0 the factor is the 1D trivial irrep.
 */
export function so2TensorDecomposition(k1: number, k2: number): So2TensorDecomposition {
  for (const k of [k1, k2]) {
    if (!Number.isInteger(k) || k < 0) throw new RangeError(`SO(2) frequency must be a non-negative integer, got ${k}`);
  }
  if (k1 === 0 && k2 === 0) return { frequencies: [0], changeOfBasis: [[1]] };
  if (k1 === 0 || k2 === 0) {
    return {
      frequencies: [k1 + k2],
      changeOfBasis: [
        [1, 0],
        [0, 1],
      ],
    };
  }
  const h = Math.SQRT1_2;
  const flip = k1 < k2 ? -1 : 1;
  // Rows of Qᵀ in the basis (u₁v₁, u₁v₂, u₂v₁, u₂v₂).
  const qTranspose: RealMatrix = [
    [h, 0, 0, -h],
    [0, h, h, 0],
    [h, 0, 0, h],
    [0, -flip * h, flip * h, 0],
  ];
  return {
    frequencies: k1 === k2 ? [k1 + k2, 0, 0] : [k1 + k2, Math.abs(k1 - k2)],
    changeOfBasis: transpose(qTranspose),
  };
}

/** ψ_{k₁}(θ) ⊗ ψ_{k₂}(θ). */
export function so2TensorProductMatrix(k1: number, k2: number, theta: number): RealMatrix {
  return kron(so2Irrep(k1).rep.matrix(theta), so2Irrep(k2).rep.matrix(theta));
}

/** Qᵀ(ψ_{k₁}(θ) ⊗ ψ_{k₂}(θ))Q, block diagonal. */
export function so2BlockDiagonalised(k1: number, k2: number, theta: number): RealMatrix {
  const { changeOfBasis: q } = so2TensorDecomposition(k1, k2);
  return matMul(matMul(transpose(q), so2TensorProductMatrix(k1, k2, theta)), q);
}

/** ⊕ of the irreps named by `frequencies`, at θ. */
export function so2CoupledDirectSum(frequencies: readonly number[], theta: number): RealMatrix {
  return directSumMatrix(frequencies.map((k) => so2Irrep(k).rep.matrix(theta)));
}

/** max |Qᵀ(ψ_{k₁} ⊗ ψ_{k₂})(θ)Q − (ψ_{k₁+k₂} ⊕ ψ_{|k₁−k₂|})(θ)|. */
export function so2TensorBlockError(k1: number, k2: number, theta: number): number {
  const { frequencies } = so2TensorDecomposition(k1, k2);
  return maxAbsDifference(so2BlockDiagonalised(k1, k2, theta), so2CoupledDirectSum(frequencies, theta));
}
