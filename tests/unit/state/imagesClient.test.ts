/**
 * The images lab's page-side pool (ImagesClient on WorkerPool), driven with stand-in workers in Node: the slices'
 * progress combines to the slowest step and member-weighted losses; once every slice has posted its trained members,
 * the joined ensemble (members in order) goes to one worker to evaluate; a replaced evaluator trains its slice's last
 * step again and is sent the evaluation again; after the result a replaced evaluator rebuilds the finished run for
 * the probe and resumes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_PRESETS, type ImageRunCheckpoint, type ImageRunConfig } from '../../../src/core/images';
import type { ImagesEvent } from '../../../src/worker/imagesProtocol';

/** A stand-in for a Web Worker: records what was posted, lets the test answer as the worker and crash it. */
class FakeWorker {
  static all: FakeWorker[] = [];
  posted: Record<string, unknown>[] = [];
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  constructor(
    _url: unknown,
    readonly options: { name: string },
  ) {
    FakeWorker.all.push(this);
  }
  postMessage(m: Record<string, unknown>) {
    this.posted.push(m);
  }
  terminate() {}
  send(e: ImagesEvent) {
    this.onmessage?.({ data: e });
  }
  crash() {
    this.onerror?.({ message: 'boom', preventDefault: () => undefined });
  }
  types() {
    return this.posted.map((m) => m.type);
  }
}

/** The live stand-in of pool worker i (the newest one it spawned). */
const live = (i: number) => FakeWorker.all.filter((w) => w.options.name === `symmetry-lab-images-${i}`).at(-1)!;

const saved: Record<string, unknown> = {};
beforeAll(() => {
  for (const k of ['Worker', 'window', 'document', 'navigator']) saved[k] = (globalThis as Record<string, unknown>)[k];
  const set = (k: string, v: unknown) => Object.defineProperty(globalThis, k, { value: v, configurable: true, writable: true });
  set('Worker', FakeWorker);
  set('window', { location: { hash: '#/lab/images?workers=2', search: '' } });
  set('document', { baseURI: 'http://localhost/', hidden: false, addEventListener() {}, removeEventListener() {} });
  set('navigator', { hardwareConcurrency: 4 });
});
afterAll(() => {
  for (const [k, v] of Object.entries(saved)) Object.defineProperty(globalThis, k, { value: v, configurable: true, writable: true });
});

const CONFIG: ImageRunConfig = { ...IMAGE_PRESETS.tiny, ensembleSize: 3, hidden: 4, depth: 1 };
const SIZES = [784, 4, 10];

/** A checkpoint of members start … start+count−1 whose every float is its member's index (+ 100 for Canon). */
function checkpoint(step: number, start: number, count: number): ImageRunCheckpoint {
  const ens = (offset: number) => ({
    W: [0, 1].map((l) => Float32Array.from({ length: count * SIZES[l] * SIZES[l + 1] }, (_, i) => offset + start + Math.floor(i / (SIZES[l] * SIZES[l + 1])))),
    b: [0, 1].map((l) => Float32Array.from({ length: count * SIZES[l + 1] }, (_, i) => offset + start + Math.floor(i / SIZES[l + 1]))),
  });
  return { step, da: ens(0), canon: ens(100) };
}

const progress = (runId: number, start: number, count: number, step: number, loss: number): ImagesEvent => ({
  v: 1,
  type: 'progress',
  runId,
  phase: 'training',
  step,
  totalSteps: 36,
  fraction: 0,
  imagesPerSecondPerMember: 1000,
  etaSeconds: 1,
  loss,
  canonLoss: loss + 1,
  start,
  count,
});

describe('ImagesClient on the worker pool', () => {
  it('joins the slices, evaluates on one worker, re-sends the evaluation to a replaced evaluator and rebuilds the finished run', async () => {
    const { ImagesClient } = await import('../../../src/state/imagesClient');
    const { useImagesStore } = await import('../../../src/state/imagesStore');
    useImagesStore.setState({ data: { train: 8000, test: 1000, ood: 1000, classes: Array.from({ length: 10 }, (_, i) => `c${i}`), oodClasses: [], size: 28, loadMs: 1 } });
    const client = new ImagesClient();
    client.start('wasm');
    expect(useImagesStore.getState().workers).toBe(2);
    client.run(CONFIG);
    const runId = useImagesStore.getState().runId;
    expect(live(0).posted.at(-1)).toMatchObject({ type: 'run', runId, slice: { start: 0, count: 2 } });
    expect(live(1).posted.at(-1)).toMatchObject({ type: 'run', runId, slice: { start: 2, count: 1 } });

    live(0).send(progress(runId, 0, 2, 20, 1));
    live(1).send(progress(runId, 2, 1, 30, 4));
    const p = useImagesStore.getState().progress!;
    expect(p.step).toBe(20);
    expect(p.loss).toBeCloseTo((2 * 1 + 1 * 4) / 3, 12);
    expect(p.canonLoss).toBeCloseTo((2 * 2 + 1 * 5) / 3, 12);
    expect(p.imagesPerSecondPerMember).toBe(2000);
    // A stale slice (not this worker's) is ignored.
    live(1).send(progress(runId, 0, 2, 1, 99));
    expect(useImagesStore.getState().progress!.step).toBe(20);
    // A worker whose loop a joined slice superseded says 'cancelled' for the same run: the run goes on.
    live(0).send({ v: 1, type: 'cancelled', runId });
    expect(useImagesStore.getState().phase).toBe('training');

    live(1).send({ v: 1, type: 'trained', runId, start: 2, count: 1, checkpoint: checkpoint(36, 2, 1), trainSeconds: 1 });
    expect(live(1).types().filter((t) => t === 'resume')).toHaveLength(0);
    live(0).send({ v: 1, type: 'trained', runId, start: 0, count: 2, checkpoint: checkpoint(36, 0, 2), trainSeconds: 1 });
    const evaluation = live(0).posted.at(-1) as { type: string; slice?: unknown; checkpoint: ImageRunCheckpoint };
    expect(evaluation.type).toBe('resume');
    expect(evaluation.slice).toBeUndefined();
    expect(evaluation.checkpoint.step).toBe(36);
    // Members in order: layer 1's biases are 10 floats per member, holding the member index.
    expect(Array.from(evaluation.checkpoint.da.b[1]).filter((_, i) => i % 10 === 0)).toEqual([0, 1, 2]);
    expect(Array.from(evaluation.checkpoint.canon.W[0]).filter((_, i) => i % 3136 === 0)).toEqual([100, 101, 102]);

    // The evaluator crashes: it resumes its slice from the final checkpoint, and once it has trained it evaluates again.
    const first = live(0);
    first.crash();
    const second = live(0);
    expect(second).not.toBe(first);
    expect(second.posted.at(-1)).toMatchObject({ type: 'resume', runId, slice: { start: 0, count: 2 } });
    expect(useImagesStore.getState().recovery).toMatch(/^The images worker crashed \(boom\)\. Restarted the images worker; resumed the run from step 36 \(members 0–1\)\./);
    second.send({ v: 1, type: 'trained', runId, start: 0, count: 2, checkpoint: checkpoint(36, 0, 2), trainSeconds: 1 });
    expect(second.posted.at(-1)).toMatchObject({ type: 'resume', runId, checkpoint: { step: 36 } });
    expect(second.posted.at(-1)).not.toHaveProperty('slice');
    // A result from the old evaluator would be stale; the new one's counts.
    const routes = { accuracy: { mean: 0.5, std: 0, se: 0 }, ospIn: { mean: 3, std: 0, se: 0 }, ospOut: { mean: 3, std: 0, se: 0 }, forwardPasses: 1 };
    const result: ImagesEvent = {
      v: 1,
      type: 'result',
      runId,
      config: CONFIG,
      evaluation: { groupOrder: 4, evalCount: 100, oodCount: 100, groupAverageCount: 40, routes: { ensemble: routes, member: routes, canonical: routes, groupAverage: routes } },
      trainSeconds: 2,
      evalSeconds: 0.5,
      backend: 'wasm',
      imagesPerSecondPerMember: 0,
    };
    live(1).send(result);
    expect(useImagesStore.getState().phase).toBe('training');
    second.send(result);
    expect(useImagesStore.getState().phase).toBe('done');
    // The result's speed is the slices' together, not the evaluator's (which trained nothing).
    expect(useImagesStore.getState().lastResult!.imagesPerSecondPerMember).toBe(2000);

    // The probe goes to the worker holding the finished run; a replacement rebuilds it and resumes nothing.
    client.probe('test', 3, 0.5);
    expect(second.posted.at(-1)).toMatchObject({ type: 'probe', runId, set: 'test', index: 3 });
    second.crash();
    const third = live(0);
    expect(third.types()).toEqual(['init', 'restore']);
    expect((third.posted[1] as { checkpoint: ImageRunCheckpoint }).checkpoint.step).toBe(36);
    expect(useImagesStore.getState().recovery).toMatch(/no run was in progress/);
    expect(live(1).types().at(-1)).toBe('run');

    // The user's cancel reaches every worker training a slice, and their 'cancelled' ends the run.
    client.run(CONFIG);
    const next = useImagesStore.getState().runId;
    client.cancel();
    expect(live(0).posted.at(-1)).toEqual({ v: 1, type: 'cancel', runId: next });
    expect(live(1).posted.at(-1)).toEqual({ v: 1, type: 'cancel', runId: next });
    live(1).send({ v: 1, type: 'cancelled', runId: next });
    expect(useImagesStore.getState().phase).toBe('cancelled');
    expect(useImagesStore.getState().running).toBe(false);
  });
});
