/**
 * The NTK panel's extra training runs as a list of independent runs, free of tfjs so the page can split a plan over
 * its workers and put the finished runs back together in plan order. Each run's trainer is seeded from the plan's
 * config alone (experiments.ts), so a run's numbers do not depend on which worker trained it or what that worker
 * trained before: the assembled result equals one worker's, bit for bit.
 */
import type { ExperimentPlan, SizeCurveRun, StepCurveRun } from './experimentTypes';

/** One run of a plan. `index` is its place in plan order: the E-curve runs first, then the step-curve runs. */
export interface ExperimentRunSpec {
  index: number;
  kind: 'size' | 'step';
  width: number;
  ensembleSize: number;
  antithetic: boolean;
  steps: number;
}

/** A run a worker finished (or, with `stopped`, stopped early with what it had measured: a divergence). */
export interface FinishedExperimentRun {
  index: number;
  sizeRun?: SizeCurveRun;
  stepRun?: StepCurveRun;
  /** Why the run stopped early; the plan's later runs are then not part of its result. */
  stopped?: string;
}

/** The plan's runs in plan order: i.i.d. E-curve runs at `sizeWidths`, then antithetic step-curve runs at `stepWidths`. */
export function experimentRunSpecs(plan: ExperimentPlan): ExperimentRunSpec[] {
  const size = plan.sizeWidths.map((width) => ({ kind: 'size' as const, width, ensembleSize: plan.sizeEnsemble, antithetic: false, steps: plan.sizeSteps }));
  const step = plan.stepWidths.map((width) => ({ kind: 'step' as const, width, ensembleSize: plan.stepEnsemble, antithetic: true, steps: plan.stepSteps }));
  return [...size, ...step].map((s, index) => ({ index, ...s }));
}

/**
 * The relative cost of a run, cost = E · (W² + 64) · steps: member-steps weighted by the W × W hidden layer's
 * multiply-adds plus a constant for the thin input and output layers. Progress is counted in these units, and the
 * split balances them.
 */
export function experimentRunCost(spec: Pick<ExperimentRunSpec, 'ensembleSize' | 'width' | 'steps'>): number {
  return spec.ensembleSize * (spec.width * spec.width + 64) * spec.steps;
}

/**
 * Split the plan's runs over at most `workers` workers, balancing cost: the runs in decreasing cost (ties in plan
 * order) each go to the worker with the least cost so far (ties: the lower worker), so the costliest run is never
 * queued behind another. Returns one list of run indices per worker that got runs (none empty), each in plan order.
 */
export function splitExperimentRuns(plan: ExperimentPlan, workers: number): number[][] {
  const specs = experimentRunSpecs(plan);
  const n = Math.max(1, Math.min(Math.floor(workers), specs.length));
  const load = new Array<number>(n).fill(0);
  const lists: number[][] = Array.from({ length: n }, () => []);
  const byCost = [...specs].sort((a, b) => experimentRunCost(b) - experimentRunCost(a) || a.index - b.index);
  for (const s of byCost) {
    const w = load.indexOf(Math.min(...load));
    lists[w].push(s.index);
    load[w] += experimentRunCost(s);
  }
  return lists.filter((l) => l.length > 0).map((l) => l.sort((a, b) => a - b));
}

/** The first run (in plan order) that stopped early, or Infinity. */
export function firstStoppedRun(finished: ReadonlyMap<number, FinishedExperimentRun>): number {
  let k = Infinity;
  for (const [i, run] of finished) if (run.stopped !== undefined && i < k) k = i;
  return k;
}

/**
 * The plan's result from its finished runs, or null while one it needs is missing. As one worker running the plan
 * in order would: every run in plan order up to the first that stopped early (that one included, with what it had
 * measured, and its reason as `stoppedEarly`); runs after it are left out even where another worker finished them.
 */
export function assembleExperimentRuns(
  plan: ExperimentPlan,
  finished: ReadonlyMap<number, FinishedExperimentRun>,
): { sizeRuns: SizeCurveRun[]; stepRuns: StepCurveRun[]; stoppedEarly?: string } | null {
  const specs = experimentRunSpecs(plan);
  const stop = firstStoppedRun(finished);
  const sizeRuns: SizeCurveRun[] = [];
  const stepRuns: StepCurveRun[] = [];
  for (const s of specs) {
    if (s.index > stop) break;
    const run = finished.get(s.index);
    if (!run) return null;
    if (s.kind === 'size' && run.sizeRun) sizeRuns.push(run.sizeRun);
    else if (s.kind === 'step' && run.stepRun) stepRuns.push(run.stepRun);
    else return null;
  }
  const stoppedEarly = finished.get(stop)?.stopped;
  return stoppedEarly === undefined ? { sizeRuns, stepRuns } : { sizeRuns, stepRuns, stoppedEarly };
}
