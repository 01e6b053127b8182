/**
 * Data transforms for the orbit view: f(ρ(θ)x) along the orbit of a probe point, read from the stored grid
 * predictions (no recomputation). The probe's ring is interpolated radially between the two nearest grid radii; along
 * the ring the curve is sampled at the grid's own angles, so a C_n rotation is an exact index shift of the curve.
 */
import type { PolarGrid } from '../../../core/data/polarGrid';

export interface OrbitCurve {
  /** θ_k = 2πk/nAngles − φ_x, wrapped to [0, 2π), k = 0…nAngles−1 (sorted by θ). */
  theta: Float64Array;
  /** f(ρ(θ_k)x) for each k. */
  values: Float64Array;
}

/** Radial interpolation weights for radius r: ring indices (i0, i1) and the weight of i1. */
export function ringInterpolation(grid: PolarGrid, r: number): { i0: number; i1: number; w: number } {
  const nR = grid.radii.length;
  const rMin = grid.radii[0];
  const rMax = grid.radii[nR - 1];
  const f = Math.min(nR - 1, Math.max(0, ((Math.min(Math.max(r, rMin), rMax) - rMin) / (rMax - rMin)) * (nR - 1)));
  const i0 = Math.min(Math.floor(f), nR - 2);
  return { i0, i1: i0 + 1, w: f - i0 };
}

/**
 * The orbit curve of a probe x = (r cos φ, r sin φ) for one function stored on the grid (`values` of length P, at
 * offset `offset` in a member-major array). Point k of the ring at angle 2πk/n is ρ(2πk/n − φ)x.
 */
export function orbitCurve(values: ArrayLike<number>, grid: PolarGrid, probe: [number, number], offset = 0): OrbitCurve {
  const nA = grid.nAngles;
  const r = Math.hypot(probe[0], probe[1]);
  const phi = Math.atan2(probe[1], probe[0]);
  const { i0, i1, w } = ringInterpolation(grid, r);
  const raw: { t: number; v: number }[] = [];
  for (let k = 0; k < nA; k++) {
    let t = (2 * Math.PI * k) / nA - phi;
    t = ((t % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
    const v = (1 - w) * values[offset + i0 * nA + k] + w * values[offset + i1 * nA + k];
    raw.push({ t, v });
  }
  raw.sort((a, b) => a.t - b.t);
  return { theta: Float64Array.from(raw.map((p) => p.t)), values: Float64Array.from(raw.map((p) => p.v)) };
}

/**
 * Periodicity error of a curve under a shift of 2π/n: max_k |f(θ_k + 2π/n) − f(θ_k)| / max_k |f(θ_k)|.
 * Exactly 0 for a C_n-invariant function, since the shift is an index shift of nAngles/n samples.
 */
export function periodicityError(curve: OrbitCurve, n: number): number {
  const m = curve.values.length;
  if (m % n !== 0) throw new Error(`the curve's ${m} samples are not divisible by ${n}`);
  const shift = m / n;
  let worst = 0;
  let scale = 0;
  for (let k = 0; k < m; k++) {
    worst = Math.max(worst, Math.abs(curve.values[(k + shift) % m] - curve.values[k]));
    scale = Math.max(scale, Math.abs(curve.values[k]));
  }
  return scale > 0 ? worst / scale : 0;
}

/** The value at angle θ by linear interpolation along the (periodic) curve. */
export function curveAt(curve: OrbitCurve, theta: number): number {
  const m = curve.values.length;
  const t = ((theta % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
  // Samples are uniformly spaced by 2π/m but start at an offset.
  const step = (2 * Math.PI) / m;
  const rel = (t - curve.theta[0] + 2 * Math.PI) % (2 * Math.PI);
  const k0 = Math.floor(rel / step) % m;
  const k1 = (k0 + 1) % m;
  const w = rel / step - Math.floor(rel / step);
  return (1 - w) * curve.values[k0] + w * curve.values[k1];
}

/** Orbit same predictions of the probe under C_n: #{m : sign f(ρ(2πm/n)x) = sign f(x)}, from 1 to n. */
export function probeOrbitSamePredictions(curve: OrbitCurve, n: number): number {
  const s = curveAt(curve, 0) >= 0;
  let same = 0;
  for (let m = 0; m < n; m++) if (curveAt(curve, (2 * Math.PI * m) / n) >= 0 === s) same++;
  return same;
}
