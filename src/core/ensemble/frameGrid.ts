/**
 * The coarse grid of the light frames: a subset of the evaluation grid, so a light frame's values are the full grid's
 * values at those points (to float tolerance), and a heatmap drawn from it is the same field, sampled more sparsely.
 */
import { makePolarGrid, type PolarGrid } from '../data/polarGrid';

/** The full grid's radius rows kept: every second one counted from the outermost, so the disc's edge stays. */
function coarseRows(grid: PolarGrid): number[] {
  const nR = grid.radii.length;
  const rows: number[] = [];
  for (let i = (nR - 1) % 2; i < nR; i += 2) rows.push(i);
  return rows;
}

/** Index into the full grid of each coarse point, radius-major like every polar grid: (row i, angle 2j) ↦ i·n_θ + 2j. */
export function coarseToFullIndex(grid: PolarGrid = makePolarGrid()): Int32Array {
  const nA = grid.nAngles / 2;
  const out: number[] = [];
  for (const i of coarseRows(grid)) for (let j = 0; j < nA; j++) out.push(i * grid.nAngles + 2 * j);
  return Int32Array.from(out);
}

/**
 * The light frames' grid: radii r_{2i+1}, i = 0 … 11 of the default 24 (r = 0.226 … 3.0), × every second angle
 * (θ_j = 2πj/32: still a multiple of 16, so every C_n of the app maps the coarse grid onto itself). 384 points
 * against 1,536: a light frame's forward pass is about a quarter of a full one's. The points are copied from `grid`,
 * so they are bit-identical to the full grid's.
 */
export function coarseFrameGrid(grid: PolarGrid = makePolarGrid()): PolarGrid {
  const index = coarseToFullIndex(grid);
  const points = new Float32Array(2 * index.length);
  index.forEach((from, to) => {
    points[2 * to] = grid.points[2 * from];
    points[2 * to + 1] = grid.points[2 * from + 1];
  });
  return { radii: Float64Array.from(coarseRows(grid), (i) => grid.radii[i]), nAngles: grid.nAngles / 2, points, size: index.length };
}
