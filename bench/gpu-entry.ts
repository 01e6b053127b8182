/**
 * `npm run bench:gpu`: the trainer benchmark on tfjs's webgpu backend in Node, through Dawn (the npm package
 * `webgpu`, the WebGPU engine Chrome uses). Packaged with ../shared/gpu-kit/ (`npm run bench:gpu:kit`) it runs on a
 * GPU machine that has no Node and no network: `bash .gpu-kit/on-device.sh`.
 *
 * For each size E × W (default 64×64, 64×512, 1024×256; the toy's C8 set, N = 24 points, depth 2) it times:
 *   - the tfjs-op step (~60 tfjs kernels a step; the fused step switched off),
 *   - the fused WGSL step called once per step (one kernel, 3L − 1 dispatches),
 *   - the fused WGSL step with many steps per submit (what the trainer does between snapshots),
 * the default run: the toy's default configuration for 2000 steps with its snapshots, wall time; and the images lab's
 * cross-entropy step (the Full preset's members: 784 → 128 → 128 → 10, E = 8, batch 100, per-member batches) as
 * tfjs ops and as the fused WGSL kernel (webgpuCrossEntropyStep.ts).
 * Every timing ends with `await data()` of a small tensor, so the GPU has finished the work it is charged for.
 * Prints JSON lines and a table; writes gpu-bench.json under $OUT when set, else bench/results/gpu.json.
 *
 * Options (environment): BENCH_SIZES=64x64,64x512,1024x256  BENCH_BUDGET_MS=1500  BENCH_STEPS_PER_SUBMIT=100
 *                        BENCH_DEFAULT_STEPS=2000 (0 skips the default run)
 *                        BENCH_REHEARSAL=1: every size shrunk so the whole bench runs in a minute or two on a software
 *                        driver (sizes 4x16,16x32; 10 steps a submit; a default-config run of E = 4, W = 16 for 10
 *                        steps; the cross-entropy step at 64 → 16 → 16 → 10, E = 2, batch 8). The options above
 *                        still override.
 * Rehearse here on SwiftShader (software: proves it runs, not how fast):
 *   BENCH_REHEARSAL=1 VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json bash .gpu-kit/on-device.sh
 */
import fs from 'node:fs';
import path from 'node:path';
import { create, globals } from 'webgpu';
import * as tf from '@tensorflow/tfjs-core';
import { DEFAULT_CONFIG, type EnsembleConfig } from '../src/core/ensemble/config';
import { configArchitecture } from '../src/core/ensemble/config';
import { augmentTrainingSet } from '../src/core/ensemble/augment';
import { augmentationAngles } from '../src/core/ensemble/groupSpec';
import { initMemberParams } from '../src/core/ensemble/init';
import { batchedSgdStep, disposeParams, stackMemberParams, trainingStepFlops, type BatchedParams } from '../src/core/ensemble/batchedMlp';
import { installWebgpuFusedStep, webgpuFusedEngine, webgpuFusedSteps } from '../src/core/ensemble/webgpuFusedStep';
import { selectStepEngine } from '../src/core/ensemble/selectStepEngine';
import { ToyRun } from '../src/core/ensemble/toyRun';
import type { MlpArchitecture } from '../src/core/ensemble/architecture';
import { crossEntropySgdStep } from '../src/core/images/classifier';
import { installWebgpuCrossEntropyStep, webgpuCrossEntropyStepWithLoss } from '../src/core/images/webgpuCrossEntropyStep';

const rehearsal = process.env.BENCH_REHEARSAL === '1';
const sizes = (process.env.BENCH_SIZES ?? (rehearsal ? '4x16,16x32' : '64x64,64x512,1024x256')).split(',').filter(Boolean).map((s) => s.split('x').map(Number) as [number, number]);
const budgetMs = Number(process.env.BENCH_BUDGET_MS ?? (rehearsal ? 300 : 1500));
const perSubmit = Number(process.env.BENCH_STEPS_PER_SUBMIT ?? (rehearsal ? 10 : 100));
const defaultSteps = Number(process.env.BENCH_DEFAULT_STEPS ?? (rehearsal ? 10 : DEFAULT_CONFIG.steps));
/** The default run's configuration: the toy's default, or a tiny one when rehearsing on a software driver. */
const defaultRunConfig: EnsembleConfig = rehearsal ? { ...DEFAULT_CONFIG, ensembleSize: 4, width: 16 } : DEFAULT_CONFIG;
const ceSize = rehearsal ? { E: 2, inputDim: 64, width: 16, batch: 8 } : { E: 8, inputDim: 784, width: 128, batch: 100 };

/** Mean ms of `block()` over repetitions filling `budget` (after one warm-up), at least 1 and at most 200. */
async function timeIt(block: () => Promise<void>, budget: number): Promise<number> {
  await block();
  const t0 = performance.now();
  let n = 0;
  while (n < 200 && (n === 0 || performance.now() - t0 < budget)) {
    await block();
    n++;
  }
  return (performance.now() - t0) / n;
}

async function settle(p: BatchedParams): Promise<void> {
  await p.b[p.b.length - 1].data();
}

async function measureSize(E: number, W: number) {
  const config: EnsembleConfig = { ...DEFAULT_CONFIG, ensembleSize: E, width: W };
  const arch = configArchitecture(config);
  const set = augmentTrainingSet(config.points, augmentationAngles(config.group, config.seed, 0));
  const X = tf.tensor2d(set.X, [set.N, 2]);
  const Y = tf.tensor2d(set.Y, [set.N, 1]);
  let params = stackMemberParams(arch, Array.from({ length: E }, (_, k) => initMemberParams(arch, 1, k)));
  const advance = (next: BatchedParams) => {
    disposeParams(params);
    params = next;
  };
  const block = 5;
  // The tfjs-op reference step beside the fused WGSL engine's.
  const tfjsOps =
    (await timeIt(async () => {
      for (let i = 0; i < block; i++) advance(batchedSgdStep(arch, params, X, Y, 0.25));
      await settle(params);
    }, budgetMs)) / block;
  const fusedOnePerCall =
    (await timeIt(async () => {
      for (let i = 0; i < block; i++) advance(webgpuFusedSteps(arch, params, X, Y, 0.25, 1));
      await settle(params);
    }, budgetMs)) / block;
  const fusedManyPerSubmit =
    (await timeIt(async () => {
      advance(webgpuFusedEngine.sgdSteps(arch, params, X, Y, 0.25, perSubmit));
      await settle(params);
    }, budgetMs)) / perSubmit;
  disposeParams(params);
  tf.dispose([X, Y]);
  const flops = trainingStepFlops(arch, E, set.N);
  return {
    E,
    W,
    N: set.N,
    tfjsOpsMsPerStep: tfjsOps,
    fusedMsPerStep: fusedOnePerCall,
    fusedManyPerSubmitMsPerStep: fusedManyPerSubmit,
    stepsPerSubmit: perSubmit,
    fusedStepsPerSecond: 1000 / fusedManyPerSubmit,
    fusedGflops: flops / (fusedManyPerSubmit * 1e6),
    speedupOverTfjsOps: tfjsOps / fusedManyPerSubmit,
  };
}

async function measureDefaultRun(steps: number) {
  const run = new ToyRun({ ...defaultRunConfig, steps });
  let snapshots = 0;
  const t0 = performance.now();
  await run.runUntil(steps, { onSnapshot: () => snapshots++ });
  const wallSeconds = (performance.now() - t0) / 1000;
  run.dispose();
  return { steps, E: defaultRunConfig.ensembleSize, W: defaultRunConfig.width, wallSeconds, snapshots };
}

/** The images lab's cross-entropy step, ms per step as tfjs ops and as the fused WGSL kernel (two hidden layers). */
async function measureCrossEntropy() {
  const { E, inputDim, width, batch } = ceSize;
  const arch: MlpArchitecture = { inputDim, width, depth: 2, outputDim: 10, sigmaW: Math.SQRT2, sigmaB: 0.1, activation: 'relu' };
  const X = tf.randomUniform([E, batch, inputDim]) as tf.Tensor3D;
  const Y = tf.cast(tf.oneHot(tf.randomUniform([E, batch], 0, 10, 'int32') as tf.Tensor2D, 10), 'float32') as tf.Tensor3D;
  let params = stackMemberParams(arch, Array.from({ length: E }, (_, k) => initMemberParams(arch, 1, k)));
  const time = (step: typeof crossEntropySgdStep) =>
    timeIt(async () => {
      const out = step(arch, params, X, Y, 0.01);
      disposeParams(params);
      params = out.params;
      await out.loss.data();
      out.loss.dispose();
    }, budgetMs);
  const tfjsOps = await time(crossEntropySgdStep);
  const fused = await time(webgpuCrossEntropyStepWithLoss);
  disposeParams(params);
  tf.dispose([X, Y]);
  return { E, inputDim, width, depth: 2, classes: 10, batch, tfjsOpsMsPerStep: tfjsOps, fusedMsPerStep: fused, speedup: tfjsOps / fused };
}

async function main() {
  Object.assign(globalThis, globals);
  const gpu = create([]);
  Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error(`no WebGPU adapter (VK_ICD_FILENAMES=${process.env.VK_ICD_FILENAMES ?? 'unset'})`);
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  const adapterText = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ') || '(no adapter info)';
  const software = /swiftshader|llvmpipe|lavapipe/i.test(adapterText) || info.isFallbackAdapter === true;
  console.log(`adapter: ${adapterText}${software ? ' — SOFTWARE (figures are not GPU figures)' : ''}`);
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu'))) throw new Error("tf.setBackend('webgpu') failed");
  await tf.ready();
  const obstacle = (await installWebgpuFusedStep()) ?? (await installWebgpuCrossEntropyStep());
  if (obstacle) throw new Error(obstacle);
  // The trainer of the default run below takes the engine chosen for the backend, as in the worker.
  selectStepEngine('webgpu');
  if (rehearsal) console.log('REHEARSAL sizes (BENCH_REHEARSAL=1): not the figures of record');
  const results = [];
  for (const [E, W] of sizes) {
    const r = await measureSize(E, W);
    results.push(r);
    console.log(JSON.stringify(r));
  }
  const defaultRun = defaultSteps > 0 ? await measureDefaultRun(defaultSteps) : null;
  if (defaultRun) console.log('default run:', JSON.stringify(defaultRun));
  const crossEntropy = await measureCrossEntropy();
  console.log('cross-entropy step:', JSON.stringify(crossEntropy));
  console.log('\n| E × W | tfjs-op step ms | fused ms (1/call) | fused ms (many/submit) | steps/s | speed-up vs tfjs ops |');
  console.log('|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(`| ${r.E} × ${r.W} | ${r.tfjsOpsMsPerStep.toPrecision(3)} | ${r.fusedMsPerStep.toPrecision(3)} | ${r.fusedManyPerSubmitMsPerStep.toPrecision(3)} | ${r.fusedStepsPerSecond.toPrecision(3)} | ${r.speedupOverTfjsOps.toFixed(1)}× |`);
  }
  const out = { adapter: adapterText, software, rehearsal, date: new Date().toISOString(), results, defaultRun, crossEntropy };
  const file = process.env.OUT ? path.join(process.env.OUT, 'gpu-bench.json') : 'bench/results/gpu.json';
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
  console.log(`wrote ${file}`);
  // Dawn keeps the event loop alive: exit explicitly.
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
