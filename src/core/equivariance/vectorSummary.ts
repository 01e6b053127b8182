/**
 * Summarising a vector-lab snapshot: the ensemble mean, the equivariance-deviation fields and the on/off-manifold
 * metrics, from every member's predictions on the polar grid. Free of tfjs, so the worker (one whole ensemble) and
 * the page (a worker pool's slices merged in member order) summarise with the same code.
 */
import { makePolarGrid, type PolarGrid } from '../data/polarGrid';
import { onManifoldMask } from '../metrics/manifoldMask';
import {
  equivarianceDeviationField,
  vectorDeviationStats,
  vectorEnsembleMean,
  vectorMemberField,
  type VectorDeviationStats,
} from './deviation';
import { vectorOutputDimension, type VectorConfig } from './vectorConfig';

/** Every member's predictions on the grid at one step, member-major [E × P × d], and the per-member losses. */
export interface RawVectorSnapshot {
  step: number;
  members: Float32Array;
  losses: Float32Array;
}

/** On- and off-manifold deviation statistics of one vector field. */
export interface VectorRegionalStats {
  on: VectorDeviationStats;
  off: VectorDeviationStats;
}

/** Scalar metrics of one vector snapshot. */
export interface VectorSnapshotMetrics {
  step: number;
  /** Order n of C_n used for the deviation (8 when the run does not augment). */
  measureOrder: number;
  loss: number;
  mean: VectorRegionalStats;
  /** Each statistic averaged over the E members' own values. */
  member: VectorRegionalStats;
  selected: VectorRegionalStats;
  selectedMember: number;
}

/** One point of the vector timeline. Fields are point-major [P × d]; deviations [P]. */
export interface VectorSnapshot {
  step: number;
  ensembleSize: number;
  outputDim: number;
  /** Every member, member-major [E × P × d]. */
  members: Float32Array;
  mean: Float32Array;
  meanDeviation: Float32Array;
  memberDeviation: Float32Array;
  losses: Float32Array;
  metrics: VectorSnapshotMetrics;
}

/** The measurement group: C_n when the run augments with n > 1, else C_8. */
export function vectorMeasureOrder(config: VectorConfig): number {
  return config.groupOrder > 1 ? config.groupOrder : 8;
}

function averageVectorStats(list: VectorDeviationStats[]): VectorDeviationStats {
  const avg = (f: (s: VectorDeviationStats) => number) => list.reduce((a, s) => a + f(s), 0) / list.length;
  return {
    meanDeviation: avg((s) => s.meanDeviation),
    meanMagnitude: avg((s) => s.meanMagnitude),
    relativeStd: avg((s) => s.relativeStd),
    count: list[0]?.count ?? 0,
  };
}

/**
 * Mean, deviation fields and metrics of a raw snapshot. The deviation is measured against the target
 * representation π (not the label representation), so the wrong-representation run shows how far it is from the
 * equivariance the data should have had.
 */
export function summarizeVectorSnapshot(
  raw: RawVectorSnapshot,
  config: VectorConfig,
  grid: PolarGrid,
  mask: Uint8Array,
  selectedMember = 0,
): VectorSnapshot {
  const E = config.ensembleSize;
  const d = vectorOutputDimension(config);
  const P = grid.size;
  const n = vectorMeasureOrder(config);
  const rep = config.representation;
  const mean = vectorEnsembleMean(raw.members, E, P, d);
  const meanDeviation = equivarianceDeviationField(mean, grid, n, rep, d);
  const sel = Math.min(Math.max(0, selectedMember), E - 1);
  let memberDeviation: Float32Array = new Float32Array(P);
  const stats: VectorRegionalStats[] = [];
  for (let k = 0; k < E; k++) {
    const f = vectorMemberField(raw.members, P, d, k);
    const dev = equivarianceDeviationField(f, grid, n, rep, d);
    if (k === sel) memberDeviation = dev;
    stats.push({ on: vectorDeviationStats(f, dev, mask, 'on', d), off: vectorDeviationStats(f, dev, mask, 'off', d) });
  }
  return {
    step: raw.step,
    ensembleSize: E,
    outputDim: d,
    members: raw.members,
    mean,
    meanDeviation,
    memberDeviation,
    losses: raw.losses,
    metrics: {
      step: raw.step,
      measureOrder: n,
      loss: raw.losses.reduce((a, v) => a + v, 0) / raw.losses.length,
      mean: { on: vectorDeviationStats(mean, meanDeviation, mask, 'on', d), off: vectorDeviationStats(mean, meanDeviation, mask, 'off', d) },
      member: { on: averageVectorStats(stats.map((s) => s.on)), off: averageVectorStats(stats.map((s) => s.off)) },
      selected: stats[sel],
      selectedMember: sel,
    },
  };
}

/** The Float32Arrays of a vector snapshot, for transfer with postMessage. */
export function vectorSnapshotTransferables(s: VectorSnapshot): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  for (const a of [s.members, s.mean, s.meanDeviation, s.memberDeviation, s.losses]) {
    if (a.buffer instanceof ArrayBuffer) seen.add(a.buffer);
  }
  return [...seen];
}

/** What summarising needs besides the predictions: the grid and the on-manifold mask of the C_n orbits of the inputs. */
export interface VectorSummaryContext {
  grid: PolarGrid;
  mask: Uint8Array;
}

/** The context of `config`'s run: mask of the grid points near the measurement group's orbits of the inputs. */
export function vectorSummaryContext(config: VectorConfig, grid: PolarGrid = makePolarGrid()): VectorSummaryContext {
  return { grid, mask: onManifoldMask(grid, config.points.map((p) => p.x), vectorMeasureOrder(config)) };
}
