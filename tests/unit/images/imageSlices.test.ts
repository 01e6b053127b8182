/**
 * The images lab on a pool of workers: each worker trains a slice of both ensembles' members; the page joins the
 * slices' final checkpoints in member order and one worker evaluates the joined ensembles. Member k's trained
 * weights must not depend on the split: 1, 2 and 3 slices give byte-identical joined checkpoints, and the joined
 * run's evaluation equals the one-worker run's exactly. A slice resumed through the pool's checkpoint join (a worker
 * dropped mid-run) also ends where the whole run ends.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { IMAGE_PRESETS, ImageRun, imageArchitecture, loadImageData, type ImageDataSets, type ImageRunCheckpoint, type ImageRunConfig } from '../../../src/core/images';
import { imageCheckpointMembers, imageCheckpointOfMembers } from '../../../src/core/images/imageSlice';
import { splitMembers, type MemberSlice } from '../../../src/core/ensemble/memberSlice';
import { PoolCheckpoints } from '../../../src/state/poolCheckpoints';
import { useCpuBackend } from '../engine/setupCpu';

const dir = join(process.cwd(), 'public', 'data');
let data: ImageDataSets;

const CONFIG: ImageRunConfig = { ...IMAGE_PRESETS.tiny, ensembleSize: 4, hidden: 32, trainCount: 200, epochs: 2, evalCount: 24, groupAverageCount: 6, seed: 7 };

beforeAll(async () => {
  await useCpuBackend();
  if (!existsSync(join(dir, 'manifest.json'))) execFileSync('node', [join(process.cwd(), 'scripts', 'prepare-data.mjs'), '--quiet']);
  data = await loadImageData(async (f) => readFileSync(join(dir, f), 'utf8'), async (f) => new Uint8Array(readFileSync(join(dir, f))));
}, 60_000);

const newRun = (from?: ImageRunCheckpoint, slice?: MemberSlice) => new ImageRun(CONFIG, data.train, data.test, data.ood, 10, from, slice);

/** Train `slice` (from `from`, else its seed) to the end: its final checkpoint and last losses. */
async function trainSlice(slice: MemberSlice, from?: ImageRunCheckpoint, until = Infinity) {
  const run = newRun(from, slice);
  while (!run.done && run.step < until) run.trainStep();
  const checkpoint = await run.checkpoint();
  const loss = await run.lastLoss();
  run.dispose();
  return { checkpoint, loss };
}

/** Join slices' checkpoints in member order as the page does (via the pool's per-member shape). */
function joinSlices(parts: { checkpoint: ImageRunCheckpoint }[]): ImageRunCheckpoint {
  const arch = imageArchitecture(CONFIG, 28 * 28, 10);
  const members = parts.map((p) => imageCheckpointMembers(arch, p.checkpoint));
  return imageCheckpointOfMembers({ step: members[0].step, params: members.flatMap((m) => m.params), noAugParams: members.flatMap((m) => m.noAugParams!) });
}

function expectSameFloats(a: ImageRunCheckpoint, b: ImageRunCheckpoint) {
  expect(a.step).toBe(b.step);
  for (const key of ['da', 'canon'] as const) {
    a[key].W.forEach((w, l) => expect(Buffer.from(w.buffer, w.byteOffset, w.byteLength).equals(Buffer.from(b[key].W[l].buffer, b[key].W[l].byteOffset, b[key].W[l].byteLength))).toBe(true));
    a[key].b.forEach((x, l) => expect(Array.from(x)).toEqual(Array.from(b[key].b[l])));
  }
}

describe('image run member slices (tfjs CPU backend)', () => {
  it('1, 2 and 3 slices train every member bit-identically and the joined run evaluates to the one-worker result', async () => {
    const before = tf.memory().numTensors;
    const whole = newRun();
    const init = await whole.checkpoint();
    while (!whole.done) whole.trainStep();
    expect(whole.totalSteps).toBe(8);
    const wholeEnd = await whole.checkpoint();
    const wholeLoss = (await whole.lastLoss())!;
    const wholeEval = await whole.evaluate();
    whole.dispose();
    expect(wholeEnd.da.W[0]).not.toEqual(init.da.W[0]); // it trained

    for (const workers of [1, 2, 3]) {
      const slices = splitMembers(CONFIG.ensembleSize, workers);
      expect(slices).toHaveLength(workers);
      const parts = [];
      for (const slice of slices) parts.push(await trainSlice(slice));
      const joined = joinSlices(parts);
      expectSameFloats(joined, wholeEnd);
      // The pool's loss: the member-weighted mean of the slices' mean losses (equal up to rounding).
      const weighted = parts.reduce((a, p, i) => a + slices[i].count * p.loss!.da, 0) / CONFIG.ensembleSize;
      expect(weighted).toBeCloseTo(wholeLoss.da, 5);
      const evaluator = newRun(joined);
      expect(evaluator.done).toBe(true);
      expect(await evaluator.evaluate()).toEqual(wholeEval);
      evaluator.dispose();
    }
    expect(wholeEval.routes.ensemble.accuracy.mean).toBeGreaterThan(0.1);
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('a dropped worker: its neighbour resumes the joined slice from their common checkpoint and ends where the whole run ends', async () => {
    const wholeEnd = (await trainSlice({ start: 0, count: 4 })).checkpoint;
    const arch = imageArchitecture(CONFIG, 28 * 28, 10);
    const cps = new PoolCheckpoints();
    const [a, b] = splitMembers(4, 2);
    for (const s of [a, b]) cps.add(s.start, imageCheckpointMembers(arch, (await trainSlice(s, undefined, 3)).checkpoint), [a.start, b.start]);
    const joined = cps.join(b, a);
    expect(joined.slice).toEqual({ start: 0, count: 4 });
    expect(joined.step).toBe(3);
    const resumed = await trainSlice(joined.slice, imageCheckpointOfMembers(joined.checkpoint!));
    expectSameFloats(resumed.checkpoint, wholeEnd);
  }, 120_000);

  it('a slice refuses to evaluate or probe, and a slice outside the ensemble is refused', async () => {
    const run = newRun(undefined, { start: 1, count: 2 });
    await expect(run.evaluate()).rejects.toThrow(/needs the whole ensemble/);
    await expect(run.probe('test', 0, 0)).rejects.toThrow(/needs the whole ensemble/);
    run.dispose();
    expect(() => newRun(undefined, { start: 3, count: 2 })).toThrow(/members 3 … 4 are not members of an ensemble of 4/);
  });
});
