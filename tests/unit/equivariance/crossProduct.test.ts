/**
 * The 3D cross-product experiment: input (a, b) ∈ ℝ⁶, target a × b, augmentation with the 24 octahedral rotations,
 * evaluation under Haar-random SO(3) rotations from the seeded Rng.
 *
 * Sizes (CPU backend): E = 32 members 6 → 32 × 2 → 3, 4 training pairs × 24 rotations = 96 points, lr 1.0, 50 steps;
 * 16 test pairs × (identity + 8 random rotations). Subset means of size s = 1, 2, 4, 8, 16, 32 over disjoint blocks.
 *
 * Measured (seed 1, step 50): mean error 0.269, 0.189, 0.133, 0.094, 0.071, 0.047 → fitted log–log slope −0.494;
 * member error 0.242 … 0.269 → slope +0.028. (Longer runs, 8 pairs, lr 0.5: slope −0.517 at step 100 and −0.503 at
 * step 300.) Thresholds: mean slope in [−0.65, −0.35]; |member slope| < 0.15; the E = 32 mean 3× below a member.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { cross3, crossDeviations, CrossTrainer, DEFAULT_CROSS_CONFIG, evaluationRotations, logLogSlope, rotate3, sampleCrossPairs, zipPoints } from '../../../src/core';

beforeAll(async () => {
  expect(await tf.setBackend('cpu')).toBe(true);
});

describe('cross product: the ensemble mean becomes SO(3)-equivariant as E grows', () => {
  it('mean error under random SO(3) falls like E^(−1/2); the member error does not fall', async () => {
    const before = tf.memory().numTensors;
    const trainer = new CrossTrainer({ ...DEFAULT_CROSS_CONFIG, ensembleSize: 32, width: 32, trainPairs: 4, lr: 1.0, testPairs: 16, rotations: 8, seed: 1 });
    expect(trainer.augmentedSize).toBe(96);
    const first = await trainer.snapshot();
    for (let s = 0; s < 50; s++) trainer.trainStep();
    const snap = await trainer.snapshot();
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);

    const c = snap.sizeCurve;
    expect(c.sizes).toEqual([1, 2, 4, 8, 16, 32]);
    const meanSlope = logLogSlope(zipPoints(c.sizes, c.meanError));
    const memberSlope = logLogSlope(zipPoints(c.sizes, c.memberError));
    console.log(
      `step 50: loss ${snap.loss.toFixed(4)} (from ${first.loss.toFixed(3)}); mean error ${c.meanError.map((v) => v.toFixed(3)).join(' ')} → slope ${meanSlope.toFixed(3)}; ` +
        `member error ${c.memberError.map((v) => v.toFixed(3)).join(' ')} → slope ${memberSlope.toFixed(3)}`,
    );
    expect(snap.loss).toBeLessThan(first.loss / 5);
    expect(meanSlope).toBeGreaterThan(-0.65);
    expect(meanSlope).toBeLessThan(-0.35);
    expect(Math.abs(memberSlope)).toBeLessThan(0.15);
    expect(snap.mean.error).toBeLessThan(snap.member.error / 3);
    // The size-E point of the curve is the full mean.
    expect(c.meanError[c.meanError.length - 1]).toBeCloseTo(snap.mean.error, 10);
  }, 60_000);

  it('the error measure: 0 for a × b itself, ‖f‖·√(1 − |mean of Rᵀ|²) for a constant', () => {
    const T = 6;
    const rotations = evaluationRotations(8, 5);
    expect(rotations.length).toBe(9);
    const test = sampleCrossPairs(T, 5, 99);
    const exact = new Float64Array(3 * T * 9);
    const constant = new Float64Array(3 * T * 9).fill(0);
    const rotated = new Float64Array(6);
    for (let t = 0; t < T; t++) {
      for (let r = 0; r < 9; r++) {
        rotate3(rotations[r], test, rotated, 6 * t, 0);
        rotate3(rotations[r], test, rotated, 6 * t + 3, 3);
        exact.set(cross3(rotated, rotated, 0, 3), 3 * (t * 9 + r));
        constant[3 * (t * 9 + r)] = 1;
      }
    }
    const d0 = crossDeviations(exact, T, rotations);
    expect(Math.max(...d0)).toBeLessThan(1e-12);
    // A constant output ignores the rotation: its pulled-back copies Rᵀe₁ spread, dev² = 1 − ‖mean_r Rᵀe₁‖².
    const d1 = crossDeviations(constant, T, rotations);
    const m = [0, 0, 0];
    for (const R of rotations) for (let c = 0; c < 3; c++) m[c] += R[c] / 9; // Rᵀe₁ is the first row of R
    const expected = Math.sqrt(1 - (m[0] ** 2 + m[1] ** 2 + m[2] ** 2));
    for (const v of d1) expect(v).toBeCloseTo(expected, 12);
    expect(expected).toBeGreaterThan(0.5);
  });
});
