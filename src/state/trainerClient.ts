/**
 * The page's handle on the training worker. It forwards commands, feeds events into the training store, pauses
 * while the tab is hidden, and recovers from faults: a lost device or a crashed worker is replaced by a new worker
 * that resumes from the last checkpoint, keeping the timeline already computed.
 */
import type { EnsembleConfig } from '../core/ensemble/config';
import { useTrainingStore } from './trainingStore';
import { faultsEnabled, registerFaultTarget, type FaultHandle } from './faultTargets';
import { BACKEND_ORDER, isTrainerEvent, type BackendName, type TrainerCommand, type TrainerEvent } from '../worker/protocol';

type CommandBody = TrainerCommand extends infer C ? (C extends { v: 1 } ? Omit<C, 'v'> : never) : never;

export class TrainerClient {
  private worker: Worker | null = null;
  private excluded: BackendName[] = [];
  private resumeAfterVisible = false;
  private restarts = 0;
  private lastConfig: EnsembleConfig | null = null;
  /** Whether the user wants training to run (play pressed, not paused, not finished): a recovery resumes playing. */
  private playing = false;

  constructor(
    private readonly preferredBackend: BackendName | 'auto' = 'auto',
    private readonly allowFaults = false,
  ) {
    document.addEventListener('visibilitychange', this.onVisibility);
    if (allowFaults) {
      // The reliability tests drive faults through this handle; it exists only for pages opened with faults=1.
      // The toy trainer's handle is also spread at the top level of window.symlabFaults (older tests use that).
      const handle: FaultHandle = {
        loseDevice: () => this.send({ type: 'injectFault', fault: 'lose-device' }),
        crashWorker: () => this.send({ type: 'injectFault', fault: 'crash' }),
        terminateWorker: () => this.terminateForTest(),
      };
      registerFaultTarget('toy', handle);
      const w = window as unknown as { symlabFaults?: Record<string, unknown> };
      Object.assign((w.symlabFaults ??= {}), handle);
    }
  }

  /** Start the worker (once) and give it a config. */
  ensureStarted(config: EnsembleConfig): void {
    if (!this.worker) this.spawn();
    if (JSON.stringify(config) !== JSON.stringify(this.lastConfig)) this.setConfig(config);
  }

  send(body: CommandBody): void {
    if (!this.worker) this.spawn();
    this.worker!.postMessage({ v: 1, ...body });
  }

  setConfig(config: EnsembleConfig): void {
    this.lastConfig = config;
    this.playing = false;
    this.send({ type: 'setConfig', config });
  }

  play(): void {
    this.playing = true;
    this.send({ type: 'start' });
  }
  pause(): void {
    this.playing = false;
    this.send({ type: 'pause' });
  }
  step(count = 1): void {
    this.send({ type: 'step', count });
  }
  reset(): void {
    this.playing = false;
    this.send({ type: 'reset' });
  }

  /** For fault-injection tests: kill the worker as a crash would. */
  terminateForTest(): void {
    this.worker?.terminate();
    this.onCrash('the training worker was terminated');
  }

  private spawn(): void {
    const w = new Worker(new URL('../worker/trainer.worker.ts', import.meta.url), { type: 'module', name: 'symmetry-lab-trainer' });
    w.onmessage = (e: MessageEvent) => this.onEvent(e.data);
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.onCrash(`the training worker crashed: ${e.message || 'unknown error'}`);
    };
    w.onmessageerror = () => console.warn('[symmetry-lab] a worker message could not be decoded');
    this.worker = w;
    w.postMessage({ v: 1, type: 'init', backend: this.preferredBackend, exclude: this.excluded, allowFaults: this.allowFaults });
  }

  private onEvent(data: unknown): void {
    if (!isTrainerEvent(data)) {
      console.warn('[symmetry-lab] ignored a malformed event from the worker');
      return;
    }
    const event = data as TrainerEvent;
    useTrainingStore.getState().applyEvent(event);
    if (event.type === 'progress' && (event.status === 'done' || event.status === 'error')) this.playing = false;
    if (event.type === 'error' && event.kind === 'device-lost') {
      const backend = useTrainingStore.getState().backend?.name;
      if (backend && !this.excluded.includes(backend)) this.excluded.push(backend);
      this.replaceWorker(`${event.message}. Switched to the next backend and resumed`);
    } else if (event.type === 'error' && event.kind === 'internal') {
      // An unexpected failure inside the worker: start a fresh one on the same backend and resume.
      this.replaceWorker(`The training worker failed (${event.message}). Restarted it and resumed`);
    }
  }

  private onCrash(message: string): void {
    this.replaceWorker(message + '. Restarted it and resumed');
  }

  /** Replace the worker and resume from the last checkpoint (or restart the config if none was taken yet). */
  private replaceWorker(message: string): void {
    this.restarts++;
    const store = useTrainingStore.getState();
    const wasRunning = this.playing;
    this.worker?.terminate();
    this.worker = null;
    if (this.restarts > 5) {
      this.playing = false;
      store.applyEvent({ v: 1, type: 'error', kind: 'internal', message: `${message}; giving up after 5 restarts` });
      return;
    }
    this.spawn();
    const cp = store.checkpoint;
    const config = this.lastConfig ?? store.config;
    store.clearError();
    if (cp) {
      store.addRecovery(`${message} from step ${cp.step}.`);
      this.send({ type: 'resume', checkpoint: cp, config, autoplay: wasRunning });
    } else {
      store.addRecovery(`${message} from the start.`);
      this.setConfig(config);
      if (wasRunning) this.play();
    }
  }

  private onVisibility = (): void => {
    const status = useTrainingStore.getState().status;
    if (document.hidden) {
      this.resumeAfterVisible = status === 'running';
      if (this.resumeAfterVisible) this.pause();
    } else if (this.resumeAfterVisible) {
      this.resumeAfterVisible = false;
      this.play();
    }
  };
}

let client: TrainerClient | null = null;

/**
 * The one training worker client of this page. The backend override comes from `backend=` in the URL (or the
 * argument), fault injection from `faults=1`; both are read once, when the client is created.
 */
export function getTrainerClient(preferredBackend?: BackendName | 'auto'): TrainerClient {
  if (!client) {
    const params = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
    const fromUrl = params.get('backend');
    const backend =
      preferredBackend && preferredBackend !== 'auto'
        ? preferredBackend
        : fromUrl && (BACKEND_ORDER as readonly string[]).includes(fromUrl)
          ? (fromUrl as BackendName)
          : 'auto';
    client = new TrainerClient(backend, faultsEnabled());
  }
  return client;
}
