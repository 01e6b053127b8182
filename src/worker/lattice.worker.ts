/**
 * Web Worker for lattice Monte Carlo. It runs one `WilsonLoopRun` at a time in slices of about 30 ms, posting
 * progress after each slice and yielding to the event loop between slices so that `cancel` (or a newer `run`) is
 * handled promptly. The page's main thread never does the sampling.
 */
import { Rng } from '../core/rng';
import { WilsonLoopRun, createGeometry, createLcnnWeights, gaugeGroup, gaugeResponse, randomGaugeTransform } from '../core/lattice';
import { checkpointTransferables, validateLatticeCommand, type LatticeCommand, type LatticeEvent } from './latticeProtocol';
import { CheckpointCadence, serveWorker, WorkerKit, type Post } from './workerKit';

const SLICE_MS = 30;
/** How often a running run posts a checkpoint to resume from after a crash. */
const CHECKPOINT_MS = 1000;

type Schedule = (fn: () => void) => void;

const errorEvent = (message: string): LatticeEvent => ({ v: 1, type: 'error', message });

/**
 * The worker's message handler, separated from `self` so Node tests can drive it with a fake `post` and a synchronous
 * or manual `schedule`.
 */
export function createLatticeWorkerHandler(post: Post<LatticeEvent>, schedule: Schedule = (fn) => setTimeout(fn, 0)): (data: unknown) => void {
  // Plain JavaScript, no GPU device: the kit refuses an injected 'lose-device' and says so.
  const kit = new WorkerKit<LatticeCommand, LatticeEvent>(post, { validate: validateLatticeCommand, errorEvent });
  let current: { runId: number; run: WilsonLoopRun; cadence: CheckpointCadence } | null = null;

  const slice = (runId: number) => {
    if (!current || current.runId !== runId) return;
    const { run, cadence } = current;
    try {
      const t0 = Date.now();
      // Grow the slice one sweep-chunk at a time until the time budget is used.
      while (run.phase !== 'done' && Date.now() - t0 < SLICE_MS) run.advance(Math.max(1, Math.ceil(run.totalSweeps / 200)));
      if (run.phase === 'done') {
        const links = run.field.links.slice();
        current = null;
        post({ v: 1, type: 'result', runId, result: run.result(), links }, [links.buffer]);
        return;
      }
      post({ v: 1, type: 'progress', runId, done: run.sweepsDone, total: run.totalSweeps, phase: run.phase, sweepsPerSecond: run.sweepsPerSecond });
      if (cadence.due()) {
        const checkpoint = cadence.take(() => run.checkpoint());
        post({ v: 1, type: 'checkpoint', runId, checkpoint }, checkpointTransferables(checkpoint));
      }
      // In a hidden tab the next slice waits until the page is shown again.
      kit.nextSlice(schedule, () => slice(runId));
    } catch (err) {
      current = null;
      post({ v: 1, type: 'error', runId, message: err instanceof Error ? err.message : String(err) });
    }
  };

  return kit.handler((cmd) => {
    if (cmd.type === 'lcnn') {
      try {
        const geom = createGeometry([cmd.L, cmd.L]);
        const group = gaugeGroup(cmd.group);
        const field = { group, geom, links: cmd.links };
        const weights = createLcnnWeights(cmd.seed, 2);
        const r = gaugeResponse(field, weights, randomGaugeTransform(group, geom, new Rng(cmd.seed, 0x9a)));
        post({ v: 1, type: 'lcnnResult', runId: cmd.runId, lcnn: r.lcnn, baseline: r.baseline, parameters: r.parameters });
      } catch (err) {
        post({ v: 1, type: 'error', runId: cmd.runId, message: err instanceof Error ? err.message : String(err) });
      }
      return;
    }
    if (cmd.type === 'cancel') {
      if (current && current.runId === cmd.runId) {
        current = null;
        post({ v: 1, type: 'cancelled', runId: cmd.runId });
      }
      return;
    }
    if (current) post({ v: 1, type: 'cancelled', runId: current.runId });
    try {
      const run = cmd.type === 'resume' ? WilsonLoopRun.resume(cmd.checkpoint) : new WilsonLoopRun(cmd.options);
      current = { runId: cmd.runId, run, cadence: new CheckpointCadence(CHECKPOINT_MS) };
    } catch (err) {
      current = null;
      post({ v: 1, type: 'error', runId: cmd.runId, message: err instanceof Error ? err.message : String(err) });
      return;
    }
    const started = current.run;
    post({ v: 1, type: 'progress', runId: cmd.runId, done: started.sweepsDone, total: started.totalSweeps, phase: started.phase === 'measure' ? 'measure' : 'thermalize', sweepsPerSecond: started.sweepsPerSecond });
    schedule(() => slice(cmd.runId));
  });
}

serveWorker((post) => createLatticeWorkerHandler(post), errorEvent);
