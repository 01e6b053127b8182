/**
 * Validation of user-facing lattice settings. Out-of-range values are clamped, never rejected, and every clamp is
 * reported in words so the UI can say what it did.
 */
import type { GaugeGroupName } from './gaugeGroup';

/** The settings of a Wilson-loop Monte Carlo run. */
export interface WilsonLoopOptions {
  group: GaugeGroupName;
  /** Lattice extent in every direction; clamped to 2 … 64. */
  L: number;
  /** Inverse coupling β ≥ 0; negative values are clamped to 0, values above 20 to 20. */
  beta: number;
  /** Sweeps discarded before measuring. */
  thermalize: number;
  /** Measured sweeps. */
  sweeps: number;
  seed: number;
  /** Largest loop extents; clamped to 1 … min(⌊L/2⌋, 8). */
  maxR: number;
  maxT: number;
  /** Number of directions d (2 … 4); default 2. Exact results exist only for d = 2. */
  dims?: number;
  /** SU(2) only: overrelaxation sweeps after each heat-bath sweep; default 0. */
  overrelax?: number;
  /** U(1) only: Metropolis hits per link; default 3. */
  hits?: number;
  /** Bins for the error analysis; default 20. */
  nBins?: number;
  /** Bins of the plaquette eigenphase histogram; default 36. */
  histogramBins?: number;
  /** 'cold' (all links 1) or 'hot' (Haar-random) start; default 'cold'. */
  start?: 'cold' | 'hot';
}

export type NormalizedWilsonLoopOptions = Required<WilsonLoopOptions>;

export const LATTICE_SIZE_MIN = 2;
export const LATTICE_SIZE_MAX = 64;
export const BETA_MAX = 20;
export const LOOP_EXTENT_CAP = 8;
const SWEEPS_MAX = 1_000_000;

/** Clamp an integer setting to [lo, hi], pushing a notice when it had to change. Non-numbers become `fallback`. */
export function clampInteger(name: string, value: number, lo: number, hi: number, fallback: number, notices: string[], why = ''): number {
  if (!Number.isFinite(value)) {
    notices.push(`${name} = ${String(value)} is not a number; using ${fallback}.`);
    return fallback;
  }
  const r = Math.round(value);
  const c = Math.min(hi, Math.max(lo, r));
  if (c !== value) notices.push(`${name} = ${value} is outside ${lo} … ${hi}${why}; using ${c}.`);
  return c;
}

/** The lattice extent L, clamped to 2 … 64. */
export function clampLatticeSize(L: number, notices: string[]): number {
  return clampInteger('L', L, LATTICE_SIZE_MIN, LATTICE_SIZE_MAX, 16, notices);
}

/** β clamped to 0 … 20: a negative β would make the ordered state least likely, and is not a Wilson action. */
export function clampBeta(beta: number, notices: string[]): number {
  if (!Number.isFinite(beta)) {
    notices.push(`β = ${String(beta)} is not a number; using 2.`);
    return 2;
  }
  if (beta < 0) {
    notices.push(`β = ${beta} is negative; the Wilson action needs β ≥ 0, so using β = 0.`);
    return 0;
  }
  if (beta > BETA_MAX) {
    notices.push(`β = ${beta} is above ${BETA_MAX}; using ${BETA_MAX}.`);
    return BETA_MAX;
  }
  return beta;
}

/**
 * A loop extent clamped to 1 … min(⌊L/2⌋, 8). A rectangle wider than half the periodic lattice is dominated by its
 * wrapped-around complement and no longer measures the infinite-volume loop; 8 bounds the cost of a measurement.
 */
export function clampLoopExtent(name: string, value: number, L: number, notices: string[]): number {
  const hi = Math.max(1, Math.min(Math.floor(L / 2), LOOP_EXTENT_CAP));
  return clampInteger(name, value, 1, hi, Math.min(2, hi), notices, ` (a loop may span at most half of the L = ${L} lattice, and at most ${LOOP_EXTENT_CAP})`);
}

/** Fill defaults and clamp every setting of a Wilson-loop run; `notices` receives one sentence per clamp. */
export function normalizeWilsonLoopOptions(o: WilsonLoopOptions): { options: NormalizedWilsonLoopOptions; notices: string[] } {
  const notices: string[] = [];
  const group: GaugeGroupName = o.group === 'U1' ? 'U1' : 'SU2';
  if (o.group !== 'U1' && o.group !== 'SU2') notices.push(`Unknown group ${String(o.group)}; using SU(2).`);
  const L = clampLatticeSize(o.L, notices);
  const beta = clampBeta(o.beta, notices);
  const options: NormalizedWilsonLoopOptions = {
    group,
    L,
    beta,
    thermalize: clampInteger('thermalize', o.thermalize, 0, SWEEPS_MAX, 100, notices),
    sweeps: clampInteger('sweeps', o.sweeps, 2, SWEEPS_MAX, 1000, notices),
    seed: Number.isFinite(o.seed) ? Math.trunc(o.seed) : 0,
    maxR: clampLoopExtent('R', o.maxR, L, notices),
    maxT: clampLoopExtent('T', o.maxT, L, notices),
    dims: clampInteger('dimensions', o.dims ?? 2, 2, 4, 2, notices),
    overrelax: clampInteger('overrelax', o.overrelax ?? 0, 0, 10, 0, notices),
    hits: clampInteger('hits', o.hits ?? 3, 1, 20, 3, notices),
    nBins: clampInteger('bins', o.nBins ?? 20, 2, 1000, 20, notices),
    histogramBins: clampInteger('histogram bins', o.histogramBins ?? 36, 4, 360, 36, notices),
    start: o.start === 'hot' ? 'hot' : 'cold',
  };
  return { options, notices };
}
