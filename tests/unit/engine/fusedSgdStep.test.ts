import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import {
  augmentTrainingSet,
  cyclicAngles,
  disposeParams,
  batchedForward,
  IndependentNetworks,
  initBatchedParams,
  initMemberParams,
  MONO3,
  stackMemberParams,
  unstackParams,
  type MlpArchitecture,
} from '../../../src/core';
import {
  fusedBatchedProduct,
  fusedForward,
  fusedSgdStep,
  fusedSgdStepUnavailable,
  fusedSgdStepVariant,
  reasonWithKernelState,
  installFusedSgdStep,
  wasmFusedEngine,
} from '../../../src/core/ensemble/fusedSgdStep';
import { referenceEngine, stepEngineFor, tfjsOpEngine } from '../../../src/core/ensemble/stepEngine';
import { selectStepEngine } from '../../../src/core/ensemble/selectStepEngine';
import { DivergenceError } from '../../../src/core/ensemble/divergence';
import { finiteMemberLosses } from '../../../src/core/ensemble/ensembleStep';
import { flat, matmulStep, maxRelDiff, train } from './stepComparison';
import { kernelBuilds, loadKernelOnWasm } from '../helpers/kernelBuilds';

// The fused SIMD step (src/kernels/ensembleSgdStep.ts, hosted by fusedSgdStep.ts) against the matMul step and E
// independently trained networks: same parameters after 5 steps to 1e-5 relative, for every depth, both
// activations, odd widths and point counts, several inputs and outputs, σ_b = 0 and antithetic pairs.

const BUILDS = kernelBuilds('ensembleSgdStep');
const KERNEL = BUILDS[0].path;
const BASE: MlpArchitecture = { inputDim: 2, width: 16, depth: 2, outputDim: 1, sigmaW: Math.SQRT2, sigmaB: 0.1, activation: 'relu' };

interface Case {
  name: string;
  arch: MlpArchitecture;
  E: number;
  /** C_n augmentation of the three toy points: N = 3n. */
  n: number;
  antithetic?: boolean;
}

const CASES: Case[] = [
  ...[1, 2, 3, 4].flatMap((depth) =>
    (['relu', 'tanh'] as const).map((activation) => ({ name: `depth ${depth}, ${activation}`, arch: { ...BASE, depth, activation }, E: 4, n: 4 })),
  ),
  { name: 'default size: E 64, width 64, C8', arch: { ...BASE, width: 64 }, E: 64, n: 8 },
  { name: 'antithetic pairs', arch: BASE, E: 6, n: 8, antithetic: true },
  { name: 'σ_b = 0, tanh', arch: { ...BASE, sigmaB: 0, activation: 'tanh' }, E: 3, n: 4 },
  { name: 'width 13, 9 points (tails of every tile)', arch: { ...BASE, width: 13 }, E: 5, n: 3 },
  { name: 'width 5, depth 3, 3 inputs, 3 outputs', arch: { ...BASE, width: 5, depth: 3, inputDim: 3, outputDim: 3 }, E: 2, n: 5 },
  { name: 'width 36, 2 outputs, one member', arch: { ...BASE, width: 36, outputDim: 2 }, E: 1, n: 16 },
  // The no-augmentation twin's 3 points: every row is left over from the 4-row tile (16- and 4-column row blocks).
  { name: 'width 40, 3 points (the twin)', arch: { ...BASE, width: 40 }, E: 3, n: 1 },
  // 10 outputs (the images lab's): 8 columns in the tile, 2 in the four-rows-per-lane column path, 2 leftover rows.
  { name: 'width 21, 10 outputs, 6 points', arch: { ...BASE, width: 21, outputDim: 10 }, E: 2, n: 2 },
  // Width ≥ 256: the backward product reads W̃ without a transposed copy (productTransposedB), with lane and column tails.
  { name: 'width 257, 9 points, relu', arch: { ...BASE, width: 257 }, E: 2, n: 3 },
  { name: 'width 258, depth 3, tanh', arch: { ...BASE, width: 258, depth: 3, activation: 'tanh' }, E: 2, n: 4 },
];

function trainingData(arch: MlpArchitecture, n: number): { X: tf.Tensor2D; Y: tf.Tensor2D } {
  const set = augmentTrainingSet(MONO3, cyclicAngles(n));
  const d = arch.inputDim;
  // Extra columns are fixed functions of the toy points, so every input and output carries signal.
  const X = tf.tensor2d(
    Array.from({ length: set.N }, (_, i) => Array.from({ length: d }, (_, k) => (k < 2 ? set.X[2 * i + k] : 0.3 * set.X[2 * i] - set.X[2 * i + 1]))),
  );
  const Y = tf.tensor2d(Array.from({ length: set.N }, (_, i) => Array.from({ length: arch.outputDim }, (_, j) => set.Y[i] * (1 + 0.5 * j) - 0.2 * j)));
  return { X, Y };
}

for (const build of BUILDS) describe(`the fused ensemble step on wasm, ${build.variant} build`, () => {
  beforeAll(async () => {
    expect(installFusedSgdStep(await loadKernelOnWasm(build), build.variant)).toBeNull();
    expect(fusedSgdStepVariant()).toBe(build.variant);
  });

  for (const c of CASES) {
    it(`= matMul step = independent networks after 5 steps (${c.name})`, async () => {
      const { arch, E } = c;
      const members = Array.from({ length: E }, (_, k) => initMemberParams(arch, 11, k, c.antithetic ?? false));
      const { X, Y } = trainingData(arch, c.n);
      const start = stackMemberParams(arch, members);

      const before = tf.memory().numTensors;
      const once = fusedSgdStep(arch, start, X, Y, 0.25);
      // One step leaves exactly its new parameters.
      expect(tf.memory().numTensors - before).toBe(2 * (arch.depth + 1));
      disposeParams(once);

      const fused = train(arch, start, X, Y, fusedSgdStep);
      const ref = await flat(train(arch, start, X, Y, matmulStep));
      const got = await flat(fused);
      got.forEach((t, i) => expect(maxRelDiff(t, ref[i])).toBeLessThan(1e-5));
      // The parameters did move: the comparison is not between two copies of the start.
      const initial = await flat(start);
      expect(Math.max(...got.map((t, i) => maxRelDiff(t, initial[i])))).toBeGreaterThan(1e-3);

      const naive = new IndependentNetworks(arch, members);
      for (let s = 0; s < 5; s++) naive.trainStep(X, Y, 0.25);
      const pf = await unstackParams(arch, fused);
      const pn = await naive.parameters();
      for (let k = 0; k < E; k++) {
        for (let l = 0; l <= arch.depth; l++) {
          expect(maxRelDiff(pf[k].layers[l].W, pn[k].layers[l].W)).toBeLessThan(1e-5);
          if (arch.sigmaB > 0) expect(maxRelDiff(pf[k].layers[l].b, pn[k].layers[l].b)).toBeLessThan(1e-5);
        }
      }
      naive.dispose();

      // The forward pass on 300 probe points (two blocks of 128 and a tail) equals the matMul forward pass.
      const probe = tf.tensor2d(Array.from({ length: 300 * arch.inputDim }, (_, i) => 2.5 * Math.sin(0.37 * i + 0.11 * i * i)), [300, arch.inputDim]);
      const fOut = fusedForward(arch, fused, probe);
      expect(fOut.shape).toEqual([E, 300, arch.outputDim]);
      const mOut = batchedForward(arch, fused, probe);
      const [fv, mv] = [(await fOut.data()) as Float32Array, (await mOut.data()) as Float32Array];
      expect(maxRelDiff(fv, mv)).toBeLessThan(1e-5);
      expect(Math.max(...Array.from(mv, Math.abs))).toBeGreaterThan(0.1);
      tf.dispose([probe, fOut, mOut]);
      disposeParams(fused);
      disposeParams(start);
      tf.dispose([X, Y]);
    });
  }

  it('is what the wasm engine runs: one kernel for the step, one for the forward pass; ~60 ops without it', async () => {
    const arch = { ...BASE, width: 32 };
    const { X, Y } = trainingData(arch, 8);
    const params = initBatchedParams(arch, 1, 8);
    const choice = selectStepEngine('wasm');
    expect(choice.engine).toBe(wasmFusedEngine);
    expect(choice.reason).toBe(`fused SIMD training step (${build.variant})`);
    expect(stepEngineFor('wasm')).toBe(wasmFusedEngine);
    const fused = await tf.profile(() => wasmFusedEngine.sgdStep(arch, params, X, Y, 0.1).W[0]);
    expect(fused.kernels.map((k) => k.name)).toEqual(['SymlabEnsembleSgdStep']);
    const forward = await tf.profile(() => wasmFusedEngine.forward(arch, params, X));
    expect(forward.kernels.map((k) => k.name)).toEqual(['SymlabEnsembleForward']);
    const ops = await tf.profile(() => tfjsOpEngine('depthwise').sgdStep(arch, params, X, Y, 0.1).W[0]);
    expect(ops.kernels.map((k) => k.name)).toContain('DepthwiseConv2dNative');
    expect(ops.kernels.length).toBeGreaterThan(20);
    tf.dispose([X, Y]);
    disposeParams(params);
  });

  it('keeps the tensor count flat: the same after 200 steps as after 10', async () => {
    const arch = { ...BASE, width: 24 };
    const { X, Y } = trainingData(arch, 8);
    let p = initBatchedParams(arch, 2, 16);
    const counts: number[] = [];
    for (let s = 1; s <= 200; s++) {
      const next = wasmFusedEngine.sgdStep(arch, p, X, Y, 0.05);
      disposeParams(p);
      p = next;
      if (s === 10 || s === 200) counts.push(tf.memory().numTensors);
    }
    await p.W[0].data();
    expect(counts[1]).toBe(counts[0]);
    disposeParams(p);
    tf.dispose([X, Y]);
  });

  it('still computes in place after the wasm memory has grown', async () => {
    const arch = { ...BASE, width: 20 };
    const { X, Y } = trainingData(arch, 4);
    const start = initBatchedParams(arch, 5, 4);
    const first = fusedSgdStep(arch, start, X, Y, 0.25);
    // 96 MB more: the backend grows its memory, which detaches every view of the old buffer.
    const ballast = tf.zeros([24 * 2 ** 20]);
    const second = train(arch, first, X, Y, fusedSgdStep, 4);
    const ref = train(arch, start, X, Y, matmulStep, 5);
    const [got, want] = [await flat(second), await flat(ref)];
    got.forEach((t, i) => expect(maxRelDiff(t, want[i])).toBeLessThan(1e-5));
    tf.dispose([ballast, X, Y]);
    for (const p of [start, first, second, ref]) disposeParams(p);
  });

  it('a diverging learning rate is reported by the loss check, not drawn as NaN', async () => {
    const arch = { ...BASE, width: 32 };
    const { X, Y } = trainingData(arch, 8);
    const start = initBatchedParams(arch, 3, 4);
    const p = train(arch, start, X, Y, fusedSgdStep, 60, 50);
    await expect(finiteMemberLosses(wasmFusedEngine, arch, p, X, Y, { step: 60, lr: 50 })).rejects.toBeInstanceOf(DivergenceError);
    disposeParams(p);
    disposeParams(start);
    tf.dispose([X, Y]);
  });

  it("its batched product equals tf.matMul (the benchmark's ceiling for the kernel)", async () => {
    const a = tf.randomNormal([7, 9, 13], 0, 1, 'float32', 1) as tf.Tensor3D;
    const b = tf.randomNormal([7, 13, 21], 0, 1, 'float32', 2) as tf.Tensor3D;
    const got = (await fusedBatchedProduct(a, b).data()) as Float32Array;
    const want = (await tf.matMul(a, b).data()) as Float32Array;
    expect(maxRelDiff(got, want)).toBeLessThan(1e-5);
  });
});

describe('a fused kernel that fails', () => {
  it('is switched off, says why, and the step falls back to tfjs ops with the same numbers and no leaked memory', async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    // A module with the kernel's interface whose step traps, compiled here from AssemblyScript.
    const asc = (await import('assemblyscript/asc')).default;
    const broken = await asc.compileString(
      `export function trainStep(E: i32, L: i32, N: i32, x: usize, y: usize, t: usize, s: usize, h: i32): void { unreachable(); }
       export function scratchBytes(L: i32, N: i32, w: i32): i32 { return 16; }
       export function forward(E: i32, L: i32, N: i32, x: usize, t: usize, o: usize, s: usize, h: i32): void { unreachable(); }
       export function forwardScratchBytes(w: i32): i32 { return 16; }
       export function batchedProduct(E: i32, N: i32, K: i32, M: i32, a: usize, b: usize, z: usize, o: usize): void { unreachable(); }`,
      { importMemory: true, runtime: 'stub', noAssert: true, use: ['abort='] } as never,
    );
    expect(broken.binary).not.toBeNull();
    expect(installFusedSgdStep(new WebAssembly.Module(new Uint8Array(broken.binary!)))).toBeNull();
    expect(fusedSgdStepUnavailable()).toBeNull();
    // Chosen once, when the backend is set: the engine itself falls back, no trainer asks again.
    const engine = selectStepEngine('wasm').engine;
    expect(engine).toBe(wasmFusedEngine);

    const arch = { ...BASE, width: 24 };
    const { X, Y } = trainingData(arch, 8);
    const start = initBatchedParams(arch, 9, 4);
    const storage = (tf.backend() as unknown as { dataIdMap: { numDataIds(): number } }).dataIdMap;
    const [tensors, buffers] = [tf.memory().numTensors, storage.numDataIds()];
    const after = engine.sgdStep(arch, start, X, Y, 0.25);
    expect(fusedSgdStepUnavailable()).toMatch(/the fused kernel failed \(.*unreachable.*\) and was switched off/);
    // The badge's reason, as the worker re-reports it after the next snapshot.
    const reason = 'wasm: webgpu skipped (no adapter); fused SIMD training step (relaxed SIMD)';
    expect(reasonWithKernelState(reason)).toBe(`wasm: webgpu skipped (no adapter); ${fusedSgdStepUnavailable()}`);
    expect(reasonWithKernelState(reasonWithKernelState(reason))).toBe(reasonWithKernelState(reason));
    expect(reasonWithKernelState('cpu, as requested')).toBe('cpu, as requested');
    // Exactly the new parameters exist: the failed kernel's output buffers were released.
    expect(tf.memory().numTensors - tensors).toBe(2 * (arch.depth + 1));
    expect(storage.numDataIds() - buffers).toBe(2 * (arch.depth + 1));
    const ref = matmulStep(arch, start, X, Y, 0.25);
    const [got, want] = [await flat(after), await flat(ref)];
    got.forEach((t, i) => expect(maxRelDiff(t, want[i])).toBeLessThan(1e-5));
    // The forward pass falls back too (tfjs ops, the same numbers), and a backend set now gets the tfjs-op engine.
    const probe = tf.tensor2d([0.3, -1.2, 2, 0.5], [2, 2]);
    const [fb, fr] = [engine.forward(arch, after, probe), referenceEngine.forward(arch, after, probe)];
    expect(maxRelDiff((await fb.data()) as Float32Array, (await fr.data()) as Float32Array)).toBeLessThan(1e-5);
    tf.dispose([probe, fb, fr]);
    const later = selectStepEngine('wasm');
    expect(later.engine.name).toBe('tfjs ops (depthwise products)');
    expect(later.reason).toBe(`${fusedSgdStepUnavailable()}, so the step runs as tfjs ops`);
    // Re-installing a working module turns the kernel back on.
    expect(installFusedSgdStep(new WebAssembly.Module(readFileSync(KERNEL)))).toBeNull();
    expect(selectStepEngine('wasm').engine).toBe(wasmFusedEngine);
    expect(reasonWithKernelState(reason)).toBe(reason);
    for (const p of [start, after, ref]) disposeParams(p);
    tf.dispose([X, Y]);
  });
});

describe('the fused step off wasm', () => {
  it('is not chosen for the cpu or webgl backend: the tfjs-op reference is, with nothing to add to the badge', async () => {
    expect(await tf.setBackend('cpu')).toBe(true);
    for (const backend of ['cpu', 'webgl']) expect(selectStepEngine(backend)).toEqual({ engine: referenceEngine, reason: '' });
    expect(stepEngineFor()).toBe(referenceEngine);
  });
});
