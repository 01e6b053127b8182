/**
 * The same routes for arbitrary points in ℝ² (not only on the grid), for any function given as a batch evaluator
 * `evaluate(points) → values` with points flattened as [x0, y0, x1, y1, …]. These cost real forward passes.
 */
import { Rng } from '../rng';

/** A scalar function of 2-D points, evaluated on a batch: points [2N] → values [N]. */
export type PointEvaluator = (points: Float64Array | Float32Array) => ArrayLike<number>;

/** Rotate a batch of points by θ: x ↦ R(θ)x. */
export function rotatePointBatch(points: ArrayLike<number>, theta: number): Float64Array {
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  const out = new Float64Array(points.length);
  for (let k = 0; k < points.length; k += 2) {
    out[k] = c * points[k] - s * points[k + 1];
    out[k + 1] = s * points[k] + c * points[k + 1];
  }
  return out;
}

/**
 * Group averaging over a finite set of angles: f̄(x) = (1/|A|) Σ_{θ∈A} f(R(θ)⁻¹x).
 * With A = C_n = {2πm/n} it is exactly C_n-invariant (up to the rounding of R(θ)x); with M random angles it is the
 * Monte Carlo estimate of the SO(2) average. Cost: |A| forward passes per prediction.
 */
export function groupAveragePoints(evaluate: PointEvaluator, points: ArrayLike<number>, angles: readonly number[]): Float64Array {
  const N = points.length / 2;
  const out = new Float64Array(N);
  for (const t of angles) {
    const v = evaluate(rotatePointBatch(points, -t));
    for (let i = 0; i < N; i++) out[i] += v[i];
  }
  for (let i = 0; i < N; i++) out[i] /= angles.length;
  return out;
}

/** M angles uniform on [0, 2π) from the seeded stream (seed, M): the sampled SO(2) average's angles. */
export function sampledSo2Angles(M: number, seed: number): number[] {
  const rng = new Rng(seed, 0x5a2, M);
  return Array.from({ length: M }, () => rng.uniform() * 2 * Math.PI);
}

/**
 * Canonicalising element for C_n acting on ℝ²: h(x) = m with m = ⌊θ(x)/(2π/n)⌋ mod n, θ(x) = atan2(y, x) ∈ [0, 2π),
 * so that ρ(g_m)⁻¹x lies in the fundamental sector [0, 2π/n). Equivariant: h(R(2πk/n)x) = h(x) + k (mod n), except
 * on sector boundaries (measure zero) where rounding of R(θ)x decides. The origin is mapped to m = 0.
 */
export function canonicalElement2d(x: number, y: number, n: number): number {
  if (x === 0 && y === 0) return 0;
  let t = Math.atan2(y, x);
  if (t < 0) t += 2 * Math.PI;
  const m = Math.floor(t / ((2 * Math.PI) / n));
  return ((m % n) + n) % n;
}

/**
 * Canonicalisation of arbitrary points: f_can(x) = f(ρ(h(x))⁻¹x) with h from `canonicalElement2d`. One forward pass
 * per prediction. Exactly C_n-invariant up to the rounding of the rotated coordinates.
 */
export function canonicalizePoints(evaluate: PointEvaluator, points: ArrayLike<number>, n: number): Float64Array {
  const canon = canonicalPointBatch(points, n);
  return Float64Array.from(evaluate(canon));
}

/** The canonical representatives ρ(h(x))⁻¹x of a batch of points, in the sector [0, 2π/n). */
export function canonicalPointBatch(points: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(points.length);
  for (let k = 0; k < points.length; k += 2) {
    const m = canonicalElement2d(points[k], points[k + 1], n);
    const t = (-2 * Math.PI * m) / n;
    const c = Math.cos(t);
    const s = Math.sin(t);
    out[k] = c * points[k] - s * points[k + 1];
    out[k + 1] = s * points[k] + c * points[k + 1];
  }
  return out;
}

/**
 * Sector frame of a general point for C_n: F(x) = {g_m : angle of ρ(g_m)⁻¹x within [−π/n − tol, π/n + tol]}. Points
 * within `tol` (radians) of a sector boundary get a two-element frame, the origin gets all of C_n. Equivariant:
 * F(ρ(g)x) = g F(x).
 */
export function sectorFrame2d(x: number, y: number, n: number, tol = 1e-9): number[] {
  if (x === 0 && y === 0) return Array.from({ length: n }, (_, m) => m);
  const t = Math.atan2(y, x);
  const half = Math.PI / n;
  const out: number[] = [];
  for (let m = 0; m < n; m++) {
    let r = t - (2 * Math.PI * m) / n;
    r = r - 2 * Math.PI * Math.round(r / (2 * Math.PI));
    if (Math.abs(r) <= half + tol) out.push(m);
  }
  return out;
}

/**
 * Frame averaging of arbitrary points: f_FA(x) = (1/|F(x)|) Σ_{g∈F(x)} f(ρ(g)⁻¹x) with the sector frame. Returns the
 * values and the mean frame size (forward passes per prediction).
 */
export function frameAveragePoints(
  evaluate: PointEvaluator,
  points: ArrayLike<number>,
  n: number,
  tol = 1e-9,
): { values: Float64Array; meanFrameSize: number } {
  const N = points.length / 2;
  const frames: number[][] = [];
  const flat: number[] = [];
  for (let i = 0; i < N; i++) {
    const F = sectorFrame2d(points[2 * i], points[2 * i + 1], n, tol);
    frames.push(F);
    for (const m of F) {
      const t = (-2 * Math.PI * m) / n;
      const c = Math.cos(t);
      const s = Math.sin(t);
      flat.push(c * points[2 * i] - s * points[2 * i + 1], s * points[2 * i] + c * points[2 * i + 1]);
    }
  }
  const v = evaluate(Float64Array.from(flat));
  const out = new Float64Array(N);
  let q = 0;
  let total = 0;
  for (let i = 0; i < N; i++) {
    let sum = 0;
    for (let k = 0; k < frames[i].length; k++) sum += v[q++];
    out[i] = sum / frames[i].length;
    total += frames[i].length;
  }
  return { values: out, meanFrameSize: N ? total / N : NaN };
}
