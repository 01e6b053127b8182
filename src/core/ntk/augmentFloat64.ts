/** An augmented training set in float64: X[n] is a point, Y[n] its label. */
export interface AugmentedSetFloat64 {
  X: number[][];
  Y: number[];
}

/**
 * Full C_n-style augmentation in float64: {(R(θ)x_i, y_i) : θ ∈ angles, i}, ordered angle-major (all points at θ_0,
 * then all at θ_1, …) exactly like the engine's `augmentTrainingSet`, so index n here is index n there.
 *
 * Why a float64 copy: the engine's set is float32, and float32 rotations of a point are only rotations to ~1e-7.
 * The closed form's invariance rests on ρ(g) permuting X exactly, so the theory must see float64 coordinates
 * (each copy rotated directly from the base point, never by repeated rotation).
 */
export function augmentedTrainingSetFloat64(
  points: readonly { x: readonly number[]; y: number }[],
  angles: readonly number[],
): AugmentedSetFloat64 {
  const X: number[][] = [];
  const Y: number[] = [];
  for (const t of angles) {
    const c = Math.cos(t);
    const s = Math.sin(t);
    for (const p of points) {
      X.push([c * p.x[0] - s * p.x[1], s * p.x[0] + c * p.x[1]]);
      Y.push(p.y);
    }
  }
  return { X, Y };
}
