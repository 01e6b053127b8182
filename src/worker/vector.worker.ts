/// <reference lib="webworker" />
/**
 * The vector-lab worker: owns a tfjs backend and trains the planar vector ensemble and the 3D cross-product
 * ensemble. The page never trains. Each lab has its own run, target step and status; one serial loop per lab
 * brings its run to the target, yielding to the message queue between chunks so pause and reset act at once.
 */
import { clampCrossConfig, CrossRun, crossSnapshotTransferables, DEFAULT_CROSS_CONFIG, type CrossConfig, type CrossSnapshot } from '../core/equivariance/crossProduct';
import { clampVectorConfig, DEFAULT_VECTOR_CONFIG, type VectorConfig } from '../core/equivariance/vectorConfig';
import { VectorRun, vectorSnapshotTransferables, type ChunkedRunHooks, type VectorSnapshot } from '../core/equivariance/vectorTrainer';
import { snapshotSchedule } from '../core/ensemble/schedule';
import { ensembleCheckpointTransferables, type EnsembleCheckpoint } from '../core/ensemble/ensembleCheckpoint';
import { reasonWithKernelState } from '../core/ensemble/fusedSgdStep';
import { reasonWithWebgpuKernelState } from '../core/ensemble/webgpuFusedStep';
import { injectFault, selectBackend, watchDeviceLoss } from './backend';
import { FaultGate } from './faultGate';
import { VisibilityGate } from './visibilityGate';
import type { BackendName } from './protocol';
import { validateVectorCommand, type VectorEvent, type VectorLab, type VectorRunStatus } from './vectorProtocol';
import { yieldToEvents } from './yieldToEvents';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (e: VectorEvent, transfer: ArrayBuffer[] = []) => scope.postMessage(e, transfer);

interface Run<S> {
  readonly step: number;
  runUntil(target: number, hooks: ChunkedRunHooks<S>): Promise<void>;
  checkpoint(): Promise<EnsembleCheckpoint>;
  dispose(): void;
}

/** Set once the backend's GPU device is gone: later failures are its consequence, and the page replaces this worker. */
let deviceLost: string | null = null;
const visibility = new VisibilityGate();

let backendReady: Promise<void> | null = null;
/** The backend as last reported, to report again if the fused wasm kernel is switched off mid-run. */
let reportedBackend: { backend: BackendName; reason: string } | null = null;

/** After a snapshot: if the fused kernel failed and the step fell back to tfjs ops, update the badge's reason. */
function reportKernelFallback(): void {
  if (!reportedBackend) return;
  const reason = reasonWithWebgpuKernelState(reasonWithKernelState(reportedBackend.reason));
  if (reason === reportedBackend.reason) return;
  reportedBackend = { ...reportedBackend, reason };
  post({ v: 1, type: 'backend', backend: reportedBackend.backend, reason });
}
function initBackend(preferred: BackendName | 'auto', exclude: BackendName[] = []): Promise<void> {
  backendReady = selectBackend(preferred, exclude).then(
    (c) => {
      reportedBackend = { backend: c.backend, reason: c.reason };
      post({ v: 1, type: 'backend', backend: c.backend, reason: c.reason });
      watchDeviceLoss((message) => {
        if (deviceLost) return;
        deviceLost = message;
        post({ v: 1, type: 'error', kind: 'device-lost', message });
      });
    },
    (e: unknown) => {
      post({ v: 1, type: 'error', message: `no compute backend could start: ${String(e)}` });
      throw e;
    },
  );
  return backendReady;
}

/** One lab's desired state and its serial training loop. */
class LabSession<C extends { steps: number }, S> {
  config: C;
  private runId = 0;
  private run: Run<S> | null = null;
  private rebuild = false;
  private resumeFrom: EnsembleCheckpoint | undefined;
  private target = 0;
  private status: VectorRunStatus = 'idle';
  private loop: Promise<void> | null = null;

  constructor(
    readonly lab: VectorLab,
    defaults: C,
    private readonly clamp: (raw: unknown) => { config: C; notices: string[] },
    private readonly create: (config: C, checkpoint?: EnsembleCheckpoint) => Run<S>,
    private readonly postSnapshot: (runId: number, s: S) => void,
  ) {
    this.config = defaults;
  }

  configure(raw: unknown, autoplay: boolean, checkpoint?: EnsembleCheckpoint): void {
    const { config, notices } = this.clamp(raw);
    this.config = config;
    this.runId++;
    const resumedFrom = checkpoint?.step;
    post({ v: 1, type: 'config', lab: this.lab, runId: this.runId, config, notices, schedule: snapshotSchedule(config.steps), resumedFrom } as unknown as VectorEvent);
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
    post({ v: 1, type: 'progress', lab: this.lab, runId: this.runId, step: this.run?.step ?? 0, totalSteps: this.config.steps, stepsPerSecond: 0, status: this.status });
  }

  private kick(): void {
    if (!this.loop) this.loop = this.pump().finally(() => (this.loop = null));
  }

  private async pump(): Promise<void> {
    try {
      await (backendReady ?? initBackend('auto'));
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
          this.run = this.create(this.config, checkpoint);
        } catch (e) {
          this.status = 'error';
          post({ v: 1, type: 'error', lab: this.lab, runId: this.runId, message: e instanceof Error ? e.message : String(e) });
          this.report();
          return;
        }
      }
      const run = this.run;
      if (!run || this.status === 'error') return;
      const runId = this.runId;
      try {
        await run.runUntil(this.target, {
          onSnapshot: async (s) => {
            if (this.runId !== runId) return;
            this.postSnapshot(runId, s);
            // From step 1 on, the parameters go to the page too: a new worker resumes from them after a fault.
            if (run.step > 0) {
              const checkpoint = await run.checkpoint();
              post({ v: 1, type: 'checkpoint', lab: this.lab, runId, checkpoint }, ensembleCheckpointTransferables(checkpoint));
            }
          },
          onProgress: (p) => {
            if (this.runId === runId) post({ v: 1, type: 'progress', lab: this.lab, runId, ...p, status: this.status });
          },
          shouldContinue: async () => {
            await yieldToEvents();
            // In a hidden tab training waits here until the page is shown again.
            await visibility.untilVisible();
            return !this.rebuild && this.run === run && this.target > run.step;
          },
        });
      } catch (e) {
        // After a lost device every op fails; the page is already replacing this worker.
        if (deviceLost) return;
        this.status = 'error';
        post({ v: 1, type: 'error', lab: this.lab, runId, message: e instanceof Error ? e.message : String(e), step: run.step });
        this.report();
        return;
      }
      if (this.rebuild) continue;
      if (this.run !== run) continue;
      if (run.step >= this.target) {
        if (run.step >= this.config.steps) this.status = 'done';
        else if (this.status === 'running') this.status = 'paused';
        this.report();
        return;
      }
      await yieldToEvents();
    }
  }
}

let selectedMember = 0;

const plane = new LabSession<VectorConfig, VectorSnapshot>(
  'plane',
  DEFAULT_VECTOR_CONFIG,
  (raw) => clampVectorConfig(raw),
  (config, checkpoint) => new VectorRun(config, { selectedMember: Math.min(selectedMember, config.ensembleSize - 1), checkpoint }),
  (runId, snapshot) => {
    post({ v: 1, type: 'planeSnapshot', runId, snapshot }, vectorSnapshotTransferables(snapshot));
    reportKernelFallback();
  },
);

const cross = new LabSession<CrossConfig, CrossSnapshot>(
  'cross',
  DEFAULT_CROSS_CONFIG,
  (raw) => clampCrossConfig(raw),
  (config, checkpoint) => new CrossRun(config, { checkpoint }),
  (runId, snapshot) => {
    post({ v: 1, type: 'crossSnapshot', runId, snapshot }, crossSnapshotTransferables(snapshot));
    reportKernelFallback();
  },
);

// Fault injection for the reliability tests (pages opened with faults=1): lose the tfjs backend's device, or crash.
const faults = new FaultGate(
  () => injectFault('lose-device'),
  (message) => post({ v: 1, type: 'error', message }),
);

scope.onmessage = (e: MessageEvent) => {
  if (faults.consume(e.data) || visibility.consume(e.data)) return;
  const r = validateVectorCommand(e.data);
  if (!r.ok) {
    post({ v: 1, type: 'error', message: `ignored a malformed command: ${r.error}` });
    return;
  }
  const cmd = r.message;
  if (cmd.type === 'init') {
    void initBackend(cmd.backend ?? 'auto', cmd.exclude ?? []).catch(() => undefined);
    return;
  }
  if (cmd.type === 'selectMember') {
    selectedMember = cmd.member;
    return;
  }
  const session = cmd.lab === 'plane' ? plane : cross;
  switch (cmd.type) {
    case 'configure':
      session.configure(cmd.config, cmd.autoplay === true);
      return;
    case 'resume':
      session.configure(cmd.config, cmd.autoplay === true, cmd.checkpoint);
      return;
    case 'start':
      session.start();
      return;
    case 'pause':
      session.pause();
      return;
    case 'step':
      session.stepBy(cmd.count ?? 1);
      return;
    case 'reset':
      session.reset();
      return;
  }
};
scope.onunhandledrejection = (e: PromiseRejectionEvent) => {
  post({ v: 1, type: 'error', message: `worker: ${String(e.reason)}` });
};
