/**
 * Pool measurements for the benchmark page: the real training worker (src/worker/trainer.worker.ts), started once
 * per pool member with its slice of the ensemble, timed from its own progress reports. Each report carries the
 * training steps per second of its last chunk (snapshot time excluded), so a worker's ms per step is
 *   t_i = Σ_chunks Δstep / Σ_chunks (Δstep / rate),
 * and the pool's is max_i t_i (the slowest slice sets the pace).
 */
import { splitMembers } from '../core/ensemble/memberSlice';
import { DEFAULT_CONFIG } from '../core/ensemble/config';
import type { TrainerEvent } from '../worker/protocol';

export interface PoolStepResult {
  E: number;
  W: number;
  workers: number;
  /** The pool's ms per training step (its slowest worker's). */
  msPerStep: number;
  perWorkerMsPerStep: number[];
}

/** Train E members of width W for `steps` steps on `workers` wasm workers; ms per step after the first `skip` steps. */
export async function measurePoolSteps(E: number, W: number, workers: number, steps = 300, skip = 10): Promise<PoolStepResult> {
  const slices = splitMembers(E, workers);
  const config = { ...DEFAULT_CONFIG, ensembleSize: E, width: W, steps };
  const per = await Promise.all(
    slices.map(
      (slice, i) =>
        new Promise<number>((resolve, reject) => {
          const w = new Worker(new URL('../worker/trainer.worker.ts', import.meta.url), { type: 'module', name: `bench-trainer-${i}` });
          let stepSum = 0;
          let msSum = 0;
          let last = 0;
          w.onmessage = (e: MessageEvent) => {
            const ev = e.data as TrainerEvent;
            if (ev.type === 'error' && ev.kind !== 'invalid-command') {
              w.terminate();
              reject(new Error(ev.message));
            }
            // The toy lab's limits clamp E and W: a clamped size is not the size asked for.
            if (ev.type === 'config' && (ev.config.ensembleSize !== E || ev.config.width !== W)) {
              w.terminate();
              reject(new Error(ev.notices.join('; ')));
            }
            if (ev.type !== 'progress') return;
            const d = ev.step - last;
            if (ev.step > skip && d > 0 && ev.stepsPerSecond > 0) {
              stepSum += d;
              msSum += (1000 * d) / ev.stepsPerSecond;
            }
            last = ev.step;
            if (ev.status === 'done') {
              w.terminate();
              resolve(msSum / Math.max(1, stepSum));
            }
          };
          w.postMessage({ v: 1, type: 'init', backend: 'wasm' });
          w.postMessage({ v: 1, type: 'setConfig', config, slice });
          w.postMessage({ v: 1, type: 'start' });
        }),
    ),
  );
  return { E, W, workers: slices.length, msPerStep: Math.max(...per), perWorkerMsPerStep: per };
}
