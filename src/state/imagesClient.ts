/**
 * The page's handle on the images worker (one per page), supervised: a worker that crashes or is terminated is
 * replaced, and one that reports a lost GPU device is replaced on the next backend. The new worker continues the run
 * in progress from the last checkpoint the old one posted (about once a second, and once when training ends), so the
 * result equals an uninterrupted run's on the same backend; with no checkpoint yet the run starts again from its seed.
 * Finished results live in the store and are kept; the last finished run is rebuilt in the new worker for the probe.
 */
import type { ImageRunCheckpoint, ImageRunConfig } from '../core/images';
import { isImagesEvent, type ImagesCommand, type ImagesEvent } from '../worker/imagesProtocol';
import type { BackendName } from '../worker/protocol';
import { capitalise, SupervisedWorker, type SpawnContext } from './supervisedWorker';
import { useImagesStore } from './imagesStore';

type Body = ImagesCommand extends infer C ? (C extends { v: 1 } ? Omit<C, 'v'> : never) : never;

interface InFlightRun {
  runId: number;
  config: ImageRunConfig;
  checkpoint: ImageRunCheckpoint | null;
  trainSeconds: number;
}

class ImagesClient {
  private supervised: SupervisedWorker | null = null;
  private backend: BackendName | 'auto' = 'auto';
  private inFlight: InFlightRun | null = null;
  /** The last finished run's final checkpoint, to rebuild it for the probe in a replacement worker. */
  private finished: { runId: number; config: ImageRunConfig; checkpoint: ImageRunCheckpoint } | null = null;

  start(backend: BackendName | 'auto'): void {
    if (this.supervised) return;
    this.backend = backend;
    this.supervised = new SupervisedWorker({
      label: 'images worker',
      faultTarget: 'images',
      pauseWhenHidden: true,
      create: () => new Worker(new URL('../worker/images.worker.ts', import.meta.url), { type: 'module', name: 'symmetry-lab-images' }),
      onMessage: (data) => this.onEvent(data),
      onSpawn: (reason, post, context) => this.onSpawn(reason, post, context),
      onGiveUp: (message) => {
        this.inFlight = null;
        useImagesStore.setState({ error: message, running: false });
      },
    });
  }

  send(body: Body): void {
    this.supervised?.post({ v: 1, ...body });
  }

  run(config: ImageRunConfig): void {
    const runId = useImagesStore.getState().runId + 1;
    this.inFlight = { runId, config, checkpoint: null, trainSeconds: 0 };
    useImagesStore.setState({ runId, running: true, phase: 'training', progress: null, error: null, probe: null, recovery: null });
    this.send({ type: 'run', runId, config });
  }

  cancel(): void {
    this.send({ type: 'cancel', runId: useImagesStore.getState().runId });
  }

  private onEvent(data: unknown): void {
    if (!isImagesEvent(data)) {
      console.warn('[symmetry-lab] ignored a malformed event from the images worker');
      return;
    }
    const e: ImagesEvent = data;
    const run = this.inFlight;
    switch (e.type) {
      case 'checkpoint':
        if (run?.runId === e.runId) {
          run.checkpoint = e.checkpoint;
          run.trainSeconds = e.trainSeconds;
        }
        break;
      case 'result':
        if (run?.runId === e.runId) {
          this.inFlight = null;
          if (run.checkpoint) this.finished = { runId: e.runId, config: run.config, checkpoint: run.checkpoint };
        }
        break;
      case 'cancelled':
        if (run?.runId === e.runId) this.inFlight = null;
        break;
      case 'error':
        if (e.kind === 'device-lost') {
          // Not a failure of the run: this backend is gone. Skip it from now on and continue on the next one.
          this.supervised?.deviceLost(useImagesStore.getState().backend?.name, e.message);
          return;
        }
        if (run && e.runId === run.runId) this.inFlight = null;
        break;
    }
    useImagesStore.getState().apply(e);
  }

  private onSpawn(reason: string | null, post: (message: unknown) => void, context: SpawnContext): void {
    const send = (body: Body) => post({ v: 1, ...body });
    send({ type: 'init', backend: this.backend, dataUrl: new URL('data/', document.baseURI).href, exclude: context.exclude });
    if (reason === null) return;
    const where = context.nextBackend ? 'on the next backend' : '';
    const run = this.inFlight;
    let what: string;
    if (run) {
      const cp = run.checkpoint;
      if (cp) {
        send({ type: 'resume', runId: run.runId, config: run.config, checkpoint: cp, trainSeconds: run.trainSeconds });
        what = `resumed the run from step ${cp.step} (its last checkpoint)`;
      } else {
        send({ type: 'run', runId: run.runId, config: run.config });
        what = 'started the run again from its seed (no checkpoint had been taken yet; it repeats the same steps)';
      }
      // Until the new worker reports, the progress shows where it resumes from.
      const step = cp?.step ?? 0;
      useImagesStore.setState((s) => ({ progress: s.progress ? { ...s.progress, step } : null }));
    } else what = 'no run was in progress';
    if (this.finished) send({ type: 'restore', runId: this.finished.runId, config: this.finished.config, checkpoint: this.finished.checkpoint });
    const backend = where ? ` ${where}` : '';
    useImagesStore.getState().setRecovery(`${capitalise(reason)}. Restarted the images worker${backend}; ${what}. Finished results are kept.`);
  }
}

let client: ImagesClient | null = null;
export function getImagesClient(): ImagesClient {
  if (!client) client = new ImagesClient();
  return client;
}
