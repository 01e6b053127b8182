/**
 * Timing the toy lab's actual training step on the active tfjs backend, for choosing the backend by measured speed
 * (selectBackend in backend.ts; the arithmetic of the choice is core/ensemble/backendTiming.ts). Also the session's
 * cache of those choices, one per configuration class, so a configuration met again is not re-measured.
 */
import * as tf from '@tensorflow/tfjs-core';
import { augmentTrainingSet } from '../core/ensemble/augment';
import { batchedSgdSteps, disposeParams, type BatchedParams } from '../core/ensemble/batchedMlp';
import { configArchitecture, type EnsembleConfig } from '../core/ensemble/config';
import { augmentationAngles } from '../core/ensemble/groupSpec';
import { timingClass } from '../core/ensemble/backendTiming';

/** The whole probe's time, all backends together: a visitor waits this long, once per configuration class. */
export const PROBE_BUDGET_MS = 1000;
/** Most of one backend's share: the first backends must leave time for the rest. */
export const PROBE_SLOT_MS = 250;

/**
 * Milliseconds per training step of `config` (its E, widths, depth, activation and augmented training set) on the
 * active backend: one warm-up call (shader compilation, kernel set-up) untimed, then calls of `stepsPerCall` steps,
 * as the trainer makes them between snapshots (on webgpu one GPU submit each), until `slotMs` has passed or
 * `maxCalls` were made. Each call ends with `await data()` of a bias, so the device's work is inside the time. The
 * parameters are constants, not the seeded members: the arithmetic, not the values, sets the time, and nothing the
 * size of the ensemble is built in JavaScript.
 */
export async function timeTrainingStep(config: EnsembleConfig, slotMs: number, stepsPerCall = 4, maxCalls = 5): Promise<number> {
  const arch = configArchitecture(config);
  const set = augmentTrainingSet(config.points, augmentationAngles(config.group, config.seed, 0));
  const sizes = [arch.inputDim, ...Array.from({ length: arch.depth }, () => arch.width), arch.outputDim];
  const E = config.ensembleSize;
  const X = tf.tensor2d(set.X, [set.N, 2]);
  const Y = tf.tensor2d(set.Y, [set.N, 1]);
  let params: BatchedParams = {
    W: sizes.slice(0, -1).map((n, l) => tf.fill([E, n, sizes[l + 1]], 0.5 / Math.sqrt(n)) as tf.Tensor3D),
    b: sizes.slice(1).map((n) => tf.zeros([E, 1, n]) as tf.Tensor3D),
  };
  const call = async (steps: number) => {
    // A small rate keeps the constants finite (denormals and NaN can change a CPU's speed).
    const next = batchedSgdSteps(arch, params, X, Y, 1e-4, steps);
    disposeParams(params);
    params = next;
    await params.b[params.b.length - 1].data();
  };
  try {
    await call(1);
    const t0 = performance.now();
    let steps = 0;
    for (let calls = 0; calls < maxCalls && (calls === 0 || performance.now() - t0 < slotMs); calls++) {
      await call(stepsPerCall);
      steps += stepsPerCall;
    }
    return (performance.now() - t0) / steps;
  } finally {
    disposeParams(params);
    tf.dispose([X, Y]);
  }
}

/** The cache key of a measurement: the configuration class (see timingClass) and the backends excluded after faults. */
export function probeKey(config: EnsembleConfig, exclude: readonly string[]): string {
  return `${timingClass(config.ensembleSize, config.width)}|${[...exclude].sort().join(',')}`;
}

const measured = new Map<string, unknown>();

/** The session's earlier measurement for this key, if any. */
export function cachedProbe<T>(key: string): T | undefined {
  return measured.get(key) as T | undefined;
}

export function rememberProbe<T>(key: string, value: T): void {
  measured.set(key, value);
}
