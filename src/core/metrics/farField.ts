/**
 * The far field: where the toy example extrapolates. The evaluation disc ends at radius 3 while the outermost
 * training orbit of the default set lies at 2.47, so "far from the data" needs a second, coarser polar grid out to
 * radius 12, and a region defined relative to the data: r > 2·r_max, r_max = max_i |x_i|.
 */
import { makePolarGrid, type PolarGrid, type PolarGridSpec } from '../data/polarGrid';
import { orbitDeviationField } from './orbitDeviation';
import { orbitRelativeStd, type OrbitDeviationStats } from './orbitRelativeStd';

/** 16 radii 0.75, 1.5, …, 12 (step 0.75) × 64 angles: 1,024 points, closed under C_n for n | 64 like the main grid. */
export const FAR_GRID_SPEC: PolarGridSpec = { nRadii: 16, nAngles: 64, rMin: 0.75, rMax: 12 };

/** The far-field grid (see FAR_GRID_SPEC). */
export function makeFarFieldGrid(): PolarGrid {
  return makePolarGrid(FAR_GRID_SPEC);
}

/** The far-field region's inner radius: `factor`·max_i |x_i| (factor 2), or 0 when there are no points. */
export function farFieldRadius(trainX: readonly (readonly [number, number])[], factor = 2): number {
  let r = 0;
  for (const x of trainX) r = Math.max(r, Math.hypot(x[0], x[1]));
  return factor * r;
}

/**
 * Far-field mask in the convention of onManifoldMask: 0 (counted as "off") where |x_p| > rFar, 1 elsewhere, so
 * `orbitRelativeStd(…, mask, 'off')` measures exactly the far region. Rotation-invariant (it depends on |x| only),
 * so every C_n orbit lies wholly inside or outside it.
 */
export function farFieldMask(grid: PolarGrid, rFar: number): Uint8Array {
  const mask = new Uint8Array(grid.size);
  const nA = grid.nAngles;
  for (let i = 0; i < grid.radii.length; i++) {
    if (grid.radii[i] > rFar) continue;
    mask.fill(1, i * nA, (i + 1) * nA);
  }
  return mask;
}

/** Orbit statistics on the far region r > rFar of the far grid (ensemble mean, members' average, selected member). */
export interface FarFieldMetrics {
  /** Inner radius of the region, 2·r_max. */
  rFar: number;
  /** Outer radius of the far grid. */
  rOuter: number;
  mean: OrbitDeviationStats;
  member: OrbitDeviationStats;
  selected: OrbitDeviationStats;
}

/**
 * Orbit statistics of f on the far region (reference §2 definitions restricted to r > rFar):
 *   dev(x) = std_{g∈C_n} f(ρ(g)x),  rstd = mean_{far} dev / mean_{far} |f|.
 */
export function farFieldStats(values: ArrayLike<number>, grid: PolarGrid, n: number, mask: Uint8Array): OrbitDeviationStats {
  return orbitRelativeStd(values, grid, n, mask, 'off', orbitDeviationField(values, grid, n));
}
