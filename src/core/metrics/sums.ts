/**
 * The two sums behind every mean-and-spread statistic (binned Monte Carlo errors, Pearson's χ²), written once and
 * summed in index order so that every caller rounds the same way.
 */

/** Σ_i a_i, in index order. */
export function sumOf(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

/** Σ_i (a_i − c)² / w, in index order: the sum of squared deviations from c (w = 1), or Pearson's χ² (c = w = e). */
export function sumSquaredDeviations(a: ArrayLike<number>, c: number, w = 1): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - c) ** 2 / w;
  return s;
}
