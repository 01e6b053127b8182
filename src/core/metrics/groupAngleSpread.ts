/**
 * The claim of a C_n-augmented ensemble is about the n group angles, not the whole circle: its infinite-ensemble mean
 * satisfies f(ρ(2πm/n)x) = f(x) for m = 0…n−1, while between those angles f may vary (2π/n-periodically). These
 * helpers say where the group angles are and measure a function's spread over them against its spread over the
 * full SO(2) orbit, so a chart can show both numbers beside the curve.
 */

import type { AugmentationGroup } from '../ensemble/groupSpec';

/**
 * The order n of the finite group whose invariance an augmented ensemble claims: n for C_n augmentation with n > 1;
 * null without augmentation (C_1) and for SO(2) random-angle augmentation, which is not a finite group.
 */
export function claimedGroupOrder(g: AugmentationGroup): number | null {
  return g.kind === 'cyclic' && g.n > 1 ? g.n : null;
}

/** The n group angles of C_n in [0, 2π): θ_m = 2πm/n. */
export function groupAngles(n: number): number[] {
  const k = Math.max(1, Math.round(n));
  return Array.from({ length: k }, (_, m) => (2 * Math.PI * m) / k);
}

export interface OrbitSpread {
  /** max_m f(θ_m) − min_m f(θ_m) over the group angles θ_m = 2πm/n: 0 for an exactly C_n-invariant f. */
  group: number;
  /** max_θ f(θ) − min_θ f(θ) over `samples` equally spaced angles of the full circle: 0 only for an SO(2)-invariant f. */
  circle: number;
  /** The values f(θ_m) at the group angles. */
  atGroupAngles: number[];
}

/**
 * Spread of θ ↦ f(θ) (f evaluated on the rotated input ρ(θ)x) over the group angles of C_n and over the full circle:
 * group = max_m f(2πm/n) − min_m f(2πm/n), circle = max_j f(2πj/S) − min_j f(2πj/S) with S = `samples`
 * (S a multiple of n puts the group angles among the samples, so group ≤ circle).
 */
export function groupAndCircleSpread(f: (theta: number) => number, n: number, samples = 128): OrbitSpread {
  const range = (v: number[]) => (v.length ? Math.max(...v) - Math.min(...v) : NaN);
  const atGroupAngles = groupAngles(n).map(f);
  const circle = Array.from({ length: samples }, (_, j) => f((2 * Math.PI * j) / samples));
  return { group: range(atGroupAngles), circle: range(circle), atGroupAngles };
}

/**
 * The covering radius of C_k inside SO(2) acting on ℝ², κ = max_{g∈SO(2)} min_{b∈C_k} ‖ρ(g) − ρ(b)‖ = 2 sin(π/2k)
 * (the farthest rotation is π/k from the nearest group element, and ‖R(α) − I‖ = 2 sin(α/2)). With full
 * augmentation over the finite subgroup C_k, the infinite ensemble's SO(2)-invariance error is bounded by C(x)·κ
 * (Gerken & Kessel; reference theory.md §1): 0.765 for C4, 0.390 for C8, 0.196 for C16.
 */
export function subgroupCoveringRadius(k: number): number {
  return 2 * Math.sin(Math.PI / (2 * k));
}
