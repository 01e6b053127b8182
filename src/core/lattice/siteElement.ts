/**
 * The group element a user dials in for a single-site gauge transformation: an angle for U(1), an angle and a
 * rotation axis in spherical angles for SU(2).
 */
import type { GaugeGroup } from './gaugeGroup';
import { unitQuaternionFromAxisAngle } from '../groups/su2';
import { u1FromAngle } from './u1';

/**
 * U(1): e^{iα}. SU(2): exp(i (α/2) n̂·σ⃗) = cos(α/2) + i sin(α/2) n̂·σ⃗, the quaternion (cos α/2, sin α/2 · n̂), with the axis
 * n̂ = (sin ϑ cos φ, sin ϑ sin φ, cos ϑ) from its polar angle ϑ and azimuth φ. (ϑ, φ are ignored for U(1).) Its
 * eigenphase is α/2. In the convention of core/groups/su2.ts (U = exp(−iθ n̂·σ⃗/2) lifts the rotation by θ) this is
 * the element over the rotation by −α about n̂, and it is computed so. n̂ is a unit vector, never zero.
 */
export function siteElementFromAngles(group: GaugeGroup, alpha: number, polar: number, azimuth: number): Float64Array {
  if (group.name === 'U1') return u1FromAngle(alpha);
  const axis = [Math.sin(polar) * Math.cos(azimuth), Math.sin(polar) * Math.sin(azimuth), Math.cos(polar)] as const;
  return Float64Array.from(unitQuaternionFromAxisAngle(axis, -alpha));
}

/**
 * The element to apply at a site that already carries `current` so that it carries `next` afterwards:
 * Δ = g_next g_current†, since Δ g_current = g_next. Lets a slider re-target a single-site transformation in place.
 */
export function retargetElement(group: GaugeGroup, next: Float64Array, current: Float64Array): Float64Array {
  const delta = new Float64Array(group.stride);
  group.mulAdj(next, 0, current, 0, delta, 0);
  return delta;
}
