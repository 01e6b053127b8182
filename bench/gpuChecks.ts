/**
 * The GPU benchmark's correctness checks (bench/gpu-entry.ts), so that its speed figures come with proof that the
 * GPU computed the right numbers:
 *   - stepsAgainstCpu: k fused WGSL steps (and k tfjs-op steps on webgpu) against k tfjs-op steps on tfjs's cpu
 *     backend, from the same seeded members: max |Δ| / max |reference| over every parameter tensor;
 *   - defaultRunAgainstReference: the default 2000-step toy run on webgpu against the same run recorded on a CPU
 *     (bench/results/gpu-reference.json, wasm with the fused SIMD step): every snapshot's loss and orbit rstd, and
 *     the final ensemble mean on the grid.
 */
import * as tf from '@tensorflow/tfjs-core';
import { DEFAULT_CONFIG, type EnsembleConfig } from '../src/core/ensemble/config';
import { configArchitecture } from '../src/core/ensemble/config';
import { augmentTrainingSet } from '../src/core/ensemble/augment';
import { augmentationAngles } from '../src/core/ensemble/groupSpec';
import { initMemberParams } from '../src/core/ensemble/init';
import { batchedSgdStep, disposeParams, stackMemberParams, type BatchedParams } from '../src/core/ensemble/batchedMlp';
import { webgpuFusedSteps } from '../src/core/ensemble/webgpuFusedStep';
import { ToyRun } from '../src/core/ensemble/toyRun';
import type { Snapshot } from '../src/core/ensemble/snapshot';
import { compareSummaries, relativeToScale, summarize, type GpuReference } from './gpuReference';

async function flat(p: BatchedParams): Promise<Float32Array[]> {
  return Promise.all([...p.W, ...p.b].map(async (t) => (await t.data()) as Float32Array));
}

function worst(got: Float32Array[], want: Float32Array[]): number {
  return Math.max(...got.map((t, i) => relativeToScale(t, want[i])));
}

/** The default toy problem at E members of width W: its architecture, C8-augmented training set, seeded members. */
export function toyProblem(E: number, W: number, seed: number) {
  const config: EnsembleConfig = { ...DEFAULT_CONFIG, ensembleSize: E, width: W };
  const arch = configArchitecture(config);
  const set = augmentTrainingSet(config.points, augmentationAngles(config.group, config.seed, 0));
  const X = tf.tensor2d(set.X, [set.N, 2]);
  const Y = tf.tensor2d(set.Y, [set.N, 1]);
  const params = stackMemberParams(arch, Array.from({ length: E }, (_, k) => initMemberParams(arch, seed, k)));
  return { arch, N: set.N, X, Y, params };
}

/** Train `steps` steps from seeded members with `step` on the active backend; the parameters read back. */
async function trainFrom(E: number, W: number, steps: number, step: (arch: ReturnType<typeof configArchitecture>, p: BatchedParams, X: tf.Tensor2D, Y: tf.Tensor2D) => BatchedParams) {
  const problem = toyProblem(E, W, 7);
  const { arch, X, Y } = problem;
  let p = problem.params;
  const start = await flat(p);
  for (let s = 0; s < steps; s++) {
    const next = step(arch, p, X, Y);
    disposeParams(p);
    p = next;
  }
  const end = await flat(p);
  disposeParams(p);
  tf.dispose([X, Y]);
  return { start, end };
}

/**
 * Fused WGSL steps on webgpu (with the delta shaders installed by `installs`, each a name and an installer) and
 * tfjs-op steps on webgpu, against tfjs-op steps on cpu. `moved`: how far the reference moved from the start, so a
 * small difference is not a comparison of two unchanged copies.
 */
export async function stepsAgainstCpu(cases: { E: number; W: number; steps: number }[], installs: [string, () => Promise<void>][]) {
  const out = [];
  for (const { E, W, steps } of cases) {
    await tf.setBackend('cpu');
    const ref = await trainFrom(E, W, steps, (a, p, X, Y) => batchedSgdStep(a, p, X, Y, DEFAULT_CONFIG.lr));
    await tf.setBackend('webgpu');
    const row: Record<string, number | string> = { E, W, steps, moved: worst(ref.end, ref.start) };
    const ops = await trainFrom(E, W, steps, (a, p, X, Y) => batchedSgdStep(a, p, X, Y, DEFAULT_CONFIG.lr));
    row.tfjsOpsOnGpu = worst(ops.end, ref.end);
    for (const [name, install] of installs) {
      await install();
      const fused = await trainFrom(E, W, steps, (a, p, X, Y) => webgpuFusedSteps(a, p, X, Y, DEFAULT_CONFIG.lr, 1));
      row[name] = worst(fused.end, ref.end);
    }
    out.push(row);
    console.log('correctness vs cpu:', JSON.stringify(row));
  }
  return out;
}

/** The default run (frames as `lightFrames`) on the active backend: wall time, the run's own timings, snapshots. */
export async function defaultRun(lightFrames: boolean, steps = DEFAULT_CONFIG.steps, config: EnsembleConfig = DEFAULT_CONFIG) {
  const run = new ToyRun({ ...config, steps, lightFrames });
  const snapshots: Snapshot[] = [];
  let frames = 0;
  const t0 = performance.now();
  await run.runUntil(steps, { onSnapshot: (s) => snapshots.push(s), onFrame: () => frames++ });
  const wallSeconds = (performance.now() - t0) / 1000;
  const timings = run.timings();
  run.dispose();
  return { lightFrames, steps, E: config.ensembleSize, W: config.width, wallSeconds, timingsMs: timings, snapshots, frames };
}

/** The default run's snapshots against the CPU reference: per step, each scalar's relative difference. */
export function againstReference(snapshots: Snapshot[], ref: GpuReference) {
  const last = snapshots[snapshots.length - 1];
  const perSnapshot = compareSummaries(snapshots.map(summarize), ref.snapshots);
  const worstScalar = Math.max(
    ...perSnapshot.flatMap((r) => ('missing' in r ? [Infinity] : [r.loss, r.meanOff, r.meanOn, r.memberOff, r.noAugMeanOff].filter((v): v is number => v !== null))),
  );
  return {
    reference: { machine: ref.machine, backend: ref.backend, date: ref.date },
    finalMeanVsReference: relativeToScale(last.mean, ref.finalMean),
    finalNoAugMeanVsReference: last.noAugMean && ref.finalNoAugMean ? relativeToScale(last.noAugMean, ref.finalNoAugMean) : null,
    worstScalar,
    perSnapshot,
  };
}
