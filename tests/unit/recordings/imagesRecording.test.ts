/**
 * The images lab's recorded results (public/recordings/images.json) equal the live computation. The Tiny C4 entry is
 * retrained here from seed 1 on the tfjs CPU backend with the worker's engine (ImageRun) and compared score by score
 * and probe by probe; every entry's configuration must still be its preset's (a changed preset makes the file stale
 * and fails here, so the lab can never show numbers its own code would not produce).
 *
 * Tolerance. The file is computed on wasm, the check on the CPU backend: the same float32 maths in a different order,
 * so the logits differ by ~1e-6 relative (measured: every score identical, probe probabilities within 1e-5 at
 * seed 1). A score only moves if such a difference flips an argmax, which changes one image's prediction: accuracy
 * by 1/evalCount, an image's OSP by at most |G| − 1 = 3 and so the mean OSP by 3/evalCount. We allow one such flip
 * (0.01 and 0.03 at evalCount = 100), and 1e-4 on probe probabilities (stored to 5 decimals, 5e-6 rounding).
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { IMAGE_PRESETS, ImageRun, loadImageData, type ImageDataSets, type ImageRouteId } from '../../../src/core/images';
import { IMAGES_RECORDING_FILE, validateImagesRecording, type ImagesRecording } from '../../../src/ui/panels/images/imagesRecording';

const dataDir = path.join(process.cwd(), 'public', 'data');
const file = path.join(process.cwd(), 'public', 'recordings', IMAGES_RECORDING_FILE);
let data: ImageDataSets;
let recording: ImagesRecording;

beforeAll(async () => {
  await tf.setBackend('cpu');
  if (!fs.existsSync(path.join(dataDir, 'manifest.json'))) execFileSync('node', [path.join(process.cwd(), 'scripts', 'prepare-data.mjs'), '--quiet']);
  data = await loadImageData(async (f) => fs.readFileSync(path.join(dataDir, f), 'utf8'), async (f) => new Uint8Array(fs.readFileSync(path.join(dataDir, f))));
  recording = validateImagesRecording(JSON.parse(fs.readFileSync(file, 'utf8')));
}, 60_000);

const ROUTES: ImageRouteId[] = ['ensemble', 'member', 'canonical', 'groupAverage'];

describe('recorded image results', () => {
  it('hold the Quick preset for C4, C8 and C16 and the Tiny C4 check run, at seed 1, with their presets unchanged', () => {
    expect(recording.runs.map((r) => r.id)).toEqual(['tiny-C4', 'quick-C4', 'quick-C8', 'quick-C16']);
    for (const r of recording.runs) {
      expect(r.config).toEqual({ ...IMAGE_PRESETS[r.preset], group: r.config.group, seed: 1 });
      expect(r.evaluation.groupOrder).toBe(r.config.group);
      // scores in range: OSP in [1, n], accuracy in [0, 1]
      for (const id of ROUTES) {
        const s = r.evaluation.routes[id];
        expect(s.ospOut.mean).toBeGreaterThanOrEqual(1);
        expect(s.ospOut.mean).toBeLessThanOrEqual(r.config.group);
        expect(s.accuracy.mean).toBeGreaterThan(0.1);
        expect(s.accuracy.mean).toBeLessThanOrEqual(1);
      }
      expect(r.probe.members).toHaveLength(r.config.ensembleSize * 10);
      expect(r.probe.orbitEnsemble).toHaveLength(r.config.group);
    }
    // small enough to ship and fetch on first paint
    expect(fs.statSync(file).size).toBeLessThan(64 * 1024);
  });

  it('Tiny C4 equals a fresh run at seed 1 on the CPU backend', async () => {
    const rec = recording.runs.find((r) => r.id === 'tiny-C4')!;
    const run = new ImageRun(rec.config, data.train, data.test, data.ood);
    while (!run.done) run.trainStep();
    const ev = await run.evaluate();
    const probe = await run.probe(rec.probe.set, rec.probe.index, rec.probe.theta);
    run.dispose();
    const flip = 1 / ev.evalCount;
    let worstProb = 0;
    for (const id of ROUTES) {
      const got = ev.routes[id];
      const want = rec.evaluation.routes[id];
      expect(Math.abs(got.accuracy.mean - want.accuracy.mean), `${id} accuracy`).toBeLessThanOrEqual(flip + 1e-9);
      expect(Math.abs(got.ospIn.mean - want.ospIn.mean), `${id} OSP in`).toBeLessThanOrEqual(3 * flip + 1e-9);
      expect(Math.abs(got.ospOut.mean - want.ospOut.mean), `${id} OSP out`).toBeLessThanOrEqual(3 * flip + 1e-9);
      expect(got.forwardPasses).toBe(want.forwardPasses);
    }
    expect(probe.label).toBe(rec.probe.label);
    for (const key of ['ensemble', 'members', 'canonical'] as const) {
      probe[key].forEach((v, i) => (worstProb = Math.max(worstProb, Math.abs(v - rec.probe[key][i]))));
    }
    expect(worstProb).toBeLessThan(1e-4);
    expect(Array.from(probe.orbitEnsemble)).toEqual(rec.probe.orbitEnsemble);
    console.log(`tiny-C4: OSP out ensemble ${ev.routes.ensemble.ospOut.mean} (recorded ${rec.evaluation.routes.ensemble.ospOut.mean}); worst probe probability difference ${worstProb.toExponential(2)}`);
  }, 120_000);
});
