import type { PolarGrid } from '../data/polarGrid';
import { orbitDeviationField } from './orbitDeviation';

/** Which grid points a regional metric averages over. */
export type Region = 'on' | 'off' | 'all';

/** Orbit deviation statistics of one function over one region. */
export interface OrbitDeviationStats {
  /** mean_{x∈R} dev(x): the absolute deviation. Use this at step 0, where f is pure noise. */
  meanDeviation: number;
  /** mean_{x∈R} |f(x)|: the normaliser. */
  meanMagnitude: number;
  /** rstd(R) = mean dev / mean |f| (reference §2). */
  relativeStd: number;
  /** Number of grid points in the region. */
  count: number;
}

function inRegion(mask: Uint8Array, p: number, region: Region): boolean {
  return region === 'all' || (region === 'on' ? mask[p] === 1 : mask[p] === 0);
}

/**
 * Orbit relative standard deviation over a region R (reference §2):
 *   dev(x) = std_{g∈G} f(ρ(g)x),   rstd(R) = mean_{x∈R} dev(x) / mean_{x∈R} |f(x)|.
 * Normalising by the region's mean magnitude rather than the local mean keeps the figure finite where f crosses 0.
 * `deviation` may be passed when the field is already computed.
 */
export function orbitRelativeStd(
  values: ArrayLike<number>,
  grid: PolarGrid,
  n: number,
  mask: Uint8Array,
  region: Region,
  deviation: ArrayLike<number> = orbitDeviationField(values, grid, n),
): OrbitDeviationStats {
  let dev = 0;
  let mag = 0;
  let count = 0;
  for (let p = 0; p < grid.size; p++) {
    if (!inRegion(mask, p, region)) continue;
    dev += deviation[p];
    mag += Math.abs(values[p]);
    count++;
  }
  const meanDeviation = count ? dev / count : NaN;
  const meanMagnitude = count ? mag / count : NaN;
  return { meanDeviation, meanMagnitude, relativeStd: meanMagnitude > 0 ? meanDeviation / meanMagnitude : NaN, count };
}
