/**
 * Emergent equivariance for vector outputs at the lab's default sizes (E = 64, 2 → 64 × 2 → 2, defining π, C8,
 * lr 0.25, 2000 steps), at an early step and at step 2000, with a fixed seed.
 *
 * Like tests/unit/engine/emergence.test.ts this runs on the tfjs wasm backend in Node (2000 default-size steps take
 * about a minute there and well over ten on the CPU backend); the smaller CPU-backend version is
 * vectorEmergence.test.ts.
 *
 * Measured (seed 1): step 1 absolute member/mean ratio 7.57×, step 2000 rstd ratio 10.2× (mean 0.032, member 0.327).
 * Thresholds 3×.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { useNodeWasmEngine } from '../../../scripts/nodeWasmEngine';
import { DEFAULT_VECTOR_CONFIG } from '../../../src/core';
import { measureVector } from './measureVector';

beforeAll(async () => {
  expect(await useNodeWasmEngine()).toMatch(/^fused SIMD training step/);
});
afterAll(async () => {
  await tf.setBackend('cpu');
});

describe('emergent equivariance at default sizes (defining π, C8)', () => {
  it('seed 1: the mean is several times more equivariant than a member at step 1 and at step 2000', async () => {
    const r = await measureVector({ ...DEFAULT_VECTOR_CONFIG, seed: 1 }, [1, 2000]);
    const early = r.get(1)!;
    const late = r.get(2000)!;
    const earlyRatio = early.member.off.meanDeviation / early.mean.off.meanDeviation;
    const lateRatio = late.member.off.relativeStd / late.mean.off.relativeStd;
    console.log(`default sizes, seed 1: step 1 abs ratio ${earlyRatio.toFixed(2)}; step 2000 rstd ratio ${lateRatio.toFixed(2)} (mean ${late.mean.off.relativeStd.toFixed(3)}, member ${late.member.off.relativeStd.toFixed(3)})`);
    expect(earlyRatio).toBeGreaterThan(3);
    expect(lateRatio).toBeGreaterThan(3);
    expect(late.member.off.relativeStd).toBeGreaterThan(0.1);
  }, 300_000);
});
