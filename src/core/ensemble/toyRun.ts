import { estimateRunCost } from './runCost';
import type { MlpParams } from './architecture';
import type { EnsembleConfig } from './config';
import { lossCheckSteps, snapshotSchedule, timelineSchedule } from './schedule';
import { frameMembers, summarizeFrame, type FarFieldContext, type LightFrame, type Snapshot } from './snapshot';
import { snapshotContext, summarizeInContext } from './snapshotContext';
import { EnsembleTrainer, type RawFrame, type RawSnapshot } from './trainer';
import { sliceInitialParams, type MemberSlice } from './memberSlice';
import { configArchitecture } from './config';
import { trainInChunks, type ChunkProgress } from './chunkedRun';
import { coarseFrameGrid } from '../data/polarGrid';

/** Progress after one chunk of training (the shared chunked loop's report). */
export type ToyRunProgress = ChunkProgress;

export interface ToyRunHooks {
  onSnapshot?: (s: Snapshot) => void;
  /** A run of a member slice reads back its members' predictions only; the page merges the slices and summarises. */
  onRawSnapshot?: (raw: RawSnapshot) => void;
  /** A light frame (between the full snapshots) of the whole ensemble, reduced to what the page keeps. */
  onFrame?: (f: LightFrame) => void;
  /** A run of a member slice posts its members' light-frame predictions; the page merges the slices. */
  onRawFrame?: (raw: RawFrame) => void;
  /** Awaited after each grid snapshot (from step 1 on): where the worker takes a checkpoint to resume from. */
  afterSnapshot?: (step: number) => Promise<void>;
  onProgress?: (p: ToyRunProgress) => void;
  /**
   * Called between chunks of steps. Return false to stop here (pause); the run can continue later. Being async,
   * it is also where the worker yields to its message queue.
   */
  shouldContinue?: () => boolean | Promise<boolean>;
}

/**
 * Where a run's wall time went, in milliseconds since it first trained a step (issue 16 §2: overhead = wall − steps −
 * snapshots). What the parts leave of `wall` is the rest: yields to the worker's messages, posting, and time the run
 * was paused. The step-0 snapshot, taken before Play, is in none of them.
 */
export interface RunTimings {
  wall: number;
  steps: number;
  snapshots: number;
  frames: number;
  checkpoints: number;
  lossChecks: number;
}

const TIMING_PARTS = ['wall', 'steps', 'snapshots', 'frames', 'checkpoints', 'lossChecks'] as const;

/** Whether `x` is a RunTimings: every part a finite number ≥ 0 (a message from a faulty worker may be anything). */
export function isRunTimings(x: unknown): x is RunTimings {
  if (!x || typeof x !== 'object') return false;
  const r = x as Record<string, unknown>;
  return TIMING_PARTS.every((k) => typeof r[k] === 'number' && Number.isFinite(r[k]) && (r[k] as number) >= 0);
}

/** Where a run can resume: the step and the stored floats (W̃, b̃) read back at that step's snapshot. */
export interface ToyCheckpoint {
  step: number;
  params: MlpParams[];
  noAugParams?: MlpParams[];
}

/**
 * One toy-example training run: the trainer, its snapshot schedule, and the metric context (grid, measurement group,
 * on/off-manifold mask). Snapshots are taken after `s` steps for every s in the schedule; the loop between them has
 * no readback except the few loss floats at loss-check steps.
 */
export class ToyRun {
  readonly trainer: EnsembleTrainer;
  get grid() {
    return this.trainer.grid;
  }
  readonly schedule: number[];
  /** Every step the timeline shows (frameSchedule): the full snapshots and the light frames between them. */
  readonly frames: number[];
  private readonly keySteps: Set<number>;
  private readonly lightSteps: Set<number>;
  readonly measureOrder: number;
  readonly mask: Uint8Array;
  /** The far-field grid and its region r > 2·r_max (metrics/farField.ts). */
  readonly far: FarFieldContext;
  private lossChecks: Set<number>;
  private taken = new Set<number>();
  private lastLoss: number | undefined;
  /** Steps per chunk between `shouldContinue` calls; adapted to keep chunks near `chunkMillis`. */
  private chunk = 5;
  private readonly chunkMillis: number;
  private readonly frameShare: number | undefined;
  /** Wall time (ms) spent on light frames, and when this run object started. */
  private frameMillis = 0;
  private readonly startedAt = nowMillis();
  /** When this run object first trained a step (Play, Step, a resume): the timings' wall clock starts there. */
  private trainingSince: number | null = null;
  private readonly spent = { steps: 0, snapshots: 0, frames: 0, checkpoints: 0, lossChecks: 0 };

  constructor(
    readonly config: EnsembleConfig,
    options: {
      checkpoint?: ToyCheckpoint;
      chunkMillis?: number;
      selectedMember?: number;
      slice?: MemberSlice;
      /**
       * The largest share of the run's wall time light frames may take: a light frame is skipped while the time spent
       * on them exceeds share × the time since the run started (a backend where a readback is slow, e.g. software
       * WebGL, then shows fewer frames instead of training slower). Undefined: every frame (tests, recordings).
       */
      frameShare?: number;
    } = {},
  ) {
    const ctx = snapshotContext(config);
    // A config from before the option existed (a recording, a checkpoint) has no lightFrames: the smooth default.
    const lightFrames = config.lightFrames !== false;
    this.slice = options.slice;
    // Refuse an over-budget run before a slice's weights are drawn (the trainer checks too, but only after them).
    const cost = estimateRunCost(config, { gridPoints: ctx.grid.size, farGridPoints: ctx.far.grid.size });
    if (cost.refusal) throw new Error(cost.refusal);
    this.trainer = new EnsembleTrainer(config, {
      grid: ctx.grid,
      farGrid: ctx.far.grid,
      frameGrid: lightFrames ? coarseFrameGrid(ctx.grid) : undefined,
      // A slice's members are drawn as in the whole ensemble (member k from the stream (seed, k)).
      initialParams: options.slice && sliceInitialParams(config, configArchitecture(config), options.slice),
      storedParams: options.checkpoint?.params,
      storedNoAugParams: options.checkpoint?.noAugParams,
      startStep: options.checkpoint?.step,
    });
    this.schedule = snapshotSchedule(config.steps);
    this.frames = timelineSchedule(config.steps, lightFrames);
    this.keySteps = new Set(this.schedule);
    this.lightSteps = new Set(this.frames.filter((s) => !this.keySteps.has(s)));
    this.lossChecks = new Set(lossCheckSteps(config.steps));
    this.measureOrder = ctx.measureOrder;
    this.mask = ctx.mask;
    this.far = ctx.far;
    this.chunkMillis = options.chunkMillis ?? 50;
    this.frameShare = options.frameShare;
    this.selectedMember = options.selectedMember ?? 0;
    if (options.checkpoint) for (const s of this.frames) if (s <= options.checkpoint.step) this.taken.add(s);
  }

  selectedMember: number;
  /** The members this run trains, when it trains a slice of the ensemble for a worker pool. */
  readonly slice: MemberSlice | undefined;

  get step(): number {
    return this.trainer.step;
  }

  get done(): boolean {
    return this.trainer.step >= this.config.steps && this.taken.has(this.config.steps);
  }

  /** Take the snapshot due at the current step, if any. */
  private async snapshotIfDue(hooks: ToyRunHooks): Promise<void> {
    const s = this.trainer.step;
    if (this.taken.has(s)) return;
    if (this.keySteps.has(s)) {
      const t0 = nowMillis();
      const raw = await this.trainer.snapshot();
      this.taken.add(s);
      if (this.slice) {
        this.lastLoss = raw.losses.reduce((a, v) => a + v, 0) / raw.losses.length;
        hooks.onRawSnapshot?.(raw);
      } else {
        const snap = summarizeInContext(raw, this.config.ensembleSize, this, this.selectedMember);
        this.lastLoss = snap.metrics.loss;
        hooks.onSnapshot?.(snap);
      }
      const t1 = nowMillis();
      this.spend('snapshots', t1 - t0);
      if (s > 0) await hooks.afterSnapshot?.(s);
      this.spend('checkpoints', nowMillis() - t1);
      return;
    }
    // A light frame is evaluated only for a caller that takes it (the tests of the metrics pass no frame hook).
    const overBudget = this.frameShare !== undefined && this.frameMillis > this.frameShare * (nowMillis() - this.startedAt);
    if (this.lightSteps.has(s) && (hooks.onFrame || hooks.onRawFrame) && !overBudget) {
      const t0 = nowMillis();
      const raw = await this.trainer.frame();
      this.frameMillis += nowMillis() - t0;
      this.spend('frames', nowMillis() - t0);
      this.taken.add(s);
      if (this.slice) hooks.onRawFrame?.(raw);
      else hooks.onFrame?.(summarizeFrame(raw, this.config.ensembleSize, frameMembers(this.selectedMember, this.config.ensembleSize)));
    }
    if (this.lossChecks.has(s)) {
      const t0 = nowMillis();
      const [l] = await this.trainer.losses();
      this.lastLoss = l.reduce((a, v) => a + v, 0) / l.length;
      this.taken.add(s);
      this.spend('lossChecks', nowMillis() - t0);
    }
  }

  /**
   * Train until `target` steps (at most config.steps), taking every snapshot on the way. Returns early, resumable,
   * when `shouldContinue` answers false. Throws DivergenceError when the loss stops being finite.
   */
  async runUntil(target: number, hooks: ToyRunHooks = {}): Promise<void> {
    if (this.trainingSince === null && target > this.trainer.step) this.trainingSince = nowMillis();
    await this.snapshotIfDue(hooks);
    this.chunk = await trainInChunks(
      {
        trainer: this.trainer,
        end: Math.min(target, this.config.steps),
        totalSteps: this.config.steps,
        chunk: this.chunk,
        chunkMillis: this.chunkMillis,
        stopsAt: (step) => this.keySteps.has(step) || this.lightSteps.has(step) || this.lossChecks.has(step),
        stepsToNextStop: () => this.stepsToNextStop(),
        lastLoss: () => this.lastLoss,
        afterChunk: () => this.snapshotIfDue(hooks),
      },
      {
        shouldContinue: hooks.shouldContinue,
        onProgress: (p) => {
          this.spend('steps', p.chunkMillis ?? 0);
          hooks.onProgress?.(p);
        },
      },
    );
  }

  /** Count time toward a part only once the run trains: the step-0 snapshot before Play is not in `wall` either. */
  private spend(part: keyof ToyRun['spent'], ms: number): void {
    if (this.trainingSince !== null) this.spent[part] += ms;
  }

  /** Where the run's wall time went so far (RunTimings). */
  timings(): RunTimings {
    return { wall: this.trainingSince === null ? 0 : nowMillis() - this.trainingSince, ...this.spent };
  }

  /** Steps from here to the next snapshot or loss check (Infinity when none is left). */
  private stepsToNextStop(): number {
    const step = this.trainer.step;
    let next = Infinity;
    for (const s of this.frames) if (s > step && s < next) next = s;
    for (const s of this.lossChecks) if (s > step && s < next) next = s;
    return next - step;
  }

  /** Parameters at the current step: a checkpoint to resume from after a fault. */
  async checkpoint(): Promise<ToyCheckpoint> {
    const [params, noAugParams] = await this.trainer.storedParameters();
    return { step: this.trainer.step, params, noAugParams };
  }

  dispose(): void {
    this.trainer.dispose();
  }
}

function nowMillis(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
