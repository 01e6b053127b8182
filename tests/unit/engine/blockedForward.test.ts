import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { disposeParams, initMemberParams, makePolarGrid, stackMemberParams, type MlpArchitecture } from '../../../src/core';
import { FORWARD_BLOCK_FLOATS, forwardBlockPoints, forwardInBlocks } from '../../../src/core/ensemble/blockedForward';
import { referenceEngine, type StepEngine } from '../../../src/core/ensemble/stepEngine';
import { wasmFusedEngine } from '../../../src/core/ensemble/fusedSgdStep';
import { useNodeWasmEngine } from '../../../scripts/nodeWasmEngine';

// Snapshots evaluate the grid a block of points at a time once E · P · W is large (E up to 1024): the same numbers,
// in the same member-major layout, as one forward pass over every point.

const ARCH: MlpArchitecture = { inputDim: 2, width: 24, depth: 2, outputDim: 1, sigmaW: Math.SQRT2, sigmaB: 0.1, activation: 'relu' };
const E = 5;

describe('forwardBlockPoints', () => {
  it('is every point for the default run and bounds E · B · W by the budget at E = 1024', () => {
    // The default toy run (E = 64, W = 64) on the 1,536-point grid: one block, as before blocks existed.
    expect(forwardBlockPoints(64, 64, 1536)).toBe(1536);
    expect(forwardBlockPoints(256, 128, 1536)).toBe(512);
    const B = forwardBlockPoints(1024, 64, 1536);
    expect(B).toBe(256);
    expect(1024 * B * 64).toBeLessThanOrEqual(FORWARD_BLOCK_FLOATS);
    // Never fewer than 32 points, never more than there are.
    expect(forwardBlockPoints(1024, 1024, 1536)).toBe(32);
    expect(forwardBlockPoints(1024, 1024, 20)).toBe(20);
  });
});

async function compare(engine: StepEngine): Promise<void> {
  const grid = makePolarGrid();
  const X = tf.tensor2d(grid.points, [grid.size, 2]);
  const params = stackMemberParams(ARCH, Array.from({ length: E }, (_, k) => initMemberParams(ARCH, 3, k)));
  const whole = await forwardInBlocks(engine, ARCH, params, X, grid.size);
  // 100 does not divide 1,536: the last block is short.
  const blocked = await forwardInBlocks(engine, ARCH, params, X, 100);
  expect(blocked.length).toBe(E * grid.size);
  expect(Array.from(blocked)).toEqual(Array.from(whole));
  // Not a trivially equal pair: the members differ from each other and vary over the grid.
  expect(Math.max(...whole) - Math.min(...whole)).toBeGreaterThan(0.1);
  expect(whole[0]).not.toBe(whole[grid.size]);
  disposeParams(params);
  X.dispose();
}

describe('forwardInBlocks gives the one-pass numbers bit for bit', () => {
  afterAll(async () => {
    await tf.setBackend('cpu');
  });
  it('on cpu (tfjs-op reference)', async () => {
    await tf.setBackend('cpu');
    await compare(referenceEngine);
  });
  describe('on wasm', () => {
    beforeAll(async () => {
      expect(await useNodeWasmEngine()).toBe('fused SIMD training step (SIMD128)');
    });
    it('with the fused engine', () => compare(wasmFusedEngine));
  });
});
