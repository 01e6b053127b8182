/**
 * The trained toy ensemble against the infinite-width closed form μ_s (reference/theory.md §1,
 * reference/calibration.md "Against the infinite-width theory").
 *
 * - Early steps (1–10): the E = 64 ensemble mean at the default sizes is much closer to μ_s than a single member is.
 *   A member differs from μ_s by its own initial function (variance Σ, not shrinking with training at these steps);
 *   the mean of E i.i.d. members differs by about √(Σ/E), so the ratio should be near √E = 8. The asserted factor is
 *   set from the measurement below, with margin.
 * - Late steps: the gap between the finite ensemble and μ_s opens (the finite-width kernel moves during training).
 *   This is checked to exist, never asserted away: distance at the last step > distance at step 3.
 *
 * Runs on the tfjs CPU backend; predictions are evaluated on a small polar point set (64 points), not the
 * 1,536-point grid, to keep the test short.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  augmentationAngles,
  DEFAULT_CONFIG,
  EnsembleTrainer,
  makePolarGrid,
  type EnsembleConfig,
  type PolarGrid,
} from '../../../src/core';
import { augmentedTrainingSetFloat64, createNtkMeanPredictor, polarGridPointsFloat64 } from '../../../src/core/ntk';

/** A small polar point set closed under C8 (16 angles), radii 0.25–2.5 (64 points). */
const POINTS: PolarGrid = makePolarGrid({ nRadii: 4, nAngles: 16, rMin: 0.25, rMax: 2.5 });

/** ‖a − b‖₂ / ‖b‖₂. */
function relativeL2(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let ref = 0;
  for (let i = 0; i < b.length; i++) {
    diff += (a[i] - b[i]) ** 2;
    ref += b[i] ** 2;
  }
  return Math.sqrt(diff / ref);
}

function theoryFor(config: EnsembleConfig) {
  const set = augmentedTrainingSetFloat64(config.points, augmentationAngles(config.group, config.seed, 0));
  return createNtkMeanPredictor({
    trainX: set.X,
    trainY: set.Y,
    testX: polarGridPointsFloat64(POINTS),
    depth: config.depth,
    sigmaW: config.sigmaW,
    sigmaB: config.sigmaB,
  });
}

interface Measured {
  step: number;
  /** ‖f̄ − μ_s‖/‖μ_s‖ of the ensemble mean. */
  mean: number;
  /** The same distance for each member, averaged over members. */
  member: number;
}

/** Train `config` and measure the distances to μ_s at the given steps. */
async function measure(config: EnsembleConfig, steps: readonly number[]): Promise<Measured[]> {
  const theory = theoryFor(config);
  const trainer = new EnsembleTrainer(config, { grid: POINTS });
  const E = config.ensembleSize;
  const P = POINTS.size;
  const out: Measured[] = [];
  try {
    for (const step of steps) {
      while (trainer.step < step) trainer.trainStep();
      const raw = await trainer.snapshot();
      const mu = theory.predict(config.lr, step).prediction;
      const mean = new Float64Array(P);
      let member = 0;
      for (let k = 0; k < E; k++) {
        const f = raw.members.subarray(k * P, (k + 1) * P);
        for (let p = 0; p < P; p++) mean[p] += f[p] / E;
        member += relativeL2(f, mu) / E;
      }
      out.push({ step, mean: relativeL2(mean, mu), member });
    }
  } finally {
    trainer.dispose();
  }
  return out;
}

describe('the trained ensemble against the infinite-width closed form', () => {
  beforeAll(async () => {
    if (!(await tf.setBackend('cpu'))) throw new Error('tfjs cpu backend failed to initialise');
    await tf.ready();
  });

  it('at steps 1–10 the E = 64 ensemble mean is much closer to μ_s than a single member', async () => {
    // Default sizes (C8, W = 64, depth 2, lr 0.25, seed 1), i.i.d. members as in the paper.
    const config: EnsembleConfig = { ...DEFAULT_CONFIG, compareNoAugmentation: false };
    const rows = await measure(config, [1, 2, 3, 5, 10]);
    // Measured (tfjs cpu, seed 1): mean 0.400, 0.274, 0.209, 0.168, 0.147; member 2.78, 1.76, 1.39, 1.06, 0.795,
    // i.e. member/mean = 6.95, 6.42, 6.65, 6.31, 5.42 (√E = 8 for independent noise). Asserted: factor 4, and the
    // mean within 0.6 of μ_s in relative L2 (the E = 64 sampling floor is about 0.3–0.4 at step 1).
    for (const r of rows) {
      expect(r.member / r.mean, `step ${r.step}: member ${r.member}, mean ${r.mean}`).toBeGreaterThan(4);
      expect(r.mean, `step ${r.step}`).toBeLessThan(0.6);
    }
    // The mean approaches μ_s over these steps as μ_s grows out of the sampling noise.
    expect(rows[rows.length - 1].mean).toBeLessThan(rows[0].mean);
  });

  it('from about step 100 a gap opens: the late-time mean leaves μ_s (measured, not asserted away)', async () => {
    // Antithetic pairs remove the initial function from the mean exactly, so a small E sees the finite-width bias
    // without sampling noise (calibration.md: 0.01–0.08 at steps 1–10), and 2000 steps stay within the time budget.
    const config: EnsembleConfig = { ...DEFAULT_CONFIG, ensembleSize: 8, antithetic: true, compareNoAugmentation: false };
    const rows = await measure(config, [3, 10, 100, 2000]);
    const at = (step: number) => rows.find((r) => r.step === step)!.mean;
    // Measured (seed 1): 0.087 at step 3, 0.042 at 10, 0.247 at 100, 0.518 at 2000 (calibration: about 0.25 at
    // step 100 and 0.5–0.6 at 2000 under C8). Only the existence of the gap is asserted, with margin.
    expect(at(10)).toBeLessThan(0.15);
    expect(at(100)).toBeGreaterThan(2 * at(10));
    expect(at(2000)).toBeGreaterThan(2 * at(3));
    expect(at(2000)).toBeGreaterThan(at(100));
  });
});
