import { LuDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { cyclicAngles, makePolarGrid, MONO3, Rng } from '../../../src/core';
import {
  augmentedTrainingSetFloat64,
  createNtkMeanPredictor,
  gradientDescentFactor,
  ntkMeanPrediction,
  ntkMeanPredictionWithDiagnostics,
  orbitStdFloat64,
  polarGridPointsFloat64,
  reluKernels,
  type ReluKernelOptions,
} from '../../../src/core/ntk';
import { randomPoints } from './helpers';

/** The calibrated toy: σ_w² = 2, σ_b = 0.1, two hidden layers (reference/calibration.md). */
const TOY: ReluKernelOptions = { depth: 2, sigmaW: Math.SQRT2, sigmaB: 0.1 };
const LR = 0.25;
const mono3With = (n: number) => augmentedTrainingSetFloat64(MONO3, cyclicAngles(n));

/** Max |a − b| / max |b|. */
function relativeMaxDifference(a: readonly number[], b: readonly number[]): number {
  let diff = 0;
  let scale = 0;
  b.forEach((v, i) => {
    diff = Math.max(diff, Math.abs(a[i] - v));
    scale = Math.max(scale, Math.abs(v));
  });
  return diff / scale;
}

/** Linearised gradient descent iterated literally: f ← f − (η/N) Θ(·,X)(f(X) − Y), from f ≡ 0. */
function iterateLinearisedDescent(trainX: number[][], trainY: number[], testX: number[][], lr: number, steps: number) {
  const N = trainX.length;
  const thetaTrain = reluKernels(trainX, trainX, TOY).ntk;
  const thetaTest = reluKernels(testX, trainX, TOY).ntk;
  let fTrain = new Array<number>(N).fill(0);
  const fTest = new Array<number>(testX.length).fill(0);
  for (let s = 0; s < steps; s++) {
    const residual = fTrain.map((f, i) => f - trainY[i]);
    const step = (row: number[]) => (lr / N) * row.reduce((acc, t, j) => acc + t * residual[j], 0);
    fTrain = fTrain.map((f, i) => f - step(thetaTrain[i]));
    for (let p = 0; p < testX.length; p++) fTest[p] -= step(thetaTest[p]);
  }
  return { fTrain, fTest };
}

describe('gradientDescentFactor', () => {
  it('is (1 − (1 − ηλ/N)^s)/λ, continuous into its λ → 0 limit sη/N', () => {
    const [lr, N, s] = [0.25, 24, 2000];
    expect(gradientDescentFactor(0, lr, N, s)).toBe((s * lr) / N);
    expect(gradientDescentFactor(1e-300, lr, N, s) / ((s * lr) / N)).toBeCloseTo(1, 15);
    // Second-order expansion sη/N (1 − (s−1)z/2) for small z = ηλ/N.
    const lambda = 1e-9;
    const z = (lr * lambda) / N;
    expect(Math.abs(gradientDescentFactor(lambda, lr, N, s) / (((s * lr) / N) * (1 - ((s - 1) * z) / 2)) - 1)).toBeLessThan(1e-14);
    // Ordinary and oscillating (1 < z < 2) modes agree with the formula as written; s = 0 gives 0.
    for (const l of [3, 50, 150]) {
      const direct = (1 - Math.pow(1 - (lr * l) / N, s)) / l;
      expect(Math.abs(gradientDescentFactor(l, lr, N, s) - direct)).toBeLessThan(1e-14);
      expect(gradientDescentFactor(l, lr, N, 0)).toBe(0);
    }
  });
});

describe('ntkMeanPrediction (μ_s, reference §1)', () => {
  const { X: trainX, Y: trainY } = mono3With(8);
  const testX = randomPoints(new Rng(21, 1), 25, 2, 1.5);

  it('is exactly 0 at s = 0 (the infinite ensemble starts at 0)', () => {
    const result = ntkMeanPredictionWithDiagnostics({ trainX, trainY, testX, lr: LR, steps: 0, ...TOY });
    result.prediction.forEach((v) => expect(v).toBe(0));
    expect(result.trainLoss).toBeCloseTo(trainY.reduce((a, y) => a + y * y, 0) / (2 * trainY.length), 14);
  });

  it('equals literally iterated linearised gradient descent (also at an oscillating rate, 1 < ηλ_max/N < 2)', () => {
    for (const lr of [LR, 0.5]) {
      const predictor = createNtkMeanPredictor({ trainX, trainY, testX, ...TOY });
      const steps = 60;
      const { fTrain, fTest } = iterateLinearisedDescent(trainX, trainY, testX, lr, steps);
      const result = predictor.predict(lr, steps);
      const onTrain = predictor.predictOn(trainX, lr, steps).prediction;
      const loss = fTrain.reduce((a, f, i) => a + (f - trainY[i]) ** 2, 0) / (2 * trainY.length);
      const errTest = relativeMaxDifference(result.prediction, fTest);
      const errTrain = relativeMaxDifference(onTrain, fTrain);
      console.log(
        `μ_s vs iterated descent, lr ${lr}, s ${steps}: test ${errTest.toExponential(2)}, train ${errTrain.toExponential(2)}, ` +
          `ηλ_max/N = ${((lr * result.lambdaMax) / result.n).toFixed(3)}`,
      );
      expect(errTest).toBeLessThan(1e-10);
      expect(errTrain).toBeLessThan(1e-10);
      expect(Math.abs(result.trainLoss / loss - 1)).toBeLessThan(1e-9);
    }
  });

  it('interpolates the labels as s → ∞ with a well-conditioned Θ, agreeing with Θ(x,X)Θ⁻¹Y', () => {
    const { X, Y } = mono3With(4);
    const predictor = createNtkMeanPredictor({ trainX: X, trainY: Y, testX, ...TOY });
    const condition = predictor.lambdaMax / predictor.smallestKeptEigenvalue;
    // Enough steps that the slowest mode's residual (1 − ηλ_min/N)^s is below 1e-20.
    const steps = Math.ceil((46 * predictor.n) / (LR * predictor.smallestKeptEigenvalue));
    const onTrain = predictor.predictOn(X, LR, steps).prediction;
    const fitError = Math.max(...onTrain.map((f, i) => Math.abs(f - Y[i])));
    const alpha = new LuDecomposition(new Matrix(predictor.trainKernel)).solve(Matrix.columnVector(Y)).to1DArray();
    const kernelRegression = predictor.testKernel.map((row) => row.reduce((acc, t, j) => acc + t * alpha[j], 0));
    const agreement = relativeMaxDifference(predictor.predict(LR, steps).prediction, kernelRegression);
    console.log(
      `mono3+C4: N=${predictor.n}, cond(Θ) = ${condition.toExponential(2)}, s = ${steps}: max |μ(x_i) − y_i| = ` +
        `${fitError.toExponential(2)}, vs Θ(x,X)Θ⁻¹Y ${agreement.toExponential(2)}`,
    );
    expect(predictor.droppedModes).toBe(0);
    expect(condition).toBeLessThan(1e8);
    expect(fitError).toBeLessThan(1e-8);
    expect(agreement).toBeLessThan(1e-8);
    expect(predictor.predict(LR, steps).trainLoss).toBeLessThan(1e-30);
    // Not yet interpolating after 100 steps: the slow modes are what makes late training slow.
    const early = predictor.predictOn(X, LR, 100).prediction;
    expect(Math.max(...early.map((f, i) => Math.abs(f - Y[i])))).toBeGreaterThan(1e-3);
  });

  it('is C8-invariant to float64 rounding on mono3 augmented by C8 (< 1e-10 relative, s = 1 … 2000 … 1e6)', () => {
    const angles = cyclicAngles(8);
    const base = randomPoints(new Rng(22, 1), 40, 2, 1.6);
    const orbits = angles.map((t) => base.map(([x, y]) => [Math.cos(t) * x - Math.sin(t) * y, Math.sin(t) * x + Math.cos(t) * y]));
    const predictor = createNtkMeanPredictor({ trainX, trainY, testX: orbits.flat(), ...TOY });
    const rows: string[] = [];
    let worst = 0;
    for (const steps of [1, 10, 100, 2000, 1_000_000]) {
      const mu = predictor.predict(LR, steps).prediction;
      const perElement = angles.map((_, g) => mu.slice(g * base.length, (g + 1) * base.length));
      const dev = orbitStdFloat64(perElement);
      const scale = Math.max(...mu.map(Math.abs));
      const maxDev = Math.max(...dev) / scale;
      const maxGap = Math.max(...perElement.flatMap((f) => f.map((v, p) => Math.abs(v - perElement[0][p])))) / scale;
      worst = Math.max(worst, maxGap);
      rows.push(`s=${steps}: max dev/max|μ| ${maxDev.toExponential(1)}, max |μ(gx)−μ(x)|/max|μ| ${maxGap.toExponential(1)}`);
    }
    console.log(`μ_s C8 invariance (mono3+C8): ${rows.join('; ')}`);
    expect(worst).toBeLessThan(1e-10);
    // Teeth: without augmentation the same quantity is O(1).
    const { X: X1, Y: Y1 } = mono3With(1);
    const plain = ntkMeanPrediction({ trainX: X1, trainY: Y1, testX: orbits.flat(), lr: LR, steps: 100, ...TOY });
    const plainGap = Math.max(...plain.slice(base.length).map((v, p) => Math.abs(v - plain[p % base.length])));
    expect(plainGap / Math.max(...plain.map(Math.abs))).toBeGreaterThan(0.05);
  });

  it('reports the critical learning rate 2N/λ_max (≈ 0.58 for mono3 + C8) and flags divergence above it', () => {
    const rates = [1, 4, 8].map((n) => {
      const { X, Y } = mono3With(n);
      return createNtkMeanPredictor({ trainX: X, trainY: Y, testX: [], ...TOY }).criticalLr;
    });
    console.log(`critical lr 2N/λ_max for mono3: none ${rates[0].toFixed(4)}, C4 ${rates[1].toFixed(4)}, C8 ${rates[2].toFixed(4)}`);
    expect(rates[0]).toBeGreaterThan(0.27);
    expect(rates[0]).toBeLessThan(0.35);
    for (const r of rates.slice(1)) {
      expect(r).toBeGreaterThan(0.52);
      expect(r).toBeLessThan(0.64);
    }
    const predictor = createNtkMeanPredictor({ trainX, trainY, testX, ...TOY });
    const lrC = predictor.criticalLr;
    const initialLoss = predictor.predict(0.9 * lrC, 0).trainLoss;
    const below = predictor.predict(0.95 * lrC, 400);
    const above = predictor.predict(1.05 * lrC, 400);
    expect(below.diverges).toBe(false);
    expect(above.diverges).toBe(true);
    expect(below.trainLoss).toBeLessThan(initialLoss);
    expect(above.trainLoss).toBeGreaterThan(1e6 * initialLoss);
    // The spectral loss agrees with literally iterating above the critical rate: the divergence is real.
    const { fTrain } = iterateLinearisedDescent(trainX, trainY, [], 1.05 * lrC, 100);
    const iterated = fTrain.reduce((a, f, i) => a + (f - trainY[i]) ** 2, 0) / (2 * trainY.length);
    expect(Math.abs(predictor.predict(1.05 * lrC, 100).trainLoss / iterated - 1)).toBeLessThan(1e-8);
  });

  it('handles a singular Θ from duplicate training points: finite, drops the null modes, same mean as without them', () => {
    const doubled = { X: [...trainX, ...trainX], Y: [...trainY, ...trainY] };
    const dup = createNtkMeanPredictor({ trainX: doubled.X, trainY: doubled.Y, testX, ...TOY });
    const single = createNtkMeanPredictor({ trainX, trainY, testX, ...TOY });
    console.log(
      `duplicates: N=${dup.n}, dropped ${dup.droppedModes} modes (cutoff ${dup.eigenvalueCutoff.toExponential(2)}, ` +
        `smallest eigenvalue ${dup.eigenvalues[dup.n - 1].toExponential(2)}, smallest kept ${dup.smallestKeptEigenvalue.toExponential(2)})`,
    );
    expect(dup.droppedModes).toBe(24);
    expect(dup.criticalLr).toBeCloseTo(single.criticalLr, 10);
    // Duplicating every point leaves L = 1/(2N) Σ (f − y)² unchanged, so the mean is the same function.
    for (const steps of [1, 100, 2000]) {
      const a = dup.predict(LR, steps).prediction;
      a.forEach((v) => expect(Number.isFinite(v)).toBe(true));
      expect(relativeMaxDifference(a, single.predict(LR, steps).prediction)).toBeLessThan(1e-9);
    }

    // Contradictory duplicates: (0.8, 0.3) labelled +1 and −1. The loss equals that of both copies labelled 0 plus a
    // constant, so the mean matches that set, and 2·(1/√2·2)²·8 / |Y|² = 16/24 of the labels can never be fitted.
    const contradictory = augmentedTrainingSetFloat64([...MONO3, { x: [0.8, 0.3], y: -1 }], cyclicAngles(8));
    const averaged = augmentedTrainingSetFloat64(
      [{ x: [0.8, 0.3], y: 0 }, ...MONO3.slice(1), { x: [0.8, 0.3], y: 0 }],
      cyclicAngles(8),
    );
    const c = createNtkMeanPredictor({ trainX: contradictory.X, trainY: contradictory.Y, testX, ...TOY });
    const m = createNtkMeanPredictor({ trainX: averaged.X, trainY: averaged.Y, testX, ...TOY });
    expect(c.droppedModes).toBe(8);
    expect(c.unfittableLabelFraction).toBeCloseTo(16 / 24, 10);
    expect(relativeMaxDifference(c.predict(LR, 2000).prediction, m.predict(LR, 2000).prediction)).toBeLessThan(1e-9);
    // The loss floor is the unfittable part: 16/(2·32) = 0.25.
    expect(c.predict(LR, 10_000_000).trainLoss).toBeCloseTo(0.25, 8);
  });

  it('performance: N = 256 training points, the 1,536-point polar grid', () => {
    const base = randomPoints(new Rng(23, 1), 32, 2, 1.2).map((x, i) => ({ x, y: Math.cos(i) }));
    const { X, Y } = augmentedTrainingSetFloat64(base, cyclicAngles(8));
    const grid = polarGridPointsFloat64(makePolarGrid());
    const t0 = performance.now();
    const predictor = createNtkMeanPredictor({ trainX: X, trainY: Y, testX: grid, ...TOY });
    const t1 = performance.now();
    const result = predictor.predict(LR, 2000);
    const t2 = performance.now();
    const timeKernels = () => {
      const s = performance.now();
      reluKernels(grid, X, TOY);
      return performance.now() - s;
    };
    const kernelMs = timeKernels();
    console.log(
      `performance (Node, 1 thread): N=${X.length}, grid ${grid.length}: prepare (Θ(X,X), EVD, Θ(grid,X)) ` +
        `${(t1 - t0).toFixed(0)} ms, of which Θ(grid,X) ≈ ${kernelMs.toFixed(0)} ms; predict(η, s) ${(t2 - t1).toFixed(1)} ms; ` +
        `ntkMeanPrediction total ${(t2 - t0).toFixed(0)} ms`,
    );
    expect(result.prediction).toHaveLength(1536);
    expect(result.prediction.every(Number.isFinite)).toBe(true);
    expect(t2 - t0).toBeLessThan(5000);
  });
});
