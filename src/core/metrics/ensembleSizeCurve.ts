import type { PolarGrid } from '../data/polarGrid';
import { ensembleMean } from './ensembleStatistics';
import { orbitRelativeStd, type Region } from './orbitRelativeStd';

/** The invariance metric of the ensemble mean as a function of ensemble size, from one trained ensemble. */
export interface EnsembleSizeCurve {
  /** Subset sizes 1, 2, 4, …, up to E (E itself included). */
  sizes: number[];
  /** For each size s: the mean over the ⌊E/s⌋ disjoint subsets of size s of rstd(R) of the subset mean. */
  relativeStd: number[];
  /** The same with the absolute mean deviation, which is the right measure where f̄ is mostly noise. */
  meanDeviation: number[];
}

/**
 * Invariance of subset means against subset size, computed from subsets of the E trained members, never from extra
 * runs: for s ∈ {1, 2, 4, …, E}, split members into disjoint blocks [js, (j+1)s) and average rstd(f̄_block) over the
 * blocks. For i.i.d. members the deviation of the mean falls like 1/√s (reference §1).
 */
export function ensembleSizeCurve(
  members: Float32Array,
  E: number,
  grid: PolarGrid,
  n: number,
  mask: Uint8Array,
  region: Region = 'off',
): EnsembleSizeCurve {
  const P = grid.size;
  const sizes: number[] = [];
  for (let s = 1; s < E; s *= 2) sizes.push(s);
  sizes.push(E);
  const relativeStd: number[] = [];
  const meanDeviation: number[] = [];
  for (const s of sizes) {
    const blocks = Math.floor(E / s);
    let r = 0;
    let d = 0;
    for (let j = 0; j < blocks; j++) {
      const stats = orbitRelativeStd(ensembleMean(members, E, P, j * s, s), grid, n, mask, region);
      r += stats.relativeStd;
      d += stats.meanDeviation;
    }
    relativeStd.push(r / blocks);
    meanDeviation.push(d / blocks);
  }
  return { sizes, relativeStd, meanDeviation };
}
