/**
 * `npm run bench:gpu`: the trainer benchmark on tfjs's webgpu backend in Node, through Dawn (the npm package
 * `webgpu`, the WebGPU engine Chrome uses). Packaged with ../shared/gpu-kit/ (`npm run bench:gpu:kit`) it runs on a
 * GPU machine that has no Node and no network: `bash scripts/gpu-device-run.sh` (docs/PERFORMANCE.md).
 *
 * Sections, in order, each written to the JSON as it ends:
 *   correctness   fused WGSL steps (both delta shaders) and tfjs-op steps on webgpu against the cpu backend
 *                 (bench/gpuChecks.ts);
 *   defaultRuns   the toy's default configuration for 2000 steps, without and with light frames, wall time and the
 *                 run's own split; the runs without light frames compared with the same run recorded on a CPU
 *                 (bench/results/gpu-reference.json);
 *   results       for each size E × W (default: E ∈ {64, 256, 1024} × W ∈ {64, 256, 512}; the toy's C8 set, N = 24
 *                 points, depth 2): the fused step with many steps per submit for each delta shader, one step a
 *                 call for the shipped one, and the tfjs-op step (~60 kernels a step) at 64×64, 64×512, 1024×256;
 *   crossEntropy  the images lab's step (the Full preset's members: 784 → 128 → 128 → 10, E = 8, batch 100,
 *                 per-member batches) as tfjs ops and as the fused WGSL kernel (webgpuCrossEntropyStep.ts).
 * Every timing ends with `await data()` of a small tensor, so the GPU has finished the work it is charged for.
 * Prints JSON lines and a table; writes gpu-bench.json under $OUT when set, else bench/results/gpu.json.
 *
 * Options (environment): BENCH_SIZES=64x64,…  BENCH_BUDGET_MS=1000  BENCH_STEPS_PER_SUBMIT=100
 *                        BENCH_DEFAULT_STEPS=2000 (0 skips the default runs)
 *                        BENCH_REHEARSAL=1: every size shrunk so the whole bench runs in well under a minute on a
 *                        software driver (sizes 4x16,16x32; 10 steps a submit; a default-config run of E = 4, W = 16
 *                        for 10 steps, not compared with the reference; correctness at 4 × 16; the cross-entropy step
 *                        at 64 → 16 → 16 → 10, E = 2, batch 8). The options above still override.
 * Rehearse here on SwiftShader (software: proves it runs, not how fast):
 *   VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json BENCH_REHEARSAL=1 bash scripts/gpu-device-run.sh
 */
import fs from 'node:fs';
import path from 'node:path';
import { create, globals } from 'webgpu';
import * as tf from '@tensorflow/tfjs-core';
import { DEFAULT_CONFIG, type EnsembleConfig } from '../src/core/ensemble/config';
import { initMemberParams } from '../src/core/ensemble/init';
import { batchedSgdStep, disposeParams, stackMemberParams, trainingStepFlops, type BatchedParams } from '../src/core/ensemble/batchedMlp';
import { installWebgpuFusedStep, webgpuFusedEngine, webgpuFusedSteps } from '../src/core/ensemble/webgpuFusedStep';
import { selectStepEngine } from '../src/core/ensemble/selectStepEngine';
import type { MlpArchitecture } from '../src/core/ensemble/architecture';
import { crossEntropySgdStep } from '../src/core/images/classifier';
import { installWebgpuCrossEntropyStep, webgpuCrossEntropyStepWithLoss } from '../src/core/images/webgpuCrossEntropyStep';
import { DELTA_SHADER, FORWARD_SHADER, TILED_DELTA_SHADER, UPDATE_SHADER } from '../src/core/ensemble/webgpu/ensembleShaders';
import { againstReference, defaultRun, stepsAgainstCpu, toyProblem } from './gpuChecks';
import type { GpuReference } from './gpuReference';
// The same run on a CPU (npm run bench:gpu:reference), bundled into the kit: the device machine has no copy of the repo.
import referenceJson from './results/gpu-reference.json';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';

const rehearsal = process.env.BENCH_REHEARSAL === '1';
const sizes = (process.env.BENCH_SIZES ?? (rehearsal ? '4x16,16x32' : '64x64,64x256,64x512,256x64,256x256,256x512,1024x64,1024x256,1024x512')).split(',').filter(Boolean).map((s) => s.split('x').map(Number) as [number, number]);
const budgetMs = Number(process.env.BENCH_BUDGET_MS ?? (rehearsal ? 300 : 1000));
const perSubmit = Number(process.env.BENCH_STEPS_PER_SUBMIT ?? (rehearsal ? 10 : 100));
const defaultSteps = Number(process.env.BENCH_DEFAULT_STEPS ?? (rehearsal ? 10 : DEFAULT_CONFIG.steps));
/** The default run's configuration: the toy's default, or a tiny one when rehearsing on a software driver. */
const defaultRunConfig: EnsembleConfig = rehearsal ? { ...DEFAULT_CONFIG, ensembleSize: 4, width: 16 } : DEFAULT_CONFIG;
const reference = referenceJson as GpuReference;
/** Correctness against the cpu backend: the small size over several steps, larger ones over one or two. */
const correctnessCases = rehearsal
  ? [{ E: 4, W: 16, steps: 3 }]
  : [
      { E: 64, W: 64, steps: 5 },
      { E: 64, W: 512, steps: 2 },
      { E: 256, W: 256, steps: 1 },
    ];
async function installWith(delta: string): Promise<void> {
  const why = await installWebgpuFusedStep({ forward: FORWARD_SHADER, delta, update: UPDATE_SHADER });
  if (why) throw new Error(why);
}
const installShipped = () => installWith(DELTA_SHADER);
/** The delta shaders compared: the shipped one and the tiled candidate (webgpu/ensembleShaders.ts). */
const DELTA_VARIANTS: [string, () => Promise<void>][] = [
  ['shipped', installShipped],
  ['tiled', () => installWith(TILED_DELTA_SHADER)],
];
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

/** The three sizes, where the tfjs-op step is timed too (elsewhere only the fused step). */
const TFJS_OP_SIZES = new Set(['64x64', '64x512', '1024x256']);

/**
 * ms per step at E × W: the tfjs-op step (at TFJS_OP_SIZES), and for each delta shader variant the fused step with
 * many steps per submit (what the trainer runs between snapshots); the shipped variant also one step a call.
 */
async function measureSize(E: number, W: number) {
  const problem = toyProblem(E, W, 1);
  const { arch, X, Y } = problem;
  const set = { N: problem.N };
  let params = problem.params;
  const advance = (next: BatchedParams) => {
    disposeParams(params);
    params = next;
  };
  const block = 5;
  const tfjsOps =
    rehearsal || TFJS_OP_SIZES.has(`${E}x${W}`)
      ? (await timeIt(async () => {
          for (let i = 0; i < block; i++) advance(batchedSgdStep(arch, params, X, Y, 0.25));
          await settle(params);
        }, budgetMs)) / block
      : null;
  const fused: Record<string, { onePerCallMs?: number; manyPerSubmitMs: number; stepsPerSecond: number; gflops: number }> = {};
  const flops = trainingStepFlops(arch, E, set.N);
  for (const [name, install] of DELTA_VARIANTS) {
    await install();
    const onePerCallMs =
      name === 'shipped'
        ? (await timeIt(async () => {
            for (let i = 0; i < block; i++) advance(webgpuFusedSteps(arch, params, X, Y, 0.25, 1));
            await settle(params);
          }, budgetMs)) / block
        : undefined;
    const manyPerSubmitMs =
      (await timeIt(async () => {
        advance(webgpuFusedEngine.sgdSteps(arch, params, X, Y, 0.25, perSubmit));
        await settle(params);
      }, budgetMs)) / perSubmit;
    fused[name] = { onePerCallMs, manyPerSubmitMs, stepsPerSecond: 1000 / manyPerSubmitMs, gflops: flops / (manyPerSubmitMs * 1e6) };
  }
  await installShipped();
  disposeParams(params);
  tf.dispose([X, Y]);
  const best = Math.min(...Object.values(fused).map((f) => f.manyPerSubmitMs));
  return {
    E,
    W,
    N: set.N,
    stepGflop: flops / 1e9,
    stepsPerSubmit: perSubmit,
    tfjsOpsMsPerStep: tfjsOps,
    fused,
    // Kept for the earlier JSON's readers: the shipped variant's figures.
    fusedMsPerStep: fused.shipped.onePerCallMs ?? null,
    fusedManyPerSubmitMsPerStep: fused.shipped.manyPerSubmitMs,
    speedupOverTfjsOps: tfjsOps === null ? null : tfjsOps / best,
  };
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

/** Where the results go: $OUT/gpu-bench.json on the device machine, else bench/results/gpu.json. Rewritten after
 * every section, so a run cut short by its time limit still brings back what it measured. */
const outFile = process.env.OUT ? path.join(process.env.OUT, 'gpu-bench.json') : 'bench/results/gpu.json';
const report: Record<string, unknown> = {};
function save(key: string, value: unknown) {
  report[key] = value;
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, JSON.stringify(report, null, 2) + '\n');
}

/** A section's failure is recorded and the benchmark goes on to the next. */
async function section<T>(key: string, body: () => Promise<T>): Promise<T | null> {
  const t0 = performance.now();
  try {
    const value = await body();
    save(key, value);
    return value;
  } catch (e) {
    const message = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
    console.error(`section ${key} failed: ${message}`);
    save(key, { failed: message });
    return null;
  } finally {
    console.log(`[${key}: ${((performance.now() - t0) / 1000).toFixed(1)} s]`);
  }
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
  save('adapter', adapterText);
  save('software', software);
  save('rehearsal', rehearsal);
  save('date', new Date().toISOString());
  save('limits', { maxComputeWorkgroupStorageSize: adapter.limits.maxComputeWorkgroupStorageSize, maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize });
  // The correctness checks' reference backend. Registered by hand: a bare import of the package is dropped by the
  // bundler (its package.json declares no side effects for that entry).
  if (!tf.findBackendFactory('cpu')) tf.registerBackend('cpu', () => new MathBackendCPU(), 1);
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu'))) throw new Error("tf.setBackend('webgpu') failed");
  await tf.ready();
  const obstacle = (await installWebgpuFusedStep()) ?? (await installWebgpuCrossEntropyStep());
  if (obstacle) throw new Error(obstacle);
  // The trainer of the default run below takes the engine chosen for the backend, as in the worker.
  selectStepEngine('webgpu');
  if (rehearsal) console.log('REHEARSAL sizes (BENCH_REHEARSAL=1): not the figures of record');

  await section('correctness', () => stepsAgainstCpu(correctnessCases, DELTA_VARIANTS));
  await installShipped();
  const defaultRuns = await section('defaultRuns', async () => {
    if (defaultSteps <= 0) return [];
    // A short run first: tfjs compiles its own pipelines (the snapshot's reductions) on first use.
    await defaultRun(true, Math.min(20, defaultSteps), defaultRunConfig);
    const runs = [];
    for (const lightFrames of [false, true, false, true]) {
      const r = await defaultRun(lightFrames, defaultSteps, defaultRunConfig);
      const { snapshots, ...rest } = r;
      const row = { ...rest, snapshotCount: snapshots.length, againstCpu: !rehearsal && !lightFrames ? againstReference(snapshots, reference) : null };
      console.log('default run:', JSON.stringify({ ...rest, snapshotCount: snapshots.length, finalMeanVsCpu: row.againstCpu?.finalMeanVsReference, worstScalarVsCpu: row.againstCpu?.worstScalar }));
      runs.push(row);
    }
    return runs;
  });
  const results = (await section('results', async () => {
    const rows = [];
    for (const [E, W] of sizes) {
      const r = await measureSize(E, W);
      rows.push(r);
      console.log(JSON.stringify(r));
    }
    return rows;
  })) ?? [];
  await section('crossEntropy', async () => {
    const r = await measureCrossEntropy();
    console.log('cross-entropy step:', JSON.stringify(r));
    return r;
  });
  console.log('\n| E × W | GFLOP a step | tfjs-op step ms | fused ms (1/call) | fused ms (many/submit) | tiled delta ms (many/submit) | steps/s (best) | speed-up vs tfjs ops |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    const best = Math.min(r.fused.shipped.manyPerSubmitMs, r.fused.tiled?.manyPerSubmitMs ?? Infinity);
    const f = (v: number | null | undefined) => (v == null ? '–' : v.toPrecision(3));
    console.log(`| ${r.E} × ${r.W} | ${r.stepGflop.toPrecision(3)} | ${f(r.tfjsOpsMsPerStep)} | ${f(r.fused.shipped.onePerCallMs)} | ${f(r.fused.shipped.manyPerSubmitMs)} | ${f(r.fused.tiled?.manyPerSubmitMs)} | ${(1000 / best).toPrecision(3)} | ${r.speedupOverTfjsOps === null ? '–' : r.speedupOverTfjsOps.toFixed(1) + '×'} |`);
  }
  if (defaultRuns) for (const r of defaultRuns) console.log(`default run, light frames ${r.lightFrames}: ${r.wallSeconds.toFixed(3)} s`);
  console.log(`wrote ${outFile}`);
  // Dawn keeps the event loop alive: exit explicitly.
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
