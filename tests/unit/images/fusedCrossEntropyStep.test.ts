/**
 * The fused cross-entropy kernel (src/kernels/crossEntropyStep.ts, hosted by src/core/images/fusedCrossEntropyStep.ts)
 * against the tfjs-op reference `crossEntropySgdStep`: the same parameters and losses after 5 steps to 1e-5 relative,
 * for the lab's own shape, widths that are not multiples of 4 (tails of every tile), per-member and shared batches,
 * depth 1 to 3, and one member. Both builds (SIMD128, relaxed SIMD). Then the picker's fallbacks, and the evaluation's
 * fused forward pass against tfjs ops.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { disposeParams, initBatchedParams, type BatchedParams, type MlpArchitecture } from '../../../src/core';
import { installFusedSgdStep } from '../../../src/core/ensemble/fusedSgdStep';
import { selectStepEngine } from '../../../src/core/ensemble/selectStepEngine';
import { classifierProbabilities, crossEntropySgdStep } from '../../../src/core/images/classifier';
import {
  classifierProbabilitiesFast,
  crossEntropyStep,
  crossEntropyStepUnavailable,
  fusedCrossEntropySgdStep,
  installFusedCrossEntropyStep,
  setFusedCrossEntropyStepEnabled,
} from '../../../src/core/images/fusedCrossEntropyStep';
import { Rng } from '../../../src/core/rng';
import { flat, maxRelDiff } from '../engine/stepComparison';
import { kernelBuilds, loadKernelOnWasm } from '../helpers/kernelBuilds';

const BUILDS = kernelBuilds('crossEntropyStep');
const BASE: MlpArchitecture = { inputDim: 49, width: 13, depth: 2, outputDim: 10, sigmaW: Math.SQRT2, sigmaB: 0.1, activation: 'relu' };

interface Case {
  name: string;
  arch: MlpArchitecture;
  E: number;
  N: number;
  /** One batch for all members ([N, d]) instead of one per member ([E, N, d]). */
  shared?: boolean;
  lr: number;
}

const CASES: Case[] = [
  { name: "the lab's shape 784 → 128 × 2 → 10, E 2, 20 images each", arch: { ...BASE, inputDim: 784, width: 128 }, E: 2, N: 20, lr: 30 },
  { name: 'width 13, 9 images each, E 3', arch: BASE, E: 3, N: 9, lr: 10 },
  { name: 'one member, width 6, depth 1, 3 classes, shared batch', arch: { ...BASE, width: 6, depth: 1, outputDim: 3, inputDim: 10 }, E: 1, N: 7, shared: true, lr: 5 },
  { name: 'depth 3, width 17, 5 classes, 30 inputs, σ_b = 0.5', arch: { ...BASE, inputDim: 30, width: 17, depth: 3, outputDim: 5, sigmaB: 0.5 }, E: 4, N: 11, lr: 5 },
  { name: 'width 36, one member, per-member batch', arch: { ...BASE, width: 36 }, E: 1, N: 16, lr: 10 },
];

/** Images in [0, 1] with a class-dependent bright patch, so the loss has signal to follow; one-hot labels. */
function batch(c: Case, seed: number): { X: tf.Tensor2D | tf.Tensor3D; Y: tf.Tensor2D | tf.Tensor3D } {
  const rng = new Rng(seed, 7);
  const members = c.shared ? 1 : c.E;
  const { inputDim: d, outputDim: k } = c.arch;
  const x = new Float32Array(members * c.N * d);
  const y = new Float32Array(members * c.N * k);
  for (let r = 0; r < members * c.N; r++) {
    const label = rng.int(k);
    y[r * k + label] = 1;
    for (let i = 0; i < d; i++) x[r * d + i] = 0.3 * rng.uniform() + (i % k === label ? 0.7 : 0);
  }
  if (c.shared) return { X: tf.tensor2d(x, [c.N, d]), Y: tf.tensor2d(y, [c.N, k]) };
  return { X: tf.tensor3d(x, [c.E, c.N, d]), Y: tf.tensor3d(y, [c.E, c.N, k]) };
}

type CeStep = typeof crossEntropySgdStep;

/** 5 steps of `step` on a fresh batch each (seeded by the step), keeping `start`; returns the parameters and every loss. */
async function train(c: Case, start: BatchedParams, step: CeStep): Promise<{ params: BatchedParams; losses: number[] }> {
  let p = start;
  const losses: number[] = [];
  for (let s = 0; s < 5; s++) {
    const { X, Y } = batch(c, 100 + s);
    const out = step(c.arch, p, X, Y, c.lr);
    X.dispose();
    Y.dispose();
    if (p !== start) disposeParams(p);
    p = out.params;
    losses.push(...(await out.loss.data()));
    out.loss.dispose();
  }
  return { params: p, losses };
}

for (const build of BUILDS) describe(`the fused cross-entropy step on wasm, ${build.variant} build`, () => {
  beforeAll(async () => {
    expect(installFusedCrossEntropyStep(await loadKernelOnWasm(build))).toBeNull();
    expect(crossEntropyStepUnavailable()).toBeNull();
  });

  for (const c of CASES) {
    it(`= the tfjs-op step after 5 steps, parameters and losses to 1e-5 (${c.name})`, async () => {
      const start = initBatchedParams(c.arch, 3, c.E);
      const before = tf.memory().numTensors;
      const { X, Y } = batch(c, 1);
      const once = fusedCrossEntropySgdStep(c.arch, start, X, Y, c.lr);
      // One step leaves exactly its new parameters and the loss.
      expect(tf.memory().numTensors - before).toBe(2 * (c.arch.depth + 1) + 2 + 1);
      expect(once.loss.shape).toEqual([c.E]);
      disposeParams(once.params);
      once.loss.dispose();
      X.dispose();
      Y.dispose();

      const fused = await train(c, start, fusedCrossEntropySgdStep);
      const ref = await train(c, start, crossEntropySgdStep);
      const got = await flat(fused.params);
      const want = await flat(ref.params);
      got.forEach((t, i) => expect(maxRelDiff(t, want[i])).toBeLessThan(1e-5));
      expect(maxRelDiff(fused.losses, ref.losses)).toBeLessThan(1e-5);
      // The comparison is not between two copies of the start: the parameters moved and the loss fell.
      const initial = await flat(start);
      expect(Math.max(...got.map((t, i) => maxRelDiff(t, initial[i])))).toBeGreaterThan(1e-3);
      expect(fused.losses[fused.losses.length - 1]).toBeLessThan(fused.losses[0]);
      disposeParams(fused.params);
      disposeParams(ref.params);
      disposeParams(start);
    });
  }
});

describe('the step picker and the evaluation forward pass', () => {
  const c = CASES[1];
  const bytes = readFileSync(BUILDS[0].path);
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    installFusedCrossEntropyStep(new WebAssembly.Module(bytes));
    installFusedSgdStep(new WebAssembly.Module(readFileSync(kernelBuilds('ensembleSgdStep')[0].path)));
    selectStepEngine('wasm');
  });
  afterAll(async () => {
    setFusedCrossEntropyStepEnabled(true);
    selectStepEngine('wasm');
    await tf.setBackend('wasm');
  });

  it('falls back to the tfjs-op step, and says why, when the kernel is off or the backend is not wasm', async () => {
    const start = initBatchedParams(c.arch, 5, c.E);
    const { X, Y } = batch(c, 2);
    const want = crossEntropySgdStep(c.arch, start, X, Y, c.lr);
    const wantFlat = await flat(want.params);

    // Off: the picker is the reference itself, bit for bit.
    setFusedCrossEntropyStepEnabled(false);
    expect(crossEntropyStepUnavailable()).toBe('the fused cross-entropy kernel is switched off');
    const off = crossEntropyStep(c.arch, start, X, Y, c.lr);
    (await flat(off.params)).forEach((t, i) => expect(maxRelDiff(t, wantFlat[i])).toBe(0));
    setFusedCrossEntropyStepEnabled(true);

    // On: the kernel, equal to float rounding, and not the same code path (rounding differs somewhere).
    const on = crossEntropyStep(c.arch, start, X, Y, c.lr);
    const onFlat = await flat(on.params);
    onFlat.forEach((t, i) => expect(maxRelDiff(t, wantFlat[i])).toBeLessThan(1e-5));
    expect(Math.max(...onFlat.map((t, i) => maxRelDiff(t, wantFlat[i])))).toBeGreaterThan(0);

    // Another backend: the reference, with the backend named.
    const onCpu = await (async () => {
      const data = [await X.data(), await Y.data(), ...(await flat(start))];
      await tf.setBackend('cpu');
      expect(crossEntropyStepUnavailable()).toBe('the fused cross-entropy kernel runs on wasm only (this backend: cpu)');
      const L = start.W.length;
      const p = { W: start.W.map((w, l) => tf.tensor3d(data[2 + l], w.shape as [number, number, number])), b: start.b.map((b, l) => tf.tensor3d(data[2 + L + l], b.shape as [number, number, number])) };
      const out = crossEntropyStep(c.arch, p, tf.tensor3d(data[0], X.shape as [number, number, number]), tf.tensor3d(data[1], Y.shape as [number, number, number]), c.lr);
      return flat(out.params);
    })();
    onCpu.forEach((t, i) => expect(maxRelDiff(t, wantFlat[i])).toBeLessThan(1e-5));
    await tf.setBackend('wasm');
    expect(crossEntropyStepUnavailable()).toBeNull();
  });

  it("the evaluation's probabilities through the fused forward pass = tfjs ops to 1e-5", async () => {
    const arch = CASES[0].arch;
    const params = initBatchedParams(arch, 8, 3);
    const rng = new Rng(9, 1);
    // 300 images: more than one 128-image block of the forward kernel, and a partial last block.
    const X = tf.tensor2d(Float32Array.from({ length: 300 * arch.inputDim }, () => rng.uniform()), [300, arch.inputDim]);
    const fast = await classifierProbabilitiesFast(arch, params, X).data();
    selectStepEngine('wasm', 'the fused kernel is switched off for the comparison');
    const ref = await classifierProbabilities(params, X).data();
    selectStepEngine('wasm');
    expect(fast.length).toBe(3 * 300 * 10);
    expect(maxRelDiff(fast, ref)).toBeLessThan(1e-5);
    // Not a degenerate comparison: the probabilities are far from uniform somewhere.
    expect(Math.max(...ref)).toBeGreaterThan(0.2);
  });
});
