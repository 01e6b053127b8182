/**
 * Light frames: the animation's frames between the full snapshots. A full snapshot keeps every member on the full
 * grid and feeds the metrics; a light frame is a real evaluation of every member too, on the coarse grid
 * (frameGrid.ts), of which the page keeps only what the figures draw: the ensemble mean, the no-augmentation twin's
 * mean and a few members (`frameMembers`).
 */
import { ensembleMean } from '../metrics/ensembleStatistics';

/** What a trainer reads back for a light frame: members `start` … of its slice on the coarse grid. */
export interface RawFrame {
  step: number;
  /** Members evaluated (a pool worker's slice, or the whole ensemble). */
  count: number;
  /** Augmented ensemble, member-major [count × P_coarse]. */
  members: Float32Array;
  /** The no-augmentation twin, [count × P_coarse], when the run trains it. */
  noAugMembers?: Float32Array;
}

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
