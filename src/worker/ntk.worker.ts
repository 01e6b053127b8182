/// <reference lib="webworker" />
/**
 * The NTK panel's worker. The closed form (float64 JS) is answered as soon as a message arrives; the tfjs tasks (the
 * width sweep and the extra training runs) run one at a time, on the wasm backend (cpu if wasm fails), in slices of
 * about 30 ms with a yield to the message queue in between, so closed-form requests and `cancel` are handled promptly
 * while a task runs. WebGPU/WebGL are left to the training worker, so this worker has no GPU device to lose; an
 * injected 'lose-device' fault is refused and said so.
 *
 * Each finished width of the sweep and each finished experiment run is posted at once, so the page can restart a task
 * in a new worker (after a crash) with the finished parts given back. Several of these workers can share one
 * experiment plan, each training the runs it is given (`runs`); the page puts the runs together in plan order.
 */
import { ClosedFormEngine } from '../core/ntk/closedForm';
import { runExperiments } from '../core/ntk/experiments';
import type { FinishedExperimentRun } from '../core/ntk/experimentRuns';
import { runWidthSweep } from '../core/ntk/widthSweep';
import { BackendHost } from './backendHost';
import { validateNtkCommand, type NtkCommand, type NtkEvent, type NtkTask, type WidthSweepRow } from './ntkProtocol';
import { serveWorker, WorkerKit, type Post } from './workerKit';

/** The longest stretch of work between two yields to the message queue. */
const SLICE_MS = 30;

const errorEvent = (message: string): NtkEvent => ({ v: 1, type: 'error', message });

/** The message handler, separate from `self` so it can be driven with a fake `post`. */
export function createNtkWorkerHandler(post: Post<NtkEvent>): (data: unknown) => void {
  const engine = new ClosedFormEngine();
  const cancelled = new Set<number>();
  let queue: Promise<void> = Promise.resolve();
  // wasm or cpu only, chosen on the first task; a failure is reported by the task that needed it.
  const noop = () => undefined;
  const host = new BackendHost({ announce: noop, failed: noop, lost: noop });
  // No GPU backend, so the kit refuses an injected 'lose-device' and says so.
  const kit = new WorkerKit<NtkCommand, NtkEvent>(post, { validate: validateNtkCommand, errorEvent });

  const runTask = (runId: number, task: NtkTask, body: (backendName: string, step: (done: number, total: number, label: string) => Promise<boolean>) => Promise<void>) => {
    queue = queue.then(async () => {
      if (cancelled.has(runId)) {
        post({ v: 1, type: 'cancelled', runId, task });
        return;
      }
      try {
        const { backend: name } = await host.whenReady('wasm', ['webgpu', 'webgl']);
        await body(name, async (done, total, label) => {
          // One report and one yield per slice of about 30 ms, not per step: at small widths a step takes far less.
          if (!kit.sliceSpent(SLICE_MS)) return !cancelled.has(runId);
          post({ v: 1, type: 'progress', runId, task, done, total, label });
          // In a hidden tab the task waits here until the page is shown again.
          await kit.betweenSlices();
          return !cancelled.has(runId);
        });
        if (cancelled.has(runId)) post({ v: 1, type: 'cancelled', runId, task });
      } catch (err) {
        post({ v: 1, type: 'error', runId, task, message: err instanceof Error ? err.message : String(err) });
      }
    });
  };

  return kit.handler((cmd) => {
    switch (cmd.type) {
      case 'closedForm':
        try {
          const answer = () => {
            const result = engine.compute(cmd.setup, cmd.lr, cmd.steps);
            const transfer = [result.trainKernel.buffer as ArrayBuffer, ...result.steps.map((s) => s.values.buffer as ArrayBuffer)];
            post({ v: 1, type: 'closedForm', requestId: cmd.requestId, result }, transfer);
          };
          answer();
          // μ_s first, so the heatmaps do not wait for the invariance defects; then the same answer with them.
          if (!engine.hasDefects(cmd.setup)) {
            engine.computeDefects(cmd.setup);
            answer();
          }
        } catch (err) {
          post({ v: 1, type: 'error', requestId: cmd.requestId, task: 'closedForm', message: err instanceof Error ? err.message : String(err) });
        }
        return;
      case 'cancel':
        cancelled.add(cmd.runId);
        return;
      case 'widthSweep':
        post({ v: 1, type: 'progress', runId: cmd.runId, task: 'widthSweep', done: 0, total: 1, label: 'starting the tfjs backend' });
        runTask(cmd.runId, 'widthSweep', async (name, step) => {
          const onRow = (row: WidthSweepRow) => post({ v: 1, type: 'widthSweepRow', runId: cmd.runId, row });
          const result = await runWidthSweep(cmd.request, name, { step, onRow }, cmd.completedRows);
          if (result) post({ v: 1, type: 'widthSweep', runId: cmd.runId, result });
        });
        return;
      case 'experiments':
        post({ v: 1, type: 'progress', runId: cmd.runId, task: 'experiments', done: 0, total: 1, label: 'starting the tfjs backend' });
        runTask(cmd.runId, 'experiments', async (name, step) => {
          const onRun = (finished: FinishedExperimentRun) => post({ v: 1, type: 'experimentRun', runId: cmd.runId, ...finished });
          const result = await runExperiments(cmd.plan, name, { step, onRun }, cmd.completed, cmd.runs);
          if (result) post({ v: 1, type: 'experiments', runId: cmd.runId, result });
        });
        return;
    }
  });
}

serveWorker(createNtkWorkerHandler, errorEvent);
