import { transformPoints, type PointSet } from './points';
import { reluKernels, type ReluKernelOptions } from './reluKernels';

/** Θ(X,X) on a training set: the N×N infinite-width NTK matrix, exactly symmetric, in the set's own order. */
export function ntkMatrix(X: PointSet, options: ReluKernelOptions): number[][] {
  return reluKernels(X, X, options).ntk;
}

/** How far a kernel matrix is from invariance under a group acting on the inputs. */
export interface KernelInvarianceDefect {
  /** max over g, i, j of |Θ(ρ(g)x_i, ρ(g)x_j) − Θ(x_i, x_j)|. */
  maxAbsDefect: number;
  /** maxAbsDefect / max_{i,j} |Θ(x_i, x_j)| (0 for an all-zero kernel). */
  relativeDefect: number;
  /** Index of the group element attaining the maximum (−1 if the group is empty). */
  worstElement: number;
}

/**
 * Invariance defect of the infinite-width NTK on a point set X under the matrices ρ(g) (d×d, row-major):
 *
 *     δ = max_{g, i, j} |Θ(ρ(g)x_i, ρ(g)x_j) − Θ(x_i, x_j)|.
 *
 * For orthogonal ρ(g) this is rounding only (~1e-16 relative), because Θ depends on x, x′ only through |x|, |x′|
 * and x·x′ (reference §1).
 */
export function kernelInvarianceDefect(
  X: PointSet,
  groupMatrices: readonly (readonly (readonly number[])[])[],
  options: ReluKernelOptions,
): KernelInvarianceDefect {
  const base = ntkMatrix(X, options);
  let scale = 0;
  for (const row of base) for (const v of row) scale = Math.max(scale, Math.abs(v));
  let maxAbsDefect = 0;
  let worstElement = groupMatrices.length > 0 ? 0 : -1;
  groupMatrices.forEach((rho, g) => {
    const moved = ntkMatrix(transformPoints(X, rho), options);
    for (let i = 0; i < base.length; i++) {
      for (let j = 0; j < base.length; j++) {
        const defect = Math.abs(moved[i][j] - base[i][j]);
        if (defect > maxAbsDefect) {
          maxAbsDefect = defect;
          worstElement = g;
        }
      }
    }
  });
  return { maxAbsDefect, relativeDefect: scale > 0 ? maxAbsDefect / scale : 0, worstElement };
}
