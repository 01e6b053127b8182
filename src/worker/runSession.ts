/**
 * A training session on the worker kit: one run's desired state (config, target step, status) and the one serial
 * loop that brings the run there, in chunks, yielding between them (`WorkerKit.betweenSlices`) so that pause,
 * reset and a new config act at once and a hidden tab stops training. After every snapshot from step 1 on it posts
 * the parameters, so a replacement worker resumes from them after a fault. The vector worker runs two (plane, 3D).
 * The toy trainer's `TrainerSession` has the same command state machine with a loop of its own (see workerKit.ts).
 */
import { snapshotSchedule } from '../core/ensemble/schedule';
import type { EnsembleCheckpoint } from '../core/ensemble/ensembleCheckpoint';
import type { ChunkedRunHooks } from '../core/equivariance/vectorTrainer';
import type { BackendHost } from './backendHost';

export type RunStatus = 'idle' | 'running' | 'paused' | 'done' | 'error';

/** What a session drives: a run trained in chunks up to a target step. */
export interface ChunkedRun<S> {
  readonly step: number;
  runUntil(target: number, hooks: ChunkedRunHooks<S>): Promise<void>;
  checkpoint(): Promise<EnsembleCheckpoint>;
  dispose(): void;
}

/** The session's events, which the worker turns into its protocol's messages. */
export interface RunSessionEvents<C, S> {
  config(runId: number, config: C, notices: string[], schedule: number[], resumedFrom: number | undefined): void;
  snapshot(runId: number, snapshot: S): void;
  checkpoint(runId: number, checkpoint: EnsembleCheckpoint): void;
  progress(runId: number, p: { step: number; totalSteps: number; stepsPerSecond: number; loss?: number; status: RunStatus }): void;
  error(runId: number, message: string, step?: number): void;
}

export interface RunSessionSpec<C, S> {
  defaults: C;
  clamp(raw: unknown): { config: C; notices: string[] };
  create(config: C, checkpoint?: EnsembleCheckpoint): ChunkedRun<S>;
  events: RunSessionEvents<C, S>;
  backend: BackendHost;
  /** The kit's pause between chunks. */
  betweenSlices(): Promise<void>;
}

export class RunSession<C extends { steps: number }, S> {
  config: C;
  private runId = 0;
  private run: ChunkedRun<S> | null = null;
  private rebuild = false;
  private resumeFrom: EnsembleCheckpoint | undefined;
  private target = 0;
  private status: RunStatus = 'idle';
  private loop: Promise<void> | null = null;

  constructor(private readonly spec: RunSessionSpec<C, S>) {
    this.config = spec.defaults;
  }

  /** A new run of `raw` (clamped), from `checkpoint` when one is given; plays to the end when `autoplay`. */
  configure(raw: unknown, autoplay: boolean, checkpoint?: EnsembleCheckpoint): void {
    const { config, notices } = this.spec.clamp(raw);
    this.config = config;
    this.runId++;
    const resumedFrom = checkpoint?.step;
    this.spec.events.config(this.runId, config, notices, snapshotSchedule(config.steps), resumedFrom);
    this.rebuild = true;
    this.resumeFrom = checkpoint;
    this.target = autoplay ? config.steps : (resumedFrom ?? 0);
    this.status = autoplay ? 'running' : resumedFrom ? 'paused' : 'idle';
    this.kick();
  }

  start(): void {
    if (this.status === 'error') return this.report();
    this.target = this.config.steps;
    this.status = 'running';
    this.kick();
  }

  pause(): void {
    this.target = this.run?.step ?? 0;
    if (this.status === 'running') this.status = 'paused';
    this.report();
  }

  stepBy(count: number): void {
    if (this.status === 'error') return this.report();
    this.target = Math.min(this.config.steps, Math.max(this.target, this.run?.step ?? 0) + count);
    this.status = 'paused';
    this.kick();
  }

  reset(): void {
    this.configure(this.config, false);
  }

  private report(): void {
    this.spec.events.progress(this.runId, { step: this.run?.step ?? 0, totalSteps: this.config.steps, stepsPerSecond: 0, status: this.status });
  }

  private fail(runId: number, e: unknown, step?: number): void {
    this.status = 'error';
    this.spec.events.error(runId, e instanceof Error ? e.message : String(e), step);
    this.report();
  }

  private kick(): void {
    if (!this.loop) this.loop = this.pump().finally(() => (this.loop = null));
  }

  private async pump(): Promise<void> {
    const { backend, events } = this.spec;
    try {
      await backend.whenReady();
    } catch {
      return;
    }
    for (;;) {
      if (this.rebuild) {
        this.rebuild = false;
        this.run?.dispose();
        this.run = null;
        try {
          const checkpoint = this.resumeFrom;
          this.resumeFrom = undefined;
          this.run = this.spec.create(this.config, checkpoint);
        } catch (e) {
          return this.fail(this.runId, e);
        }
      }
      const run = this.run;
      if (!run || this.status === 'error') return;
      const runId = this.runId;
      try {
        await run.runUntil(this.target, {
          onSnapshot: async (s) => {
            if (this.runId !== runId) return;
            events.snapshot(runId, s);
            backend.reportKernelFallback();
            // From step 1 on, the parameters go to the page too: a new worker resumes from them after a fault.
            if (run.step > 0) events.checkpoint(runId, await run.checkpoint());
          },
          onProgress: (p) => {
            if (this.runId === runId) events.progress(runId, { ...p, status: this.status });
          },
          shouldContinue: async () => {
            await this.spec.betweenSlices();
            return !this.rebuild && this.run === run && this.target > run.step;
          },
        });
      } catch (e) {
        // After a lost device every op fails; the page is already replacing this worker.
        if (backend.deviceLost) return;
        return this.fail(runId, e, run.step);
      }
      if (this.rebuild || this.run !== run) continue;
      if (run.step >= this.target) {
        if (run.step >= this.config.steps) this.status = 'done';
        else if (this.status === 'running') this.status = 'paused';
        this.report();
        return;
      }
      await this.spec.betweenSlices();
    }
  }
}
