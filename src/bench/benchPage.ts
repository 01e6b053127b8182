/**
 * The benchmark harness page (bench.html). `npm run bench` drives it from Node through headless Chromium and calls
 * `window.symlabBench.*`. It measures on the page thread, with the same core code the worker runs.
 */
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../worker/backend';
import type { BackendName } from '../worker/protocol';
import { DEFAULT_CONFIG, configArchitecture, type EnsembleConfig } from '../core/ensemble/config';
import { augmentTrainingSet } from '../core/ensemble/augment';
import { augmentationAngles } from '../core/ensemble/groupSpec';
import { disposeParams, stackMemberParams, trainingStepFlops } from '../core/ensemble/batchedMlp';
import { initMemberParams } from '../core/ensemble/init';
import { IndependentNetworks } from '../core/ensemble/independentNetworks';
import { ToyRun } from '../core/ensemble/toyRun';
import { depthwiseProduct } from '../core/ensemble/batchedMatMul';
import { fusedBatchedProduct, fusedSgdStepUnavailable, fusedSgdStepVariant, wasmFusedEngine } from '../core/ensemble/fusedSgdStep';
import { stepEngineFor, tfjsOpEngine, type StepEngine } from '../core/ensemble/stepEngine';
import { measurePoolSteps } from './poolBench';

async function settle(t: tf.Tensor | tf.Tensor[]): Promise<void> {
  const list = Array.isArray(t) ? t : [t];
  await Promise.all(list.map((x) => x.data()));
}

/** Repeat `fn` until `budgetMs` has passed (at least `minReps` times, after `warmup` untimed reps); ms per rep. */
async function timeIt(fn: () => Promise<void>, budgetMs: number, minReps = 2, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const t0 = performance.now();
  let reps = 0;
  while (reps < minReps || performance.now() - t0 < budgetMs) {
    await fn();
    reps++;
    if (reps >= 200) break;
  }
  return (performance.now() - t0) / reps;
}

export interface SizeResult {
  backend: BackendName;
  E: number;
  W: number;
  N: number;
  msPerStep: number;
  stepsPerSecond: number;
  gflops: number;
  /** The step that ran: the fused SIMD kernel (wasm, when loaded) or tfjs ops. */
  step: 'fused kernel' | 'tfjs ops';
  /** The fused kernel's build when it ran: 'relaxed SIMD' (fused multiply-add) or 'SIMD128'. */
  kernelBuild: string | null;
  /** The backend's fastest batched product on the hidden layer's shapes: the ceiling (see `ceilingProduct`). */
  matmulGflops: number;
  /** Which product that was: the depthwise convolution, tf.matMul, or the fused kernel's own product. */
  ceilingProduct: string;
  /** tf.matMul on the same shapes. */
  plainMatmulGflops: number;
  /** The depthwise-convolution product on wasm (null elsewhere). */
  depthwiseGflops: number | null;
  /** The fused kernel's own batched product on wasm (null elsewhere or when not loaded). */
  kernelProductGflops: number | null;
  naiveMsPerStep: number;
  speedupOverNaive: number;
  shareOfMatmulCeiling: number;
  /** On wasm with the fused kernel: the same step as ~60 tfjs ops (the kernel off), and its speed-up over naive. */
  tfjsOpsMsPerStep: number | null;
  tfjsOpsSpeedupOverNaive: number | null;
  /** On wasm with the fused kernel: E one-member ensembles stepped one after another by the same kernel. */
  fusedLoopMsPerStep: number | null;
}

async function useBackend(name: BackendName): Promise<{ ok: boolean; reason: string }> {
  try {
    const choice = await selectBackend(name, []);
    return { ok: choice.backend === name, reason: choice.reason };
  } catch (e) {
    return { ok: false, reason: String(e) };
  }
}

async function measureSize(backend: BackendName, E: number, W: number, budgetMs: number): Promise<SizeResult> {
  const config: EnsembleConfig = { ...DEFAULT_CONFIG, ensembleSize: E, width: W };
  const arch = configArchitecture(config);
  const set = augmentTrainingSet(config.points, augmentationAngles(config.group, config.seed, 0));
  const X = tf.tensor2d(set.X, [set.N, 2]);
  const Y = tf.tensor2d(set.Y, [set.N, 1]);
  const members = Array.from({ length: E }, (_, k) => initMemberParams(arch, 1, k));
  const block = 5;
  // Batched trainer: time blocks of steps, synchronising once per block (as the trainer does between snapshots).
  const engine = stepEngineFor(backend);
  const timeBatched = async (on: StepEngine): Promise<number> => {
    let params = stackMemberParams(arch, members);
    const msBlock = await timeIt(async () => {
      for (let i = 0; i < block; i++) {
        const next = on.sgdStep(arch, params, X, Y, 0.25);
        disposeParams(params);
        params = next;
      }
      await settle(params.W[params.W.length - 1]);
    }, budgetMs);
    disposeParams(params);
    return msBlock / block;
  };
  const fused = engine === wasmFusedEngine && fusedSgdStepUnavailable() === null;
  const msPerStep = await timeBatched(engine);
  const flops = trainingStepFlops(arch, E, set.N);

  // With the fused kernel: the same batched step as tfjs ops, and the kernel run once per member (E = 1, in a loop),
  // to show how much of the gain is batching and how much is fusion.
  let tfjsOpsMsPerStep: number | null = null;
  let fusedLoopMsPerStep: number | null = null;
  if (fused) {
    // The tfjs-op engine the wasm backend falls back to without the kernel.
    tfjsOpsMsPerStep = await timeBatched(tfjsOpEngine('depthwise'));
    let singles = members.map((m) => stackMemberParams(arch, [m]));
    fusedLoopMsPerStep = await timeIt(async () => {
      singles = singles.map((p) => {
        const next = engine.sgdStep(arch, p, X, Y, 0.25);
        disposeParams(p);
        return next;
      });
      await settle(singles[E - 1].W[0]);
    }, budgetMs / 2);
    singles.forEach(disposeParams);
  }

  // The ceiling: this backend's batched product on the hidden layer's shape, [E, N, W] × [E, W, W], the way the
  // tfjs-op engines compute it (a depthwise convolution on wasm, matMul elsewhere); tf.matMul alone beside it.
  const a = tf.randomNormal([E, set.N, W]) as tf.Tensor3D;
  const b = tf.randomNormal([E, W, W]) as tf.Tensor3D;
  const timeProduct = (f: () => tf.Tensor) =>
    timeIt(async () => {
      const outs = Array.from({ length: block }, () => tf.tidy(f));
      await settle(outs);
      tf.dispose(outs);
    }, budgetMs / 2);
  const productFlops = 2 * E * set.N * W * W * block;
  const gflopsOf = async (f: () => tf.Tensor) => productFlops / ((await timeProduct(f)) * 1e6);
  const plainMatmulGflops = await gflopsOf(() => tf.matMul(a, b));
  const depthwiseGflops = backend === 'wasm' ? await gflopsOf(() => depthwiseProduct(a, b)) : null;
  const kernelProductGflops = fused ? await gflopsOf(() => fusedBatchedProduct(a, b)) : null;
  tf.dispose([a, b]);
  // The ceiling is the fastest batched product this backend offers, whichever the trainer uses.
  const candidates: [string, number | null][] = [
    ['tf.matMul', plainMatmulGflops],
    ['depthwise convolution', depthwiseGflops],
    ['fused kernel product', kernelProductGflops],
  ];
  const [ceilingProduct, matmulGflops] = candidates
    .filter((c): c is [string, number] => c[1] !== null)
    .reduce((best, c) => (c[1] > best[1] ? c : best));

  // The naive baseline: E separate networks in a loop, same maths, same backend.
  const naive = new IndependentNetworks(arch, members);
  const msNaive = await timeIt(async () => {
    naive.trainStep(X, Y, 0.25);
    await settle(tf.zeros([1]));
  }, budgetMs / 2, 1, 1);
  naive.dispose();
  tf.dispose([X, Y]);
  const gflops = flops / (msPerStep * 1e6);
  return {
    backend,
    E,
    W,
    N: set.N,
    msPerStep,
    stepsPerSecond: 1000 / msPerStep,
    gflops,
    step: fused ? 'fused kernel' : 'tfjs ops',
    kernelBuild: fused ? fusedSgdStepVariant() : null,
    matmulGflops,
    ceilingProduct,
    plainMatmulGflops,
    depthwiseGflops,
    kernelProductGflops,
    naiveMsPerStep: msNaive,
    speedupOverNaive: msNaive / msPerStep,
    shareOfMatmulCeiling: gflops / matmulGflops,
    tfjsOpsMsPerStep,
    tfjsOpsSpeedupOverNaive: tfjsOpsMsPerStep === null ? null : msNaive / tfjsOpsMsPerStep,
    fusedLoopMsPerStep,
  };
}

/** The default configuration for 2000 steps: wall time, and the share spent in snapshots. */
async function measureDefaultRun(steps = DEFAULT_CONFIG.steps): Promise<{
  wallSeconds: number;
  snapshotSeconds: number;
  snapshotShare: number;
  snapshots: number;
  ratioAtEnd: number;
}> {
  const run = new ToyRun({ ...DEFAULT_CONFIG, steps });
  let snapshotMs = 0;
  let count = 0;
  let ratio = NaN;
  const t0 = performance.now();
  // Time snapshots by bracketing runUntil on each scheduled step.
  for (const s of run.schedule) {
    await run.runUntil(s - 1 >= run.step ? s - 1 : run.step);
    const tt = performance.now();
    await run.runUntil(s, {
      onSnapshot: (snap) => {
        count++;
        ratio = snap.metrics.member.off.relativeStd / snap.metrics.mean.off.relativeStd;
      },
    });
    // The last step before the snapshot is training, not snapshot time: subtract one step's share below.
    snapshotMs += performance.now() - tt;
  }
  const wall = performance.now() - t0;
  run.dispose();
  // Remove the training step included in each bracket (estimated from the run's own average).
  const stepMs = (wall - snapshotMs) / Math.max(1, steps - run.schedule.length);
  const snapOnly = snapshotMs - stepMs * (run.schedule.length - 1);
  return { wallSeconds: wall / 1000, snapshotSeconds: snapOnly / 1000, snapshotShare: snapOnly / wall, snapshots: count, ratioAtEnd: ratio };
}

declare global {
  interface Window {
    symlabBench: {
      useBackend: typeof useBackend;
      measureSize: typeof measureSize;
      measureDefaultRun: typeof measureDefaultRun;
      measurePoolSteps: typeof measurePoolSteps;
      numTensors: () => number;
    };
  }
}

window.symlabBench = { useBackend, measureSize, measureDefaultRun, measurePoolSteps, numTensors: () => tf.memory().numTensors };
document.body.dataset.ready = '1';
