/// <reference types="@webgpu/types" />
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { disposeParams, initMemberParams, stackMemberParams, type BatchedParams, type MlpArchitecture } from '../../../src/core';
import { crossEntropySgdStep } from '../../../src/core/images/classifier';
import {
  CROSS_ENTROPY_SOURCES,
  installWebgpuCrossEntropyStep,
  webgpuCrossEntropyStep,
  webgpuCrossEntropyStepUnavailable,
  webgpuCrossEntropyStepWithLoss,
} from '../../../src/core/images/webgpuCrossEntropyStep';
import { flat, maxRelDiff } from './stepComparison';
import { webgpuForTests } from './nodeWebgpu';

// The images lab's softmax cross-entropy step as one WGSL kernel (webgpuCrossEntropyStep.ts) on tfjs's webgpu backend
// in Node through Dawn, on SwiftShader's software Vulkan here: after several steps every parameter, and the loss of
// each step, equals the tfjs-op reference `crossEntropySgdStep` computed on the cpu backend to 1e-5 relative.

const BASE: MlpArchitecture = { inputDim: 20, width: 16, depth: 2, outputDim: 10, sigmaW: Math.SQRT2, sigmaB: 0.1, activation: 'relu' };
const STEPS = 4;
const LR = 0.5;

const setup = webgpuForTests('the WGSL cross-entropy tests', async () => {
  expect(await installWebgpuCrossEntropyStep()).toBeNull();
});

/** Deterministic inputs in [0, 1] and one-hot labels: shared [N, ·] or one batch per member [E, N, ·]. */
function batch(arch: MlpArchitecture, E: number, N: number, perMember: boolean): { X: number[]; Y: number[]; xShape: number[]; yShape: number[] } {
  const rows = perMember ? E * N : N;
  const X = Array.from({ length: rows * arch.inputDim }, (_, i) => 0.5 + 0.5 * Math.sin(0.71 * i + 0.013 * i * i));
  const Y = new Array<number>(rows * arch.outputDim).fill(0);
  for (let r = 0; r < rows; r++) Y[r * arch.outputDim + ((r * 7 + 3) % arch.outputDim)] = 1;
  const lead = perMember ? [E, N] : [N];
  return { X, Y, xShape: [...lead, arch.inputDim], yShape: [...lead, arch.outputDim] };
}

type CeStep = (arch: MlpArchitecture, p: BatchedParams, X: tf.Tensor, Y: tf.Tensor, lr: number) => { params: BatchedParams; loss: tf.Tensor1D };

/** STEPS steps of `step` from the members' initial parameters: every parameter read back flat, and each step's loss. */
async function trainWith(step: CeStep, arch: MlpArchitecture, E: number, data: ReturnType<typeof batch>) {
  const X = tf.tensor(data.X, data.xShape);
  const Y = tf.tensor(data.Y, data.yShape);
  let p = stackMemberParams(arch, Array.from({ length: E }, (_, k) => initMemberParams(arch, 5, k)));
  const initial = await flat(p);
  const losses: Float32Array[] = [];
  for (let s = 0; s < STEPS; s++) {
    const out = step(arch, p, X, Y, LR);
    disposeParams(p);
    p = out.params;
    losses.push((await out.loss.data()) as Float32Array);
    out.loss.dispose();
  }
  const params = await flat(p);
  disposeParams(p);
  tf.dispose([X, Y]);
  return { params, initial, losses };
}

async function reference(arch: MlpArchitecture, E: number, data: ReturnType<typeof batch>) {
  await tf.setBackend('cpu');
  const want = await trainWith(crossEntropySgdStep as CeStep, arch, E, data);
  await tf.setBackend('webgpu');
  return want;
}

const CASES: { name: string; arch: MlpArchitecture; E: number; N: number; perMember: boolean }[] = [
  { name: 'one member, depth 1, shared batch', arch: { ...BASE, depth: 1 }, E: 1, N: 12, perMember: false },
  { name: 'width 67 (not a multiple of 64), per-member batches', arch: { ...BASE, width: 67 }, E: 3, N: 9, perMember: true },
  { name: 'depth 3, width 5, 3 classes, σ_b = 0', arch: { ...BASE, depth: 3, width: 5, outputDim: 3, sigmaB: 0 }, E: 4, N: 7, perMember: true },
  { name: 'E = 256 members, width 24', arch: { ...BASE, width: 24 }, E: 256, N: 8, perMember: true },
];

describe('the WGSL cross-entropy step on webgpu (Dawn, SwiftShader)', () => {
  for (const c of CASES) {
    it(`= crossEntropySgdStep (tfjs ops, cpu) after ${STEPS} steps, loss included (${c.name})`, async (ctx) => {
      if (setup.noAdapter) return ctx.skip(setup.noAdapter);
      const data = batch(c.arch, c.E, c.N, c.perMember);
      const want = await reference(c.arch, c.E, data);
      const profile = await tf.profile(async () => {
        const X = tf.tensor(data.X, data.xShape);
        const Y = tf.tensor(data.Y, data.yShape);
        const p = stackMemberParams(c.arch, [initMemberParams(c.arch, 5, 0)]);
        const out = webgpuCrossEntropyStepWithLoss(c.arch, p, X as tf.Tensor3D, Y as tf.Tensor3D, LR);
        tf.dispose([X, Y, out.loss, ...out.params.W, ...out.params.b, ...p.W, ...p.b]);
      });
      // One fused kernel, not ~40 tfjs ops.
      expect(profile.kernels.map((k) => k.name).filter((n) => n.startsWith('Symlab'))).toEqual(['SymlabWebgpuCrossEntropyStep']);
      const got = await trainWith(webgpuCrossEntropyStepWithLoss as CeStep, c.arch, c.E, data);
      got.params.forEach((t, i) => expect(maxRelDiff(t, want.params[i]), `tensor ${i}`).toBeLessThan(1e-5));
      got.losses.forEach((l, s) => expect(maxRelDiff(l, want.losses[s]), `loss at step ${s}`).toBeLessThan(1e-5));
      // The parameters moved and the loss fell: the comparison is not between two copies of the start.
      expect(Math.max(...got.params.map((t, i) => maxRelDiff(t, want.initial[i])))).toBeGreaterThan(1e-3);
      const mean = (v: Float32Array) => v.reduce((s, x) => s + x, 0) / v.length;
      expect(mean(got.losses[STEPS - 1])).toBeLessThan(mean(got.losses[0]));
    });
  }

  it('the plain entry point (arch, params, X, labels, lr) => params gives the same parameters and leaks nothing', async (ctx) => {
    if (setup.noAdapter) return ctx.skip(setup.noAdapter);
    const arch = { ...BASE, width: 10 };
    const data = batch(arch, 2, 6, false);
    const [X, Y] = [tf.tensor2d(data.X, data.xShape as [number, number]), tf.tensor2d(data.Y, data.yShape as [number, number])];
    const p = stackMemberParams(arch, Array.from({ length: 2 }, (_, k) => initMemberParams(arch, 2, k)));
    const before = tf.memory().numTensors;
    const a = webgpuCrossEntropyStep(arch, p, X, Y, LR);
    expect(tf.memory().numTensors - before).toBe(2 * (arch.depth + 1));
    const b = webgpuCrossEntropyStepWithLoss(arch, p, X, Y, LR);
    const [fa, fb] = [await flat(a), await flat(b.params)];
    fa.forEach((t, i) => expect(maxRelDiff(t, fb[i])).toBe(0));
    for (const q of [p, a, b.params]) disposeParams(q);
    tf.dispose([X, Y, b.loss]);
  });

  it('a shader that does not compile is reported with the reason, and the step falls back to tfjs ops', async (ctx) => {
    if (setup.noAdapter) return ctx.skip(setup.noAdapter);
    const broken = { ...CROSS_ENTROPY_SOURCES, softmax: CROSS_ENTROPY_SOURCES.softmax.replace('var s = 0.0;', 'var s = 0.0 +;') };
    expect(await installWebgpuCrossEntropyStep(broken)).toMatch(/^the WGSL cross-entropy step did not compile \(cross-entropy softmax: line \d+: .+\)$/);
    expect(webgpuCrossEntropyStepUnavailable()).toMatch(/did not compile/);
    const arch = { ...BASE, width: 8 };
    const data = batch(arch, 2, 5, true);
    const want = await reference(arch, 2, data);
    const profile = await tf.profile(async () => {
      const got = await trainWith(webgpuCrossEntropyStepWithLoss as CeStep, arch, 2, data);
      got.params.forEach((t, i) => expect(maxRelDiff(t, want.params[i])).toBeLessThan(1e-5));
    });
    expect(profile.kernels.map((k) => k.name)).not.toContain('SymlabWebgpuCrossEntropyStep');
    expect(profile.kernels.length).toBeGreaterThan(20);
    expect(await installWebgpuCrossEntropyStep()).toBeNull();
    expect(webgpuCrossEntropyStepUnavailable()).toBeNull();
  });
});
