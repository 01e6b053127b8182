/**
 * Where a run's time went (issue 16 §2): the parts a ToyRun reports add up to no more than its wall clock, the clock
 * starts at the first trained step (not at the step-0 snapshot taken before Play), and every part that happened is
 * counted.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, ToyRun } from '../../../src/core';
import { isRunTimings } from '../../../src/core/ensemble/toyRun';
import { useCpuBackend } from './setupCpu';

describe('ToyRun timings', () => {
  beforeAll(useCpuBackend);

  it('count nothing before the first step, then steps, snapshots, frames and checkpoints within the wall clock', async () => {
    const run = new ToyRun({ ...DEFAULT_CONFIG, ensembleSize: 4, width: 8, steps: 40 });
    try {
      await run.runUntil(0, {}); // the step-0 snapshot, as the worker takes it before Play
      expect(run.timings()).toEqual({ wall: 0, steps: 0, snapshots: 0, frames: 0, checkpoints: 0, lossChecks: 0 });
      let frames = 0;
      let checkpoints = 0;
      await run.runUntil(40, {
        onFrame: () => frames++,
        afterSnapshot: async () => {
          checkpoints++;
          await run.checkpoint();
        },
      });
      const t = run.timings();
      expect(frames).toBeGreaterThan(10);
      expect(checkpoints).toBeGreaterThan(3);
      for (const part of ['steps', 'snapshots', 'frames', 'checkpoints'] as const) expect(t[part]).toBeGreaterThan(0);
      const parts = t.steps + t.snapshots + t.frames + t.checkpoints + t.lossChecks;
      expect(parts).toBeLessThanOrEqual(t.wall + 1e-6);
      // The rest (between chunks, in hooks) is small in a loop with no messages to wait for.
      expect(parts).toBeGreaterThan(0.5 * t.wall);
    } finally {
      run.dispose();
    }
  });

  it('are accepted from a worker only when every part is a finite number ≥ 0', () => {
    const good = { wall: 5, steps: 3, snapshots: 1, frames: 0.5, checkpoints: 0.1, lossChecks: 0 };
    expect(isRunTimings(good)).toBe(true);
    for (const bad of [null, 'fast', { ...good, steps: undefined }, { ...good, wall: NaN }, { ...good, frames: -1 }, { ...good, snapshots: '1' }]) expect(isRunTimings(bad)).toBe(false);
  });
});
