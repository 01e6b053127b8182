/**
 * The NTK panel's worker protocol: a small, versioned, typed union. Every message carries `v: 1`.
 *
 * - `closedForm`: the infinite-width mean μ_s on the 1,536-point evaluation grid at a list of steps, with the
 *   spectrum diagnostics, Θ(X, X) on the augmented training set and the invariance readouts. Pure float64 JS,
 *   answered at once (between chunks of a running task).
 * - `widthSweep`: empirical NTK of finite random members against the analytic NTK, at several widths (tfjs).
 * - `experiments`: small extra training runs (distance from the ensemble mean to μ_s against E and against step).
 *
 * The long tasks run one at a time, in chunks, posting `progress`; `cancel` stops one. Each finished part of a task
 * (a width's row, an experiment run) is posted as it completes, so after a worker crash the page can restart the task
 * in a new worker with those parts given back (`completedRows`, `completed`) and only the rest is computed again.
 */
import type { EnsembleConfig } from '../core/ensemble/config';
import type { AugmentationGroup } from '../core/ensemble/groupSpec';
import type { ToyPoint } from '../core/data/toySets';

export const NTK_PROTOCOL_VERSION = 1 as const;

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

export type NtkCommand =
  | { v: 1; type: 'closedForm'; requestId: number; setup: ClosedFormSetup; lr: number; steps: number[] }
  /** `completedRows`: rows a previous worker finished for this same request; their widths are not measured again. */
  | { v: 1; type: 'widthSweep'; runId: number; request: WidthSweepRequest; completedRows?: WidthSweepRow[] }
  /** `completed`: runs a previous worker finished for this same plan, in plan order; they are not trained again. */
  | { v: 1; type: 'experiments'; runId: number; plan: ExperimentPlan; completed?: CompletedExperimentRuns }
  | { v: 1; type: 'cancel'; runId: number };

export type NtkTask = 'widthSweep' | 'experiments';

/** The experiment runs finished so far: the first `sizeRuns.length` E-curves and `stepRuns.length` step curves. */
export interface CompletedExperimentRuns {
  sizeRuns: SizeCurveRun[];
  stepRuns: StepCurveRun[];
}

export type NtkEvent =
  | { v: 1; type: 'closedForm'; requestId: number; result: ClosedFormResult }
  | { v: 1; type: 'progress'; runId: number; task: NtkTask; done: number; total: number; label: string }
  | { v: 1; type: 'widthSweep'; runId: number; result: WidthSweepResult }
  /** One width of a running sweep, finished. */
  | { v: 1; type: 'widthSweepRow'; runId: number; row: WidthSweepRow }
  /** One run of the running experiments, finished. */
  | { v: 1; type: 'experimentRun'; runId: number; sizeRun?: SizeCurveRun; stepRun?: StepCurveRun }
  | { v: 1; type: 'experiments'; runId: number; result: ExperimentResult }
  | { v: 1; type: 'cancelled'; runId: number; task: NtkTask }
  | { v: 1; type: 'error'; requestId?: number; runId?: number; task?: NtkTask | 'closedForm'; message: string };

export type Validated<T> = { ok: true; message: T } | { ok: false; error: string };

const isObject = (m: unknown): m is Record<string, unknown> => !!m && typeof m === 'object' && !Array.isArray(m);
const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function setupError(s: unknown): string | null {
  if (!isObject(s)) return 'setup must be an object';
  if (!Array.isArray(s.points)) return 'setup.points must be a list';
  for (const p of s.points) {
    if (!isObject(p) || !Array.isArray(p.x) || p.x.length !== 2 || !p.x.every(isNum) || !isNum(p.y)) return 'a training point is malformed';
  }
  if (!isObject(s.group) || (s.group.kind !== 'cyclic' && s.group.kind !== 'so2')) return 'setup.group is malformed';
  if (!isInt(s.depth) || s.depth < 0 || s.depth > 8) return 'setup.depth must be an integer in 0 … 8';
  if (!isNum(s.sigmaW) || !isNum(s.sigmaB)) return 'setup.sigmaW and setup.sigmaB must be numbers';
  return null;
}

const isNumList = (xs: unknown, maxLength: number): xs is number[] => Array.isArray(xs) && xs.length <= maxLength && xs.every((x) => typeof x === 'number');

/** Why `r` is not a width-sweep row (numbers may be NaN: a diverged distance is still a measurement), or null. */
export function widthSweepRowError(r: unknown): string | null {
  if (!isObject(r)) return 'a completed row must be an object';
  if (!isInt(r.width) || r.width < 1 || r.width > 2048) return 'a completed row has a bad width';
  if (!isNumList(r.errors, 32) || r.errors.length === 0) return 'a completed row needs 1 … 32 errors';
  if (typeof r.meanError !== 'number' || typeof r.meanKernelError !== 'number') return 'a completed row needs meanError and meanKernelError';
  return null;
}

/** Why `c` is not a list of finished experiment runs, or null. */
export function completedExperimentRunsError(c: unknown): string | null {
  if (!isObject(c) || !Array.isArray(c.sizeRuns) || !Array.isArray(c.stepRuns)) return 'completed must hold sizeRuns and stepRuns lists';
  for (const r of c.sizeRuns) {
    if (!isObject(r) || !isInt(r.width) || !isInt(r.ensembleSize) || !Array.isArray(r.curves)) return 'a completed E-curve run is malformed';
    for (const cv of r.curves) {
      if (!isObject(cv) || !isInt(cv.step) || !isNumList(cv.sizes, 16) || !isNumList(cv.distances, 16) || cv.sizes.length !== cv.distances.length) {
        return 'a completed E-curve is malformed';
      }
    }
  }
  for (const r of c.stepRuns) {
    if (!isObject(r) || !isInt(r.width) || !isInt(r.ensembleSize) || typeof r.antithetic !== 'boolean' || !Array.isArray(r.points)) return 'a completed step-curve run is malformed';
    if (!r.points.every((p) => Array.isArray(p) && p.length === 2 && isInt(p[0]) && typeof p[1] === 'number')) return 'a completed step-curve point is malformed';
  }
  return null;
}

/** Validate a page → worker message. */
export function validateNtkCommand(msg: unknown): Validated<NtkCommand> {
  if (!isObject(msg)) return { ok: false, error: 'message is not an object' };
  if (msg.v !== NTK_PROTOCOL_VERSION) return { ok: false, error: `unsupported protocol version ${String(msg.v)}` };
  switch (msg.type) {
    case 'closedForm': {
      if (!isInt(msg.requestId)) return { ok: false, error: 'requestId must be an integer' };
      const e = setupError(msg.setup);
      if (e) return { ok: false, error: e };
      if (!isNum(msg.lr) || msg.lr < 0) return { ok: false, error: 'lr must be a non-negative number' };
      if (!Array.isArray(msg.steps) || msg.steps.length > 64 || !msg.steps.every((s) => isInt(s) && s >= 0)) {
        return { ok: false, error: 'steps must be a list of at most 64 non-negative integers' };
      }
      return { ok: true, message: msg as unknown as NtkCommand };
    }
    case 'widthSweep': {
      if (!isInt(msg.runId)) return { ok: false, error: 'runId must be an integer' };
      const r = msg.request;
      if (!isObject(r)) return { ok: false, error: 'request must be an object' };
      const e = setupError(r.setup);
      if (e) return { ok: false, error: e };
      if (!Array.isArray(r.widths) || r.widths.length === 0 || !r.widths.every((w) => isInt(w) && w >= 1 && w <= 2048)) {
        return { ok: false, error: 'widths must be integers in 1 … 2048' };
      }
      if (!isInt(r.networks) || r.networks < 1 || r.networks > 32) return { ok: false, error: 'networks must be in 1 … 32' };
      if (!isInt(r.seed)) return { ok: false, error: 'seed must be an integer' };
      if (msg.completedRows !== undefined) {
        if (!Array.isArray(msg.completedRows) || msg.completedRows.length > r.widths.length) return { ok: false, error: 'completedRows must be a list no longer than widths' };
        for (const row of msg.completedRows) {
          const re = widthSweepRowError(row);
          if (re) return { ok: false, error: re };
          if (!(r.widths as number[]).includes((row as WidthSweepRow).width)) return { ok: false, error: `completed row width ${(row as WidthSweepRow).width} is not in widths` };
        }
      }
      return { ok: true, message: msg as unknown as NtkCommand };
    }
    case 'experiments': {
      if (!isInt(msg.runId)) return { ok: false, error: 'runId must be an integer' };
      const p = msg.plan;
      if (!isObject(p) || !isObject(p.config)) return { ok: false, error: 'plan.config must be an object' };
      const ints = (xs: unknown, lo: number, hi: number) => Array.isArray(xs) && xs.every((x) => isInt(x) && x >= lo && x <= hi);
      if (!ints(p.sizeWidths, 1, 1024) || !ints(p.stepWidths, 1, 1024)) return { ok: false, error: 'widths must be integers in 1 … 1024' };
      if (!isInt(p.sizeEnsemble) || p.sizeEnsemble < 1 || p.sizeEnsemble > 256) return { ok: false, error: 'sizeEnsemble must be in 1 … 256' };
      if (!isInt(p.stepEnsemble) || p.stepEnsemble < 1 || p.stepEnsemble > 256) return { ok: false, error: 'stepEnsemble must be in 1 … 256' };
      if (!isInt(p.sizeSteps) || !isInt(p.stepSteps) || p.sizeSteps < 0 || p.stepSteps < 0 || p.sizeSteps > 2000 || p.stepSteps > 2000) {
        return { ok: false, error: 'step counts must be integers in 0 … 2000' };
      }
      if (!ints(p.checkpoints, 0, 2000)) return { ok: false, error: 'checkpoints must be integers in 0 … 2000' };
      if (msg.completed !== undefined) {
        const ce = completedExperimentRunsError(msg.completed);
        if (ce) return { ok: false, error: ce };
        const c = msg.completed as unknown as CompletedExperimentRuns;
        if (c.sizeRuns.length > (p.sizeWidths as number[]).length || c.stepRuns.length > (p.stepWidths as number[]).length) return { ok: false, error: 'completed holds more runs than the plan' };
      }
      return { ok: true, message: msg as unknown as NtkCommand };
    }
    case 'cancel':
      if (!isInt(msg.runId)) return { ok: false, error: 'runId must be an integer' };
      return { ok: true, message: { v: 1, type: 'cancel', runId: msg.runId } };
    default:
      return { ok: false, error: `unknown command type ${String(msg.type)}` };
  }
}

/** Shallow check of a worker → page message. */
export function isNtkEvent(msg: unknown): msg is NtkEvent {
  return (
    isObject(msg) &&
    msg.v === NTK_PROTOCOL_VERSION &&
    ['closedForm', 'progress', 'widthSweep', 'widthSweepRow', 'experiments', 'experimentRun', 'cancelled', 'error'].includes(String(msg.type))
  );
}
