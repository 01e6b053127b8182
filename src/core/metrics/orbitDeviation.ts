import { orbitStride, type PolarGrid } from '../data/polarGrid';

/**
 * Orbit deviation field: dev(x) = std_{g∈C_n} f(ρ(g)x), the population standard deviation of f over the C_n orbit
 * of each grid point. `values` holds f on the grid (length grid.size); n must divide grid.nAngles, so the orbit of a
 * grid point is the set of points on its ring shifted by multiples of nAngles/n.
 *
 * dev is constant along each orbit; the field is returned for every grid point so it can be drawn as a map.
 */
export function orbitDeviationField(values: ArrayLike<number>, grid: PolarGrid, n: number): Float32Array {
  const stride = orbitStride(grid, n);
  const nA = grid.nAngles;
  const out = new Float32Array(grid.size);
  const nR = grid.radii.length;
  for (let i = 0; i < nR; i++) {
    const base = i * nA;
    for (let j0 = 0; j0 < stride; j0++) {
      // One orbit: angle indices j0, j0 + stride, … Two passes (mean, then squared residuals), so an exactly
      // invariant function reports 0 rather than the cancellation error of E[f²] − E[f]².
      let sum = 0;
      for (let m = 0; m < n; m++) sum += values[base + j0 + m * stride];
      const mean = sum / n;
      let sq = 0;
      for (let m = 0; m < n; m++) {
        const r = values[base + j0 + m * stride] - mean;
        sq += r * r;
      }
      const dev = Math.sqrt(sq / n);
      for (let m = 0; m < n; m++) out[base + j0 + m * stride] = dev;
    }
  }
  return out;
}
