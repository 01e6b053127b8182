/**
 * The NTK experiments' inputs and results as plain data: what the closed form, the width sweep and the extra training
 * runs take and return. They live in core because the code that computes them does; the NTK worker protocol
 * (src/worker/ntkProtocol.ts) carries them in its messages and re-exports them.
 */
import type { EnsembleConfig } from '../ensemble/config';
import type { AugmentationGroup } from '../ensemble/groupSpec';
import type { ToyPoint } from '../data/toySets';

/** What the closed form depends on (width, E and seed play no part in the infinite-width theory). */
export interface ClosedFormSetup {
  points: ToyPoint[];
  group: AugmentationGroup;
  depth: number;
  sigmaW: number;
  sigmaB: number;
}

/** μ_s on the evaluation grid at one step, with its own invariance readout. */
export interface ClosedFormStep {
  step: number;
  /** μ_s at every grid point, [P] (may hold ±Infinity/NaN when the linearised dynamics diverge). */
  values: Float64Array;
  /** max_x std_g μ_s(ρ(g)x): the orbit deviation of μ_s on the grid under the theory's group. */
  orbitDeviationMax: number;
  /** orbitDeviationMax / max_x |μ_s(x)|. */
  orbitDeviationRelative: number;
  /** Training loss of the infinite-width mean, |r_s|²/(2N). */
  trainLoss: number;
}

export interface ClosedFormResult {
  /** JSON of the setup and lr this answers, so the page can drop stale answers. */
  key: string;
  lr: number;
  /** Augmented training-set size N = copies × basePoints, ordered angle-major (copy a, point i at a·P + i). */
  n: number;
  copies: number;
  basePoints: number;
  /** Non-null when the theory uses a stand-in for the trained augmentation (SO(2) random angles → C16). */
  standIn: string | null;
  /** Order of the rotation group μ_s's orbit deviation and the kernel defect are measured under. */
  orbitOrder: number;
  eigenvalues: number[];
  lambdaMax: number;
  criticalLr: number;
  diverges: boolean;
  droppedModes: number;
  eigenvalueCutoff: number;
  smallestKeptEigenvalue: number;
  unfittableLabelFraction: number;
  /** Θ(X, X), N×N row-major, angle-major order. */
  trainKernel: Float64Array;
  /** max_{g,i,j} |Θ(ρ(g)x_i, ρ(g)x_j) − Θ(x_i, x_j)| over the orbitOrder rotations, absolute and relative to max|Θ|. */
  kernelDefect: number;
  kernelDefectRelative: number;
  /** max_{g,i,j} |Θ[π_g i, π_g j] − Θ[i, j]|: the augmentation's index permutation commutes with Θ(X, X). */
  permutationDefect: number;
  /**
   * False in a first answer whose defects (NaN) are still being computed: the worker answers μ_s first and sends the
   * same answer again, defects included, right after.
   */
  defectsReady: boolean;
  /** √(mean_x K(x, x)) over the grid: the RMS output of one member at initialisation (NNGP diagonal). */
  memberInitRms: number;
  steps: ClosedFormStep[];
  timings: {
    /** Θ(X,X), Θ(grid, X) and the eigendecomposition, when they were computed (they are cached per setup). */
    kernelMs: number;
    /** μ_s on the grid for every requested step, with the orbit deviations. */
    predictMs: number;
    /** The kernel and permutation defects (NaN until computed; cached per setup). */
    defectMs: number;
    totalMs: number;
    /** Whether the kernels came from the cache. */
    cached: boolean;
  };
}

export interface WidthSweepRequest {
  setup: ClosedFormSetup;
  seed: number;
  widths: number[];
  /** Random members per width. */
  networks: number;
}

export interface WidthSweepRow {
  width: number;
  /** ‖Θ̂ − Θ‖_F/‖Θ‖_F for each member. */
  errors: number[];
  /** Mean of `errors`. */
  meanError: number;
  /** The same distance for the mean of the members' empirical kernels. */
  meanKernelError: number;
}

export interface WidthSweepResult {
  rows: WidthSweepRow[];
  /** Least-squares slope of log(mean error) against log(width); theory: −1/2. */
  slope: number;
  /** The points the kernels were compared on. */
  points: number[][];
  backend: string;
  ms: number;
}

export interface ExperimentPlan {
  /** The run's config; width, E, antithetic and steps are overridden per run. */
  config: EnsembleConfig;
  /** Distance against E: two widths, E members each (i.i.d.), up to `sizeSteps`. */
  sizeWidths: number[];
  sizeEnsemble: number;
  sizeSteps: number;
  /** Distance against step: several widths, E antithetic members each, up to `stepSteps`. */
  stepWidths: number[];
  stepEnsemble: number;
  stepSteps: number;
  /** Steps at which the distances are measured. */
  checkpoints: number[];
}

export interface SizeCurveRun {
  width: number;
  ensembleSize: number;
  /** One entry per checkpoint ≤ sizeSteps: distance of subset means against subset size (averaged over subsets). */
  curves: { step: number; sizes: number[]; distances: number[] }[];
}

export interface StepCurveRun {
  width: number;
  ensembleSize: number;
  antithetic: boolean;
  /** [step, ‖f̄ − μ_s‖/‖μ_s‖] at each checkpoint. */
  points: [number, number][];
}

export interface ExperimentResult {
  sizeRuns: SizeCurveRun[];
  stepRuns: StepCurveRun[];
  /** Number of evaluation points the distances use. */
  evalPoints: number;
  backend: string;
  ms: number;
  /** Set when a run stopped early (divergence); the runs before it are kept. */
  stoppedEarly?: string;
}

/** The experiment runs finished so far: the first `sizeRuns.length` E-curves and `stepRuns.length` step curves. */
export interface CompletedExperimentRuns {
  sizeRuns: SizeCurveRun[];
  stepRuns: StepCurveRun[];
}
