/**
 * A page-side handle on a panel's worker that survives the worker's death. A worker that throws an uncaught error,
 * fails to load a message, or is terminated is replaced by a fresh one; the owner is told through `onSpawn(reason)`
 * and re-sends whatever the new worker needs (init, the current configuration, a checkpoint to resume from). After
 * `maxRestarts` replacements within `restartWindowMs` it gives up and says so, so a worker that dies on start does
 * not loop forever. A worker that reports a lost GPU device is replaced through `deviceLost`, which excludes that
 * backend for every later worker of this owner (`SpawnContext.exclude`, sent in the owner's `init`).
 *
 * Every worker client uses it (each worker of the toy lab's training pool, vector, images, NTK, lattice,
 * intertwiner); the workers are built on the worker kit (src/worker/workerKit.ts), which understands the
 * `allowFaults`, `injectFault` and `pageVisibility` messages sent from here.
 */
import type { BackendName } from '../worker/protocol';
import { faultsEnabled, registerFaultTarget } from './faultTargets';

/** What an owner needs to know when its worker (re)starts, beside the reason. */
export interface SpawnContext {
  /** Backends that lost their device in this page: pass them to the worker's `init` so it skips them. */
  exclude: BackendName[];
  /** Whether this start replaces a worker whose device was lost, so it runs on the next backend. */
  nextBackend: boolean;
}

export interface SupervisedWorkerOptions {
  /** What the user calls this worker, for messages: "Monte Carlo worker". */
  label: string;
  /** Key under `window.symlabFaults` when the page was opened with faults=1. */
  faultTarget: string;
  create(): Worker;
  onMessage(data: unknown): void;
  /**
   * Called after every start of a worker. `reason` is null for the first start and says what happened for a
   * replacement; the owner re-sends init and resumes its work through `post`. (The first call happens inside the
   * constructor, before the owner's variable holding this instance is assigned: use `post`, not the instance.)
   */
  onSpawn(reason: string | null, post: (message: unknown, transfer?: Transferable[]) => void, context: SpawnContext): void;
  /** The worker could not be (re)started; `message` says why. */
  onGiveUp(message: string): void;
  maxRestarts?: number;
  restartWindowMs?: number;
  /**
   * Tell the worker when the page is hidden or shown (`{ v: 1, type: 'pageVisibility', hidden }`), so its loops can
   * pause in a background tab (see `VisibilityGate`). Only for workers that understand the message.
   */
  pauseWhenHidden?: boolean;
}

export class SupervisedWorker {
  private worker: Worker | null = null;
  private restartTimes: number[] = [];
  private disposed = false;
  private gaveUp = false;
  private readonly unregister: () => void;
  private readonly excluded: BackendName[] = [];
  private afterDeviceLoss = false;
  /** Replacements so far (for tests and the UI). */
  restarts = 0;

  constructor(private readonly options: SupervisedWorkerOptions) {
    this.unregister = registerFaultTarget(options.faultTarget, {
      loseDevice: () => this.post({ v: 1, type: 'injectFault', fault: 'lose-device' }),
      crashWorker: () => this.post({ v: 1, type: 'injectFault', fault: 'crash' }),
      terminateWorker: () => this.terminateForTest(),
    });
    if (options.pauseWhenHidden && typeof document !== 'undefined') document.addEventListener('visibilitychange', this.onVisibility);
    this.spawn(null);
  }

  private onVisibility = (): void => {
    this.post({ v: 1, type: 'pageVisibility', hidden: document.hidden });
  };

  /** Whether a worker is running (false after giving up or after dispose). */
  get alive(): boolean {
    return this.worker !== null;
  }

  post(message: unknown, transfer: Transferable[] = []): void {
    this.worker?.postMessage(message, transfer);
  }

  /** Replace the worker, e.g. after it reported a lost device; the owner resumes in `onSpawn(reason)`. */
  restart(reason: string): void {
    if (this.disposed || this.gaveUp) return;
    this.worker?.terminate();
    this.worker = null;
    const now = performance.now();
    const windowMs = this.options.restartWindowMs ?? 60_000;
    this.restartTimes = this.restartTimes.filter((t) => now - t < windowMs);
    this.restartTimes.push(now);
    if (this.restartTimes.length > (this.options.maxRestarts ?? 5)) {
      this.gaveUp = true;
      this.options.onGiveUp(`${reason}. It failed ${this.restartTimes.length} times in a row, so it was not restarted again; reload the page to retry`);
      return;
    }
    this.restarts++;
    this.spawn(reason);
  }

  /**
   * The worker said `backend`'s GPU device is gone: skip that backend from now on and replace the worker (its owner
   * resumes on the next backend in `onSpawn`). The CPU backend is never excluded: it is the last resort.
   */
  deviceLost(backend: BackendName | undefined, message: string): void {
    if (backend && backend !== 'cpu' && !this.excluded.includes(backend)) this.excluded.push(backend);
    this.afterDeviceLoss = true;
    this.restart(message);
  }

  /** For the fault-injection tests: kill the worker as the browser would. */
  terminateForTest(): void {
    if (!this.worker) return;
    this.restart(`the ${this.options.label} was terminated`);
  }

  dispose(): void {
    this.disposed = true;
    this.unregister();
    if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', this.onVisibility);
    this.worker?.terminate();
    this.worker = null;
  }

  private spawn(reason: string | null): void {
    let w: Worker;
    try {
      w = this.options.create();
    } catch (err) {
      this.gaveUp = true;
      this.options.onGiveUp(`Could not start the ${this.options.label}: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    w.onmessage = (e: MessageEvent) => {
      if (this.worker === w) this.options.onMessage(e.data);
    };
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      if (this.worker === w) this.restart(`the ${this.options.label} crashed (${e.message || 'unknown error'})`);
    };
    w.onmessageerror = () => {
      if (this.worker === w) this.restart(`a message from the ${this.options.label} could not be read`);
    };
    this.worker = w;
    if (faultsEnabled()) w.postMessage({ v: 1, type: 'allowFaults' });
    if (this.options.pauseWhenHidden && typeof document !== 'undefined' && document.hidden) w.postMessage({ v: 1, type: 'pageVisibility', hidden: true });
    const context: SpawnContext = { exclude: [...this.excluded], nextBackend: this.afterDeviceLoss };
    this.afterDeviceLoss = false;
    this.options.onSpawn(reason, (message, transfer = []) => w.postMessage(message, transfer), context);
  }
}

/** A worker's failure reason as the start of a notice: "the NTK worker crashed (…)" → "The NTK worker crashed (…)". */
export function capitalise(reason: string): string {
  return reason.charAt(0).toUpperCase() + reason.slice(1);
}
