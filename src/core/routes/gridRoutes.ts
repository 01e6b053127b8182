/**
 * Routes to a C_n-invariant function on the polar evaluation grid (reference §6), computed from predictions that are
 * already stored: a rotation by 2πm/n is the angle-index shift j → j + m·nAngles/n, so every route below is an
 * index permutation or an average over index shifts of f on the grid. No extra forward pass is needed.
 *
 * Conventions: `values[i·nAngles + j]` = f(r_i, θ_j) with θ_j = 2πj/nAngles; n must divide nAngles.
 */
import { orbitStride, type PolarGrid } from '../data/polarGrid';
import { Rng } from '../rng';
import { orbitRelativeStd, type Region } from '../metrics/orbitRelativeStd';

/**
 * Group averaging (symmetrisation) on the grid, exact for C_n:
 *   f̄(x) = (1/n) Σ_{m=0}^{n−1} f(ρ(g_m)⁻¹ x),   i.e.  f̄(r_i, θ_j) = (1/n) Σ_m f(r_i, θ_{j − m·nAngles/n}).
 * Every point of an orbit gets the same sum (in a fixed order), so f̄ is invariant to rounding level.
 * Cost: n forward passes of f per prediction.
 */
export function groupAverageOnGrid(values: ArrayLike<number>, grid: PolarGrid, n: number): Float32Array {
  const stride = orbitStride(grid, n);
  const nA = grid.nAngles;
  const out = new Float32Array(grid.size);
  for (let i = 0; i < grid.radii.length; i++) {
    const base = i * nA;
    for (let j0 = 0; j0 < stride; j0++) {
      // Sum the orbit in a fixed order (j0, j0 + stride, …) so all n points receive a bit-identical value.
      let sum = 0;
      for (let m = 0; m < n; m++) sum += values[base + j0 + m * stride];
      const avg = sum / n;
      for (let m = 0; m < n; m++) out[base + j0 + m * stride] = avg;
    }
  }
  return out;
}

/**
 * Average over an arbitrary list of angle-index shifts s_1 … s_M (rotations by 2πs/nAngles):
 *   f̄_M(r_i, θ_j) = (1/M) Σ_k f(r_i, θ_{j − s_k}).
 * With the M evenly spaced shifts of C_M this is `groupAverageOnGrid(·, M)`; with random shifts it is the Monte Carlo
 * estimate of the SO(2) average (the grid's ring of nAngles angles standing in for SO(2)).
 */
export function shiftAverageOnGrid(values: ArrayLike<number>, grid: PolarGrid, shifts: readonly number[]): Float32Array {
  if (shifts.length === 0) throw new Error('shift average needs at least one shift');
  const nA = grid.nAngles;
  const out = new Float32Array(grid.size);
  for (let i = 0; i < grid.radii.length; i++) {
    const base = i * nA;
    for (let j = 0; j < nA; j++) {
      let sum = 0;
      for (const s of shifts) sum += values[base + ((((j - s) % nA) + nA) % nA)];
      out[base + j] = sum / shifts.length;
    }
  }
  return out;
}

/**
 * Canonicalisation into the fundamental sector S = [0, 2π/n) (Kaba et al.): h(x) = g_m with m = ⌊θ(x)/(2π/n)⌋ is
 * equivariant, h(ρ(g)x) = g h(x), and f_can(x) = f(ρ(h(x))⁻¹x). On the grid, ρ(h)⁻¹ maps angle index j to
 * j mod (nAngles/n):  f_can(r_i, θ_j) = f(r_i, θ_{j mod nAngles/n}).  Exactly invariant (values are copied).
 * Cost: one forward pass per prediction (plus h, which is free here).
 */
export function canonicalizeOnGrid(values: ArrayLike<number>, grid: PolarGrid, n: number): Float32Array {
  const stride = orbitStride(grid, n);
  const nA = grid.nAngles;
  const out = new Float32Array(grid.size);
  for (let p = 0; p < grid.size; p++) {
    const i = Math.floor(p / nA);
    const j = p - i * nA;
    out[p] = values[i * nA + (j % stride)];
  }
  return out;
}

/** The canonical angle index of grid angle j for C_n: j mod (nAngles/n), the representative in the sector [0, 2π/n). */
export function canonicalAngleIndex(j: number, nAngles: number, n: number): number {
  const stride = nAngles / n;
  return ((j % stride) + stride) % stride;
}

/**
 * The frame of grid angle j for C_n with the closed sector S̄ = [−π/n, π/n] (Puny et al.):
 *   F(x) = { g_m ∈ C_n : ρ(g_m)⁻¹x ∈ S̄ },   equivariant: F(ρ(g)x) = g F(x).
 * Interior points have a one-element frame; points on a sector boundary (θ = ±π/n after rotation, which exist on the
 * grid when nAngles/n is even) have two. Returns the group indices m.
 */
export function sectorFrameOnGrid(j: number, nAngles: number, n: number): number[] {
  const stride = nAngles / n;
  const out: number[] = [];
  for (let m = 0; m < n; m++) {
    // rotated index j − m·stride, wrapped into (−nAngles/2, nAngles/2]
    let r = (((j - m * stride) % nAngles) + nAngles) % nAngles;
    if (r > nAngles / 2) r -= nAngles;
    if (2 * Math.abs(r) <= stride) out.push(m);
  }
  return out;
}

/**
 * Frame averaging on the grid: f_FA(x) = (1/|F(x)|) Σ_{g∈F(x)} f(ρ(g)⁻¹x), with the sector frame above. Exactly
 * invariant; where |F(x)| = 1 it equals canonicalisation into [−π/n, π/n). Also returns the mean frame size, which is
 * the cost in forward passes per prediction.
 */
export function frameAverageOnGrid(
  values: ArrayLike<number>,
  grid: PolarGrid,
  n: number,
): { values: Float32Array; meanFrameSize: number; maxFrameSize: number } {
  const stride = orbitStride(grid, n);
  const nA = grid.nAngles;
  const frames = Array.from({ length: nA }, (_, j) => sectorFrameOnGrid(j, nA, n));
  const out = new Float32Array(grid.size);
  let total = 0;
  let maxSize = 0;
  for (let i = 0; i < grid.radii.length; i++) {
    const base = i * nA;
    for (let j = 0; j < nA; j++) {
      const F = frames[j];
      // Sum in the order of the canonical representative so every orbit point gets a bit-identical value.
      const reps = F.map((m) => ((((j - m * stride) % nA) + nA) % nA)).sort((a, b) => a - b);
      let sum = 0;
      for (const q of reps) sum += values[base + q];
      out[base + j] = sum / F.length;
      total += F.length;
      maxSize = Math.max(maxSize, F.length);
    }
  }
  return { values: out, meanFrameSize: total / grid.size, maxFrameSize: maxSize };
}

/** One point of the SO(2) residual curve. */
export interface So2ResidualPoint {
  /** Number of averaged angles M. */
  M: number;
  /** Residual of f̄_M with M evenly spaced angles (= exact C_M averaging); NaN when M does not divide the ring. */
  evenly: number;
  /** The same with M angles drawn uniformly from the ring (Monte Carlo), averaged over `repeats` draws. */
  random: number;
}

/**
 * Residual SO(2) non-invariance of the group average as the number of sampled angles M grows. SO(2) is represented
 * by the grid's ring of nAngles angles (the stand-in the rest of the lab uses), and the residual is normalised by the
 * magnitude of the function before averaging, so it is comparable across M:
 *   residual(M) = mean_{x∈R} std_{ψ∈ring} f̄_M(ρ(ψ)x) / mean_{x∈R} |f(x)|.
 * Evenly spaced angles reach 0 at M = nAngles; random angles fall like 1/√M.
 */
export function so2ResidualCurve(
  values: ArrayLike<number>,
  grid: PolarGrid,
  mask: Uint8Array,
  Ms: readonly number[],
  seed: number,
  region: Region = 'off',
  repeats = 4,
): So2ResidualPoint[] {
  const nA = grid.nAngles;
  const norm = orbitRelativeStd(values, grid, nA, mask, region).meanMagnitude;
  const residual = (avg: Float32Array) => orbitRelativeStd(avg, grid, nA, mask, region).meanDeviation / norm;
  return Ms.map((M) => {
    const evenly = nA % M === 0 ? residual(groupAverageOnGrid(values, grid, M)) : NaN;
    let random = 0;
    for (let r = 0; r < repeats; r++) {
      const rng = new Rng(seed, 0x50c2, M, r);
      const shifts = Array.from({ length: M }, () => rng.int(nA));
      random += residual(shiftAverageOnGrid(values, grid, shifts));
    }
    return { M, evenly, random: random / repeats };
  });
}
