/**
 * Web Worker for lattice Monte Carlo. It runs one `WilsonLoopRun` at a time in slices of about 30 ms, posting
 * progress after each slice and yielding to the event loop between slices so that `cancel` (or a newer `run`) is
 * handled promptly. The page's main thread never does the sampling.
 */
import { Rng } from '../core/rng';
import { WilsonLoopRun, createGeometry, createLcnnWeights, gaugeGroup, gaugeResponse, randomGaugeTransform } from '../core/lattice';
import { checkpointTransferables, validateLatticeCommand, type LatticeEvent } from './latticeProtocol';
import { FaultGate } from './faultGate';
import { VisibilityGate } from './visibilityGate';

const SLICE_MS = 30;
/** How often a running run posts a checkpoint to resume from after a crash. */
const CHECKPOINT_MS = 1000;

type Post = (e: LatticeEvent, transfer?: Transferable[]) => void;
type Schedule = (fn: () => void) => void;

/**
 * The worker's message handler, separated from `self` so Node tests can drive it with a fake `post` and a synchronous
 * or manual `schedule`.
 */
export function createLatticeWorkerHandler(
  post: Post,
  schedule: Schedule = (fn) => setTimeout(fn, 0),
  visibility: VisibilityGate = new VisibilityGate(),
): (data: unknown) => void {
  let current: { runId: number; run: WilsonLoopRun } | null = null;
  let lastCheckpoint = 0;

  const slice = (runId: number) => {
    if (!current || current.runId !== runId) return;
    const { run } = current;
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
      if (Date.now() - lastCheckpoint >= CHECKPOINT_MS) {
        lastCheckpoint = Date.now();
        const checkpoint = run.checkpoint();
        post({ v: 1, type: 'checkpoint', runId, checkpoint }, checkpointTransferables(checkpoint));
      }
      // In a hidden tab the next slice waits until the page is shown again.
      schedule(() => visibility.whenVisible(() => slice(runId)));
    } catch (err) {
      current = null;
      post({ v: 1, type: 'error', runId, message: err instanceof Error ? err.message : String(err) });
    }
  };

  return (data: unknown) => {
    if (visibility.consume(data)) return;
    const v = validateLatticeCommand(data);
    if (!v.ok) {
      post({ v: 1, type: 'error', message: `ignored malformed message: ${v.error}` });
      return;
    }
    const cmd = v.message;
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
      current = { runId: cmd.runId, run };
      lastCheckpoint = Date.now();
    } catch (err) {
      current = null;
      post({ v: 1, type: 'error', runId: cmd.runId, message: err instanceof Error ? err.message : String(err) });
      return;
    }
    const started = current.run;
    post({ v: 1, type: 'progress', runId: cmd.runId, done: started.sweepsDone, total: started.totalSweeps, phase: started.phase === 'measure' ? 'measure' : 'thermalize', sweepsPerSecond: started.sweepsPerSecond });
    schedule(() => slice(cmd.runId));
  };
}

// In a worker realm (not under Node tests), wire the handler to the global scope.
declare const WorkerGlobalScope: unknown;
if (typeof WorkerGlobalScope !== 'undefined' && typeof self !== 'undefined') {
  const scope = self as unknown as { postMessage(m: unknown, t?: Transferable[]): void; onmessage: ((e: MessageEvent) => void) | null };
  const post: Post = (e, t) => scope.postMessage(e, t ?? []);
  const handle = createLatticeWorkerHandler(post);
  // Fault injection for the reliability tests (pages opened with faults=1); this worker has no GPU device to lose.
  const faults = new FaultGate(undefined, (message) => post({ v: 1, type: 'error', message }));
  scope.onmessage = (e: MessageEvent) => {
    if (!faults.consume(e.data)) handle(e.data);
  };
}
