/**
 * The default toy run's numbers, summarised so that a run on one machine can be checked against a run on another:
 * `npm run bench:gpu:reference` records them on this CPU (wasm, fused SIMD step) and bench/gpu-entry.ts compares the
 * GPU's run (webgpu, fused WGSL step) with them, snapshot by snapshot. Same seed, same configuration; the two differ
 * only by float summation order and fused multiply-adds, so they should agree to about 1e-5 of each number's scale.
 */
import type { Snapshot } from '../src/core/ensemble/snapshot';
import type { AugmentationGroup } from '../src/core/ensemble/groupSpec';

/** One full snapshot's scalars: the training losses and the orbit statistics the toy lab plots. */
export interface SnapshotSummary {
  step: number;
  loss: number;
  noAugLoss: number | null;
  /** rstd of the ensemble mean off and on the data manifold (C_n orbits, reference §2). */
  meanOff: number;
  meanOn: number;
  /** The members' own rstd, averaged over members. */
  memberOff: number;
  noAugMeanOff: number | null;
}

export interface GpuReference {
  machine: string;
  backend: string;
  date: string;
  config: { group: AugmentationGroup; ensembleSize: number; width: number; depth: number; steps: number; seed: number };
  snapshots: SnapshotSummary[];
  /** The last snapshot's ensemble mean on the evaluation grid, and the no-augmentation twin's. */
  finalMean: number[];
  finalNoAugMean: number[] | null;
}

export function summarize(s: Snapshot): SnapshotSummary {
  const m = s.metrics;
  return {
    step: s.step,
    loss: m.loss,
    noAugLoss: m.noAugLoss ?? null,
    meanOff: m.mean.off.relativeStd,
    meanOn: m.mean.on.relativeStd,
    memberOff: m.member.off.relativeStd,
    noAugMeanOff: m.noAugMean?.off.relativeStd ?? null,
  };
}

/** max_i |a_i − b_i| / max_i |b_i|: a difference measured against the field's own scale. */
export function relativeToScale(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return scale > 0 ? diff / scale : diff;
}

/** Per snapshot step, the largest relative difference of each scalar between `got` and the reference. */
export function compareSummaries(got: SnapshotSummary[], want: SnapshotSummary[]) {
  return want.map((w) => {
    const g = got.find((s) => s.step === w.step);
    if (!g) return { step: w.step, missing: true as const };
    const rel = (a: number | null, b: number | null) => (a === null || b === null ? null : Math.abs(a - b) / Math.max(Math.abs(b), 1e-30));
    return {
      step: w.step,
      loss: rel(g.loss, w.loss),
      noAugLoss: rel(g.noAugLoss, w.noAugLoss),
      meanOff: rel(g.meanOff, w.meanOff),
      meanOn: rel(g.meanOn, w.meanOn),
      memberOff: rel(g.memberOff, w.memberOff),
      noAugMeanOff: rel(g.noAugMeanOff, w.noAugMeanOff),
      gpu: g,
    };
  });
}
