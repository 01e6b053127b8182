/**
 * The training worker's state machine, separate from the worker global so it runs (and is fuzzed) in Node tests.
 * Commands change the desired state (config, target step); one serial loop brings the run there. Snapshots and
 * checkpoints are posted as they are taken, with their Float32Arrays transferred.
 *
 * It stands on the worker kit like every other worker: `WorkerKit` is its command prologue (validation with the
 * version check, an `invalid-command` error event for a refused command, fault injection through `FaultGate`,
 * `pageVisibility`) and its pause between chunks (`betweenSlices`: a yield, then a wait while the page is hidden);
 * one `BackendHost` chooses, announces and watches its backend. What it keeps of its own, beside `RunSession`'s
 * state machine: the member slice of a pool worker (raw snapshots), the backend chosen by timing the configuration
 * it is about to train (again when the configuration's size class changes), the divergence advice, a checkpoint
 * awaited after each snapshot and at every stop, and the tensor count in its progress.
 */
import { clampConfig, DEFAULT_CONFIG, type EnsembleConfig } from '../core/ensemble/config';
import { lightFrameTransferables, rawFrameTransferables, snapshotTransferables } from '../core/ensemble/snapshot';
import { sliceMismatch, type MemberSlice } from '../core/ensemble/memberSlice';
import { paramBuffers } from '../core/ensemble/ensembleCheckpoint';
import type { RawFrame, RawSnapshot } from '../core/ensemble/trainer';
import { ToyRun, type ToyCheckpoint } from '../core/ensemble/toyRun';
import { DivergenceError } from '../core/ensemble/trainer';
import { configCriticalLearningRate } from '../core/ensemble/criticalLearningRate';
import { snapshotSchedule } from '../core/ensemble/schedule';
import { getBackend, memory } from '@tensorflow/tfjs-core';
import { selectBackend, watchDeviceLoss, type BackendChoice } from './backend';
import { BackendHost } from './backendHost';
import { validateCommand, type BackendName, type RunStatus, type TrainerCommand, type TrainerEvent } from './protocol';
import { WorkerKit, type Post } from './workerKit';
import { yieldToEvents } from './yieldToEvents';
import { timingClass } from '../core/ensemble/backendTiming';

/**
 * The largest share of a run's wall time its light frames may take (ToyRun's `frameShare`), or undefined for every
 * frame. Only a GPU backend gets a budget (0.25): there a readback can be slow (software WebGL), and the animation
 * should get fewer frames rather than the training slowing down. On the CPU backends a light frame costs about six
 * steps (≈ 15 % of a default run, docs/PERFORMANCE.md), so every frame is taken. And only a worker that trains the
 * whole ensemble may skip: the skip is decided from that worker's own clock, and a frame one pool worker skipped while
 * another took it could never be merged (under load the toy lab lost 9–18 of its 64 frames that way).
 */
export function lightFrameShare(backend: string, slice: MemberSlice | null | undefined, ensembleSize: number): number | undefined {
  const gpu = backend === 'webgl' || backend === 'webgpu';
  const whole = !slice || (slice.start === 0 && slice.count === ensembleSize);
  return gpu && whole ? 0.25 : undefined;
}

/** Picks and activates the backend; given `config`, by timing its step on each usable backend (backend.ts). */
export type ChooseBackend = (preferred: BackendName | 'auto', exclude: BackendName[], config?: EnsembleConfig) => Promise<BackendChoice>;

/** The answer to a refused command (malformed, another protocol version, a fault that cannot be injected). */
export const invalidCommandEvent = (message: string): TrainerEvent => ({ v: 1, type: 'error', kind: 'invalid-command', message });

/** The answer to an error nobody caught inside the worker (serveWorker): the page restarts the worker and resumes. */
export const internalErrorEvent = (message: string): TrainerEvent => ({ v: 1, type: 'error', kind: 'internal', message });

function checkpointTransferables(cp: ToyCheckpoint): ArrayBuffer[] {
  return paramBuffers(cp.params, cp.noAugParams ?? []);
}

function rawTransferables(raw: RawSnapshot): ArrayBuffer[] {
  return [raw.members, raw.losses, raw.noAugMembers, raw.noAugLosses, raw.farMembers].flatMap((a) => (a ? [a.buffer as ArrayBuffer] : []));
}

/** The same raw snapshot in buffers of its own. */
function copyRawSnapshot(raw: RawSnapshot): RawSnapshot {
  return { step: raw.step, members: raw.members.slice(), losses: raw.losses.slice(), noAugMembers: raw.noAugMembers?.slice(), noAugLosses: raw.noAugLosses?.slice(), farMembers: raw.farMembers?.slice() };
}

export class TrainerSession {
  private config: EnsembleConfig = DEFAULT_CONFIG;
  private runId = 0;
  private run: ToyRun | null = null;
  private rebuild: { config: EnsembleConfig; checkpoint?: ToyCheckpoint } | null = null;
  /** The members this worker trains when it is one of a pool (kept across reset); undefined: all of them. */
  private slice: MemberSlice | undefined;
  private target = 0;
  private status: RunStatus = 'idle';
  private loop: Promise<void> | null = null;
  private backendReady: Promise<unknown> | null = null;
  private selectedMember = 0;
  /** The backend request of `init`, and the configuration class (timingClass) the backend was measured for. */
  private backendRequest: { preferred: BackendName | 'auto'; exclude: BackendName[]; measuredClass: number } | null = null;
  private readonly kit: WorkerKit<TrainerCommand, TrainerEvent>;
  private readonly backend: BackendHost;
  private readonly onMessage: (message: unknown) => void;

  /**
   * @param post sends an event to the page.
   * @param choose picks and activates the backend, timing the configuration about to be trained (selectBackend).
   * @param watch calls `onLost` when the active backend's GPU device is lost (watchDeviceLoss).
   */
  constructor(
    post: Post<TrainerEvent>,
    choose: ChooseBackend = selectBackend,
    watch: (onLost: (message: string) => void) => void = watchDeviceLoss,
  ) {
    this.backend = new BackendHost(
      {
        announce: (c) => this.post({ v: 1, type: 'backend', backend: c.backend, reason: c.reason, probes: c.probes }),
        failed: (message) => this.post({ v: 1, type: 'error', kind: 'backend', message }),
        lost: (message) => this.post({ v: 1, type: 'error', runId: this.runId, kind: 'device-lost', message, step: this.run?.step }),
      },
      (preferred, exclude) => choose(preferred, exclude, this.config),
      watch,
    );
    this.kit = new WorkerKit(post, { validate: validateCommand, errorEvent: invalidCommandEvent, loseDevice: () => this.backend.loseDevice() });
    this.onMessage = this.kit.handler((cmd) => this.command(cmd));
  }

  private post(event: TrainerEvent, transfer?: Transferable[]): void {
    this.kit.post(event, transfer);
  }

  /** Handle one incoming message. Never throws: a bad message becomes an `error` event (the kit's prologue). */
  handle(message: unknown): void {
    this.onMessage(message);
  }

  private command(cmd: TrainerCommand): void {
    switch (cmd.type) {
      case 'init':
        this.initBackend(cmd.backend ?? 'auto', cmd.exclude ?? []);
        return;
      case 'setConfig':
        this.slice = cmd.slice;
        this.applyConfig(cmd.config);
        return;
      case 'resume':
        this.slice = cmd.slice;
        this.applyConfig(cmd.config, cmd.checkpoint);
        this.target = cmd.autoplay ? this.config.steps : cmd.checkpoint.step;
        this.status = cmd.autoplay ? 'running' : 'paused';
        break;
      case 'reset':
        this.applyConfig(this.config);
        return;
      case 'start':
        if (this.status === 'error') return this.reportStatus();
        this.target = this.config.steps;
        this.status = 'running';
        break;
      case 'pause':
        this.target = this.run?.step ?? 0;
        if (this.status === 'running') this.status = 'paused';
        this.reportStatus();
        return;
      case 'step':
        if (this.status === 'error') return this.reportStatus();
        this.target = Math.min(this.config.steps, Math.max(this.target, this.run?.step ?? 0) + (cmd.count ?? 1));
        this.status = 'paused';
        break;
      case 'selectMember':
        this.selectedMember = cmd.member;
        if (this.run) this.run.selectedMember = Math.min(cmd.member, this.config.ensembleSize - 1);
        return;
    }
    this.kick();
  }

  private initBackend(preferred: BackendName | 'auto', exclude: BackendName[]): void {
    const request = { preferred, exclude, measuredClass: -1 };
    this.backendRequest = request;
    // One macrotask first: the page posts `init` and its `setConfig` together, so the probe times the real config.
    this.backendReady = yieldToEvents().then(() => {
      request.measuredClass = timingClass(this.config.ensembleSize, this.config.width);
      return this.backend.init(preferred, exclude);
    });
  }

  private applyConfig(raw: unknown, checkpoint?: ToyCheckpoint): void {
    const { config, notices } = clampConfig(raw, DEFAULT_CONFIG);
    this.config = config;
    this.runId++;
    this.post({ v: 1, type: 'config', runId: this.runId, config, notices, schedule: snapshotSchedule(config.steps), resumedFrom: checkpoint?.step });
    this.rebuild = { config, checkpoint };
    this.target = checkpoint?.step ?? 0;
    this.status = 'idle';
    this.kick();
  }

  private reportStatus(): void {
    this.post({
      v: 1,
      type: 'progress',
      runId: this.runId,
      step: this.run?.step ?? 0,
      totalSteps: this.config.steps,
      stepsPerSecond: 0,
      status: this.status,
      tensors: memory().numTensors,
      ...(this.run && this.status !== 'idle' && { timings: this.run.timings() }),
    });
  }

  private kick(): void {
    if (!this.loop) this.loop = this.pump().finally(() => (this.loop = null));
  }

  private async pump(): Promise<void> {
    if (!this.backendReady) this.initBackend('auto', []);
    try {
      await this.backendReady;
    } catch {
      return;
    }
    for (;;) {
      if (this.rebuild) {
        const { config, checkpoint } = this.rebuild;
        this.rebuild = null;
        this.run?.dispose();
        this.run = null;
        // Re-measure when E·W² has left the class the backend was timed on (see timingClass for why that class).
        const req = this.backendRequest;
        if (req && req.preferred === 'auto' && req.measuredClass !== timingClass(config.ensembleSize, config.width)) {
          this.initBackend('auto', req.exclude);
          try {
            await this.backendReady;
          } catch {
            return;
          }
          // A config that arrived while measuring supersedes this one.
          if (this.rebuild) continue;
        }
        try {
          const mismatch = this.slice && sliceMismatch(this.slice, config.ensembleSize);
          if (mismatch) throw new Error(mismatch);
          const frameShare = lightFrameShare(getBackend(), this.slice, config.ensembleSize);
          this.run = new ToyRun(config, { checkpoint, selectedMember: Math.min(this.selectedMember, config.ensembleSize - 1), slice: this.slice, frameShare });
        } catch (e) {
          this.status = 'error';
          this.post({ v: 1, type: 'error', runId: this.runId, kind: 'config', message: e instanceof Error ? e.message : String(e) });
          return;
        }
      }
      const run = this.run;
      if (!run || this.status === 'error') return;
      const runId = this.runId;
      try {
        await run.runUntil(this.target, {
          onSnapshot: (s) => {
            if (this.runId !== runId) return;
            this.post({ v: 1, type: 'snapshot', runId, snapshot: s }, snapshotTransferables(s));
            this.backend.reportKernelFallback();
          },
          onRawSnapshot: (raw) => {
            if (this.runId !== runId) return;
            // A second copy, made here rather than on the page (at E = 1024 a page-side copy blocked it for 30–50 ms).
            const copy = copyRawSnapshot(raw);
            this.post({ v: 1, type: 'rawSnapshot', runId, start: this.slice?.start ?? 0, raw, copy }, [...rawTransferables(raw), ...rawTransferables(copy)]);
            this.backend.reportKernelFallback();
          },
          // The animation's light frames (issue 16 §3): posted like the snapshots, transferred.
          onFrame: (f) => this.runId === runId && this.post({ v: 1, type: 'frame', runId, frame: f }, lightFrameTransferables(f)),
          onRawFrame: (raw) => {
            if (this.runId !== runId) return;
            const copy: RawFrame = { step: raw.step, count: raw.count, members: raw.members.slice(), noAugMembers: raw.noAugMembers?.slice() };
            this.post({ v: 1, type: 'rawFrame', runId, start: this.slice?.start ?? 0, raw, copy }, [...rawFrameTransferables(raw), ...rawFrameTransferables(copy)]);
          },
          onProgress: (p) => {
            if (this.runId !== runId) return;
            this.post({ v: 1, type: 'progress', runId, ...p, status: this.status });
          },
          afterSnapshot: async () => {
            if (this.runId !== runId || this.backend.deviceLost) return;
            this.postCheckpoint(runId, await run.checkpoint());
          },
          shouldContinue: async () => {
            await this.kit.betweenSlices();
            return !this.rebuild && this.run === run && this.target > run.step && !this.backend.deviceLost;
          },
        });
        if (!this.rebuild && this.run === run && run.step > 0 && this.runId === runId) {
          this.postCheckpoint(runId, await run.checkpoint());
        }
      } catch (e) {
        this.status = 'error';
        const divergence = e instanceof DivergenceError;
        // A destroyed device makes the next op throw before `device.lost` resolves: give the watcher a moment, and
        // if it fires, its own `device-lost` event is the report (the page then falls back to another backend).
        if (!divergence) await new Promise((r) => setTimeout(r, 100));
        if (!divergence && this.backend.deviceLost) return;
        let message = e instanceof Error ? e.message : String(e);
        if (divergence) {
          const lrc = configCriticalLearningRate(run.config);
          if (lrc !== undefined) message += ` The infinite-width critical learning rate for these points is ${lrc.toPrecision(3)} (2N/λ_max of the NTK).`;
        }
        this.post({ v: 1, type: 'error', runId, kind: divergence ? 'divergence' : 'internal', message, step: run.step });
        this.target = run.step;
        return;
      }
      if (this.rebuild) continue;
      if (this.run !== run || this.target > run.step) {
        if (this.backend.deviceLost) return;
        continue;
      }
      this.status = run.done ? 'done' : this.status === 'running' ? 'paused' : this.status;
      this.reportStatus();
      return;
    }
  }

  private postCheckpoint(runId: number, cp: ToyCheckpoint): void {
    const start = this.slice?.start;
    this.post({ v: 1, type: 'checkpoint', runId, checkpoint: cp, ...(start !== undefined && { start }) }, checkpointTransferables(cp));
  }

  /** Free every tensor (for tests and worker shutdown). */
  dispose(): void {
    this.run?.dispose();
    this.run = null;
  }
}
