/**
 * The equivariance deviation of a vector field on the polar grid (reference §2, generalised to vector outputs).
 *
 * For f: ℝ² → ℝ^d, an output representation π and the group C_n = {R(2πm/n)}:
 *
 *     v_g(x)  = π(g)⁻¹ f(ρ(g)x)                         (the orbit pulled back to x)
 *     dev(x)  = √( (1/n) Σ_g ‖v_g(x) − v̄(x)‖² ),  v̄ = (1/n) Σ_g v_g     (population std of a vector, by its norm)
 *     rstd(R) = mean_{x∈R} dev(x) / mean_{x∈R} ‖f(x)‖
 *
 * dev = 0 exactly when f(ρ(g)x) = π(g) f(x) on the orbit; for d = 1 and π trivial it is the scalar orbit deviation.
 * dev is constant along each orbit (π is orthogonal), and is returned for every grid point so it can be drawn.
 */
import { orbitStride, rotatedIndex, type PolarGrid } from '../data/polarGrid';
import { outputRotationAngle, type OutputRepresentation } from './representation';

/** Where to measure: near an augmented training point (on) or everywhere else (off). */
export type VectorRegion = 'on' | 'off';

/** Regional summary of the deviation of one vector field. */
export interface VectorDeviationStats {
  /** mean_{x∈R} dev(x). */
  meanDeviation: number;
  /** mean_{x∈R} ‖f(x)‖. */
  meanMagnitude: number;
  /** rstd(R) = meanDeviation / meanMagnitude (NaN for an empty region). */
  relativeStd: number;
  /** Number of grid points in R. */
  count: number;
}

/**
 * dev(x) at every grid point for a field stored point-major, values[p·d + c] = f_c(x_p). n must divide the grid's
 * angle count. π must act on ℝ^d (check with `assertRepresentationFits`).
 */
export function equivarianceDeviationField(
  values: ArrayLike<number>,
  grid: PolarGrid,
  n: number,
  rep: OutputRepresentation,
  d: number,
): Float32Array {
  const stride = orbitStride(grid, n);
  const out = new Float32Array(grid.size);
  const cos = new Float64Array(n);
  const sin = new Float64Array(n);
  for (let m = 0; m < n; m++) {
    // π(g)⁻¹ = π(g⁻¹): rotate back by the output angle of g.
    const phi = -outputRotationAngle(rep, (2 * Math.PI * m) / n);
    cos[m] = Math.cos(phi);
    sin[m] = Math.sin(phi);
  }
  const v = new Float64Array(n * d);
  for (let p = 0; p < grid.size; p++) {
    for (let m = 0; m < n; m++) {
      const q = rotatedIndex(grid, p, m * stride);
      if (d === 2 && rep.kind !== 'trivial') {
        const a = values[2 * q];
        const b = values[2 * q + 1];
        v[2 * m] = cos[m] * a - sin[m] * b;
        v[2 * m + 1] = sin[m] * a + cos[m] * b;
      } else {
        for (let c = 0; c < d; c++) v[m * d + c] = values[q * d + c];
      }
    }
    let sq = 0;
    for (let c = 0; c < d; c++) {
      let mean = 0;
      for (let m = 0; m < n; m++) mean += v[m * d + c];
      mean /= n;
      for (let m = 0; m < n; m++) {
        const r = v[m * d + c] - mean;
        sq += r * r;
      }
    }
    out[p] = Math.sqrt(sq / n);
  }
  return out;
}

/** ‖f(x_p)‖ at every grid point. */
export function vectorMagnitudeField(values: ArrayLike<number>, size: number, d: number): Float32Array {
  const out = new Float32Array(size);
  for (let p = 0; p < size; p++) {
    let s = 0;
    for (let c = 0; c < d; c++) s += values[p * d + c] * values[p * d + c];
    out[p] = Math.sqrt(s);
  }
  return out;
}

/** rstd(R) = mean_R dev / mean_R ‖f‖ over the grid points with mask = 1 (on) or mask = 0 (off). */
export function vectorDeviationStats(
  values: ArrayLike<number>,
  deviation: ArrayLike<number>,
  mask: Uint8Array,
  region: VectorRegion,
  d: number,
): VectorDeviationStats {
  const want = region === 'on' ? 1 : 0;
  let dev = 0;
  let mag = 0;
  let count = 0;
  for (let p = 0; p < mask.length; p++) {
    if (mask[p] !== want) continue;
    let s = 0;
    for (let c = 0; c < d; c++) s += values[p * d + c] * values[p * d + c];
    mag += Math.sqrt(s);
    dev += deviation[p];
    count++;
  }
  if (count === 0) return { meanDeviation: NaN, meanMagnitude: NaN, relativeStd: NaN, count: 0 };
  return { meanDeviation: dev / count, meanMagnitude: mag / count, relativeStd: dev / mag, count };
}

/**
 * Ensemble mean f̄(x_p) = (1/s) Σ_{k=start}^{start+s−1} f_k(x_p) of member fields stored member-major,
 * members[(k·P + p)·d + c]. Default: all E members.
 */
export function vectorEnsembleMean(
  members: Float32Array,
  E: number,
  P: number,
  d: number,
  start = 0,
  count = E,
): Float32Array {
  const out = new Float32Array(P * d);
  const len = P * d;
  for (let k = start; k < start + count; k++) {
    const o = k * len;
    for (let i = 0; i < len; i++) out[i] += members[o + i];
  }
  for (let i = 0; i < len; i++) out[i] /= count;
  return out;
}

/** Member k's field, a view into the member-major array (no copy). */
export function vectorMemberField(members: Float32Array, P: number, d: number, k: number): Float32Array {
  return members.subarray(k * P * d, (k + 1) * P * d);
}

/**
 * The orbit view for vectors: rotate a probe on grid ring `ring` (starting at angle index `j0`) by each of the
 * grid's nA angles θ_s = 2πs/nA, and compare the predicted arrow f(ρ(θ_s)x) with the equivariant one π(θ_s)f(x).
 * Returns the signed angle between them, in degrees in (−180, 180], for every s (s = 0 gives 0). NaN where either
 * arrow vanishes, and for d ≠ 2 or π trivial (an angle needs a rotating plane).
 */
export function orbitAngleErrors(
  values: ArrayLike<number>,
  grid: PolarGrid,
  ring: number,
  j0: number,
  rep: OutputRepresentation,
  d: number,
): Float64Array {
  const nA = grid.nAngles;
  const out = new Float64Array(nA);
  if (d !== 2 || rep.kind === 'trivial') return out.fill(NaN);
  const p0 = ring * nA + j0;
  const a0 = values[2 * p0];
  const b0 = values[2 * p0 + 1];
  for (let s = 0; s < nA; s++) {
    const phi = outputRotationAngle(rep, (2 * Math.PI * s) / nA);
    const ex = Math.cos(phi) * a0 - Math.sin(phi) * b0;
    const ey = Math.sin(phi) * a0 + Math.cos(phi) * b0;
    const q = rotatedIndex(grid, p0, s);
    const fx = values[2 * q];
    const fy = values[2 * q + 1];
    if (Math.hypot(ex, ey) < 1e-12 || Math.hypot(fx, fy) < 1e-12) {
      out[s] = NaN;
      continue;
    }
    out[s] = (Math.atan2(ex * fy - ey * fx, ex * fx + ey * fy) * 180) / Math.PI;
  }
  return out;
}

/** mean_s |angle error_s| over the finite entries (degrees); NaN if none. */
export function meanAbsoluteAngleError(errors: ArrayLike<number>): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < errors.length; i++) {
    if (Number.isFinite(errors[i])) {
      s += Math.abs(errors[i]);
      n++;
    }
  }
  return n ? s / n : NaN;
}
