/**
 * The chunked training loop shared by the toy, vector and cross-product runs. Steps are taken in chunks; between
 * chunks the caller's `shouldContinue` is awaited (where a worker yields to its messages and can pause), progress is
 * reported, and `afterChunk` takes any snapshot or loss check that is due. A chunk ends early at such a step, so
 * snapshots land exactly on their schedule.
 *
 * The chunk size adapts so that control returns about every `chunkMillis`:
 *   chunk ← clamp(round(done · chunkMillis / dt), 1, 200),
 * with `done` steps taken in `dt` milliseconds.
 */

/** Progress after one chunk. */
export interface ChunkProgress {
  step: number;
  totalSteps: number;
  /** Training steps per second over the last chunk (snapshot time excluded). */
  stepsPerSecond: number;
  /** Mean member loss at the latest loss check, if any. */
  loss?: number;
  /** Wall time of the chunk's steps, in milliseconds. */
  chunkMillis?: number;
}

/** What the loop needs from a run. */
export interface ChunkedTraining {
  /** `trainSteps(k)`, where offered, takes k steps in one call (one GPU submit on webgpu). */
  trainer: { readonly step: number; trainStep(): void; trainSteps?(count: number): void };
  /** Train until this step (already limited to the run's length). */
  end: number;
  totalSteps: number;
  /** The current chunk size (the loop returns the adapted one). */
  chunk: number;
  chunkMillis: number;
  /** Whether a snapshot or loss check falls on this step: the chunk stops there. */
  stopsAt(step: number): boolean;
  /** Steps from the current one to the next stop (Infinity when none is left); needed with `trainSteps`. */
  stepsToNextStop?(): number;
  lastLoss(): number | undefined;
  /** Awaited after every chunk: take the snapshot or loss check that is due. */
  afterChunk(): Promise<void>;
}

export interface ChunkHooks {
  onProgress?: (p: ChunkProgress) => void;
  /** Called between chunks; return false to stop here (pause). */
  shouldContinue?: () => boolean | Promise<boolean>;
}

/** Largest chunk, in steps: bounds the work between two looks at the message queue on a very fast backend. */
const MAX_CHUNK = 200;

/** Run `training` to its `end` in adaptive chunks (see the module comment); returns the adapted chunk size. */
export async function trainInChunks(training: ChunkedTraining, hooks: ChunkHooks = {}): Promise<number> {
  const { trainer, end } = training;
  let chunk = training.chunk;
  while (trainer.step < end) {
    if (hooks.shouldContinue && !(await hooks.shouldContinue())) return chunk;
    const t0 = now();
    let done = 0;
    while (done < chunk && trainer.step < end) {
      // Up to the next stop in one call where the trainer can: on webgpu that is one GPU submit for all of them.
      if (trainer.trainSteps && training.stepsToNextStop) {
        const count = Math.max(1, Math.min(chunk - done, end - trainer.step, training.stepsToNextStop()));
        trainer.trainSteps(count);
        done += count;
      } else {
        trainer.trainStep();
        done++;
      }
      if (training.stopsAt(trainer.step)) break;
    }
    const dt = now() - t0;
    if (dt > 0) chunk = Math.max(1, Math.min(MAX_CHUNK, Math.round((done * training.chunkMillis) / dt)));
    hooks.onProgress?.({
      step: trainer.step,
      totalSteps: training.totalSteps,
      stepsPerSecond: dt > 0 ? (1000 * done) / dt : 0,
      loss: training.lastLoss(),
      chunkMillis: dt,
    });
    await training.afterChunk();
  }
  return chunk;
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
