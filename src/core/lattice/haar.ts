/**
 * Haar-random group elements: the invariant (uniform) measure on the group, which is also the β = 0 equilibrium
 * of the Wilson action.
 */
import type { Rng } from '../rng';

/** U(1) Haar: θ ~ U[0, 2π), stored as (cos θ, sin θ). */
export function haarU1Into(rng: Rng, out: Float64Array, o: number): void {
  const theta = 2 * Math.PI * rng.uniform();
  out[o] = Math.cos(theta);
  out[o + 1] = Math.sin(theta);
}

/**
 * SU(2) Haar: a = g/|g| with g ~ N(0, 1₄), i.e. uniform on the 3-sphere, read as the quaternion
 * U = [[a₀ + i a₃, a₂ + i a₁], [−a₂ + i a₁, a₀ − i a₃]].
 */
export function haarSU2Into(rng: Rng, out: Float64Array, o: number): void {
  let n2 = 0;
  let g0 = 0;
  let g1 = 0;
  let g2 = 0;
  let g3 = 0;
  // A zero-length draw has probability zero, but a loop costs nothing and rules out the division by zero.
  while (n2 < 1e-300) {
    g0 = rng.normal();
    g1 = rng.normal();
    g2 = rng.normal();
    g3 = rng.normal();
    n2 = g0 * g0 + g1 * g1 + g2 * g2 + g3 * g3;
  }
  const inv = 1 / Math.sqrt(n2);
  out[o] = g0 * inv;
  out[o + 1] = g1 * inv;
  out[o + 2] = g2 * inv;
  out[o + 3] = g3 * inv;
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
