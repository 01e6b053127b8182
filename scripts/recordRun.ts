/**
 * Compute a recorded run with the worker's engine: `ToyRun` (src/core/ensemble/toyRun.ts), the same class and hooks
 * the training worker drives. Shared by scripts/record-runs.ts (writes public/recordings/) and the unit test that
 * regenerates each recording at CI scale. The caller chooses the tfjs backend first.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ToyRun } from '../src/core/ensemble/toyRun';
import { memberPredictions } from '../src/core/metrics/ensembleStatistics';
import { frameMember, type Snapshot } from '../src/core/ensemble/snapshot';
import type { RecordedSnapshot } from '../src/ui/common/recordings/format';
import type { RecordingSpec } from '../src/ui/common/recordings/manifest';

/**
 * Train `spec.config` up to `untilStep` (default: all steps) and return every frame, recorded-style: the full
 * snapshots and the light frames between them (coarse grid, `coarse: true`).
 */
export async function computeRecording(spec: RecordingSpec, untilStep = spec.config.steps): Promise<RecordedSnapshot[]> {
  const run = new ToyRun(spec.config, { selectedMember: spec.memberIndex });
  const out: RecordedSnapshot[] = [];
  const P = run.trainer.grid.size;
  try {
    await run.runUntil(untilStep, {
      onSnapshot: (s: Snapshot) => {
        out.push({
          step: s.step,
          mean: s.mean,
          member: memberPredictions(s.members, P, spec.memberIndex).slice(),
          noAugMean: spec.fields.includes('noAugMean') ? s.noAugMean : undefined,
          metrics: s.metrics,
        });
      },
      onFrame: (f) => {
        out.push({
          step: f.step,
          coarse: true,
          mean: f.mean,
          member: frameMember(f, spec.memberIndex)!.slice(),
          noAugMean: spec.fields.includes('noAugMean') ? f.noAugMean : undefined,
        });
      },
    });
  } finally {
    run.dispose();
  }
  return out;
}

export function backendName(): string {
  return tf.getBackend();
}
