/**
 * SO(2), the rotations of the plane, parametrised by the angle θ ∈ [0, 2π): R(θ)R(φ) = R(θ + φ).
 */
import type { ContinuousGroup } from './group';

const TWO_PI = 2 * Math.PI;

/** θ reduced to [0, 2π). */
export function angleModTwoPi(theta: number): number {
  const t = theta % TWO_PI;
  return t < 0 ? t + TWO_PI : t;
}

/** SO(2) ≅ ℝ/2πℤ: product θ + φ mod 2π, inverse −θ, identity 0; Haar samples are uniform on [0, 2π). */
export function so2Group(): ContinuousGroup<number> {
  return {
    kind: 'continuous',
    name: 'SO(2)',
    identity: 0,
    multiply: (a, b) => angleModTwoPi(a + b),
    inverse: (a) => angleModTwoPi(-a),
    equals: (a, b) => {
      const d = Math.abs(angleModTwoPi(a) - angleModTwoPi(b));
      return Math.min(d, TWO_PI - d) < 1e-12;
    },
    label: (a) => `θ = ${angleModTwoPi(a).toFixed(3)}`,
    sample: (rng) => TWO_PI * rng.uniform(),
  };
}

/** The one SO(2) instance, so that every representation of SO(2) refers to the same group object. */
export const SO2: ContinuousGroup<number> = so2Group();
