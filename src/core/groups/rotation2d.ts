/**
 * Plane rotations: the defining representation of SO(2) and of its cyclic subgroups C_n.
 * This is the action the toy example augments with and the evaluation grid is closed under.
 */

/** 2×2 rotation matrix R(θ) = [[cos θ, −sin θ], [sin θ, cos θ]], row-major. */
export function rotationMatrix2d(theta: number): [[number, number], [number, number]] {
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  return [
    [c, -s],
    [s, c],
  ];
}

/** Rotate a point: R(θ)x. */
export function rotatePoint(theta: number, x: readonly [number, number] | readonly number[]): [number, number] {
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  return [c * x[0] - s * x[1], s * x[0] + c * x[1]];
}

/** The angles of C_n = {2πm/n : m = 0, …, n − 1}. C_1 is the trivial group. */
export function cyclicAngles(n: number): number[] {
  return Array.from({ length: n }, (_, m) => (2 * Math.PI * m) / n);
}
