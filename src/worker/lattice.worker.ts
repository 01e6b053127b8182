/**
 * Web Worker for lattice Monte Carlo. It runs one `WilsonLoopRun` at a time in slices of about 30 ms, posting
 * progress after each slice and yielding to the event loop between slices so that `cancel` (or a newer `run`) is
 * handled promptly. The page's main thread never does the sampling.
 */
import { Rng } from '../core/rng';
import { WilsonLoopRun, createGeometry, createLcnnWeights, gaugeGroup, gaugeResponse, randomGaugeTransform } from '../core/lattice';
import { validateLatticeCommand, type LatticeEvent } from './latticeProtocol';

const SLICE_MS = 30;

type Post = (e: LatticeEvent, transfer?: Transferable[]) => void;
type Schedule = (fn: () => void) => void;

/**
 * The worker's message handler, separated from `self` so Node tests can drive it with a fake `post` and a synchronous
 * or manual `schedule`.
 */
export function createLatticeWorkerHandler(post: Post, schedule: Schedule = (fn) => setTimeout(fn, 0)): (data: unknown) => void {
  let current: { runId: number; run: WilsonLoopRun } | null = null;

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
      schedule(() => slice(runId));
    } catch (err) {
      current = null;
      post({ v: 1, type: 'error', runId, message: err instanceof Error ? err.message : String(err) });
    }
  };

  return (data: unknown) => {
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
      current = { runId: cmd.runId, run: new WilsonLoopRun(cmd.options) };
    } catch (err) {
      current = null;
      post({ v: 1, type: 'error', runId: cmd.runId, message: err instanceof Error ? err.message : String(err) });
      return;
    }
    post({ v: 1, type: 'progress', runId: cmd.runId, done: 0, total: current.run.totalSweeps, phase: 'thermalize', sweepsPerSecond: 0 });
    schedule(() => slice(cmd.runId));
  };
}

// In a worker realm (not under Node tests), wire the handler to the global scope.
declare const WorkerGlobalScope: unknown;
if (typeof WorkerGlobalScope !== 'undefined' && typeof self !== 'undefined') {
  const scope = self as unknown as { postMessage(m: unknown, t?: Transferable[]): void; onmessage: ((e: MessageEvent) => void) | null };
  const handle = createLatticeWorkerHandler((e, t) => scope.postMessage(e, t ?? []));
  scope.onmessage = (e: MessageEvent) => handle(e.data);
}
