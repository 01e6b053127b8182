/**
 * The page's handle on the training worker. It forwards commands, feeds events into the training store, pauses
 * while the tab is hidden, and recovers from faults: a lost device or a crashed worker is replaced by a new worker
 * that resumes from the last checkpoint, keeping the timeline already computed.
 */
import type { EnsembleConfig } from '../core/ensemble/config';
import { useTrainingStore } from '../state/trainingStore';
import { isTrainerEvent, type BackendName, type TrainerCommand, type TrainerEvent } from './protocol';

type CommandBody = TrainerCommand extends infer C ? (C extends { v: 1 } ? Omit<C, 'v'> : never) : never;

export class TrainerClient {
  private worker: Worker | null = null;
  private excluded: BackendName[] = [];
  private resumeAfterVisible = false;
  private restarts = 0;
  private lastConfig: EnsembleConfig | null = null;

  constructor(private readonly preferredBackend: BackendName | 'auto' = 'auto') {
    document.addEventListener('visibilitychange', this.onVisibility);
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
    this.send({ type: 'setConfig', config });
  }

  play(): void {
    this.send({ type: 'start' });
  }
  pause(): void {
    this.send({ type: 'pause' });
  }
  step(count = 1): void {
    this.send({ type: 'step', count });
  }
  reset(): void {
    this.send({ type: 'reset' });
  }

  /** For fault-injection tests: kill the worker as a crash would. */
  terminateForTest(): void {
    this.worker?.terminate();
    this.onCrash('the training worker was terminated');
  }

  private spawn(): void {
    const w = new Worker(new URL('./trainer.worker.ts', import.meta.url), { type: 'module', name: 'symmetry-lab-trainer' });
    w.onmessage = (e: MessageEvent) => this.onEvent(e.data);
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.onCrash(`the training worker crashed: ${e.message || 'unknown error'}`);
    };
    w.onmessageerror = () => console.warn('[symmetry-lab] a worker message could not be decoded');
    this.worker = w;
    w.postMessage({ v: 1, type: 'init', backend: this.preferredBackend, exclude: this.excluded });
  }

  private onEvent(data: unknown): void {
    if (!isTrainerEvent(data)) {
      console.warn('[symmetry-lab] ignored a malformed event from the worker');
      return;
    }
    const event = data as TrainerEvent;
    useTrainingStore.getState().applyEvent(event);
    if (event.type === 'error' && event.kind === 'device-lost') {
      const backend = useTrainingStore.getState().backend?.name;
      if (backend && !this.excluded.includes(backend)) this.excluded.push(backend);
      this.replaceWorker(`${event.message}. Switched to the next backend and resumed`);
    }
  }

  private onCrash(message: string): void {
    this.replaceWorker(message + '. Restarted it and resumed');
  }

  /** Replace the worker and resume from the last checkpoint (or restart the config if none was taken yet). */
  private replaceWorker(message: string): void {
    this.restarts++;
    const store = useTrainingStore.getState();
    const wasRunning = store.status === 'running';
    this.worker?.terminate();
    this.worker = null;
    if (this.restarts > 5) {
      store.applyEvent({ v: 1, type: 'error', kind: 'internal', message: `${message}; giving up after 5 restarts` });
      return;
    }
    this.spawn();
    const cp = store.checkpoint;
    const config = this.lastConfig ?? store.config;
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

/** The one training worker client of this page. The backend override comes from `backend=` in the URL. */
export function getTrainerClient(preferredBackend: BackendName | 'auto' = 'auto'): TrainerClient {
  if (!client) client = new TrainerClient(preferredBackend);
  return client;
}
