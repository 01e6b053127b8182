/// <reference types="@webgpu/types" />
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { augmentTrainingSet, cyclicAngles, disposeParams, initMemberParams, MONO3, stackMemberParams, type MlpArchitecture } from '../../../src/core';
import { referenceEngine, stepEngineFor, tfjsOpEngine, useStepEngine, type StepEngine } from '../../../src/core/ensemble/stepEngine';
import { selectStepEngine } from '../../../src/core/ensemble/selectStepEngine';
import { wasmFusedEngine } from '../../../src/core/ensemble/fusedSgdStep';
import { installWebgpuFusedStep, webgpuFusedEngine } from '../../../src/core/ensemble/webgpuFusedStep';
import { flat, maxRelDiff } from './stepComparison';
import { useNodeWasmEngine } from '../../../scripts/nodeWasmEngine';
import { useNodeWebgpu } from './nodeWebgpu';

// Every StepEngine against the tfjs-op reference computed on the cpu backend: after STEPS steps (k steps in one call
// through sgdSteps, where webgpu submits them at once) the parameters, the forward pass and the loss agree to 1e-5
// relative, for ReLU and tanh, depth 1–4 and odd widths. And the engine is the one chosen for the backend.

const STEPS = 4;
const LR = 0.25;
const BASE: MlpArchitecture = { inputDim: 2, width: 13, depth: 2, outputDim: 1, sigmaW: Math.SQRT2, sigmaB: 0.1, activation: 'relu' };
const CASES = [1, 2, 3, 4].flatMap((depth) =>
  (['relu', 'tanh'] as const).map((activation) => ({ arch: { ...BASE, depth, activation, width: depth % 2 ? 13 : 7 }, E: 5 })),
);
const set = augmentTrainingSet(MONO3, cyclicAngles(4));
const PROBE = Array.from({ length: 2 * 37 }, (_, i) => 2.5 * Math.sin(0.37 * i + 0.011 * i * i));

interface Result {
  params: Float32Array[];
  forward: Float32Array;
  loss: Float32Array;
}

/** STEPS steps of `engine` from the seeded start on the active backend: one sgdStep, then the rest in one sgdSteps. */
async function run(engine: StepEngine, arch: MlpArchitecture, E: number): Promise<Result> {
  const [X, Y, probe] = [tf.tensor2d(set.X, [set.N, 2]), tf.tensor2d(set.Y, [set.N, 1]), tf.tensor2d(PROBE, [PROBE.length / 2, 2])];
  const start = stackMemberParams(arch, Array.from({ length: E }, (_, k) => initMemberParams(arch, 5, k)));
  const one = engine.sgdStep(arch, start, X, Y, LR);
  const end = engine.sgdSteps(arch, one, X, Y, LR, STEPS - 1);
  const [f, l] = [engine.forward(arch, end, probe), engine.loss(arch, end, X, Y)];
  const result = { params: await flat(end), forward: (await f.data()) as Float32Array, loss: (await l.data()) as Float32Array };
  for (const p of [start, one, end]) disposeParams(p);
  tf.dispose([X, Y, probe, f, l]);
  return result;
}

async function expectReference(engine: StepEngine, backend: string, c: (typeof CASES)[number]): Promise<void> {
  await tf.setBackend('cpu');
  const want = await run(referenceEngine, c.arch, c.E);
  await tf.setBackend(backend);
  const got = await run(engine, c.arch, c.E);
  got.params.forEach((t, i) => expect(maxRelDiff(t, want.params[i]), `parameter tensor ${i}`).toBeLessThan(1e-5));
  expect(maxRelDiff(got.forward, want.forward)).toBeLessThan(1e-5);
  expect(maxRelDiff(got.loss, want.loss)).toBeLessThan(1e-5);
  // The comparison is not between two untrained networks: the loss is well away from zero and the outputs are not.
  expect(Math.min(...want.loss)).toBeGreaterThan(1e-4);
  expect(Math.max(...Array.from(want.forward, Math.abs))).toBeGreaterThan(0.1);
}

const caseName = (c: (typeof CASES)[number]) => `depth ${c.arch.depth}, width ${c.arch.width}, ${c.arch.activation}`;

describe('the wasm engines equal the tfjs-op reference', () => {
  beforeAll(async () => {
    expect(await useNodeWasmEngine()).toBe('fused SIMD training step (SIMD128)');
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('the engine chosen for wasm is the fused kernel, and trainers built there take it', () => {
    expect(stepEngineFor('wasm')).toBe(wasmFusedEngine);
    expect(stepEngineFor('cpu')).toBe(referenceEngine);
  });

  for (const c of CASES) {
    it(`fused SIMD kernel (${caseName(c)})`, () => expectReference(wasmFusedEngine, 'wasm', c));
    it(`tfjs ops with depthwise products (${caseName(c)})`, () => expectReference(tfjsOpEngine('depthwise'), 'wasm', c));
  }
});

describe('the webgpu engine equals the tfjs-op reference (Dawn, SwiftShader)', () => {
  let noAdapter: string | null = 'not probed';
  beforeAll(async () => {
    noAdapter = await useNodeWebgpu();
    if (!noAdapter) {
      expect(await installWebgpuFusedStep()).toBeNull();
      expect(selectStepEngine('webgpu').engine).toBe(webgpuFusedEngine);
    }
  });
  afterAll(async () => {
    useStepEngine('webgpu', referenceEngine);
    await tf.setBackend('cpu');
  });

  // Two cases: Dawn on SwiftShader takes seconds per compile; webgpuFusedStep.test.ts covers the kernels' range.
  for (const c of [CASES[0], CASES[7]]) {
    it(`fused WGSL kernels, ${STEPS - 1} steps in one submit (${caseName(c)})`, async (ctx) => {
      if (noAdapter) return ctx.skip(noAdapter);
      await expectReference(webgpuFusedEngine, 'webgpu', c);
    });
  }
});
