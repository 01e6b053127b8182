import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { criticalLearningRate, gradientDescentFactor, residualDecay } from './gradientDescentFactor';
import type { PointSet } from './points';
import { reluKernels, type ReluKernelOptions } from './reluKernels';

/** The infinite-width training problem: the augmented training set, the evaluation points and the architecture. */
export interface NtkTrainingSetup extends ReluKernelOptions {
  /** Augmented training inputs X (N points). */
  trainX: PointSet;
  /** Training labels Y (N numbers). */
  trainY: readonly number[];
  /** Points at which to evaluate μ_s. */
  testX: PointSet;
  /**
   * Eigenvalues λ ≤ cutoff·λ_max of Θ(X,X), negative ones included, are treated as exact zeros of the kernel and their
   * modes dropped. Default 16·N·ε (ε = 2.2e-16): the size of the rounding error of a symmetric eigensolver.
   */
  relativeEigenvalueCutoff?: number;
}

/** Options of {@link ntkMeanPrediction}: the training setup plus step size η and step count s. */
export interface NtkMeanOptions extends NtkTrainingSetup {
  /** Step size η of full-batch gradient descent on L = 1/(2N) Σ (f − y)². */
  lr: number;
  /** Step count s, a non-negative integer. */
  steps: number;
}

/** What the eigendecomposition of Θ(X,X) says about the linearised dynamics; independent of η and s. */
export interface NtkSpectrumDiagnostics {
  /** Number of training points N. */
  n: number;
  /** All eigenvalues of Θ(X,X), largest first (tiny negative values are rounding). */
  eigenvalues: number[];
  /** λ_max, the largest eigenvalue (0 for an empty training set). */
  lambdaMax: number;
  /** The absolute cutoff: modes with λ ≤ eigenvalueCutoff are dropped. */
  eigenvalueCutoff: number;
  /** Number of dropped modes (numerically null directions of Θ, e.g. from duplicate training points). */
  droppedModes: number;
  /** Smallest eigenvalue kept (Infinity if none is kept). Slow modes: a mode decays like (1 − ηλ/N)^s. */
  smallestKeptEigenvalue: number;
  /**
   * |P_dropped Y|²/|Y|²: the share of the labels lying in dropped modes, which no step of gradient descent can fit
   * (non-zero for contradictory duplicates). 0 when Y = 0.
   */
  unfittableLabelFraction: number;
  /** Critical step size η_c = 2N/λ_max: gradient descent diverges for η > η_c. */
  criticalLr: number;
}

/** μ_s on the test points plus the diagnostics the UI reports. */
export interface NtkMeanResult extends NtkSpectrumDiagnostics {
  /** μ_s(x) for every test point. */
  prediction: number[];
  lr: number;
  steps: number;
  /**
   * True when ηλ_max/N > 2: the linearised dynamics diverge, `prediction` grows without bound with s and, for large s,
   * may overflow to ±Infinity or NaN. The UI should show `criticalLr` instead of the numbers.
   */
  diverges: boolean;
  /**
   * Training loss of the infinite-width mean at step s, L_s = |r_s|²/(2N) with residual
   * r_s = (I − ηΘ/N)^s Y = Σ_kept (1 − ηλ_k/N)^s (v_kᵀY) v_k + P_dropped Y.
   */
  trainLoss: number;
}

/** A prepared closed form: Θ(X,X) is decomposed once, then μ_s costs O(NK + MN) for any (η, s). */
export interface NtkMeanPredictor extends NtkSpectrumDiagnostics {
  /** Θ(X,X), N×N, in training-set order. */
  trainKernel: number[][];
  /** Θ(testX, X), M×N. */
  testKernel: number[][];
  /** μ_s on the setup's test points. */
  predict(lr: number, steps: number): NtkMeanResult;
  /** μ_s on other points, reusing the decomposition (computes Θ(points, X)). */
  predictOn(points: PointSet, lr: number, steps: number): NtkMeanResult;
}

/**
 * Prepare the discrete-time infinite-width ensemble mean (reference §1):
 *
 *     μ_s(x) = Θ(x,X) Θ⁻¹ (I − (I − (η/N)Θ)^s) Y = Θ(x,X) V diag(φ_s(λ_i)) Vᵀ Y,
 *     φ_s(λ) = (1 − (1 − ηλ/N)^s)/λ   (→ sη/N as λ → 0),
 *
 * with Θ(X,X) = V diag(λ) Vᵀ from a real symmetric eigensolver (ml-matrix, Householder + QL). Modes with
 * λ ≤ cutoff·λ_max are dropped: for a true kernel such λ are rounding noise around 0, their eigenvectors v satisfy
 * Θ(x,X)v = 0 for every x (v lies in the kernel's null space), so they contribute nothing in exact arithmetic and must
 * not be allowed to contribute rounding noise divided by a tiny or negative λ.
 */
export function createNtkMeanPredictor(setup: NtkTrainingSetup): NtkMeanPredictor {
  const { trainX, trainY, testX } = setup;
  const n = trainX.length;
  if (trainY.length !== n) throw new Error(`trainY has ${trainY.length} labels for ${n} training points`);
  const kernelOptions: ReluKernelOptions = { depth: setup.depth, sigmaW: setup.sigmaW, sigmaB: setup.sigmaB };
  const trainKernel = reluKernels(trainX, trainX, kernelOptions).ntk;
  const testKernel = reluKernels(testX, trainX, kernelOptions).ntk;

  // Eigendecomposition, eigenvalues sorted largest first.
  let eigenvalues: number[] = [];
  let vectors: number[][] = []; // vectors[k] = v_k
  if (n > 0) {
    const evd = new EigenvalueDecomposition(new Matrix(trainKernel), { assumeSymmetric: true });
    const V = evd.eigenvectorMatrix.to2DArray();
    const order = evd.realEigenvalues.map((_, k) => k).sort((p, r) => evd.realEigenvalues[r] - evd.realEigenvalues[p]);
    eigenvalues = order.map((k) => evd.realEigenvalues[k]);
    vectors = order.map((k) => V.map((row) => row[k]));
  }
  const lambdaMax = n > 0 ? Math.max(0, eigenvalues[0]) : 0;
  const relativeCutoff = setup.relativeEigenvalueCutoff ?? 16 * Math.max(n, 1) * Number.EPSILON;
  const eigenvalueCutoff = relativeCutoff * lambdaMax;

  const kept: number[] = [];
  let droppedLabelSquared = 0;
  let labelSquared = 0;
  for (const y of trainY) labelSquared += y * y;
  const labelProjections = vectors.map((v) => v.reduce((acc, vi, i) => acc + vi * trainY[i], 0)); // v_kᵀY
  eigenvalues.forEach((lambda, k) => {
    if (lambda > eigenvalueCutoff) kept.push(k);
    else droppedLabelSquared += labelProjections[k] * labelProjections[k];
  });

  const diagnostics: NtkSpectrumDiagnostics = {
    n,
    eigenvalues,
    lambdaMax,
    eigenvalueCutoff,
    droppedModes: n - kept.length,
    smallestKeptEigenvalue: kept.length > 0 ? eigenvalues[kept[kept.length - 1]] : Infinity,
    unfittableLabelFraction: labelSquared > 0 ? droppedLabelSquared / labelSquared : 0,
    criticalLr: criticalLearningRate(lambdaMax, n),
  };

  /** α = V_kept diag(φ_s) V_keptᵀ Y, so that μ_s(x) = Θ(x,X)α; and the linearised training loss. */
  function dualCoefficients(lr: number, steps: number): { alpha: Float64Array; trainLoss: number } {
    if (!Number.isFinite(lr) || lr < 0) throw new Error(`lr must be a finite non-negative number, got ${lr}`);
    if (!Number.isInteger(steps) || steps < 0) throw new Error(`steps must be a non-negative integer, got ${steps}`);
    const alpha = new Float64Array(n);
    let residualSquared = droppedLabelSquared;
    for (const k of kept) {
      const lambda = eigenvalues[k];
      const weight = gradientDescentFactor(lambda, lr, n, steps) * labelProjections[k];
      const v = vectors[k];
      for (let i = 0; i < n; i++) alpha[i] += weight * v[i];
      const left = residualDecay(lambda, lr, n, steps) * labelProjections[k];
      residualSquared += left * left;
    }
    return { alpha, trainLoss: n > 0 ? residualSquared / (2 * n) : 0 };
  }

  function evaluate(kernelRows: readonly (readonly number[])[], lr: number, steps: number): NtkMeanResult {
    const { alpha, trainLoss } = dualCoefficients(lr, steps);
    const prediction = kernelRows.map((row) => {
      let acc = 0;
      for (let i = 0; i < n; i++) acc += row[i] * alpha[i];
      return acc;
    });
    return {
      ...diagnostics,
      prediction,
      lr,
      steps,
      diverges: (lr * lambdaMax) / Math.max(n, 1) > 2,
      trainLoss,
    };
  }

  return {
    ...diagnostics,
    trainKernel,
    testKernel,
    predict: (lr, steps) => evaluate(testKernel, lr, steps),
    predictOn: (points, lr, steps) => evaluate(reluKernels(points, trainX, kernelOptions).ntk, lr, steps),
  };
}

/**
 * μ_s(x) on `testX`: the infinite-width ensemble mean after s steps of full-batch gradient descent with step η
 * (reference §1), μ_s(x) = Θ(x,X) V diag((1 − (1 − ηλ_i/N)^s)/λ_i) Vᵀ Y. See {@link createNtkMeanPredictor}.
 */
export function ntkMeanPrediction(options: NtkMeanOptions): number[] {
  return ntkMeanPredictionWithDiagnostics(options).prediction;
}

/**
 * μ_s(x) on `testX` together with the spectrum diagnostics: eigenvalues, λ_max, the critical rate η_c = 2N/λ_max,
 * whether ηλ_max/N > 2 (divergence), how many near-null modes were dropped, and the linearised training loss.
 */
export function ntkMeanPredictionWithDiagnostics(options: NtkMeanOptions): NtkMeanResult {
  return createNtkMeanPredictor(options).predict(options.lr, options.steps);
}
