/**
 * Equivariant linear maps (intertwiners): all M with M ρ_in(g) = ρ_out(g) M for every g, found numerically as a
 * null space, and Schur's prediction of how many there are.
 */
import { SingularValueDecomposition } from 'ml-matrix';
import { Rng } from '../rng';
import type { Group } from './group';
import { endomorphismDimension } from './irreps';
import type { IrrepMultiplicity } from './characters';
import { assertSameGroup, IncompatibleRepresentationsError, type Representation } from './representations';
import { matMul, maxAbsDifference, type RealMatrix } from './matrix';

/** Options for `intertwinerBasis`. */
export interface IntertwinerOptions {
  /** For continuous groups: how many Haar samples to impose the constraint on (default 8). */
  samples?: number;
  /** Seed of the sample stream (default 0). */
  seed?: number;
  /** A singular value σ of the Gram matrix counts as zero when σ < tolerance · max(1, σ_max) (default 1e-10). */
  tolerance?: number;
  /** Refuse problems with more than this many unknowns d_out·d_in (default 1024): the SVD is O(unknowns³). */
  maxUnknowns?: number;
}

/** The solved space of intertwiners. */
export interface IntertwinerResult {
  /** An orthonormal basis (Frobenius inner product) of {M ∈ ℝ^{d_out×d_in} : Mρ_in(g) = ρ_out(g)M ∀g}. */
  basis: RealMatrix[];
  /** dim Hom_G(ρ_in, ρ_out) = basis.length. */
  dimension: number;
  /** Singular values of the Gram matrix Σ_g K_gᵀK_g, ascending; the first `dimension` are numerically zero. */
  singularValues: number[];
  /** The smallest singular value counted as nonzero (∞ if none): the margin of the rank decision. */
  spectralGap: number;
  /** The group elements the constraints were imposed on (generators, or samples of a continuous group). */
  constraintElements: number;
  /** max over basis and constraint elements of |M ρ_in(g) − ρ_out(g) M|. */
  maxResidual: number;
}

/**
 * The linear map vec(M) ↦ vec(M ρ_in(g) − ρ_out(g) M) as a matrix K_g of size (d_out d_in)², with the row-major
 * vectorisation vec(M)_{a·d_in + b} = M_ab:
 * (Mρ_in)_ij = Σ_b M_ib ρ_in(g)_bj and (ρ_out M)_ij = Σ_a ρ_out(g)_ia M_aj.
 */
export function intertwinerConstraint(rhoIn: RealMatrix, rhoOut: RealMatrix): RealMatrix {
  const dIn = rhoIn.length;
  const dOut = rhoOut.length;
  const size = dIn * dOut;
  const k: RealMatrix = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (let i = 0; i < dOut; i++)
    for (let j = 0; j < dIn; j++) {
      const row = k[i * dIn + j];
      for (let b = 0; b < dIn; b++) row[i * dIn + b] += rhoIn[b][j];
      for (let a = 0; a < dOut; a++) row[a * dIn + j] -= rhoOut[i][a];
    }
  return k;
}

/**
 * A basis of the intertwiners M with M ρ_in(g) = ρ_out(g) M.
 *
 * For a finite group it suffices to impose the constraint on the generators (it is then closed under products);
 * for a continuous group it is imposed on a dense random sample. The stacked constraints K = [K_g₁; K_g₂; …] are
 * reduced to the Gram matrix A = Σ_g K_gᵀ K_g (same null space, fixed size), and the null space is read off
 * the SVD of A (ml-matrix): right singular vectors whose singular value is below tolerance·max(1, σ_max).
 *
 * @throws IncompatibleRepresentationsError when ρ_in, ρ_out and `group` are not the same group.
 * @throws RangeError when d_out·d_in exceeds `maxUnknowns`.
 */
export function intertwinerBasis<E>(
  group: Group<E>,
  repIn: Representation<E>,
  repOut: Representation<E>,
  options: IntertwinerOptions = {},
): IntertwinerResult {
  assertSameGroup([repIn, repOut], 'intertwiner');
  if (repIn.group.name !== group.name) {
    throw new IncompatibleRepresentationsError(
      `intertwiner: the representations act on ${repIn.group.name}, not on ${group.name}`,
    );
  }
  const { samples = 8, seed = 0, tolerance = 1e-10, maxUnknowns = 1024 } = options;
  const dIn = repIn.dim;
  const dOut = repOut.dim;
  const unknowns = dIn * dOut;
  if (unknowns > maxUnknowns) {
    throw new RangeError(
      `intertwiner: ${dOut}×${dIn} = ${unknowns} unknowns is more than the limit of ${maxUnknowns}`,
    );
  }
  let elements: E[];
  if (group.kind === 'finite') {
    elements = [...group.generators];
  } else {
    const rng = new Rng(seed, 0x1e7);
    elements = Array.from({ length: samples }, () => group.sample(rng));
  }

  const gram: RealMatrix = Array.from({ length: unknowns }, () => new Array<number>(unknowns).fill(0));
  for (const g of elements) {
    const k = intertwinerConstraint(repIn.matrix(g), repOut.matrix(g));
    // A += KᵀK, skipping the many zero entries of K.
    for (const row of k) {
      const nz: number[] = [];
      for (let c = 0; c < unknowns; c++) if (row[c] !== 0) nz.push(c);
      for (const p of nz) {
        const gp = gram[p];
        const rp = row[p];
        for (const q of nz) gp[q] += rp * row[q];
      }
    }
  }

  let singularValues: number[];
  let basis: RealMatrix[];
  if (elements.length === 0) {
    // The trivial group (C_1): every matrix is an intertwiner.
    singularValues = new Array<number>(unknowns).fill(0);
    basis = Array.from({ length: unknowns }, (_, u) => unitMatrix(u, dOut, dIn));
  } else {
    const svd = new SingularValueDecomposition(gram, { computeLeftSingularVectors: false, autoTranspose: false });
    const sigma = svd.diagonal;
    const v = svd.rightSingularVectors;
    const threshold = tolerance * Math.max(1, Math.max(...sigma));
    const order = sigma.map((s, i) => [s, i] as const).sort((x, y) => x[0] - y[0]);
    singularValues = order.map(([s]) => s);
    basis = order
      .filter(([s]) => s < threshold)
      .map(([, col]) => fixSign(Array.from({ length: dOut }, (_, a) => Array.from({ length: dIn }, (_, b) => v.get(a * dIn + b, col)))));
  }
  const dimension = basis.length;
  const spectralGap = dimension < singularValues.length ? singularValues[dimension] : Infinity;
  let maxResidual = 0;
  for (const m of basis)
    for (const g of elements) {
      maxResidual = Math.max(maxResidual, maxAbsDifference(matMul(m, repIn.matrix(g)), matMul(repOut.matrix(g), m)));
    }
  return { basis, dimension, singularValues, spectralGap, constraintElements: elements.length, maxResidual };
}

/** Singular vectors have an arbitrary sign; make the first clearly nonzero entry positive, for stable displays. */
function fixSign(m: RealMatrix): RealMatrix {
  for (const row of m)
    for (const x of row) {
      if (Math.abs(x) > 1e-9) return x > 0 ? m : m.map((r) => r.map((y) => -y));
    }
  return m;
}

function unitMatrix(u: number, rows: number, cols: number): RealMatrix {
  return Array.from({ length: rows }, (_, a) => Array.from({ length: cols }, (_, b) => (a * cols + b === u ? 1 : 0)));
}

/**
 * Schur's prediction for dim Hom_G(ρ_in, ρ_out) from the irrep multiplicities:
 * Σ_λ m_in(λ) m_out(λ) dim End_G(λ), where dim End_G(λ) = 1 for real-type and 2 for complex-type real irreps.
 * (Schur: a map between irreps is 0 unless they are equivalent, and then lies in End_G(λ).)
 * Irreps are matched by name.
 */
export function schurPrediction<E>(inParts: readonly IrrepMultiplicity<E>[], outParts: readonly IrrepMultiplicity<E>[]): number {
  let total = 0;
  for (const p of inParts) {
    const q = outParts.find((o) => o.irrep.rep.name === p.irrep.rep.name);
    if (q) total += p.multiplicity * q.multiplicity * endomorphismDimension(p.irrep.type);
  }
  return total;
}
