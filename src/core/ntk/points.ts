/**
 * Point sets for the kernel code: plain arrays of float64 coordinates, one inner array per point.
 * Float64 throughout, because the theory's invariance is only visible at float64 rounding (reference/calibration.md,
 * "Precision").
 */

/** A set of points x_1, …, x_n ∈ ℝ^d, each an array of d numbers. */
export type PointSet = readonly (readonly number[])[];

/** Input dimension d shared by every point of the given sets; throws if the sets disagree or are ragged. */
export function commonInputDim(...sets: PointSet[]): number {
  let d = -1;
  for (const set of sets) {
    for (const x of set) {
      if (d === -1) d = x.length;
      else if (x.length !== d) throw new Error(`points have inconsistent dimensions (${d} and ${x.length})`);
    }
  }
  if (d === 0) throw new Error('points must have at least one coordinate');
  return d === -1 ? 0 : d;
}

/** Apply a linear map to every point: x ↦ ρx, with ρ a d×d row-major matrix (ρx)_i = Σ_j ρ_ij x_j. */
export function transformPoints(points: PointSet, rho: readonly (readonly number[])[]): number[][] {
  return points.map((x) => rho.map((row) => row.reduce((acc, r, j) => acc + r * x[j], 0)));
}

/**
 * The float64 coordinates of a polar grid, point p = i·nAngles + j at (r_i cos θ_j, r_i sin θ_j), θ_j = 2πj/nAngles.
 * The grid itself stores float32 coordinates for the network; the closed form needs float64 so that rotated grid
 * points are rotations to ~1e-16, not ~1e-7.
 */
export function polarGridPointsFloat64(grid: { radii: ArrayLike<number>; nAngles: number }): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < grid.radii.length; i++) {
    for (let j = 0; j < grid.nAngles; j++) {
      const t = (2 * Math.PI * j) / grid.nAngles;
      out.push([grid.radii[i] * Math.cos(t), grid.radii[i] * Math.sin(t)]);
    }
  }
  return out;
}
