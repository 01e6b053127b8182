/**
 * Resuming an image run from a checkpoint (what a replacement images worker does after a crash): on the tfjs CPU
 * backend, a run checkpointed halfway, disposed, and continued in a new `ImageRun` from the checkpoint ends with
 * exactly the uninterrupted run's parameters and evaluation. Exact, not approximate: the checkpoint holds the stored
 * floats byte for byte, and every later batch depends only on (seed, member, step).
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { IMAGE_PRESETS, ImageRun, loadImageData, storedEnsembleMismatch, type ImageDataSets, type ImageRunCheckpoint, type ImageRunConfig } from '../../../src/core/images';
import { validateImagesCommand } from '../../../src/worker/imagesProtocol';

const dir = join(process.cwd(), 'public', 'data');
let data: ImageDataSets;

/** Smaller than the tiny preset so the three runs below take a few seconds on the CPU backend. */
const CONFIG: ImageRunConfig = { ...IMAGE_PRESETS.tiny, trainCount: 200, epochs: 3, evalCount: 30, groupAverageCount: 8 };

beforeAll(async () => {
  await tf.setBackend('cpu');
  if (!existsSync(join(dir, 'manifest.json'))) execFileSync('node', [join(process.cwd(), 'scripts', 'prepare-data.mjs'), '--quiet']);
  data = await loadImageData(async (f) => readFileSync(join(dir, f), 'utf8'), async (f) => new Uint8Array(readFileSync(join(dir, f))));
}, 60_000);

const newRun = (from?: ImageRunCheckpoint) => new ImageRun(CONFIG, data.train, data.test, data.ood, 10, from);

describe('image run checkpoints', () => {
  it('a run resumed from a mid-training checkpoint ends exactly where the uninterrupted run ends', async () => {
    const before = tf.memory().numTensors;
    const straight = newRun();
    expect(straight.totalSteps).toBe(12);
    while (!straight.done) straight.trainStep();
    const straightEnd = await straight.checkpoint();
    const straightEval = await straight.evaluate();
    straight.dispose();

    const first = newRun();
    for (let s = 0; s < 5; s++) first.trainStep();
    const mid = await first.checkpoint();
    first.dispose(); // the worker died
    expect(mid.step).toBe(5);

    const resumed = newRun(mid);
    expect(resumed.step).toBe(5);
    while (!resumed.done) resumed.trainStep();
    const resumedEnd = await resumed.checkpoint();
    const resumedEval = await resumed.evaluate();
    resumed.dispose();

    expect(resumedEnd.step).toBe(12);
    for (const key of ['da', 'canon'] as const) {
      resumedEnd[key].W.forEach((w, l) => expect(w).toEqual(straightEnd[key].W[l]));
      resumedEnd[key].b.forEach((b, l) => expect(b).toEqual(straightEnd[key].b[l]));
    }
    expect(resumedEval).toEqual(straightEval);
    // Not a trivially equal pair: training moved the weights away from the start.
    const start = newRun();
    const init = await start.checkpoint();
    start.dispose();
    expect(init.da.W[0]).not.toEqual(straightEnd.da.W[0]);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('a checkpoint taken when training ends rebuilds the finished run (for the probe)', async () => {
    const run = newRun();
    while (!run.done) run.trainStep();
    const end = await run.checkpoint();
    const probe = await run.probe('test', 3, 0.3);
    run.dispose();
    const rebuilt = newRun(end);
    expect(rebuilt.done).toBe(true);
    expect(await rebuilt.probe('test', 3, 0.3)).toEqual(probe);
    rebuilt.dispose();
  }, 60_000);

  it('refuses a checkpoint that does not fit the run, saying why, without leaking tensors', async () => {
    const run = newRun();
    const cp = await run.checkpoint();
    run.dispose();
    const before = tf.memory().numTensors;
    const wrongWidth = { ...cp, canon: { ...cp.canon, W: [cp.canon.W[0].subarray(1), ...cp.canon.W.slice(1)] } };
    expect(() => newRun(wrongWidth)).toThrow(/layer 0 weights: expected 150528 values, got 150527/);
    expect(tf.memory().numTensors).toBe(before);
    expect(() => newRun({ ...cp, step: 13 })).toThrow(/step 13 is outside 0 … 12/);
    expect(storedEnsembleMismatch(run.arch, 3, { W: cp.da.W.slice(1), b: cp.da.b })).toMatch(/expected 2 layers/);
  }, 60_000);

  it('the resume, restore and init commands are validated', async () => {
    const run = newRun();
    const checkpoint = await run.checkpoint();
    run.dispose();
    const ok = validateImagesCommand({ v: 1, type: 'resume', runId: 2, config: CONFIG, checkpoint, trainSeconds: 1.5 });
    expect(ok.ok && ok.message.type === 'resume' && ok.message.checkpoint.step).toBe(0);
    expect(validateImagesCommand({ v: 1, type: 'restore', runId: 2, config: CONFIG, checkpoint }).ok).toBe(true);
    expect(validateImagesCommand({ v: 1, type: 'init', backend: 'webgl', exclude: ['webgl'] }).ok).toBe(true);
    const err = (m: unknown) => {
      const r = validateImagesCommand(m);
      return r.ok ? '' : r.error;
    };
    expect(err({ v: 1, type: 'init', exclude: ['cuda'] })).toMatch(/exclude must be a list of backend names/);
    expect(err({ v: 1, type: 'resume', runId: 2, config: CONFIG, checkpoint, trainSeconds: -1 })).toMatch(/trainSeconds/);
    expect(err({ v: 1, type: 'resume', runId: 2, config: CONFIG, checkpoint: { ...checkpoint, step: 1.5 }, trainSeconds: 0 })).toMatch(/checkpoint.step/);
    expect(err({ v: 1, type: 'restore', runId: 2, config: CONFIG, checkpoint: { ...checkpoint, da: { W: [[1, 2]], b: checkpoint.da.b } } })).toMatch(/checkpoint.da.W must be a list of 1 to 5 Float32Arrays/);
    expect(err({ v: 1, type: 'restore', runId: 2, config: CONFIG, checkpoint: { ...checkpoint, canon: null } })).toMatch(/checkpoint.canon must be an object/);
  }, 60_000);
});
