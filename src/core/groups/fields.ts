/**
 * How fields on the plane transform: scalar fields by the regular representation on functions,
 * (g·f)(x) = f(ρ(g)⁻¹x), and vector fields by combining it with the defining representation,
 * (g·f)(x) = π(g) f(ρ(g)⁻¹x).
 */
import type { RealMatrix } from './matrix';

/** A scalar field f: ℝ² → ℝ. */
export type ScalarField = (x: number, y: number) => number;
/** A vector field f: ℝ² → ℝ². */
export type VectorField = (x: number, y: number) => [number, number];

/** Inverse of a 2×2 matrix, A⁻¹ = (1/det A)[[d, −b], [−c, a]]. */
export function inverse2x2(a: RealMatrix): RealMatrix {
  const det = a[0][0] * a[1][1] - a[0][1] * a[1][0];
  if (Math.abs(det) < 1e-300) throw new RangeError('matrix is singular');
  return [
    [a[1][1] / det, -a[0][1] / det],
    [-a[1][0] / det, a[0][0] / det],
  ];
}

function apply2(a: RealMatrix, x: number, y: number): [number, number] {
  return [a[0][0] * x + a[0][1] * y, a[1][0] * x + a[1][1] * y];
}

/** The scalar-field action (g·f)(x) = f(ρ(g)⁻¹x): the picture moves, values are carried along unchanged. */
export function transformScalarField(f: ScalarField, rho: RealMatrix): ScalarField {
  const inv = inverse2x2(rho);
  return (x, y) => {
    const [u, v] = apply2(inv, x, y);
    return f(u, v);
  };
}

/**
 * The vector-field action (g·f)(x) = π(g) f(ρ(g)⁻¹x), with π = ρ (the defining representation) unless given:
 * arrows are moved to their new base point and rotated with it. This is how forces and gradients transform.
 */
export function transformVectorField(f: VectorField, rho: RealMatrix, pi: RealMatrix = rho): VectorField {
  const inv = inverse2x2(rho);
  return (x, y) => {
    const [u, v] = apply2(inv, x, y);
    const [fx, fy] = f(u, v);
    return apply2(pi, fx, fy);
  };
}

/**
 * The wrong rule, shown for contrast: (g·f)(x) = f(ρ(g)⁻¹x) applied to each component, which moves arrows
 * without rotating them (π = identity). It is still a group action, but not the one vectors obey: the gradient
 * of a rotated scalar field does not match it.
 */
export function transformVectorFieldWithoutRotatingArrows(f: VectorField, rho: RealMatrix): VectorField {
  return transformVectorField(f, rho, [
    [1, 0],
    [0, 1],
  ]);
}
