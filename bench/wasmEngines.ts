/**
 * The wasm step engines side by side in Node: the fused SIMD kernel and the tfjs-op engines (depthwise-convolution
 * products, and the tf.matMul reference), interleaved (A B C, A B C, …) so that a noisy shared machine slows each
 * alike. Prints the median ms per step of each, per size E × W (depth 2, the toy's C8 set, N = 24).
 *   npx tsx --experimental-wasm-relaxed-simd bench/wasmEngines.ts      (SIZES=64x64,16x128 REPS=5 STEPS=10)
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import type { MlpArchitecture } from '../src/core/ensemble/architecture';
import { augmentTrainingSet } from '../src/core/ensemble/augment';
import { cyclicAngles } from '../src/core/groups/rotation2d';
import { MONO3 } from '../src/core/data/toySets';
import { disposeParams, initBatchedParams, type BatchedParams } from '../src/core/ensemble/batchedMlp';
import { installFusedSgdStep, wasmFusedEngine } from '../src/core/ensemble/fusedSgdStep';
import { referenceEngine, tfjsOpEngine } from '../src/core/ensemble/stepEngine';

export type Step = (arch: MlpArchitecture, p: BatchedParams, X: tf.Tensor2D, Y: tf.Tensor2D, lr: number) => BatchedParams;

/** The engines measured; a caller may add its own (e.g. a retired step, to compare before removing it). */
export const STEPS_MEASURED: [string, Step][] = [
  ['fused', wasmFusedEngine.sgdStep],
  ['tfjs depthwise', tfjsOpEngine('depthwise').sgdStep],
  ['tfjs matMul', referenceEngine.sgdStep],
];

export async function measureWasmEngines(steps: [string, Step][] = STEPS_MEASURED): Promise<void> {
  const sizes = (process.env.SIZES ?? '64x64,16x128,256x64,4x16').split(',').map((s) => s.split('x').map(Number));
  const reps = Number(process.env.REPS ?? 5);
  const perRep = Number(process.env.STEPS ?? 10);
  await tf.setBackend('wasm');
  await tf.ready();
  const relaxed = process.env.VARIANT !== 'SIMD128';
  const path = relaxed ? 'src/kernels/build/ensembleSgdStep-relaxed.wasm' : 'src/kernels/build/ensembleSgdStep.wasm';
  const why = installFusedSgdStep(new WebAssembly.Module(readFileSync(path)), relaxed ? 'relaxed SIMD' : 'SIMD128');
  if (why) throw new Error(why);
  const set = augmentTrainingSet(MONO3, cyclicAngles(8));
  const X = tf.tensor2d(set.X, [set.N, 2]);
  const Y = tf.tensor2d(set.Y, [set.N, 1]);
  for (const [E, W] of sizes) {
    const arch: MlpArchitecture = { inputDim: 2, width: W, depth: 2, outputDim: 1, sigmaW: Math.SQRT2, sigmaB: 0.1, activation: 'relu' };
    const times = new Map<string, number[]>(steps.map(([n]) => [n, []]));
    for (let r = 0; r < reps; r++) {
      for (const [name, step] of steps) {
        let p = initBatchedParams(arch, 1, E);
        const warm = step(arch, p, X, Y, 0.1);
        disposeParams(p);
        p = warm;
        await p.W[0].data();
        const t0 = performance.now();
        for (let s = 0; s < perRep; s++) {
          const n = step(arch, p, X, Y, 0.1);
          disposeParams(p);
          p = n;
        }
        await p.W[0].data();
        times.get(name)!.push((performance.now() - t0) / perRep);
        disposeParams(p);
      }
    }
    const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
    console.log(`E ${E} × W ${W} (N ${set.N}, depth 2, median of ${reps} interleaved reps of ${perRep} steps): ` + steps.map(([n]) => `${n} ${med(times.get(n)!).toFixed(2)} ms`).join(', '));
  }
}

if (process.argv[1]?.endsWith('wasmEngines.ts')) void measureWasmEngines();
