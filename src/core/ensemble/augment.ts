import type { ToyPoint } from '../data/toySets';

/** An augmented training set, flattened for upload: X is [N, 2] row-major, Y is [N]. */
export interface AugmentedSet {
  X: Float32Array;
  Y: Float32Array;
  N: number;
}

/**
 * The inputs of an angle-major augmentation: row n = m·P + i of the returned [N, 2] row-major array is R(θ_m)x_i,
 * with R(θ) = [[cos θ, −sin θ], [sin θ, cos θ]], P points and N = P·|angles|. `label(p, θ_m, n)` is called once per
 * row, in row order, so a caller writes each copy's target (invariant, or transformed with the input) beside it.
 */
export function rotateAngleMajor<P extends { x: readonly [number, number] }>(
  points: readonly P[],
  angles: readonly number[],
  label: (p: P, theta: number, n: number) => void,
): Float32Array {
  const X = new Float32Array(2 * points.length * angles.length);
  let n = 0;
  for (const t of angles) {
    const c = Math.cos(t);
    const s = Math.sin(t);
    for (const p of points) {
      X[2 * n] = c * p.x[0] - s * p.x[1];
      X[2 * n + 1] = s * p.x[0] + c * p.x[1];
      label(p, t, n);
      n++;
    }
  }
  return X;
}

/**
 * Full augmentation: {(R(θ)x_i, y_i) : θ ∈ angles, i}. Scalar targets are invariant, so every copy keeps its label.
 * Ordered angle-major (all points at θ_0, then all at θ_1, …), so ρ(g) acts on the set as a block permutation.
 */
export function augmentTrainingSet(points: readonly ToyPoint[], angles: readonly number[]): AugmentedSet {
  const N = points.length * angles.length;
  const Y = new Float32Array(N);
  const X = rotateAngleMajor(points, angles, (p, _t, n) => {
    Y[n] = p.y;
  });
  return { X, Y, N };
}
