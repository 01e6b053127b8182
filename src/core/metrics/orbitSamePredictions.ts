import { orbitStride, rotatedIndex, type PolarGrid } from '../data/polarGrid';
import type { Region } from './orbitRelativeStd';

/**
 * Orbit same predictions for a ±1 toy classifier (reference §2), with sign(f) in place of argmax:
 *   OSP(x) = Σ_{g∈C_n} 1[sign f(ρ(g)x) = sign f(x)],  ranging from 1 to n,
 * averaged over the grid points of a region.
 */
export function orbitSamePredictions(
  values: ArrayLike<number>,
  grid: PolarGrid,
  n: number,
  mask: Uint8Array,
  region: Region,
): number {
  const stride = orbitStride(grid, n);
  let total = 0;
  let count = 0;
  for (let p = 0; p < grid.size; p++) {
    if (region !== 'all' && (region === 'on') !== (mask[p] === 1)) continue;
    const s = values[p] >= 0;
    let same = 0;
    for (let m = 0; m < n; m++) {
      if (values[rotatedIndex(grid, p, m * stride)] >= 0 === s) same++;
    }
    total += same;
    count++;
  }
  return count ? total / count : NaN;
}

/** OSP of one point x from the values of f on its orbit, f(ρ(g_m)x), m = 0…n−1, with g_0 = e. */
export function orbitSamePredictionsOfOrbit(orbitValues: ArrayLike<number>): number {
  const s = orbitValues[0] >= 0;
  let same = 0;
  for (let m = 0; m < orbitValues.length; m++) if (orbitValues[m] >= 0 === s) same++;
  return same;
}
