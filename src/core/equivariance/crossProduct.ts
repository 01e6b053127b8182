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
import { checkpointMismatch, type EnsembleCheckpoint } from '../ensemble/ensembleCheckpoint';
import { lossCheckSteps, snapshotSchedule } from '../ensemble/schedule';
import type { ChunkedRunHooks } from './vectorTrainer';
import { crossArchitecture, type CrossConfig } from './crossConfig';
import { CrossTrainer, type CrossSnapshot } from './crossTrainer';
import { trainInChunks } from '../ensemble/chunkedRun';

// The experiment is split by concern; this module is its entry point and re-exports the parts.
export * from './crossConfig';
export * from './crossTrainer';


/** A cross-product run with the same schedule and chunking as the planar labs. */
export class CrossRun {
  readonly trainer: CrossTrainer;
  readonly schedule: number[];
  private taken = new Set<number>();
  private lossChecks: Set<number>;
  private lastLoss: number | undefined;
  private chunk = 5;
  private readonly chunkMillis: number;

  constructor(
    readonly config: CrossConfig,
    options: { chunkMillis?: number; checkpoint?: EnsembleCheckpoint } = {},
  ) {
    const cp = options.checkpoint;
    if (cp) {
      const why = checkpointMismatch(crossArchitecture(config), config.ensembleSize, config.steps, cp);
      if (why) throw new Error(`cannot resume: ${why}`);
    }
    this.trainer = new CrossTrainer(config, { initialParams: cp?.params, startStep: cp?.step });
    this.schedule = snapshotSchedule(config.steps);
    this.lossChecks = new Set(lossCheckSteps(config.steps));
    // A resumed run has already taken every snapshot up to its checkpoint (they are on the page's timeline).
    if (cp) for (const t of [...this.schedule, ...this.lossChecks]) if (t <= cp.step) this.taken.add(t);
    this.chunkMillis = options.chunkMillis ?? 50;
  }

  get step(): number {
    return this.trainer.step;
  }

  get done(): boolean {
    return this.trainer.step >= this.config.steps && this.taken.has(this.config.steps);
  }

  /** The parameters at the current step, to resume from after a fault (async readback). */
  async checkpoint(): Promise<EnsembleCheckpoint> {
    return { step: this.trainer.step, params: await this.trainer.parameters() };
  }

  private async snapshotIfDue(hooks: ChunkedRunHooks<CrossSnapshot>): Promise<void> {
    const s = this.trainer.step;
    if (this.taken.has(s)) return;
    if (this.schedule.includes(s)) {
      const snap = await this.trainer.snapshot();
      this.taken.add(s);
      this.lastLoss = snap.loss;
      await hooks.onSnapshot?.(snap);
    } else if (this.lossChecks.has(s)) {
      const l = await this.trainer.losses();
      this.lastLoss = l.reduce((a, v) => a + v, 0) / l.length;
      this.taken.add(s);
    }
  }

  async runUntil(target: number, hooks: ChunkedRunHooks<CrossSnapshot> = {}): Promise<void> {
    await this.snapshotIfDue(hooks);
    this.chunk = await trainInChunks(
      {
        trainer: this.trainer,
        end: Math.min(target, this.config.steps),
        totalSteps: this.config.steps,
        chunk: this.chunk,
        chunkMillis: this.chunkMillis,
        stopsAt: (step) => this.schedule.includes(step) || this.lossChecks.has(step),
        lastLoss: () => this.lastLoss,
        afterChunk: () => this.snapshotIfDue(hooks),
      },
      hooks,
    );
  }

  dispose(): void {
    this.trainer.dispose();
  }
}
