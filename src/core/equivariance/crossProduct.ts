/**
 * The 3D cross-product experiment (Gerken & Kessel 2024, appendix): the input is a pair (a, b) ∈ ℝ³ × ℝ³ = ℝ⁶, the
 * target is a × b. SO(3) acts diagonally on the input, ρ(R)(a, b) = (Ra, Rb), and on the output by π(R) = R; the
 * target is equivariant: Ra × Rb = R(a × b). Augmentation uses the octahedral group O (24 rotations); evaluation
 * uses Haar-random rotations of SO(3) from the seeded RNG, so it measures equivariance beyond the augmentation group.
 *
 * Equivariance error of f at a test input x, over the sampled rotations {R_0 = I, R_1, …, R_M}:
 *
 *     v_r(x) = R_rᵀ f(ρ(R_r)x),   dev(x) = √( (1/(M+1)) Σ_r ‖v_r − v̄‖² ),
 *     err(f) = mean_x dev(x),      rel(f) = err(f) / mean_x ‖f(x)‖.
 */
import type { EnsembleCheckpoint } from '../ensemble/ensembleCheckpoint';
import { assertResumable, ScheduledRun } from '../ensemble/scheduledRun';
import type { StepEngine } from '../ensemble/stepEngine';
import { crossArchitecture, type CrossConfig } from './crossConfig';
import { CrossTrainer, type CrossSnapshot } from './crossTrainer';

// The experiment is split by concern; this module is its entry point and re-exports the parts.
export * from './crossConfig';
export * from './crossTrainer';

/** A cross-product run with the same schedule and chunking as the planar labs. */
export class CrossRun extends ScheduledRun<CrossSnapshot, CrossTrainer> {
  constructor(
    readonly config: CrossConfig,
    options: { chunkMillis?: number; checkpoint?: EnsembleCheckpoint; engine?: StepEngine } = {},
  ) {
    const cp = options.checkpoint;
    assertResumable(crossArchitecture(config), config.ensembleSize, config.steps, cp);
    super(new CrossTrainer(config, { storedParams: cp?.params, startStep: cp?.step, engine: options.engine }), config.steps, options.chunkMillis, cp?.step);
  }

  protected async measure(): Promise<{ snapshot: CrossSnapshot; loss: number }> {
    const snapshot = await this.trainer.snapshot();
    return { snapshot, loss: snapshot.loss };
  }
}
