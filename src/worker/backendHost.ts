/**
 * The tfjs half of the worker kit (workerKit.ts): one worker's compute backend. It chooses the backend once
 * (`selectBackend`, backend.ts), announces it, watches for a lost GPU device and reports that once, and re-announces
 * the backend when the fused training kernel was switched off mid-run, so the badge says why the step is slower.
 * Every worker that trains on tfjs holds one (toy trainer, vector, images, NTK); the toy trainer's `choose` times
 * the configuration it is about to train (backendProbe.ts) and asks again when that configuration's size class
 * changes.
 */
import { reasonWithKernelState } from '../core/ensemble/fusedSgdStep';
import { reasonWithWebgpuKernelState } from '../core/ensemble/webgpuFusedStep';
import { loseGpuDevice, selectBackend, watchDeviceLoss, type BackendChoice } from './backend';
import type { BackendName } from './protocol';

/** What the host tells its worker, which turns each into its protocol's event. */
export interface BackendHostEvents {
  /** A backend was chosen, or its reason changed (the fused kernel was switched off). */
  announce(choice: BackendChoice): void;
  /** No backend could start; `message` says why. */
  failed(message: string): void;
  /** The backend's GPU device is gone (called once): every later op fails, and the page replaces the worker. */
  lost(message: string): void;
}

export type ChooseBackend = (preferred: BackendName | 'auto', exclude: BackendName[]) => Promise<BackendChoice>;

export class BackendHost {
  private ready: Promise<BackendChoice> | null = null;
  private reported: BackendChoice | null = null;
  /** Why the device was lost, once it was; loops stop quietly then (the `lost` event is the report). */
  deviceLost: string | null = null;

  constructor(
    private readonly events: BackendHostEvents,
    private readonly choose: ChooseBackend = selectBackend,
    private readonly watch: (onLost: (message: string) => void) => void = watchDeviceLoss,
  ) {}

  /**
   * Choose the backend now (`exclude`: backends that lost their device earlier in this page). Calling it again
   * chooses again (the toy trainer re-measures for a new configuration class) and announces the new choice.
   */
  init(preferred: BackendName | 'auto', exclude: BackendName[] = []): Promise<BackendChoice> {
    const ready = this.choose(preferred, exclude).then(
      (choice) => {
        const previous = this.reported?.backend;
        this.reported = choice;
        this.events.announce(choice);
        // A re-measurement that keeps the backend keeps its device watcher (the toy trainer chooses again when the
        // configuration's size class changes); a second watcher on the same device would only add listeners.
        if (choice.backend === previous) return choice;
        this.watch((message) => {
          if (this.deviceLost) return;
          this.deviceLost = message;
          this.events.lost(message);
        });
        return choice;
      },
      (e: unknown) => {
        this.events.failed(`no compute backend could start: ${String(e)}`);
        throw e;
      },
    );
    // Callers that await it see the failure; nobody awaiting it is not an unhandled rejection.
    ready.catch(() => undefined);
    this.ready = ready;
    return ready;
  }

  /** The chosen backend; chooses `preferred` first when `init` was never called. */
  whenReady(preferred: BackendName | 'auto' = 'auto', exclude: BackendName[] = []): Promise<BackendChoice> {
    return this.ready ?? this.init(preferred, exclude);
  }

  /** After a training block: if the fused kernel failed and the step fell back to tfjs ops, re-announce (once). */
  reportKernelFallback(): void {
    const choice = this.reported;
    if (!choice) return;
    const reason = reasonWithWebgpuKernelState(reasonWithKernelState(choice.reason));
    if (reason === choice.reason) return;
    this.reported = { ...choice, reason };
    this.events.announce(this.reported);
  }

  /** For the fault tests: lose the GPU device, or say why there is none. */
  loseDevice(): string | null {
    return loseGpuDevice();
  }
}
