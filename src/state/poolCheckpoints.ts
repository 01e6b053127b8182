/**
 * The checkpoints a training pool keeps, per slice (keyed by the slice's first member) and per step. A replaced
 * worker resumes its slice from that slice's latest checkpoint; a worker that takes over a failed neighbour's slice
 * resumes the joined slice from the latest step both slices have a checkpoint for. Steps older than the latest one
 * every slice has are dropped, so at most a few checkpoints per slice are kept.
 */
import type { ToyCheckpoint } from '../core/ensemble/toyRun';
import type { MemberSlice } from '../core/ensemble/memberSlice';

export class PoolCheckpoints {
  private bySlice = new Map<number, Map<number, ToyCheckpoint>>();

  /** Keep `cp` of the slice starting at `start`; `activeStarts` are the slices still trained (for pruning). */
  add(start: number, cp: ToyCheckpoint, activeStarts: readonly number[]): void {
    let steps = this.bySlice.get(start);
    if (!steps) this.bySlice.set(start, (steps = new Map()));
    steps.set(cp.step, cp);
    const common = this.commonStep(activeStarts);
    if (common === null) return;
    for (const s of activeStarts) for (const step of this.bySlice.get(s)?.keys() ?? []) if (step < common) this.bySlice.get(s)!.delete(step);
  }

  /** The newest checkpoint of the slice starting at `start`, if any. */
  latest(start: number): ToyCheckpoint | undefined {
    const steps = this.bySlice.get(start);
    if (!steps || steps.size === 0) return undefined;
    return steps.get(Math.max(...steps.keys()));
  }

  /** The latest step every slice in `starts` has a checkpoint for, or null. */
  private commonStep(starts: readonly number[]): number | null {
    let common: Set<number> | undefined;
    for (const s of starts) {
      const steps = new Set(this.bySlice.get(s)?.keys() ?? []);
      common = common === undefined ? steps : new Set([...common].filter((x: number) => steps.has(x)));
    }
    return common !== undefined && common.size > 0 ? Math.max(...common) : null;
  }

  /**
   * Join the slice `dead` with the adjacent slice `into` (or take `dead` alone when `into` is null, for an idle
   * worker): the joined slice, the step to resume from and, unless that is 0, the joined checkpoint (members in order).
   * The joined checkpoint replaces both slices' ones.
   */
  join(dead: MemberSlice, into: MemberSlice | null): { slice: MemberSlice; step: number; checkpoint?: ToyCheckpoint } {
    const parts = [dead, ...(into ? [into] : [])].sort((a, b) => a.start - b.start);
    const slice = { start: parts[0].start, count: parts.reduce((a, p) => a + p.count, 0) };
    const step = this.commonStep(parts.map((p) => p.start)) ?? 0;
    const cps = parts.map((p) => this.bySlice.get(p.start)?.get(step));
    for (const p of parts) this.bySlice.delete(p.start);
    if (step === 0 || cps.some((c) => !c)) return { slice, step: 0 };
    const twin = cps.every((c) => c!.noAugParams);
    const checkpoint: ToyCheckpoint = {
      step,
      params: cps.flatMap((c) => c!.params),
      noAugParams: twin ? cps.flatMap((c) => c!.noAugParams!) : undefined,
    };
    this.bySlice.set(slice.start, new Map([[step, checkpoint]]));
    return { slice, step, checkpoint };
  }
}
