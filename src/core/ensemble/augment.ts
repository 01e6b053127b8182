import type { ToyPoint } from '../data/toySets';

/** An augmented training set, flattened for upload: X is [N, 2] row-major, Y is [N]. */
export interface AugmentedSet {
  X: Float32Array;
  Y: Float32Array;
  N: number;
}

/**
 * Full augmentation: {(R(θ)x_i, y_i) : θ ∈ angles, i}. Scalar targets are invariant, so every copy keeps its label.
 * Ordered angle-major (all points at θ_0, then all at θ_1, …), so ρ(g) acts on the set as a block permutation.
 */
export function augmentTrainingSet(points: readonly ToyPoint[], angles: readonly number[]): AugmentedSet {
  const N = points.length * angles.length;
  const X = new Float32Array(2 * N);
  const Y = new Float32Array(N);
  let n = 0;
  for (const t of angles) {
    const c = Math.cos(t);
    const s = Math.sin(t);
    for (const p of points) {
      X[2 * n] = c * p.x[0] - s * p.x[1];
      X[2 * n + 1] = s * p.x[0] + c * p.x[1];
      Y[n] = p.y;
      n++;
    }
  }
  return { X, Y, N };
}
