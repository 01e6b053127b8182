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
import type {
  ClosedFormSetup,
  ClosedFormResult,
  WidthSweepRequest,
  WidthSweepRow,
  WidthSweepResult,
  ExperimentPlan,
  SizeCurveRun,
  StepCurveRun,
  ExperimentResult,
  CompletedExperimentRuns,
} from '../core/ntk/experimentTypes';
import { isRecord, isRefusal, versionedRecord, type Validated } from './protocol';

export type * from '../core/ntk/experimentTypes';

export const NTK_PROTOCOL_VERSION = 1 as const;

export type NtkCommand =
  | { v: 1; type: 'closedForm'; requestId: number; setup: ClosedFormSetup; lr: number; steps: number[] }
  /** `completedRows`: rows a previous worker finished for this same request; their widths are not measured again. */
  | { v: 1; type: 'widthSweep'; runId: number; request: WidthSweepRequest; completedRows?: WidthSweepRow[] }
  /**
   * `completed`: runs a previous worker finished for this same plan, in plan order; they are not trained again.
   * `runs`: train only these runs (plan indices: E-curves first, then step curves), one worker's share of a pool.
   */
  | { v: 1; type: 'experiments'; runId: number; plan: ExperimentPlan; completed?: CompletedExperimentRuns; runs?: number[] }
  | { v: 1; type: 'cancel'; runId: number };

export type NtkTask = 'widthSweep' | 'experiments';

export type NtkEvent =
  | { v: 1; type: 'closedForm'; requestId: number; result: ClosedFormResult }
  | { v: 1; type: 'progress'; runId: number; task: NtkTask; done: number; total: number; label: string }
  | { v: 1; type: 'widthSweep'; runId: number; result: WidthSweepResult }
  /** One width of a running sweep, finished. */
  | { v: 1; type: 'widthSweepRow'; runId: number; row: WidthSweepRow }
  /** One run of the running experiments, finished (`index` in plan order), or stopped early (`stopped` says why). */
  | { v: 1; type: 'experimentRun'; runId: number; index: number; sizeRun?: SizeCurveRun; stepRun?: StepCurveRun; stopped?: string }
  | { v: 1; type: 'experiments'; runId: number; result: ExperimentResult }
  | { v: 1; type: 'cancelled'; runId: number; task: NtkTask }
  | { v: 1; type: 'error'; requestId?: number; runId?: number; task?: NtkTask | 'closedForm'; message: string };

export type { Validated } from './protocol';

const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function setupError(s: unknown): string | null {
  if (!isRecord(s)) return 'setup must be an object';
  if (!Array.isArray(s.points)) return 'setup.points must be a list';
  for (const p of s.points) {
    if (!isRecord(p) || !Array.isArray(p.x) || p.x.length !== 2 || !p.x.every(isNum) || !isNum(p.y)) return 'a training point is malformed';
  }
  if (!isRecord(s.group) || (s.group.kind !== 'cyclic' && s.group.kind !== 'so2')) return 'setup.group is malformed';
  if (!isInt(s.depth) || s.depth < 0 || s.depth > 8) return 'setup.depth must be an integer in 0 … 8';
  if (!isNum(s.sigmaW) || !isNum(s.sigmaB)) return 'setup.sigmaW and setup.sigmaB must be numbers';
  return null;
}

const isNumList = (xs: unknown, maxLength: number): xs is number[] => Array.isArray(xs) && xs.length <= maxLength && xs.every((x) => typeof x === 'number');

/** Why `r` is not a width-sweep row (numbers may be NaN: a diverged distance is still a measurement), or null. */
export function widthSweepRowError(r: unknown): string | null {
  if (!isRecord(r)) return 'a completed row must be an object';
  if (!isInt(r.width) || r.width < 1 || r.width > 2048) return 'a completed row has a bad width';
  if (!isNumList(r.errors, 32) || r.errors.length === 0) return 'a completed row needs 1 … 32 errors';
  if (typeof r.meanError !== 'number' || typeof r.meanKernelError !== 'number') return 'a completed row needs meanError and meanKernelError';
  return null;
}

/** Why `c` is not a list of finished experiment runs, or null. */
export function completedExperimentRunsError(c: unknown): string | null {
  if (!isRecord(c) || !Array.isArray(c.sizeRuns) || !Array.isArray(c.stepRuns)) return 'completed must hold sizeRuns and stepRuns lists';
  for (const r of c.sizeRuns) {
    if (!isRecord(r) || !isInt(r.width) || !isInt(r.ensembleSize) || !Array.isArray(r.curves)) return 'a completed E-curve run is malformed';
    for (const cv of r.curves) {
      if (!isRecord(cv) || !isInt(cv.step) || !isNumList(cv.sizes, 16) || !isNumList(cv.distances, 16) || cv.sizes.length !== cv.distances.length) {
        return 'a completed E-curve is malformed';
      }
    }
  }
  for (const r of c.stepRuns) {
    if (!isRecord(r) || !isInt(r.width) || !isInt(r.ensembleSize) || typeof r.antithetic !== 'boolean' || !Array.isArray(r.points)) return 'a completed step-curve run is malformed';
    if (!r.points.every((p) => Array.isArray(p) && p.length === 2 && isInt(p[0]) && typeof p[1] === 'number')) return 'a completed step-curve point is malformed';
  }
  return null;
}

/** Validate a page → worker message. */
export function validateNtkCommand(raw: unknown): Validated<NtkCommand> {
  const msg = versionedRecord(raw, NTK_PROTOCOL_VERSION);
  if (isRefusal(msg)) return msg;
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
      if (!isRecord(r)) return { ok: false, error: 'request must be an object' };
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
      if (!isRecord(p) || !isRecord(p.config)) return { ok: false, error: 'plan.config must be an object' };
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
      if (msg.runs !== undefined) {
        const count = (p.sizeWidths as number[]).length + (p.stepWidths as number[]).length;
        if (!ints(msg.runs, 0, count - 1) || new Set(msg.runs as number[]).size !== (msg.runs as number[]).length) {
          return { ok: false, error: `runs must be distinct run indices in 0 … ${count - 1}` };
        }
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
    isRecord(msg) &&
    msg.v === NTK_PROTOCOL_VERSION &&
    ['closedForm', 'progress', 'widthSweep', 'widthSweepRow', 'experiments', 'experimentRun', 'cancelled', 'error'].includes(String(msg.type))
  );
}
