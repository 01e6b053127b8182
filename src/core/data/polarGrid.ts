/**
 * The evaluation set: a polar grid closed under C_n for every n dividing its angle count.
 * Point p = i·nAngles + j sits at radius r_i and angle θ_j = 2πj/nAngles. Rotating by 2πm/n maps angle index j to
 * (j + m·nAngles/n) mod nAngles, so an orbit metric is an index permutation, never an extra forward pass.
 */
export interface PolarGrid {
  radii: Float64Array;
  nAngles: number;
  /** Flattened (x, y) coordinates, length 2·size, as float32 for the network. */
  points: Float32Array;
  size: number;
}

export interface PolarGridSpec {
  nRadii: number;
  nAngles: number;
  rMin: number;
  rMax: number;
}

/** The default: 24 radii from 0.1 to 3.0, 64 angles (1,536 points), as in reference/calibration.md. */
export const DEFAULT_GRID_SPEC: PolarGridSpec = { nRadii: 24, nAngles: 64, rMin: 0.1, rMax: 3.0 };

/** Build a polar grid: r_i = rMin + i(rMax − rMin)/(nRadii − 1), θ_j = 2πj/nAngles. */
export function makePolarGrid(spec: PolarGridSpec = DEFAULT_GRID_SPEC): PolarGrid {
  const { nRadii, nAngles, rMin, rMax } = spec;
  const radii = new Float64Array(nRadii);
  for (let i = 0; i < nRadii; i++) radii[i] = nRadii === 1 ? rMin : rMin + (i * (rMax - rMin)) / (nRadii - 1);
  const size = nRadii * nAngles;
  const points = new Float32Array(2 * size);
  for (let i = 0; i < nRadii; i++) {
    for (let j = 0; j < nAngles; j++) {
      const t = (2 * Math.PI * j) / nAngles;
      const p = i * nAngles + j;
      points[2 * p] = radii[i] * Math.cos(t);
      points[2 * p + 1] = radii[i] * Math.sin(t);
    }
  }
  return { radii, nAngles, points, size };
}

/**
 * The angle-index step of C_n on the grid: rotating by 2π/n is the shift j → j + nAngles/n. Throws when n is not a
 * positive integer dividing nAngles, as then C_n does not map grid points onto grid points.
 */
export function orbitStride(grid: PolarGrid, n: number): number {
  const nA = grid.nAngles;
  if (!Number.isInteger(n) || n < 1 || nA % n !== 0) throw new Error(`group order ${n} does not divide the grid's ${nA} angles`);
  return nA / n;
}

/** Index of the grid point reached by rotating point p by `shift` angle steps (2π·shift/nAngles). */
export function rotatedIndex(grid: PolarGrid, p: number, shift: number): number {
  const n = grid.nAngles;
  const i = Math.floor(p / n);
  const j = p - i * n;
  return i * n + ((((j + shift) % n) + n) % n);
}

/*
 * The coarse grid of the light frames: a subset of the evaluation grid, so a light frame's values are the full grid's
 * values at those points (to float tolerance), and a heatmap drawn from it is the same field, sampled more sparsely.
 */
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
