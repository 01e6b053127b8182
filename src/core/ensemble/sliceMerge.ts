/**
 * Putting the workers' member slices back together, in member order. A worker training members start … start+c−1
 * reads back their predictions [c × P] and losses [c]; the ensemble's arrays are the slices concatenated by start:
 *   members = [slice₀ ‖ slice₁ ‖ …],   losses = [losses₀ ‖ losses₁ ‖ …],
 * so the metrics code (summarizeSnapshot) sees exactly the arrays a single worker would have read back.
 */
import type { RawFrame, RawSnapshot } from './trainer';
import type { ToyCheckpoint } from './toyRun';
import type { MemberSlice } from './memberSlice';

/** One worker's part of a snapshot: members `start` … `start + losses.length − 1`. */
export interface RawSlice {
  start: number;
  raw: RawSnapshot;
  /** The same numbers in buffers of their own, when the worker sent a second copy to hand on by transfer. */
  copy?: RawSnapshot;
}

/** One worker's part of a light frame: members `start` … `start + raw.count − 1` on the coarse grid. */
export interface RawFrameSlice {
  start: number;
  raw: RawFrame;
  /** The same numbers in buffers of their own, when the worker sent a second copy to hand on by transfer. */
  copy?: RawFrame;
}

/** A checkpoint of members `start` … `start + params.length − 1`. */
export interface CheckpointSlice {
  start: number;
  checkpoint: ToyCheckpoint;
}

/** Parts sorted by start, or null unless they tile 0 … E−1 exactly (no gap, no overlap). */
export function tiling<T extends { start: number }>(parts: readonly T[], count: (p: T) => number, E: number): T[] | null {
  const sorted = [...parts].sort((a, b) => a.start - b.start);
  let next = 0;
  for (const p of sorted) {
    if (p.start !== next) return null;
    next += count(p);
  }
  return next === E ? sorted : null;
}

function concat(parts: readonly (Float32Array | undefined)[]): Float32Array | undefined {
  if (parts.some((p) => p === undefined)) return undefined;
  const out = new Float32Array(parts.reduce((a, p) => a + p!.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p!, o);
    o += p!.length;
  }
  return out;
}

/** The whole ensemble's raw snapshot from slices that tile 0 … E−1 (throws otherwise: a merge bug, never data). */
export function mergeRawSlices(parts: readonly RawSlice[], E: number): RawSnapshot {
  const sorted = tiling(parts, (p) => p.raw.losses.length, E);
  if (!sorted) throw new Error(`the snapshot slices do not cover members 0 … ${E - 1} exactly`);
  const raws = sorted.map((p) => p.raw);
  if (raws.some((r) => r.step !== raws[0].step)) throw new Error('the snapshot slices belong to different steps');
  return {
    step: raws[0].step,
    members: concat(raws.map((r) => r.members))!,
    losses: concat(raws.map((r) => r.losses))!,
    noAugMembers: concat(raws.map((r) => r.noAugMembers)),
    noAugLosses: concat(raws.map((r) => r.noAugLosses)),
    farMembers: concat(raws.map((r) => r.farMembers)),
  };
}

/**
 * The whole ensemble's light frame from slices that tile 0 … E−1: members = [slice₀ ‖ slice₁ ‖ …], so the page's
 * mean (summarizeFrame → ensembleMean) sums in member order, bit-identical for any number of workers.
 */
export function mergeRawFrames(parts: readonly RawFrameSlice[], E: number): RawFrame {
  const sorted = tiling(parts, (p) => p.raw.count, E);
  if (!sorted) throw new Error(`the frame slices do not cover members 0 … ${E - 1} exactly`);
  const raws = sorted.map((p) => p.raw);
  if (raws.some((r) => r.step !== raws[0].step)) throw new Error('the frame slices belong to different steps');
  return { step: raws[0].step, count: E, members: concat(raws.map((r) => r.members))!, noAugMembers: concat(raws.map((r) => r.noAugMembers)) };
}

/** The whole ensemble's checkpoint from slices taken at one step that tile 0 … E−1. */
export function mergeCheckpointSlices(parts: readonly CheckpointSlice[], E: number): ToyCheckpoint {
  const sorted = tiling(parts, (p) => p.checkpoint.params.length, E);
  if (!sorted) throw new Error(`the checkpoint slices do not cover members 0 … ${E - 1} exactly`);
  const cps = sorted.map((p) => p.checkpoint);
  if (cps.some((c) => c.step !== cps[0].step)) throw new Error('the checkpoint slices belong to different steps');
  const twin = cps.every((c) => c.noAugParams);
  return { step: cps[0].step, params: cps.flatMap((c) => c.params), noAugParams: twin ? cps.flatMap((c) => c.noAugParams!) : undefined };
}

/** The members of `slice` in a whole-ensemble (or wider slice's) checkpoint whose first member is `from`. */
export function checkpointOfSlice(cp: ToyCheckpoint, slice: MemberSlice, from = 0): ToyCheckpoint {
  const a = slice.start - from;
  const b = a + slice.count;
  if (a < 0 || b > cp.params.length) throw new Error(`the checkpoint does not hold members ${slice.start} … ${slice.start + slice.count - 1}`);
  return { step: cp.step, params: cp.params.slice(a, b), noAugParams: cp.noAugParams?.slice(a, b) };
}

/**
 * Collects the slices of each step as workers post them and hands out each step's merged whole once, when its slices
 * tile the ensemble. A slice posted again (a worker resumed from an earlier checkpoint) replaces the earlier copy; a
 * step already handed out is ignored.
 */
class StepCollector<R extends { step: number }, P extends { start: number; raw: R } = { start: number; raw: R }> {
  private pending = new Map<number, Map<number, P>>();
  private done = new Set<number>();

  constructor(
    readonly E: number,
    private readonly count: (raw: R) => number,
    private readonly merge: (parts: P[], E: number) => R,
  ) {}

  /** Add one slice; returns the merged whole when this slice completed its step. */
  add(part: P): R | null {
    const parts = this.addPart(part);
    return parts && this.merge(parts, this.E);
  }

  /**
   * Add one slice; returns the step's slices (each once, any order) when this slice completed it, for a caller that
   * merges later or more than once (`merge` of them is what `add` returns).
   */
  addPart(part: P): P[] | null {
    const step = part.raw.step;
    if (this.done.has(step)) return null;
    let slices = this.pending.get(step);
    if (!slices) this.pending.set(step, (slices = new Map()));
    slices.set(part.start, part);
    if (!tiling([...slices.values()], (p) => this.count(p.raw), this.E)) return null;
    this.pending.delete(step);
    this.done.add(step);
    return [...slices.values()];
  }

  /** Whether the merged whole of `step` was handed out. */
  has(step: number): boolean {
    return this.done.has(step);
  }

  /** Forget the pending parts of members from `start` on steps after `step` (their slice is being re-split). */
  dropAfter(step: number, starts: readonly number[]): void {
    for (const [s, slices] of this.pending) if (s > step) for (const st of starts) slices.delete(st);
  }
}

/** The full snapshots' collector (slices counted by their losses). */
export class SliceCollector extends StepCollector<RawSnapshot, RawSlice> {
  constructor(E: number) {
    super(E, (r) => r.losses.length, mergeRawSlices);
  }
}

/** The light frames' collector. */
export class FrameCollector extends StepCollector<RawFrame, RawFrameSlice> {
  constructor(E: number) {
    super(E, (r) => r.count, mergeRawFrames);
  }
}
