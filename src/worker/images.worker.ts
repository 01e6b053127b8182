/**
 * Web Worker for the rotated-images lab: loads and verifies the data, trains the batched classifier ensembles in
 * slices of about 100 ms (posting progress with an ETA after each), evaluates the four routes, and answers probes.
 * The page's main thread never trains.
 *
 * In a pool (the page's `workers=`), a `run` or `resume` with a slice trains only those members of both ensembles and
 * posts them when done (`trained`); the page joins the slices and sends the whole ensemble to one worker to evaluate.
 *
 * For recovery it posts a checkpoint of both ensembles about once a second and when training ends; a new worker
 * continues a run from one (`resume`) or rebuilds a finished run for the probe (`restore`). A lost GPU device is
 * reported as a `device-lost` error; the page then starts a new worker on the next backend.
 */
import type { MemberSlice } from '../core/ensemble/memberSlice';
import { ImageRun, imageCheckpointTransferables, imageRunWork, loadImageData, type ImageDataSets, type ImageRunCheckpoint, type ImageRunConfig } from '../core/images';
import { installWebgpuCrossEntropyStep } from '../core/images/webgpuCrossEntropyStep';
import { selectBackend, type BackendChoice } from './backend';
import { BackendHost } from './backendHost';
import { loadCrossEntropyStep } from './crossEntropyKernel';
import { validateImagesCommand, type ImagesCommand, type ImagesEvent } from './imagesProtocol';
import type { BackendName } from './protocol';
import { CheckpointCadence, serveWorker, WorkerKit, type Post } from './workerKit';

const SLICE_MS = 100;

/**
 * The backend, plus its cross-entropy kernel: the fused SIMD kernel on wasm, the WGSL pipelines on webgpu. The step
 * engine's cross-entropy slot uses it once it loads and falls back to tfjs ops otherwise; the badge says which.
 */
async function chooseWithCrossEntropyKernel(preferred: BackendName | 'auto', exclude: BackendName[]): Promise<BackendChoice> {
  const choice = await selectBackend(preferred, exclude);
  if (choice.backend === 'wasm') return { ...choice, reason: `${choice.reason}; ${await loadCrossEntropyStep()}` };
  if (choice.backend !== 'webgpu') return choice;
  const obstacle = await installWebgpuCrossEntropyStep();
  return { ...choice, reason: `${choice.reason}; ${obstacle ?? 'fused WGSL cross-entropy step'}` };
}
/**
 * How often a training run posts a checkpoint (a read-back of both ensembles; about 1 MB at the Tiny preset, 8 MB at
 * Full): every 250 ms at most, and at least 20 checkpoint-durations apart, so checkpointing costs under 5% of the run.
 */
const CHECKPOINT_MIN_MS = 250;
const CHECKPOINT_COST_FACTOR = 20;

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

const errorEvent = (message: string): ImagesEvent => ({ v: 1, type: 'error', kind: 'invalid-command', message });

/** The worker's message handler, separated from `self` so it can be driven by tests. */
export function createImagesWorkerHandler(post: Post<ImagesEvent>, fetchImpl: typeof fetch = fetch): (data: unknown) => void {
  let ready: Promise<{ backend: BackendName; data: ImageDataSets }> | null = null;
  let current: { runId: number; run: ImageRun; cancelled: boolean } | null = null;
  let finished: { runId: number; run: ImageRun } | null = null;
  /** Its `deviceLost` is set when the device is lost: every later op fails, so the loops stop and the page replaces the worker. */
  const host = new BackendHost({
    announce: (c) => post({ v: 1, type: 'backend', backend: c.backend, reason: c.reason }),
    failed: (message) => post({ v: 1, type: 'error', kind: 'backend', message }),
    lost: (message) => post({ v: 1, type: 'error', runId: current?.runId, kind: 'device-lost', message }),
  }, chooseWithCrossEntropyKernel);
  const kit = new WorkerKit<ImagesCommand, ImagesEvent>(post, { validate: validateImagesCommand, errorEvent, loseDevice: () => host.loseDevice() });

  const init = (backend: BackendName | 'auto', dataUrl: string, exclude: BackendName[] = []) => {
    ready = (async () => {
      const chosen = (await host.init(backend, exclude)).backend;
      const t0 = now();
      const base = new URL(dataUrl, self.location.href);
      const get = async (file: string) => {
        const r = await fetchImpl(new URL(file, base).href);
        if (!r.ok) throw new Error(`${file}: HTTP ${r.status} ${r.statusText}`);
        return r;
      };
      try {
        const data = await loadImageData(
          async (f) => (await get(f)).text(),
          async (f) => new Uint8Array(await (await get(f)).arrayBuffer()),
        );
        post({
          v: 1,
          type: 'data',
          train: data.train.count,
          test: data.test.count,
          ood: data.ood.count,
          classes: data.manifest.classes,
          oodClasses: data.manifest.oodClasses,
          size: data.manifest.imageSize,
          loadMs: now() - t0,
        });
        return { backend: chosen, data };
      } catch (e) {
        post({ v: 1, type: 'error', kind: 'data', message: e instanceof Error ? e.message : String(e) });
        throw e;
      }
    })();
    ready.catch(() => {});
  };

  const ensureReady = () => {
    if (!ready) init('auto', '../data/');
    return ready!;
  };

  /**
   * Train run `runId` (from its start, or from `from`, a previous worker's checkpoint), then evaluate it; a `slice`
   * trains those members only and posts them (`trained`) instead of evaluating.
   */
  const train = async (runId: number, config: ImageRunConfig, from?: { checkpoint: ImageRunCheckpoint; trainSeconds: number }, slice?: MemberSlice) => {
    let env: { backend: BackendName; data: ImageDataSets };
    try {
      env = await ensureReady();
    } catch {
      return;
    }
    if (current) current.cancelled = true;
    finished?.run.dispose();
    finished = null;
    let run: ImageRun;
    try {
      run = new ImageRun(config, env.data.train, env.data.test, env.data.ood, env.data.manifest.classes.length, from?.checkpoint, slice);
    } catch (e) {
      post({ v: 1, type: 'error', runId, kind: 'training', message: e instanceof Error ? e.message : String(e) });
      return;
    }
    const cadence = new CheckpointCadence(CHECKPOINT_MIN_MS, CHECKPOINT_COST_FACTOR, now);
    const postCheckpoint = async () => {
      const checkpoint = await cadence.take(() => run.checkpoint());
      post({ v: 1, type: 'checkpoint', runId, checkpoint, trainSeconds: trainedBefore + (now() - t0) / 1000, ...sliceFields }, imageCheckpointTransferables(checkpoint));
    };
    const me = { runId, run, cancelled: false };
    const sliceFields = slice ? { start: slice.start, count: slice.count } : {};
    current = me;
    const work = imageRunWork(config);
    const total = work.train + work.evaluate;
    // Throughput counts this worker's members; the fraction done counts the whole run's work, as the page does.
    const perStep = 2 * run.members.count * run.batch;
    const wholePerStep = 2 * config.ensembleSize * run.batch;
    let throughput = 0;
    const t0 = now();
    const trainedBefore = from?.trainSeconds ?? 0;
    let loss: { da: number; canon: number } | null = null;
    try {
      while (!run.done) {
        // In a hidden tab training waits here until the page is shown again.
        await kit.betweenSlices();
        if (me.cancelled || host.deviceLost) break;
        const s0 = now();
        const step0 = run.step;
        do run.trainStep();
        while (!run.done && now() - s0 < SLICE_MS);
        // Reading the loss waits for the GPU queue, so the timing below is real compute time.
        loss = await run.lastLoss();
        const dt = (now() - s0) / 1000;
        const rate = ((run.step - step0) * perStep) / dt;
        throughput = throughput > 0 ? 0.7 * throughput + 0.3 * rate : rate;
        const doneWork = run.step * wholePerStep;
        post({
          v: 1,
          type: 'progress',
          runId,
          phase: 'training',
          step: run.step,
          totalSteps: run.totalSteps,
          fraction: doneWork / total,
          imagesPerSecondPerMember: throughput,
          etaSeconds: (total - doneWork) / throughput,
          loss: loss?.da,
          canonLoss: loss?.canon,
          ...sliceFields,
        });
        if (!run.done && cadence.due()) await postCheckpoint();
      }
      if (host.deviceLost) {
        run.dispose();
        return;
      }
      if (me.cancelled) {
        run.dispose();
        post({ v: 1, type: 'cancelled', runId });
        return;
      }
      const trainSeconds = trainedBefore + (now() - t0) / 1000;
      if (slice) {
        // A pool worker's part ends here: the page joins the slices and one worker evaluates the whole ensemble.
        const checkpoint = await run.checkpoint();
        run.dispose();
        if (current === me) current = null;
        post({ v: 1, type: 'trained', runId, start: slice.start, count: slice.count, checkpoint, trainSeconds }, imageCheckpointTransferables(checkpoint));
        return;
      }
      // The trained ensembles: a crash during evaluation resumes from here, and a new worker rebuilds them for probes.
      await postCheckpoint();
      const t1 = now();
      const evaluation = await run.evaluate(async (f) => {
        const doneWork = work.train + f * work.evaluate;
        post({
          v: 1,
          type: 'progress',
          runId,
          phase: 'evaluating',
          step: run.step,
          totalSteps: run.totalSteps,
          fraction: doneWork / total,
          imagesPerSecondPerMember: throughput,
          etaSeconds: (total - doneWork) / Math.max(throughput, 1),
          loss: loss?.da,
          canonLoss: loss?.canon,
        });
        await kit.betweenSlices();
      });
      if (me.cancelled) {
        run.dispose();
        post({ v: 1, type: 'cancelled', runId });
        return;
      }
      current = null;
      finished = { runId, run };
      post({ v: 1, type: 'result', runId, config, evaluation, trainSeconds, evalSeconds: (now() - t1) / 1000, backend: env.backend, imagesPerSecondPerMember: throughput });
    } catch (e) {
      run.dispose();
      if (current === me) current = null;
      // A destroyed device makes the next op throw before `device.lost` resolves: give the watcher a moment, and if it
      // fires, its own `device-lost` event is the report.
      await new Promise((r) => setTimeout(r, 100));
      if (host.deviceLost) return;
      post({ v: 1, type: 'error', runId, kind: 'training', message: e instanceof Error ? e.message : String(e) });
    }
  };

  /** Rebuild a finished run from its final checkpoint so the probe works in a new worker. */
  const restore = async (runId: number, config: ImageRunConfig, checkpoint: ImageRunCheckpoint) => {
    let env: { backend: BackendName; data: ImageDataSets };
    try {
      env = await ensureReady();
    } catch {
      return;
    }
    try {
      const run = new ImageRun(config, env.data.train, env.data.test, env.data.ood, env.data.manifest.classes.length, checkpoint);
      finished?.run.dispose();
      finished = { runId, run };
    } catch (e) {
      post({ v: 1, type: 'error', runId, kind: 'training', message: `could not rebuild the finished run for the probe: ${e instanceof Error ? e.message : String(e)}` });
    }
  };

  const benchmark = async (config: ImageRunConfig, seconds: number) => {
    let env: { backend: BackendName; data: ImageDataSets };
    try {
      env = await ensureReady();
    } catch {
      return;
    }
    const run = new ImageRun({ ...config, epochs: 1000 }, env.data.train, env.data.test, env.data.ood, env.data.manifest.classes.length);
    try {
      run.trainStep(); // warm-up: kernels compile, buffers allocate
      await run.lastLoss();
      const t0 = now();
      let steps = 0;
      while (steps < 2 || now() - t0 < seconds * 1000) {
        run.trainStep();
        steps++;
        if (steps % 4 === 0) await run.lastLoss();
      }
      await run.lastLoss();
      const dt = (now() - t0) / 1000;
      post({
        v: 1,
        type: 'benchmark',
        imagesPerSecondPerMember: (steps * 2 * config.ensembleSize * run.batch) / dt,
        flopsPerSecond: (steps * run.stepFlops) / dt,
        backend: env.backend,
      });
    } catch (e) {
      post({ v: 1, type: 'error', kind: 'training', message: e instanceof Error ? e.message : String(e) });
    } finally {
      run.dispose();
    }
  };

  return kit.handler((cmd) => {
    switch (cmd.type) {
      case 'init':
        init(cmd.backend ?? 'auto', cmd.dataUrl ?? '../data/', cmd.exclude ?? []);
        return;
      case 'run':
        void train(cmd.runId, cmd.config, undefined, cmd.slice);
        return;
      case 'resume':
        void train(cmd.runId, cmd.config, { checkpoint: cmd.checkpoint, trainSeconds: cmd.trainSeconds }, cmd.slice);
        return;
      case 'restore':
        void restore(cmd.runId, cmd.config, cmd.checkpoint);
        return;
      case 'benchmark':
        void benchmark(cmd.config, cmd.seconds);
        return;
      case 'cancel':
        if (current && current.runId === cmd.runId) current.cancelled = true;
        return;
      case 'probe': {
        const target = finished && finished.runId === cmd.runId ? finished.run : null;
        if (!target) {
          post({ v: 1, type: 'error', runId: cmd.runId, kind: 'invalid-command', message: 'no finished run to probe' });
          return;
        }
        target
          .probe(cmd.set, cmd.index, cmd.theta)
          .then((probe) => post({ v: 1, type: 'probe', runId: cmd.runId, probe, set: cmd.set, index: cmd.index, theta: cmd.theta }))
          .catch((e) => post({ v: 1, type: 'error', runId: cmd.runId, kind: 'training', message: e instanceof Error ? e.message : String(e) }));
        return;
      }
    }
  });
}

serveWorker((post) => createImagesWorkerHandler(post), errorEvent);
