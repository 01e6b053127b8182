/**
 * Web Worker for the rotated-images lab: loads and verifies the data, trains the batched classifier ensembles in
 * slices of about 100 ms (posting progress with an ETA after each), evaluates the four routes, and answers probes.
 * The page's main thread never trains.
 */
import { ImageRun, imageRunWork, loadImageData, type ImageDataSets, type ImageRunConfig } from '../core/images';
import { selectBackend } from './backend';
import { validateImagesCommand, type ImagesEvent } from './imagesProtocol';
import type { BackendName } from './protocol';

const SLICE_MS = 100;

type Post = (e: ImagesEvent, transfer?: Transferable[]) => void;

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
const yieldToEvents = () => new Promise<void>((r) => setTimeout(r, 0));

/** The worker's message handler, separated from `self` so it can be driven by tests. */
export function createImagesWorkerHandler(post: Post, fetchImpl: typeof fetch = fetch): (data: unknown) => void {
  let ready: Promise<{ backend: BackendName; data: ImageDataSets }> | null = null;
  let current: { runId: number; run: ImageRun; cancelled: boolean } | null = null;
  let finished: { runId: number; run: ImageRun } | null = null;

  const init = (backend: BackendName | 'auto', dataUrl: string) => {
    ready = (async () => {
      let chosen: BackendName;
      try {
        const choice = await selectBackend(backend);
        chosen = choice.backend;
        post({ v: 1, type: 'backend', backend: choice.backend, reason: choice.reason });
      } catch (e) {
        post({ v: 1, type: 'error', kind: 'backend', message: `no compute backend could start: ${String(e)}` });
        throw e;
      }
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

  const train = async (runId: number, config: ImageRunConfig) => {
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
      run = new ImageRun(config, env.data.train, env.data.test, env.data.ood, env.data.manifest.classes.length);
    } catch (e) {
      post({ v: 1, type: 'error', runId, kind: 'training', message: e instanceof Error ? e.message : String(e) });
      return;
    }
    const me = { runId, run, cancelled: false };
    current = me;
    const work = imageRunWork(config);
    const total = work.train + work.evaluate;
    const perStep = (2 * config.ensembleSize * run.batch);
    let throughput = 0;
    const t0 = now();
    let loss: { da: number; canon: number } | null = null;
    try {
      while (!run.done) {
        await yieldToEvents();
        if (me.cancelled) break;
        const s0 = now();
        const step0 = run.step;
        do run.trainStep();
        while (!run.done && now() - s0 < SLICE_MS);
        // Reading the loss waits for the GPU queue, so the timing below is real compute time.
        loss = await run.lastLoss();
        const dt = (now() - s0) / 1000;
        const rate = ((run.step - step0) * perStep) / dt;
        throughput = throughput > 0 ? 0.7 * throughput + 0.3 * rate : rate;
        const doneWork = run.step * perStep;
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
        });
      }
      if (me.cancelled) {
        run.dispose();
        post({ v: 1, type: 'cancelled', runId });
        return;
      }
      const trainSeconds = (now() - t0) / 1000;
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
        await yieldToEvents();
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
      post({ v: 1, type: 'error', runId, kind: 'training', message: e instanceof Error ? e.message : String(e) });
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

  return (data: unknown) => {
    const v = validateImagesCommand(data);
    if (!v.ok) {
      post({ v: 1, type: 'error', kind: 'invalid-command', message: `ignored a malformed command: ${v.error}` });
      return;
    }
    const cmd = v.command;
    switch (cmd.type) {
      case 'init':
        init(cmd.backend ?? 'auto', cmd.dataUrl ?? '../data/');
        return;
      case 'run':
        void train(cmd.runId, cmd.config);
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
  };
}

// In a worker (not under Node tests): wire the handler to the global scope.
declare const WorkerGlobalScope: unknown;
if (typeof self !== 'undefined' && typeof WorkerGlobalScope !== 'undefined') {
  const scope = self as unknown as { postMessage: (m: unknown, t?: Transferable[]) => void; onmessage: ((e: MessageEvent) => void) | null };
  const handler = createImagesWorkerHandler((e, t) => scope.postMessage(e, t ?? []));
  scope.onmessage = (e: MessageEvent) => handler(e.data);
}
