/// <reference types="@webgpu/types" />
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import {
  augmentTrainingSet,
  batchedForward,
  cyclicAngles,
  disposeParams,
  DEFAULT_CONFIG,
  EnsembleTrainer,
  initMemberParams,
  MONO3,
  stackMemberParams,
  type MlpArchitecture,
  type MlpParams,
} from '../../../src/core';
import {
  installWebgpuFusedStep,
  reasonWithWebgpuKernelState,
  webgpuFusedEngine,
  webgpuFusedForward,
  webgpuFusedStepUnavailable,
  webgpuFusedSteps,
} from '../../../src/core/ensemble/webgpuFusedStep';
import { referenceEngine, stepEngineFor } from '../../../src/core/ensemble/stepEngine';
import { selectStepEngine } from '../../../src/core/ensemble/selectStepEngine';
import { DELTA_SHADER, FORWARD_SHADER, TILED_DELTA_SHADER, UPDATE_SHADER } from '../../../src/core/ensemble/webgpu/ensembleShaders';
import { flat, matmulStep, maxRelDiff, train } from './stepComparison';
import { webgpuForTests } from './nodeWebgpu';

// The fused WGSL step (webgpuFusedStep.ts) on tfjs's webgpu backend in Node through Dawn, on SwiftShader's software
// Vulkan here: after several steps the parameters equal the tfjs-op step computed on the cpu backend to 1e-5
// relative, for depth 1–4, ReLU and tanh, widths that are not multiples of the workgroup size, E from 1 to 1024.

const BASE: MlpArchitecture = { inputDim: 2, width: 16, depth: 2, outputDim: 1, sigmaW: Math.SQRT2, sigmaB: 0.1, activation: 'relu' };
const STEPS = 5;

const setup = webgpuForTests('the WGSL step tests', async () => {
  expect(await installWebgpuFusedStep()).toBeNull();
  // As the worker does when it sets the backend: trainers built on webgpu from now on take the fused engine.
  expect(selectStepEngine('webgpu')).toEqual({ engine: webgpuFusedEngine, reason: 'fused WGSL training step' });
});
afterAll(() => selectStepEngine('webgpu'));

function trainingData(arch: MlpArchitecture, n: number): { X: number[][]; Y: number[][] } {
  const set = augmentTrainingSet(MONO3, cyclicAngles(n));
  const X = Array.from({ length: set.N }, (_, i) => Array.from({ length: arch.inputDim }, (_, k) => (k < 2 ? set.X[2 * i + k] : 0.3 * set.X[2 * i] - set.X[2 * i + 1])));
  const Y = Array.from({ length: set.N }, (_, i) => Array.from({ length: arch.outputDim }, (_, j) => set.Y[i] * (1 + 0.5 * j) - 0.2 * j));
  return { X, Y };
}

const PROBE = 300;
function probePoints(d: number): number[][] {
  return Array.from({ length: PROBE }, (_, p) => Array.from({ length: d }, (_, k) => 2.5 * Math.sin(0.37 * (p * d + k) + 0.011 * p * p)));
}

/** Parameters after `steps` tfjs-op steps and the forward pass on the probe points, on the cpu backend. */
async function reference(arch: MlpArchitecture, members: MlpParams[], data: { X: number[][]; Y: number[][] }, lr: number, steps: number) {
  await tf.setBackend('cpu');
  const [X, Y, probe] = [tf.tensor2d(data.X), tf.tensor2d(data.Y), tf.tensor2d(probePoints(arch.inputDim))];
  const start = stackMemberParams(arch, members);
  const end = train(arch, start, X, Y, matmulStep, steps, lr);
  const params = await flat(end);
  const initial = await flat(start);
  const f = batchedForward(arch, end, probe);
  const forward = (await f.data()) as Float32Array;
  tf.dispose([X, Y, probe, f]);
  disposeParams(start);
  disposeParams(end);
  await tf.setBackend('webgpu');
  return { params, initial, forward };
}

interface Case {
  name: string;
  arch: MlpArchitecture;
  E: number;
  n: number;
}
const CASES: Case[] = [
  ...[1, 2, 3, 4].flatMap((depth) => (['relu', 'tanh'] as const).map((activation) => ({ name: `depth ${depth}, ${activation}`, arch: { ...BASE, depth, activation }, E: 3, n: 4 }))),
  { name: 'width 67 (not a multiple of 64), 9 points, σ_b = 0', arch: { ...BASE, width: 67, sigmaB: 0 }, E: 5, n: 3 },
  { name: 'width 5, depth 3, 3 inputs, 3 outputs, tanh', arch: { ...BASE, width: 5, depth: 3, inputDim: 3, outputDim: 3, activation: 'tanh' }, E: 2, n: 5 },
  { name: 'one member, width 130', arch: { ...BASE, width: 130 }, E: 1, n: 8 },
  { name: 'E = 1024 members, width 8', arch: { ...BASE, width: 8 }, E: 1024, n: 4 },
];

describe('the fused WGSL ensemble step on webgpu (Dawn, SwiftShader)', () => {
  for (const c of CASES) {
    it(`= the tfjs-op step after ${STEPS} steps, one submit, and its forward pass = tfjs ops (${c.name})`, async (ctx) => {
      if (setup.noAdapter) return ctx.skip(setup.noAdapter);
      const { arch, E } = c;
      const members = Array.from({ length: E }, (_, k) => initMemberParams(arch, 11, k));
      const data = trainingData(arch, c.n);
      const want = await reference(arch, members, data, 0.25, STEPS);
      expect(tf.getBackend()).toBe('webgpu');
      const [X, Y, probe] = [tf.tensor2d(data.X), tf.tensor2d(data.Y), tf.tensor2d(probePoints(arch.inputDim))];
      const start = stackMemberParams(arch, members);
      const before = tf.memory().numTensors;
      const end = webgpuFusedSteps(arch, start, X, Y, 0.25, STEPS);
      expect(tf.memory().numTensors - before).toBe(2 * (arch.depth + 1));
      const got = await flat(end);
      got.forEach((t, i) => expect(maxRelDiff(t, want.params[i]), `tensor ${i}`).toBeLessThan(1e-5));
      // The parameters moved: the comparison is not between two copies of the start.
      expect(Math.max(...got.map((t, i) => maxRelDiff(t, want.initial[i])))).toBeGreaterThan(1e-3);
      // The start is untouched (the kernel writes new tensors, in place only across its own steps).
      const startNow = await flat(start);
      startNow.forEach((t, i) => expect(maxRelDiff(t, want.initial[i])).toBe(0));
      const f = webgpuFusedForward(arch, end, probe);
      expect(f.shape).toEqual([E, PROBE, arch.outputDim]);
      const fv = (await f.data()) as Float32Array;
      expect(maxRelDiff(fv, want.forward)).toBeLessThan(1e-5);
      expect(want.forward.reduce((m, v) => Math.max(m, Math.abs(v)), 0)).toBeGreaterThan(0.1);
      tf.dispose([X, Y, probe, f]);
      disposeParams(start);
      disposeParams(end);
    });
  }

  it('the tiled delta shader gives the same parameters as the naive one, bit for bit (same sums, same order)', async (ctx) => {
    if (setup.noAdapter) return ctx.skip(setup.noAdapter);
    const cases = [
      { arch: { ...BASE, width: 67, depth: 3 }, E: 3 },
      { arch: { ...BASE, width: 130, activation: 'tanh' as const }, E: 2 },
      { arch: { ...BASE, width: 5, depth: 3, inputDim: 3, outputDim: 3 }, E: 4 },
      { arch: { ...BASE, width: 8 }, E: 100 },
    ];
    for (const { arch, E } of cases) {
      const data = trainingData(arch, 4);
      const [X, Y] = [tf.tensor2d(data.X), tf.tensor2d(data.Y)];
      const start = stackMemberParams(arch, Array.from({ length: E }, (_, k) => initMemberParams(arch, 5, k)));
      const naiveEnd = webgpuFusedSteps(arch, start, X, Y, 0.25, STEPS);
      const naive = await flat(naiveEnd);
      expect(await installWebgpuFusedStep({ forward: FORWARD_SHADER, delta: TILED_DELTA_SHADER, update: UPDATE_SHADER })).toBeNull();
      try {
        const tiledEnd = webgpuFusedSteps(arch, start, X, Y, 0.25, STEPS);
        const tiled = await flat(tiledEnd);
        tiled.forEach((t, i) => expect(maxRelDiff(t, naive[i]), `width ${arch.width}, tensor ${i}`).toBe(0));
        disposeParams(tiledEnd);
      } finally {
        expect(await installWebgpuFusedStep()).toBeNull();
      }
      for (const p of [start, naiveEnd]) disposeParams(p);
      tf.dispose([X, Y]);
    }
  });

  it('one call of k steps = k calls of one step (the multi-step submit changes nothing)', async (ctx) => {
    if (setup.noAdapter) return ctx.skip(setup.noAdapter);
    const arch = { ...BASE, width: 24, activation: 'tanh' as const };
    const data = trainingData(arch, 8);
    const [X, Y] = [tf.tensor2d(data.X), tf.tensor2d(data.Y)];
    const start = stackMemberParams(arch, Array.from({ length: 4 }, (_, k) => initMemberParams(arch, 3, k)));
    const many = webgpuFusedSteps(arch, start, X, Y, 0.2, 7);
    const one = train(arch, start, X, Y, (a, p, x, y, lr) => webgpuFusedSteps(a, p, x, y, lr, 1), 7, 0.2);
    const [a, b] = [await flat(many), await flat(one)];
    a.forEach((t, i) => expect(maxRelDiff(t, b[i])).toBeLessThan(1e-6));
    for (const p of [start, many, one]) disposeParams(p);
    tf.dispose([X, Y]);
  });

  it('the toy trainer: trainSteps(40) on webgpu (one submit per ensemble) = 40 tfjs-op steps on cpu, grid included', async (ctx) => {
    if (setup.noAdapter) return ctx.skip(setup.noAdapter);
    const config = { ...DEFAULT_CONFIG, ensembleSize: 6, width: 20, steps: 40 };
    await tf.setBackend('cpu');
    const cpu = new EnsembleTrainer(config);
    for (let s = 0; s < 40; s++) cpu.trainStep();
    const [want, wantSnap] = [await cpu.parameters(), await cpu.snapshot()];
    cpu.dispose();
    await tf.setBackend('webgpu');
    const gpu = new EnsembleTrainer(config);
    const profile = await tf.profile(() => gpu.trainSteps(40));
    // The augmented ensemble and its no-augmentation twin: one fused kernel call each for all 40 steps.
    expect(profile.kernels.map((k) => k.name)).toEqual(['SymlabWebgpuSgdSteps', 'SymlabWebgpuSgdSteps']);
    expect(gpu.step).toBe(40);
    const [got, gotSnap] = [await gpu.parameters(), await gpu.snapshot()];
    gpu.dispose();
    for (let t = 0; t < 2; t++) {
      for (let k = 0; k < config.ensembleSize; k++) {
        got[t][k].layers.forEach((layer, l) => expect(maxRelDiff(layer.W, want[t][k].layers[l].W)).toBeLessThan(1e-5));
      }
    }
    expect(maxRelDiff(gotSnap.members, wantSnap.members)).toBeLessThan(1e-5);
    expect(maxRelDiff(gotSnap.losses, wantSnap.losses)).toBeLessThan(1e-4);
  });

  it('is what the webgpu engine runs: one kernel for k steps, one for the forward pass', async (ctx) => {
    if (setup.noAdapter) return ctx.skip(setup.noAdapter);
    const arch = { ...BASE, width: 32 };
    const data = trainingData(arch, 8);
    const [X, Y] = [tf.tensor2d(data.X), tf.tensor2d(data.Y)];
    const params = stackMemberParams(arch, Array.from({ length: 8 }, (_, k) => initMemberParams(arch, 1, k)));
    expect(stepEngineFor('webgpu')).toBe(webgpuFusedEngine);
    const fused = await tf.profile(() => webgpuFusedEngine.sgdSteps(arch, params, X, Y, 0.1, 3).W[0]);
    expect(fused.kernels.map((k) => k.name)).toEqual(['SymlabWebgpuSgdSteps']);
    const forward = await tf.profile(() => webgpuFusedEngine.forward(arch, params, X));
    expect(forward.kernels.map((k) => k.name)).toEqual(['SymlabWebgpuForward']);
    const ops = await tf.profile(() => referenceEngine.sgdStep(arch, params, X, Y, 0.1).W[0]);
    expect(ops.kernels.length).toBeGreaterThan(20);
    tf.dispose([X, Y]);
    disposeParams(params);
  });

  it('a shader that does not compile is reported with the reason, and the tfjs-op step is used', async (ctx) => {
    if (setup.noAdapter) return ctx.skip(setup.noAdapter);
    const broken = UPDATE_SHADER.replace('var g = 0.0;', 'var g = 0.0 +;');
    expect(await installWebgpuFusedStep({ forward: FORWARD_SHADER, delta: DELTA_SHADER, update: broken })).toMatch(
      /^the fused WGSL step did not compile \(ensemble update: line \d+: .+\)$/,
    );
    expect(webgpuFusedStepUnavailable()).toMatch(/did not compile/);
    const choice = selectStepEngine('webgpu');
    expect(choice).toEqual({ engine: referenceEngine, reason: `${webgpuFusedStepUnavailable()}, so the step runs as tfjs ops` });
    // The badge's reason, as the worker re-reports it: the claim of a fused step is replaced by why not.
    const reason = 'webgpu, as requested; fused WGSL training step';
    expect(reasonWithWebgpuKernelState(reason)).toBe(`webgpu, as requested; ${webgpuFusedStepUnavailable()}, so the step runs as tfjs ops`);
    expect(reasonWithWebgpuKernelState(reasonWithWebgpuKernelState(reason))).toBe(reasonWithWebgpuKernelState(reason));
    expect(reasonWithWebgpuKernelState('wasm, as requested')).toBe('wasm, as requested');
    const arch = { ...BASE, width: 12 };
    const data = trainingData(arch, 4);
    const [X, Y] = [tf.tensor2d(data.X), tf.tensor2d(data.Y)];
    const params = stackMemberParams(arch, Array.from({ length: 2 }, (_, k) => initMemberParams(arch, 4, k)));
    // The fused engine, where a trainer still holds it, falls back to tfjs ops without trying the kernel.
    const ops = await tf.profile(() => webgpuFusedEngine.sgdStep(arch, params, X, Y, 0.1).W[0]);
    expect(ops.kernels.map((k) => k.name)).not.toContain('SymlabWebgpuSgdSteps');
    expect(ops.kernels.length).toBeGreaterThan(20);
    expect(await installWebgpuFusedStep()).toBeNull();
    expect(selectStepEngine('webgpu').engine).toBe(webgpuFusedEngine);
    expect(reasonWithWebgpuKernelState(reason)).toBe(reason);
    tf.dispose([X, Y]);
    disposeParams(params);
  });
});
