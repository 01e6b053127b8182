import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CrossRun,
  DEFAULT_CROSS_CONFIG,
  DEFAULT_VECTOR_CONFIG,
  VectorRun,
  checkpointMismatch,
  vectorArchitecture,
  type CrossConfig,
  type CrossSnapshot,
  type EnsembleCheckpoint,
  type VectorConfig,
  type VectorSnapshot,
} from '../../../src/core';

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

const maxAbsDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

/** Run to the end, collecting snapshots; when `stopAt` is given, checkpoint there, and finish in a fresh run. */
async function runVector(config: VectorConfig, stopAt?: number): Promise<{ snaps: VectorSnapshot[]; checkpoint?: EnsembleCheckpoint }> {
  const snaps: VectorSnapshot[] = [];
  const hooks = { onSnapshot: (s: VectorSnapshot) => void snaps.push(s) };
  let run = new VectorRun(config);
  let checkpoint: EnsembleCheckpoint | undefined;
  if (stopAt !== undefined) {
    await run.runUntil(stopAt, hooks);
    // structuredClone is what postMessage does to the checkpoint on its way to the page and back.
    checkpoint = structuredClone(await run.checkpoint());
    run.dispose();
    run = new VectorRun(config, { checkpoint });
  }
  await run.runUntil(config.steps, hooks);
  run.dispose();
  return { snaps, checkpoint };
}

describe('resuming the vector labs from a checkpoint', () => {
  it('plane: a run resumed at step 10 takes the remaining snapshots with the uninterrupted numbers', async () => {
    const config: VectorConfig = { ...DEFAULT_VECTOR_CONFIG, ensembleSize: 8, width: 16, steps: 100, seed: 3 };
    const tensors = tf.memory().numTensors;
    const straight = await runVector(config);
    const resumed = await runVector(config, 10);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(resumed.checkpoint!.step).toBe(10);
    // No snapshot is taken twice; the same schedule is covered.
    expect(resumed.snaps.map((s) => s.step)).toEqual(straight.snaps.map((s) => s.step));
    const last = (r: { snaps: VectorSnapshot[] }) => r.snaps[r.snaps.length - 1];
    expect(last(resumed).step).toBe(100);
    // Measured 2e-7: the checkpoint holds the raw parameters (W = W̃/s), so they come back rounded once.
    expect(maxAbsDiff(last(resumed).mean, last(straight).mean)).toBeLessThan(1e-6);
    const rstd = (r: { snaps: VectorSnapshot[] }) => last(r).metrics.mean.off.relativeStd;
    expect(rstd(straight)).toBeGreaterThan(0);
    expect(Math.abs(rstd(resumed) - rstd(straight))).toBeLessThan(1e-6);
    expect(Math.abs(last(resumed).metrics.loss - last(straight).metrics.loss)).toBeLessThan(1e-6);
  });

  it('cross: a run resumed at step 3 ends with the uninterrupted errors', async () => {
    const config: CrossConfig = { ...DEFAULT_CROSS_CONFIG, ensembleSize: 8, width: 16, trainPairs: 4, testPairs: 8, rotations: 4, steps: 30, seed: 2 };
    const run = async (stopAt?: number) => {
      const snaps: CrossSnapshot[] = [];
      let r = new CrossRun(config);
      if (stopAt !== undefined) {
        await r.runUntil(stopAt, { onSnapshot: (s) => void snaps.push(s) });
        const cp = structuredClone(await r.checkpoint());
        r.dispose();
        r = new CrossRun(config, { checkpoint: cp });
      }
      await r.runUntil(config.steps, { onSnapshot: (s) => void snaps.push(s) });
      r.dispose();
      return snaps;
    };
    const straight = await run();
    const resumed = await run(3);
    expect(resumed.map((s) => s.step)).toEqual(straight.map((s) => s.step));
    const a = straight[straight.length - 1];
    const b = resumed[resumed.length - 1];
    expect(b.step).toBe(30);
    expect(Math.abs(a.loss - b.loss)).toBeLessThan(1e-6 * Math.max(1, a.loss));
    expect(maxAbsDiff(a.probe.mean, b.probe.mean)).toBeLessThan(1e-6);
  });

  it('a checkpoint that does not fit the run is refused with the reason', async () => {
    const config: VectorConfig = { ...DEFAULT_VECTOR_CONFIG, ensembleSize: 4, width: 8, steps: 20 };
    const run = new VectorRun(config);
    await run.runUntil(2);
    const cp = await run.checkpoint();
    run.dispose();
    const arch = vectorArchitecture(config);
    expect(checkpointMismatch(arch, 4, 20, cp)).toBeNull();
    expect(checkpointMismatch(arch, 5, 20, cp)).toMatch(/4 members, the run 5/);
    expect(checkpointMismatch(arch, 4, 1, cp)).toMatch(/outside 0 … 1/);
    const bad = structuredClone(cp);
    bad.params[0].layers[1].W = bad.params[0].layers[1].W.subarray(1);
    expect(checkpointMismatch(arch, 4, 20, bad)).toMatch(/layer 1/);
    const nan = structuredClone(cp);
    nan.params[2].layers[0].b[0] = Number.NaN;
    expect(checkpointMismatch(arch, 4, 20, nan)).toMatch(/non-finite/);
    expect(() => new VectorRun(config, { checkpoint: nan })).toThrow(/cannot resume/);
  });
});
