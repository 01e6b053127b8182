/**
 * A run resumed from a checkpoint (what a replacement worker does after a crash or a lost device) continues from the
 * very floats the interrupted run had: its parameters and snapshots at the end are bit-identical to the uninterrupted
 * run's. Checkpoints hold the stored floats (W̃ = s·W, b̃ = σ_b·b), as the images lab's always did; the raw form
 * W = W̃/s did not survive the round trip W̃ → W̃/s → s·(W̃/s) in float32, and a resumed run drifted by an ulp.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, ToyRun, type EnsembleConfig } from '../../../src/core';
import { VectorRun } from '../../../src/core/equivariance/vectorTrainer';
import { DEFAULT_VECTOR_CONFIG, type VectorConfig } from '../../../src/core/equivariance/vectorConfig';
import { CrossRun } from '../../../src/core/equivariance/crossProduct';
import { DEFAULT_CROSS_CONFIG, type CrossConfig } from '../../../src/core/equivariance/crossConfig';
import type { MlpParams } from '../../../src/core/ensemble/architecture';
import { useCpuBackend } from './setupCpu';

function flatten(members: MlpParams[]): number[] {
  return members.flatMap((m) => m.layers.flatMap((l) => [...l.W, ...l.b]));
}

describe('resuming from a checkpoint', () => {
  beforeAll(async () => {
    await useCpuBackend();
  });

  it('the toy run: parameters and the last snapshot are bit-identical to the uninterrupted run (both ensembles)', async () => {
    const config: EnsembleConfig = { ...DEFAULT_CONFIG, ensembleSize: 6, width: 12, steps: 30, lightFrames: false };
    const straight = new ToyRun(config);
    let straightLast: Float32Array | undefined;
    await straight.runUntil(30, { onSnapshot: (s) => (straightLast = s.members) });
    const straightEnd = await straight.checkpoint();
    straight.dispose();

    const first = new ToyRun(config);
    await first.runUntil(10);
    const mid = await first.checkpoint();
    first.dispose();
    expect(mid.step).toBe(10);
    const resumed = new ToyRun(config, { checkpoint: mid });
    let resumedLast: Float32Array | undefined;
    await resumed.runUntil(30, { onSnapshot: (s) => (resumedLast = s.members) });
    const resumedEnd = await resumed.checkpoint();
    resumed.dispose();

    expect(resumedEnd.step).toBe(30);
    expect(flatten(resumedEnd.params)).toEqual(flatten(straightEnd.params));
    expect(flatten(resumedEnd.noAugParams!)).toEqual(flatten(straightEnd.noAugParams!));
    expect(resumedLast).toEqual(straightLast);
    // The run moved between the checkpoint and the end: the comparison is not of two copies of the checkpoint.
    expect(flatten(resumedEnd.params)).not.toEqual(flatten(mid.params));
  });

  it('the plane lab (vector ensemble) and the 3D lab (cross product): bit-identical parameters after resuming', async () => {
    const vector: VectorConfig = { ...DEFAULT_VECTOR_CONFIG, ensembleSize: 4, width: 12, steps: 30 };
    const cross: CrossConfig = { ...DEFAULT_CROSS_CONFIG, ensembleSize: 3, width: 12, steps: 30 };
    for (const make of [(cp?: never) => new VectorRun(vector, { checkpoint: cp }), (cp?: never) => new CrossRun(cross, { checkpoint: cp })]) {
      const straight = make();
      await straight.runUntil(30);
      const straightEnd = await straight.checkpoint();
      straight.dispose();
      const first = make();
      await first.runUntil(10);
      const mid = await first.checkpoint();
      first.dispose();
      const resumed = make(mid as never);
      await resumed.runUntil(30);
      const resumedEnd = await resumed.checkpoint();
      resumed.dispose();
      expect(resumedEnd.step).toBe(30);
      expect(flatten(resumedEnd.params)).toEqual(flatten(straightEnd.params));
      expect(flatten(resumedEnd.params)).not.toEqual(flatten(mid.params));
    }
  });
});
