import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useCpuBackend } from './setupCpu';
import { DEFAULT_CONFIG } from '../../../src/core';
import { initBatchedParams, stackMemberParams, unstackParams } from '../../../src/core/ensemble/batchedMlp';
import { paramBuffers } from '../../../src/core/ensemble/ensembleCheckpoint';
import { ToyRun } from '../../../src/core/ensemble/toyRun';
import type { MlpArchitecture } from '../../../src/core/ensemble/architecture';

beforeAll(async () => {
  await useCpuBackend();
});

const ARCH: MlpArchitecture = { inputDim: 2, width: 8, depth: 2, outputDim: 1, sigmaW: Math.SQRT2, sigmaB: 0.1, activation: 'relu' };

function maxDiff(x: Float32Array, y: Float32Array): number {
  expect(x.length).toBe(y.length);
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
  return m;
}

describe('checkpoint buffers', () => {
  it('unstacked members are views into one buffer per layer and array, and stack back to the same tensors', async () => {
    const E = 50;
    const p = initBatchedParams(ARCH, 3, E);
    const members = await unstackParams(ARCH, p);
    // 3 layers × (W, b): 6 buffers for 50 members (was 300), each listed once.
    const buffers = paramBuffers(members);
    expect(buffers).toHaveLength(6);
    expect(new Set(buffers).size).toBe(6);
    expect(members[7].layers[1].W.length).toBe(8 * 8);
    // Unstacking reads a copy: scaling W = W̃/s never touches the tensor's own storage (the cpu backend's data() is it).
    const again = await unstackParams(ARCH, p);
    expect(again[7].layers[1].W).toEqual(members[7].layers[1].W);
    const back = stackMemberParams(ARCH, members);
    for (let l = 0; l < 3; l++) {
      expect(Array.from(await back.W[l].data())).toEqual(Array.from(await p.W[l].data()));
      expect(Array.from(await back.b[l].data())).toEqual(Array.from(await p.b[l].data()));
    }
    tf.dispose([...p.W, ...p.b, ...back.W, ...back.b]);
  });

  it("a toy run's checkpoint transfers whole (no buffer twice) and resumes to the same numbers, to float rounding", async () => {
    const config = { ...DEFAULT_CONFIG, ensembleSize: 6, width: 8, steps: 10 };
    const run = new ToyRun({ ...config, lightFrames: false });
    await run.runUntil(5, {});
    const cp = await run.checkpoint();
    const transfer = paramBuffers(cp.params, cp.noAugParams ?? []);
    expect(transfer).toHaveLength(12);
    const moved = structuredClone(cp, { transfer });
    expect(cp.params[0].layers[0].W.length).toBe(0); // detached: it was moved, not copied
    const resumed = new ToyRun({ ...config, lightFrames: false }, { checkpoint: moved });
    await run.runUntil(10, {});
    await resumed.runUntil(10, {});
    const [a, b] = [await run.checkpoint(), await resumed.checkpoint()];
    // Not to the bit: the checkpoint holds W = W̃/s and resuming multiplies by s again (one rounding each way).
    expect(maxDiff(b.params[5].layers[2].W, a.params[5].layers[2].W)).toBeLessThan(1e-5);
    expect(maxDiff(b.noAugParams![3].layers[1].b, a.noAugParams![3].layers[1].b)).toBeLessThan(1e-5);
    run.dispose();
    resumed.dispose();
  });
});
