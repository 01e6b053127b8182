/**
 * Error bars for Monte Carlo time series. Successive configurations are correlated, so the naive σ/√n is too small;
 * averaging over blocks (bins) much longer than the autocorrelation time gives nearly independent bin means.
 */
import { sumOf, sumSquaredDeviations } from '../metrics/sums';

/** A mean with its standard error. */
export interface Estimate {
  mean: number;
  error: number;
  /** Measurements per bin. */
  binSize: number;
  /** Number of bins used. */
  nBins: number;
}

/**
 * Binned mean and standard error: split the series into B equal bins (dropping the remainder at the start, the least
 * thermalised part), with bin means b̄_i, then
 *   mean = (1/B) Σ b̄_i,   error = √( Σ (b̄_i − mean)² / (B(B − 1)) ).
 */
export function binnedEstimate(series: ArrayLike<number>, nBins = 20): Estimate {
  const n = series.length;
  if (n === 0) return { mean: NaN, error: NaN, binSize: 0, nBins: 0 };
  const B = Math.max(1, Math.min(nBins, n));
  const size = Math.floor(n / B);
  const start = n - B * size;
  const means = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    let s = 0;
    for (let i = 0; i < size; i++) s += series[start + b * size + i];
    means[b] = s / size;
  }
  const mean = sumOf(means) / B;
  const ss = sumSquaredDeviations(means, mean);
  const error = B > 1 ? Math.sqrt(ss / (B * (B - 1))) : NaN;
  return { mean, error, binSize: size, nBins: B };
}

/**
 * Jackknife over bins for a function of means, f(⟨a⟩, ⟨b⟩, …): leave-one-bin-out estimates f_i, then
 *   error = √( (B − 1)/B · Σ (f_i − f̄)² ).
 * For f = identity this equals the binned standard error.
 */
export function jackknifeEstimate(
  seriesList: readonly ArrayLike<number>[],
  f: (means: number[]) => number,
  nBins = 20,
): Estimate {
  const n = seriesList[0]?.length ?? 0;
  const B = Math.max(1, Math.min(nBins, n));
  const size = Math.floor(n / B);
  const start = n - B * size;
  const k = seriesList.length;
  const binSums = seriesList.map((s) => {
    const sums = new Float64Array(B);
    for (let b = 0; b < B; b++) for (let i = 0; i < size; i++) sums[b] += s[start + b * size + i];
    return sums;
  });
  const totals = binSums.map((sums) => sums.reduce((p, v) => p + v, 0));
  const full = f(totals.map((t) => t / (B * size)));
  if (B < 2) return { mean: full, error: NaN, binSize: size, nBins: B };
  const leave = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    const means: number[] = [];
    for (let j = 0; j < k; j++) means.push((totals[j] - binSums[j][b]) / ((B - 1) * size));
    leave[b] = f(means);
  }
  const avg = leave.reduce((p, v) => p + v, 0) / B;
  let ss = 0;
  for (let b = 0; b < B; b++) ss += (leave[b] - avg) ** 2;
  return { mean: full, error: Math.sqrt(((B - 1) / B) * ss), binSize: size, nBins: B };
}
