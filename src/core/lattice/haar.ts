/**
 * Haar-random group elements: the invariant (uniform) measure on the group, which is also the β = 0 equilibrium
 * of the Wilson action. SU(2) Haar sampling lives with the group, in core/groups/su2.ts (`haarSU2Into`).
 */
import type { Rng } from '../rng';

/** U(1) Haar: θ ~ U[0, 2π), stored as (cos θ, sin θ). */
export function haarU1Into(rng: Rng, out: Float64Array, o: number): void {
  const theta = 2 * Math.PI * rng.uniform();
  out[o] = Math.cos(theta);
  out[o + 1] = Math.sin(theta);
}

/**
 * A uniformly random point on the 2-sphere of radius r, written into out[o…o+2]. Used by the SU(2) heat-bath for
 * the direction of a⃗ once a₀ is drawn: z = r(2u₁ − 1), φ = 2πu₂ (Archimedes).
 */
export function sphere2Into(rng: Rng, r: number, out: Float64Array, o: number): void {
  const z = 2 * rng.uniform() - 1;
  const phi = 2 * Math.PI * rng.uniform();
  const rho = Math.sqrt(Math.max(0, 1 - z * z));
  out[o] = r * rho * Math.cos(phi);
  out[o + 1] = r * rho * Math.sin(phi);
  out[o + 2] = r * z;
}
