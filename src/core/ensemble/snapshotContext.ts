/**
 * What summarising a toy snapshot needs besides the predictions: the evaluation grid, the measurement group's order,
 * the on/off-manifold mask and the far-field grid with its region. One construction for the worker's ToyRun and the
 * page's merge of a worker pool's slices, so both summarise with the same context.
 */
import { makePolarGrid, type PolarGrid } from '../data/polarGrid';
import { onManifoldMask } from '../metrics/manifoldMask';
import { farFieldMask, farFieldRadius, makeFarFieldGrid } from '../metrics/farField';
import type { EnsembleConfig } from './config';
import { measurementOrder } from './groupSpec';
import { summarizeSnapshot, type FarFieldContext, type Snapshot } from './snapshot';
import type { RawSnapshot } from './trainer';

export interface SnapshotContext {
  grid: PolarGrid;
  /** Order n of the C_n the orbit metrics use. */
  measureOrder: number;
  mask: Uint8Array;
  far: FarFieldContext;
}

/** The context for `config`'s training points: mask of points within the on-manifold radius, far region r > 2·r_max. */
export function snapshotContext(config: EnsembleConfig, grid: PolarGrid = makePolarGrid()): SnapshotContext {
  const xs = config.points.map((p) => p.x);
  const farGrid = makeFarFieldGrid();
  const rFar = farFieldRadius(xs);
  return {
    grid,
    measureOrder: measurementOrder(config.group, grid.nAngles),
    mask: onManifoldMask(grid, xs, measurementOrder(config.group, grid.nAngles)),
    far: { grid: farGrid, rFar, mask: farFieldMask(farGrid, rFar) },
  };
}

/** `summarizeSnapshot` of a whole ensemble's raw snapshot in this context. */
export function summarizeInContext(raw: RawSnapshot, E: number, ctx: SnapshotContext, selectedMember: number): Snapshot {
  return summarizeSnapshot(raw, E, ctx.grid, ctx.measureOrder, ctx.mask, selectedMember, ctx.far);
}
