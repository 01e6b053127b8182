/**
 * The frames a compact toy figure draws, from the live timeline (trainingStore) or from a recording. A full frame is
 * a full snapshot on the evaluation grid; a light frame is a real evaluation on the coarse grid (frameGrid.ts) whose
 * metrics are the last full snapshot's. A light frame that does not carry the shown member takes that member from the
 * last full snapshot, sampled at the coarse points, and says so (`memberStep`).
 */
import { coarseFrameGrid, coarseToFullIndex, makePolarGrid, type PolarGrid } from '../../../core/data/polarGrid';
import { frameMember, type SnapshotMetrics } from '../../../core/ensemble/snapshot';
import { memberPredictions } from '../../../core/metrics/ensembleStatistics';
import type { TimelineFrame } from '../../../state/trainingStore';
import type { RecordedSnapshot } from '../recordings/format';

export const FULL_GRID = makePolarGrid();
export const COARSE_GRID = coarseFrameGrid(FULL_GRID);
const COARSE_INDEX = coarseToFullIndex(FULL_GRID);

export interface FigureFrame {
  step: number;
  /** The grid of mean, member and noAugMean: FULL_GRID, or COARSE_GRID for a light frame. */
  grid: PolarGrid;
  light: boolean;
  mean: Float32Array;
  member: Float32Array;
  noAugMean?: Float32Array;
  /** A full frame's own metrics; a light frame's are those of the full snapshot at `metricsStep`. */
  metrics: SnapshotMetrics;
  metricsStep: number;
  /** The step the member's values are from (≠ step when a light frame does not carry the member). */
  memberStep: number;
}

/** The values of a full-grid field at the coarse grid's points. */
export function atCoarsePoints(full: Float32Array): Float32Array {
  return Float32Array.from(COARSE_INDEX, (i) => full[i]);
}

/** The figure frames of the live timeline, for member `k`. */
export function framesFromTimeline(timeline: readonly TimelineFrame[], k: number): FigureFrame[] {
  return timeline.map((t) => {
    const s = t.snapshot;
    const P = s.mean.length;
    const fullMember = () => memberPredictions(s.members, P, Math.min(k, s.ensembleSize - 1));
    if (!t.light) {
      return { step: t.step, grid: FULL_GRID, light: false, mean: s.mean, member: fullMember(), noAugMean: s.noAugMean, metrics: s.metrics, metricsStep: s.step, memberStep: s.step };
    }
    const carried = frameMember(t.light, k);
    return {
      step: t.step,
      grid: COARSE_GRID,
      light: true,
      mean: t.light.mean,
      member: carried ?? atCoarsePoints(fullMember()),
      noAugMean: t.light.noAugMean,
      metrics: s.metrics,
      metricsStep: s.step,
      memberStep: carried ? t.step : s.step,
    };
  });
}

/** The figure frames of a recording: light ones (coarse fields, no metrics) take the previous full frame's metrics. */
export function framesFromRecording(snapshots: readonly RecordedSnapshot[]): FigureFrame[] {
  let last: RecordedSnapshot | undefined;
  const out: FigureFrame[] = [];
  for (const r of snapshots) {
    if (!r.coarse) last = r;
    if (!last) continue;
    out.push({
      step: r.step,
      grid: r.coarse ? COARSE_GRID : FULL_GRID,
      light: !!r.coarse,
      mean: r.mean,
      member: r.member,
      noAugMean: r.noAugMean,
      metrics: last.metrics!,
      metricsStep: last.step,
      memberStep: r.step,
    });
  }
  return out;
}
