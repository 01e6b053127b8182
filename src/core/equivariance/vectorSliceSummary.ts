/**
 * Summarising the vector lab's pool snapshots from the workers' slices, with the lab's settings only: the slices
 * are merged in member order (mergeRawSlices), checked against the sizes the settings imply, and summarised with the
 * code a single worker runs (summarizeVectorSnapshot for the plane lab, summarizeCross for the 3D lab). The context
 * (grid and on-manifold mask; the 3D lab's evaluation rotations and test pairs) is built once per run's settings.
 * Used by the page's summary worker, and by the page itself when that worker is unavailable.
 */
import { mergeRawSlices, type RawSlice } from '../ensemble/sliceMerge';
import type { RawSnapshot } from '../ensemble/trainer';
import { clampCrossConfig } from './crossConfig';
import { crossEvaluationSet, summarizeCross, type CrossEvaluationSet } from './crossMeasure';
import type { CrossSnapshot } from './crossTrainer';
import { clampVectorConfig, vectorOutputDimension, type VectorConfig } from './vectorConfig';
import { summarizeVectorSnapshot, vectorSummaryContext, type VectorSnapshot, type VectorSummaryContext } from './vectorSummary';

function checkSize(what: string, a: Float32Array, n: number, E: number): void {
  if (a.length !== n) throw new Error(`${what} holds ${a.length} numbers; E = ${E} members need ${n}`);
}

export class VectorSliceSummarizer {
  private plane: { key: string; config: VectorConfig; context: VectorSummaryContext } | null = null;
  private cross: { key: string; evaluation: CrossEvaluationSet } | null = null;

  /**
   * The plane lab's snapshot of the run with `settings` (clamped as the workers clamp them) from slices tiling
   * members 0 … E−1: predictions [E × P × d] on the polar grid, d = vectorOutputDimension.
   */
  planeSnapshot(settings: object, parts: readonly RawSlice[]): VectorSnapshot {
    const { config } = clampVectorConfig(settings);
    const key = JSON.stringify(config);
    if (this.plane?.key !== key) this.plane = { key, config, context: vectorSummaryContext(config) };
    const { grid, mask } = this.plane.context;
    const E = config.ensembleSize;
    const raw = this.merge(parts, E);
    checkSize('the plane lab snapshot', raw.members, E * grid.size * vectorOutputDimension(config), E);
    return summarizeVectorSnapshot(raw, config, grid, mask, 0);
  }

  /**
   * The 3D lab's snapshot of the run with `settings` from slices tiling members 0 … E−1: predictions
   * [E × T·(M+1) × 3] on the test pairs and their evaluation rotations.
   */
  crossSnapshot(settings: object, parts: readonly RawSlice[]): CrossSnapshot {
    const { config } = clampCrossConfig(settings);
    const key = JSON.stringify(config);
    if (this.cross?.key !== key) this.cross = { key, evaluation: crossEvaluationSet(config) };
    const { rotations, testTargets, evalInputs } = this.cross.evaluation;
    const E = config.ensembleSize;
    const raw = this.merge(parts, E);
    checkSize('the 3D lab snapshot', raw.members, E * 3 * config.testPairs * rotations.length, E);
    return summarizeCross(raw.members, config, rotations, testTargets, evalInputs, raw.step, raw.losses);
  }

  private merge(parts: readonly RawSlice[], E: number): RawSnapshot {
    const raw = mergeRawSlices(parts, E);
    checkSize('losses', raw.losses, E, E);
    return raw;
  }
}
