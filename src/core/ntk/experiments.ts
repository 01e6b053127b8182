/**
 * The NTK panel's extra training runs, in the NTK worker on the wasm (or cpu) backend with the core EnsembleTrainer:
 *
 * - distance from the ensemble mean to μ_s against the ensemble size E, at two widths (i.i.d. members; subset means
 *   of one run, as the toy lab's size curve does), which separates finite-E noise (∝ 1/√E) from finite-width bias
 *   (the floor the curve flattens onto);
 * - distance against step at several widths (antithetic pairs, so the initial function cancels from the mean and
 *   what is left is the finite-width bias): the late-time gap.
 *
 * Distances are relative L2, ‖f̄ − μ_s‖/‖μ_s‖, on a 12 × 16 polar grid (192 points) over the same disc.
 */
import type { EnsembleConfig } from '../ensemble/config';
import { EnsembleTrainer } from '../ensemble/trainer';
import { augmentedTrainingSetFloat64, createNtkMeanPredictor, polarGridPointsFloat64 } from './';
import type { CompletedExperimentRuns, ExperimentPlan, ExperimentResult, SizeCurveRun, StepCurveRun } from './experimentTypes';
import { experimentRunCost as cost, experimentRunSpecs, type FinishedExperimentRun } from './experimentRuns';
import { relativeL2, theoryAngles } from './closedForm';
import { EVAL_GRID, type TaskHooks } from './plans';



/** Mean over the ⌊E/s⌋ disjoint blocks of size s of the block mean's distance to μ, for s = 1, 2, 4, …, E. */
export function sizeCurve(members: Float32Array, E: number, mu: ArrayLike<number>): { sizes: number[]; distances: number[] } {
  const P = mu.length;
  const sizes: number[] = [];
  for (let s = 1; s < E; s *= 2) sizes.push(s);
  sizes.push(E);
  const distances = sizes.map((s) => {
    const blocks = Math.floor(E / s);
    let acc = 0;
    for (let j = 0; j < blocks; j++) {
      const mean = new Float64Array(P);
      for (let k = j * s; k < (j + 1) * s; k++) for (let p = 0; p < P; p++) mean[p] += members[k * P + p] / s;
      acc += relativeL2(mean, mu);
    }
    return acc / blocks;
  });
  return { sizes, distances };
}

function meanOf(members: Float32Array, E: number, P: number): Float64Array {
  const mean = new Float64Array(P);
  for (let k = 0; k < E; k++) for (let p = 0; p < P; p++) mean[p] += members[k * P + p] / E;
  return mean;
}

/** What a running plan reports as each run finishes (and, with `stopped`, a run that stopped early). */
export interface ExperimentHooks extends TaskHooks {
  onRun?: (finished: FinishedExperimentRun) => void;
}

/**
 * Run the plan, or only its runs listed in `runs` (plan indices, see experimentRunSpecs: the share of one worker of a
 * pool); resolves null when cancelled. A divergence stops the remaining runs and is reported. `completed` holds runs
 * a previous run of this same plan finished (before its worker died), in plan order: they are kept and not trained
 * again. Each run's trainer is seeded from the plan's config alone (never from what ran before it), so the runs
 * trained now are the ones the interrupted plan would have trained, on whichever worker, and the result is the
 * uninterrupted plan's.
 */
export async function runExperiments(
  plan: ExperimentPlan,
  backend: string,
  hooks: ExperimentHooks,
  completed: CompletedExperimentRuns = { sizeRuns: [], stepRuns: [] },
  runs?: readonly number[],
): Promise<ExperimentResult | null> {
  const t0 = Date.now();
  const base = plan.config;
  const { angles } = theoryAngles(base);
  const set = augmentedTrainingSetFloat64(base.points, angles);
  const theory = createNtkMeanPredictor({
    trainX: set.X,
    trainY: set.Y,
    testX: polarGridPointsFloat64(EVAL_GRID),
    depth: base.depth,
    sigmaW: base.sigmaW,
    sigmaB: base.sigmaB,
  });
  const specs = experimentRunSpecs(plan).filter((s) => !runs || runs.includes(s.index));
  // Progress in units of member-steps weighted by width² (the cost of a step), so the bar moves evenly.
  const total = specs.reduce((a, s) => a + cost(s), 0);
  let doneBefore = 0;
  const sizeRuns: SizeCurveRun[] = [];
  const stepRuns: StepCurveRun[] = [];
  const result = (stoppedEarly?: string): ExperimentResult => ({
    sizeRuns,
    stepRuns,
    evalPoints: EVAL_GRID.size,
    backend,
    ms: Date.now() - t0,
    stoppedEarly,
  });

  for (const spec of specs) {
    // `completed` is a prefix of the whole plan's runs of each kind.
    const kept = spec.kind === 'size' ? completed.sizeRuns[spec.index] : completed.stepRuns[spec.index - plan.sizeWidths.length];
    if (kept && kept.width === spec.width && kept.ensembleSize === spec.ensembleSize) {
      if (spec.kind === 'size') sizeRuns.push(kept as SizeCurveRun);
      else stepRuns.push(kept as StepCurveRun);
      doneBefore += cost(spec);
      continue;
    }
    const config: EnsembleConfig = {
      ...base,
      width: spec.width,
      ensembleSize: spec.ensembleSize,
      antithetic: spec.antithetic,
      steps: spec.steps,
      compareNoAugmentation: false,
    };
    const checkpoints = plan.checkpoints.filter((c) => c <= spec.steps);
    const trainer = new EnsembleTrainer(config, { grid: EVAL_GRID });
    const sizeRun: SizeCurveRun = { width: spec.width, ensembleSize: spec.ensembleSize, curves: [] };
    const stepRun: StepCurveRun = { width: spec.width, ensembleSize: spec.ensembleSize, antithetic: spec.antithetic, points: [] };
    const label = `${spec.kind === 'size' ? 'E-curve' : 'step curve'} W = ${spec.width}, E = ${spec.ensembleSize}${spec.antithetic ? ' (antithetic)' : ''}`;
    try {
      let slice = Date.now();
      for (const checkpoint of checkpoints) {
        while (trainer.step < checkpoint) {
          trainer.trainStep();
          if (Date.now() - slice > 30) {
            const done = doneBefore + (cost(spec) * trainer.step) / Math.max(1, spec.steps);
            if (!(await hooks.step(done, total, `${label}: step ${trainer.step} of ${spec.steps}`))) return null;
            slice = Date.now();
          }
        }
        const raw = await trainer.snapshot();
        const mu = theory.predict(base.lr, checkpoint).prediction;
        if (spec.kind === 'size') sizeRun.curves.push({ step: checkpoint, ...sizeCurve(raw.members, spec.ensembleSize, mu) });
        else stepRun.points.push([checkpoint, relativeL2(meanOf(raw.members, spec.ensembleSize, EVAL_GRID.size), mu)]);
      }
    } catch (e) {
      if (spec.kind === 'size') sizeRuns.push(sizeRun);
      else stepRuns.push(stepRun);
      const stopped = `${label} stopped: ${e instanceof Error ? e.message : String(e)}`;
      hooks.onRun?.({ index: spec.index, ...(spec.kind === 'size' ? { sizeRun } : { stepRun }), stopped });
      return result(stopped);
    } finally {
      trainer.dispose();
    }
    if (spec.kind === 'size') sizeRuns.push(sizeRun);
    else stepRuns.push(stepRun);
    hooks.onRun?.({ index: spec.index, ...(spec.kind === 'size' ? { sizeRun } : { stepRun }) });
    doneBefore += cost(spec);
    if (!(await hooks.step(doneBefore, total, `${label}: done`))) return null;
  }
  return result();
}
