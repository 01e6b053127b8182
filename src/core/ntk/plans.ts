/**
 * The NTK panel's measurement plans and small helpers, free of tfjs so the page chunk never pulls it in: the width
 * sweep's widths and points, the experiments' evaluation grid, checkpoints and default plan.
 */
import { makePolarGrid, type PolarGrid } from '../data/polarGrid';
import type { EnsembleConfig } from '../ensemble/config';
import type { ExperimentPlan } from './experimentTypes';

/** Widths of the sweep: 16 … 1024 (2048 and above hold hundreds of MB of per-point gradients). */
export const SWEEP_WIDTHS = [16, 32, 64, 128, 256, 512, 1024];
export const SWEEP_NETWORKS = 4;

/** Fixed off-manifold points that complete the comparison set to six. */
const EXTRA_POINTS: number[][] = [
  [1.5, 0],
  [0, 2],
  [-1, -1],
  [2, -2],
  [0.5, 0.5],
  [-2.5, 1],
];

/** The comparison points: up to three of the training points, then fixed points, six in all. */
export function sweepPoints(points: readonly { x: readonly number[] }[]): number[][] {
  const out = points.slice(0, 3).map((p) => [p.x[0], p.x[1]]);
  for (const e of EXTRA_POINTS) if (out.length < 6) out.push(e);
  return out;
}


export interface TaskHooks {
  /** Called after each unit of work; resolve false to stop (cancelled). Also where the worker yields. */
  step: (done: number, total: number, label: string) => Promise<boolean>;
}

/** The experiments' evaluation points: a 12 × 16 polar grid (192 points) over the same disc as the panel's grid. */
export const EVAL_GRID: PolarGrid = makePolarGrid({ nRadii: 12, nAngles: 16, rMin: 0.1, rMax: 3.0 });

/** Log-spaced measurement steps up to `steps` (the last step included). */
export function experimentCheckpoints(steps: number): number[] {
  const base = [1, 2, 3, 5, 10, 20, 30, 50, 100, 200, 300, 500, 1000, 2000].filter((s) => s <= steps);
  if (steps > 0 && base[base.length - 1] !== steps) base.push(steps);
  return base;
}

/**
 * The default plan for a config: E-curves (64 i.i.d. members) at W = 32 and 128 up to step 300; step curves
 * (8 antithetic members) at W = 32, 64, 128, 256 up to the config's steps. The W = 256 run is most of the cost.
 */
export function defaultPlan(config: EnsembleConfig): ExperimentPlan {
  const stepSteps = Math.max(1, config.steps);
  return {
    config,
    sizeWidths: [32, 128],
    sizeEnsemble: 64,
    sizeSteps: Math.min(stepSteps, 300),
    stepWidths: [32, 64, 128, 256],
    stepEnsemble: 8,
    stepSteps,
    checkpoints: experimentCheckpoints(stepSteps),
  };
}
