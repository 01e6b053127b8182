import type { PolarGrid } from '../data/polarGrid';

/** Distance that separates the on-manifold region from the off-manifold one (reference §2). */
export const ON_MANIFOLD_RADIUS = 0.3;

/**
 * On-manifold mask: 1 where a grid point lies within `radius` of some augmented training point ρ(g)x_i, g ∈ C_n,
 * 0 elsewhere (the off-manifold region). `n` is the order of the measurement group.
 */
export function onManifoldMask(
  grid: PolarGrid,
  trainX: readonly (readonly [number, number])[],
  n: number,
  radius = ON_MANIFOLD_RADIUS,
): Uint8Array {
  const orbit: [number, number][] = [];
  for (const x of trainX) {
    for (let m = 0; m < n; m++) {
      const t = (2 * Math.PI * m) / n;
      orbit.push([Math.cos(t) * x[0] - Math.sin(t) * x[1], Math.sin(t) * x[0] + Math.cos(t) * x[1]]);
    }
  }
  const r2 = radius * radius;
  const mask = new Uint8Array(grid.size);
  for (let p = 0; p < grid.size; p++) {
    const px = grid.points[2 * p];
    const py = grid.points[2 * p + 1];
    for (const [ox, oy] of orbit) {
      const dx = px - ox;
      const dy = py - oy;
      if (dx * dx + dy * dy <= r2) {
        mask[p] = 1;
        break;
      }
    }
  }
  return mask;
}
