/**
 * The one worker skeleton every worker is built on (toy trainer, vector, images, NTK, lattice, intertwiner). A
 * worker supplies its protocol's validator, the `error` event it answers a refused command with, and its own command
 * handlers; the kit does what they all did by hand:
 *
 * - the command prologue: fault-injection messages (`allowFaults`, `injectFault`, see `FaultGate`) and
 *   `pageVisibility` (see `VisibilityGate`) are consumed first; everything else goes through the protocol's
 *   validator (whose version check is `versionedRecord`), and a refused command is answered with an `error` event
 *   that names the problem ("ignored a malformed command: unsupported protocol version 2") and changes nothing;
 * - the pause between slices of work (`betweenSlices`, `nextSlice`): a yield to the message queue, so pause, cancel
 *   and newer commands act at once, then a wait while the page is hidden;
 * - the checkpoint cadence for workers that checkpoint by time (`CheckpointCadence`);
 * - the wiring to the worker global (`serveWorker`), kept out of the handler so Node tests drive it with a fake
 *   `post`.
 *
 * It has no tfjs import: the lattice and intertwiner workers, which never load tfjs, use it too. Workers that train
 * on tfjs add `BackendHost` (backendHost.ts): backend set-up, kernel-fallback reporting and device-loss watching.
 * Every page-side client drives its worker through `SupervisedWorker` (src/state/supervisedWorker.ts), which sends
 * the `allowFaults` and `pageVisibility` messages the kit consumes.
 *
 * Two sessions run training loops on it. `RunSession` (runSession.ts) is the vector lab's. The toy trainer's
 * `TrainerSession` (trainerSession.ts) has the same command state machine but keeps its own loop, for what the
 * toy lab adds: a pool worker's member slice and raw snapshots, the backend re-measured when the configuration's
 * size class changes, checkpoints awaited after each snapshot and at every stop, the divergence advice and the tensor
 * count; its commands, backend, faults and pauses go through the kit like every other worker's.
 */
import { FaultGate } from './faultGate';
import type { Validated } from './protocol';
import { VisibilityGate } from './visibilityGate';
import { yieldToEvents } from './yieldToEvents';

/** How a worker sends an event to the page (buffers in `transfer` move rather than copy). */
export type Post<E> = (event: E, transfer?: Transferable[]) => void;

export interface WorkerKitSpec<C, E> {
  /** The protocol's command validator. */
  validate(data: unknown): Validated<C>;
  /** The protocol's `error` event carrying `message` (a refused command, a refused fault). */
  errorEvent(message: string): E;
  /**
   * Lose the active backend's GPU device for the fault tests, or return why it cannot. Workers without a GPU
   * backend leave it out and an injected 'lose-device' is refused with that reason.
   */
  loseDevice?: () => string | null;
}

export class WorkerKit<C, E> {
  /** Whether the page is hidden; loops wait on it between slices. */
  readonly visibility = new VisibilityGate();
  private readonly faults: FaultGate;
  private sliceStart = defaultNow();

  constructor(
    readonly post: Post<E>,
    private readonly spec: WorkerKitSpec<C, E>,
  ) {
    this.faults = new FaultGate(spec.loseDevice, (message) => post(spec.errorEvent(message)));
  }

  /**
   * The prologue: returns the validated command, or null when the message was a fault or visibility message (now
   * handled) or was refused (now answered with an error event naming why).
   */
  accept(data: unknown): C | null {
    if (this.faults.consume(data) || this.visibility.consume(data)) return null;
    const r = this.spec.validate(data);
    if (r.ok) return r.message;
    this.post(this.spec.errorEvent(`ignored a malformed command: ${r.error}`));
    return null;
  }

  /** The worker's message handler: the prologue, then `handle` with each valid command. */
  handler(handle: (command: C) => void): (data: unknown) => void {
    return (data) => {
      const command = this.accept(data);
      if (command !== null) handle(command);
    };
  }

  /**
   * Await between two slices of an async loop: commands queued meanwhile are handled first, and in a hidden tab
   * this waits until the page is shown again.
   */
  async betweenSlices(): Promise<void> {
    await yieldToEvents();
    await this.visibility.untilVisible();
    this.sliceStart = defaultNow();
  }

  /**
   * Whether `ms` have passed since the last `betweenSlices`. A loop of many short steps (the NTK sweep's members take
   * well under a millisecond at small widths) reports and yields only then, so its progress messages do not flood
   * the page thread.
   */
  sliceSpent(ms: number): boolean {
    return defaultNow() - this.sliceStart >= ms;
  }

  /** The same for a loop driven by callbacks: `schedule` the next slice, which waits while the page is hidden. */
  nextSlice(schedule: (fn: () => void) => void, slice: () => void): void {
    schedule(() => this.visibility.whenVisible(slice));
  }
}

/**
 * When to post a checkpoint in a loop that checkpoints by time: at least `minMs` after the last one, and at least
 * `costFactor` times the last checkpoint's own duration, so that checkpointing costs under 1/costFactor of the run.
 */
export class CheckpointCadence {
  private last: number;
  private cost = 0;

  constructor(
    private readonly minMs: number,
    private readonly costFactor = 0,
    private readonly now: () => number = defaultNow,
  ) {
    this.last = now();
  }

  /** Whether a checkpoint is due now. */
  due(): boolean {
    return this.now() - this.last >= Math.max(this.minMs, this.costFactor * this.cost);
  }

  /**
   * Take a checkpoint with `take` (synchronous, or a promise), timing it for the cadence; the next one is due from
   * when it finished.
   */
  take<T>(take: () => T): T {
    const t0 = this.now();
    const finished = () => {
      this.last = this.now();
      this.cost = this.last - t0;
    };
    const out = take();
    if (out instanceof Promise) return out.then((v: unknown) => (finished(), v)) as T;
    finished();
    return out;
  }
}

function defaultNow(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

declare const WorkerGlobalScope: unknown;

/**
 * In a worker realm (not under Node tests), connect the handler that `start` builds to the worker global. An
 * unhandled rejection inside the worker is reported to the page as the protocol's error event instead of vanishing.
 */
export function serveWorker<E>(start: (post: Post<E>) => (data: unknown) => void, errorEvent: (message: string) => E): void {
  if (typeof WorkerGlobalScope === 'undefined' || typeof self === 'undefined') return;
  const scope = self as unknown as {
    postMessage(m: unknown, t?: Transferable[]): void;
    onmessage: ((e: MessageEvent) => void) | null;
    onunhandledrejection: ((e: PromiseRejectionEvent) => void) | null;
  };
  const post: Post<E> = (e, t) => scope.postMessage(e, t ?? []);
  const handle = start(post);
  scope.onmessage = (e: MessageEvent) => handle(e.data);
  scope.onunhandledrejection = (e: PromiseRejectionEvent) => post(errorEvent(`worker: ${String(e.reason)}`));
}
