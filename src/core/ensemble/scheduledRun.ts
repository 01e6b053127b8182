import type { MlpArchitecture, MlpParams } from './architecture';
import { trainInChunks, type ChunkProgress } from './chunkedRun';
import { checkpointMismatch, type EnsembleCheckpoint } from './ensembleCheckpoint';
import { lossCheckSteps, snapshotSchedule } from './schedule';

/** Hooks of a chunked run (the vector and the cross-product runs). */
export interface ChunkedRunHooks<S> {
  /** Awaited: a worker takes its checkpoint here. */
  onSnapshot?: (s: S) => void | Promise<void>;
  onProgress?: (p: ChunkProgress) => void;
  /** Called between chunks; return false to pause. Being async, it is where a worker yields to its messages. */
  shouldContinue?: () => boolean | Promise<boolean>;
}

/** What a scheduled run needs of its trainer. */
export interface ScheduledTrainer {
  readonly step: number;
  trainStep(): void;
  losses(): Promise<Float32Array>;
  /** The stored floats (W̃, b̃) of every member: what a checkpoint keeps. */
  storedParameters(): Promise<MlpParams[]>;
  dispose(): void;
}

/** Refuse a checkpoint that does not fit the run (another architecture, ensemble size or length), with why. */
export function assertResumable(arch: MlpArchitecture, ensembleSize: number, steps: number, cp: EnsembleCheckpoint | undefined): void {
  const why = cp && checkpointMismatch(arch, ensembleSize, steps, cp);
  if (why) throw new Error(`cannot resume: ${why}`);
}

/**
 * A run of one ensemble trainer on the snapshot schedule (steps 0, 1, 2, 3, 5, 10, 30, 100, 300, 1000, 2000, ≤ steps)
 * with loss checks between, trained in adaptive chunks (trainInChunks). Resumable after a pause and from a
 * checkpoint. A subclass says what a snapshot is (`measure`).
 */
export abstract class ScheduledRun<S, T extends ScheduledTrainer> {
  readonly schedule: number[];
  private taken = new Set<number>();
  private lossChecks: Set<number>;
  private lastLoss: number | undefined;
  private chunk = 5;

  /**
   * @param totalSteps the run's length.
   * @param resumedAt the checkpoint's step, when resuming: every snapshot up to it is already on the page's timeline.
   */
  constructor(
    readonly trainer: T,
    private readonly totalSteps: number,
    private readonly chunkMillis = 50,
    resumedAt?: number,
  ) {
    this.schedule = snapshotSchedule(totalSteps);
    this.lossChecks = new Set(lossCheckSteps(totalSteps));
    if (resumedAt !== undefined) for (const t of [...this.schedule, ...this.lossChecks]) if (t <= resumedAt) this.taken.add(t);
  }

  /** The snapshot at the trainer's current step, and its mean member loss. */
  protected abstract measure(): Promise<{ snapshot: S; loss: number }>;

  get step(): number {
    return this.trainer.step;
  }

  get done(): boolean {
    return this.trainer.step >= this.totalSteps && this.taken.has(this.totalSteps);
  }

  /** The parameters at the current step, to resume from after a fault (async readback). */
  async checkpoint(): Promise<EnsembleCheckpoint> {
    return { step: this.trainer.step, params: await this.trainer.storedParameters() };
  }

  private async snapshotIfDue(hooks: ChunkedRunHooks<S>): Promise<void> {
    const s = this.trainer.step;
    if (this.taken.has(s)) return;
    if (this.schedule.includes(s)) {
      const { snapshot, loss } = await this.measure();
      this.taken.add(s);
      this.lastLoss = loss;
      await hooks.onSnapshot?.(snapshot);
    } else if (this.lossChecks.has(s)) {
      const l = await this.trainer.losses();
      this.lastLoss = l.reduce((a, v) => a + v, 0) / l.length;
      this.taken.add(s);
    }
  }

  /** Train to `target` (≤ the run's length), taking every scheduled snapshot. Resumable after a pause. */
  async runUntil(target: number, hooks: ChunkedRunHooks<S> = {}): Promise<void> {
    await this.snapshotIfDue(hooks);
    this.chunk = await trainInChunks(
      {
        trainer: this.trainer,
        end: Math.min(target, this.totalSteps),
        totalSteps: this.totalSteps,
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
