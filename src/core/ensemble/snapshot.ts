import type { PolarGrid } from '../data/polarGrid';
import { ensembleMean, ensembleSpread, memberPredictions } from '../metrics/ensembleStatistics';
import { ensembleSizeCurve, type EnsembleSizeCurve } from '../metrics/ensembleSizeCurve';
import { orbitDeviationField } from '../metrics/orbitDeviation';
import { orbitRelativeStd, type OrbitDeviationStats } from '../metrics/orbitRelativeStd';
import { orbitSamePredictions } from '../metrics/orbitSamePredictions';
import { farFieldStats, type FarFieldMetrics } from '../metrics/farField';
import type { RawFrame, RawSnapshot } from './trainer';

/** The far-field grid and region a snapshot is also summarised on (see metrics/farField.ts). */
export interface FarFieldContext {
  grid: PolarGrid;
  /** 0 on the far region r > rFar (the convention of onManifoldMask's "off"). */
  mask: Uint8Array;
  rFar: number;
}

/** Orbit statistics of one function, split into the on- and off-manifold regions. */
export interface RegionalStats {
  on: OrbitDeviationStats;
  off: OrbitDeviationStats;
  /** Orbit same predictions (sign of f), averaged over each region: 1 … n. */
  ospOn: number;
  ospOff: number;
}

/** The scalar metrics of one snapshot (reference §2 definitions). */
export interface SnapshotMetrics {
  step: number;
  /** Order n of the group C_n the orbit metrics use. */
  measureOrder: number;
  /** Mean over members of the training loss. */
  loss: number;
  noAugLoss?: number;
  /** Ensemble mean, with augmentation. */
  mean: RegionalStats;
  /** Member with augmentation: each statistic averaged over the E members' own values. */
  member: RegionalStats;
  /** The selected member (index `selectedMember`). */
  selected: RegionalStats;
  selectedMember: number;
  /** Ensemble mean without augmentation. */
  noAugMean?: RegionalStats;
  /** rstd of subset means against subset size (off-manifold). */
  sizeCurve: EnsembleSizeCurve;
  /** Orbit statistics beyond twice the outermost training radius, on the far grid (absent in older recordings). */
  far?: FarFieldMetrics;
}

/** One point of the timeline: fields on the evaluation grid plus scalar metrics. Arrays are transferable. */
export interface Snapshot {
  step: number;
  ensembleSize: number;
  /** Every member's predictions, member-major [E × P]. */
  members: Float32Array;
  mean: Float32Array;
  /** Population std over members at each point. */
  spread: Float32Array;
  /** dev(x) of the ensemble mean. */
  meanDeviation: Float32Array;
  /** dev(x) of the selected member. */
  memberDeviation: Float32Array;
  losses: Float32Array;
  noAugMean?: Float32Array;
  noAugMeanDeviation?: Float32Array;
  /** One member of the no-augmentation twin (the selected index). */
  noAugMember?: Float32Array;
  noAugLosses?: Float32Array;
  /** The ensemble mean on the far-field grid (out to radius 12), when the run evaluates it. */
  farMean?: Float32Array;
  metrics: SnapshotMetrics;
}

/** Regional orbit statistics of one function on the grid. */
export function regionalStats(
  values: ArrayLike<number>,
  grid: PolarGrid,
  n: number,
  mask: Uint8Array,
  deviation: ArrayLike<number> = orbitDeviationField(values, grid, n),
): RegionalStats {
  return {
    on: orbitRelativeStd(values, grid, n, mask, 'on', deviation),
    off: orbitRelativeStd(values, grid, n, mask, 'off', deviation),
    ospOn: orbitSamePredictions(values, grid, n, mask, 'on'),
    ospOff: orbitSamePredictions(values, grid, n, mask, 'off'),
  };
}

function averageStats(list: OrbitDeviationStats[]): OrbitDeviationStats {
  const avg = (f: (s: OrbitDeviationStats) => number) => list.reduce((a, s) => a + f(s), 0) / list.length;
  return {
    meanDeviation: avg((s) => s.meanDeviation),
    meanMagnitude: avg((s) => s.meanMagnitude),
    relativeStd: avg((s) => s.relativeStd),
    count: list[0]?.count ?? 0,
  };
}

/**
 * Turn raw member predictions into a snapshot: mean, spread, deviation fields and the scalar metrics of §3.
 * Pure JS on a few hundred thousand floats: milliseconds, in the worker.
 */
export function summarizeSnapshot(
  raw: RawSnapshot,
  E: number,
  grid: PolarGrid,
  measureOrder: number,
  mask: Uint8Array,
  selectedMember = 0,
  farContext?: FarFieldContext,
): Snapshot {
  const P = grid.size;
  const n = measureOrder;
  const mean = ensembleMean(raw.members, E, P);
  const spread = ensembleSpread(raw.members, E, P, mean);
  const meanDeviation = orbitDeviationField(mean, grid, n);
  const sel = Math.min(Math.max(0, selectedMember), E - 1);
  const memberStats: RegionalStats[] = [];
  let memberDeviation: Float32Array = new Float32Array(P);
  for (let k = 0; k < E; k++) {
    const f = memberPredictions(raw.members, P, k);
    const dev = orbitDeviationField(f, grid, n);
    if (k === sel) memberDeviation = dev;
    memberStats.push(regionalStats(f, grid, n, mask, dev));
  }
  const member: RegionalStats = {
    on: averageStats(memberStats.map((s) => s.on)),
    off: averageStats(memberStats.map((s) => s.off)),
    ospOn: memberStats.reduce((a, s) => a + s.ospOn, 0) / E,
    ospOff: memberStats.reduce((a, s) => a + s.ospOff, 0) / E,
  };
  const meanLoss = (l: Float32Array) => l.reduce((a, v) => a + v, 0) / l.length;

  let noAugMean: Float32Array | undefined;
  let noAugMeanDeviation: Float32Array | undefined;
  let noAugMember: Float32Array | undefined;
  let noAugStats: RegionalStats | undefined;
  if (raw.noAugMembers) {
    noAugMean = ensembleMean(raw.noAugMembers, E, P);
    noAugMeanDeviation = orbitDeviationField(noAugMean, grid, n);
    noAugMember = memberPredictions(raw.noAugMembers, P, sel).slice();
    noAugStats = regionalStats(noAugMean, grid, n, mask, noAugMeanDeviation);
  }

  let farMean: Float32Array | undefined;
  let far: FarFieldMetrics | undefined;
  if (farContext && raw.farMembers) {
    const FP = farContext.grid.size;
    farMean = ensembleMean(raw.farMembers, E, FP);
    const memberFar = Array.from({ length: E }, (_, k) => farFieldStats(memberPredictions(raw.farMembers!, FP, k), farContext.grid, n, farContext.mask));
    far = {
      rFar: farContext.rFar,
      rOuter: farContext.grid.radii[farContext.grid.radii.length - 1],
      mean: farFieldStats(farMean, farContext.grid, n, farContext.mask),
      member: averageStats(memberFar),
      selected: memberFar[sel],
    };
  }

  return {
    step: raw.step,
    ensembleSize: E,
    members: raw.members,
    farMean,
    mean,
    spread,
    meanDeviation,
    memberDeviation,
    losses: raw.losses,
    noAugMean,
    noAugMeanDeviation,
    noAugMember,
    noAugLosses: raw.noAugLosses,
    metrics: {
      step: raw.step,
      measureOrder: n,
      loss: meanLoss(raw.losses),
      noAugLoss: raw.noAugLosses ? meanLoss(raw.noAugLosses) : undefined,
      mean: regionalStats(mean, grid, n, mask, meanDeviation),
      member,
      selected: memberStats[sel],
      selectedMember: sel,
      noAugMean: noAugStats,
      sizeCurve: ensembleSizeCurve(raw.members, E, grid, n, mask, 'off'),
      far,
    },
  };
}

/** The Float32Arrays of a snapshot, for zero-copy transfer with postMessage. */
export function snapshotTransferables(s: Snapshot): ArrayBuffer[] {
  const arrays = [
    s.members,
    s.mean,
    s.spread,
    s.meanDeviation,
    s.memberDeviation,
    s.losses,
    s.noAugMean,
    s.noAugMeanDeviation,
    s.noAugMember,
    s.noAugLosses,
    s.farMean,
  ];
  const seen = new Set<ArrayBuffer>();
  for (const a of arrays) if (a && a.buffer instanceof ArrayBuffer) seen.add(a.buffer);
  return [...seen];
}

/*
 * Light frames: the animation's frames between the full snapshots. A full snapshot keeps every member on the full
 * grid and feeds the metrics; a light frame is a real evaluation of every member too, on the coarse grid
 * (frameGrid.ts), of which the page keeps only what the figures draw: the ensemble mean, the no-augmentation twin's
 * mean and a few members (`frameMembers`).
 */
/** One light frame of the timeline. Arrays are on the coarse grid. */
export interface LightFrame {
  step: number;
  ensembleSize: number;
  /** f̄ = (1/E) Σ_k f_k, summed in member order (as ensembleMean does for a full snapshot). */
  mean: Float32Array;
  noAugMean?: Float32Array;
  /** The members this frame carries, ascending. */
  memberIndices: number[];
  /** Their predictions, [memberIndices.length × P_coarse] in that order. */
  members: Float32Array;
}

/** Members a light frame carries: the first few (figures default to member 0) and the one selected during training. */
export const FRAME_MEMBER_COUNT = 4;

/** {0, …, min(E, 4) − 1} ∪ {selected}, ascending. */
export function frameMembers(selected: number, E: number): number[] {
  const set = new Set<number>();
  for (let k = 0; k < Math.min(E, FRAME_MEMBER_COUNT); k++) set.add(k);
  if (selected >= 0 && selected < E) set.add(selected);
  return [...set].sort((a, b) => a - b);
}

/** A whole ensemble's raw frame (count = E) reduced to what the page keeps: the means and the members `keep`. */
export function summarizeFrame(raw: RawFrame, E: number, keep: readonly number[]): LightFrame {
  if (raw.count !== E) throw new Error(`a light frame needs all ${E} members, got ${raw.count}`);
  const P = raw.members.length / E;
  const members = new Float32Array(keep.length * P);
  keep.forEach((k, i) => members.set(raw.members.subarray(k * P, (k + 1) * P), i * P));
  return {
    step: raw.step,
    ensembleSize: E,
    mean: ensembleMean(raw.members, E, P),
    noAugMean: raw.noAugMembers && ensembleMean(raw.noAugMembers, E, P),
    memberIndices: [...keep],
    members,
  };
}

/** Member `k`'s predictions in `f`, or undefined when the frame does not carry that member. */
export function frameMember(f: LightFrame, k: number): Float32Array | undefined {
  const i = f.memberIndices.indexOf(k);
  if (i < 0) return undefined;
  const P = f.mean.length;
  return f.members.subarray(i * P, (i + 1) * P);
}

/** The Float32Arrays of a raw frame, for zero-copy transfer with postMessage. */
export function rawFrameTransferables(raw: RawFrame): ArrayBuffer[] {
  return [raw.members, raw.noAugMembers].flatMap((a) => (a ? [a.buffer as ArrayBuffer] : []));
}

/** The Float32Arrays of a light frame, for zero-copy transfer with postMessage. */
export function lightFrameTransferables(f: LightFrame): ArrayBuffer[] {
  return [f.mean, f.noAugMean, f.members].flatMap((a) => (a ? [a.buffer as ArrayBuffer] : []));
}
