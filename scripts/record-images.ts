/**
 * Regenerate public/recordings/images.json: the images lab's recorded results (see
 * src/ui/panels/images/imagesRecording.ts), shown at once in the lab until a live run replaces them.
 *   npx tsx scripts/record-images.ts [--backend wasm|cpu] [id …]     ids: tiny-C4 quick-C4 quick-C8 quick-C16
 * Each run is the worker's engine (ImageRun) at a preset, seed 1, trained and evaluated exactly as the lab does, plus
 * one probe (test image 0, unrotated). The file is rewritten after every run, so an interrupted regeneration keeps
 * the finished ones. tests/unit/recordings/imagesRecording.test.ts retrains tiny-C4 on the CPU backend and compares.
 */
import fs from 'node:fs';
import path from 'node:path';
import { IMAGE_PRESETS, ImageRun, loadImageData, type ImagePresetId } from '../src/core/images';
import { runRecordingScript } from './recordingCli';
import { IMAGES_RECORDING_FILE, IMAGES_RECORDING_FORMAT, storeProbe, type ImagesRecording, type RecordedImageRun } from '../src/ui/panels/images/imagesRecording';

export const IMAGE_RECORDING_RUNS: { preset: ImagePresetId; group: number }[] = [
  { preset: 'tiny', group: 4 },
  { preset: 'quick', group: 4 },
  { preset: 'quick', group: 8 },
  { preset: 'quick', group: 16 },
];

runRecordingScript(async ({ backend, wanted }) => {
  const dataDir = path.resolve('public/data');
  const data = await loadImageData(async (f) => fs.readFileSync(path.join(dataDir, f), 'utf8'), async (f) => new Uint8Array(fs.readFileSync(path.join(dataDir, f))));
  const out = path.resolve('public/recordings', IMAGES_RECORDING_FILE);
  const previous: RecordedImageRun[] = fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, 'utf8')) as ImagesRecording).runs : [];
  const runs = new Map(previous.map((r) => [r.id, r]));
  for (const { preset, group } of IMAGE_RECORDING_RUNS) {
    const id = `${preset}-C${group}`;
    if (!wanted(id)) continue;
    const config = { ...IMAGE_PRESETS[preset], group, seed: 1 };
    const t0 = Date.now();
    const run = new ImageRun(config, data.train, data.test, data.ood);
    while (!run.done) run.trainStep();
    await run.lastLoss();
    const t1 = Date.now();
    const evaluation = await run.evaluate();
    const t2 = Date.now();
    const probe = storeProbe(await run.probe('test', 0, 0), 'test', 0, 0);
    run.dispose();
    runs.set(id, { id, preset, config, evaluation, trainSeconds: (t1 - t0) / 1000, evalSeconds: (t2 - t1) / 1000, backend, probe });
    const recording: ImagesRecording = {
      format: IMAGES_RECORDING_FORMAT,
      version: 1,
      generator: 'scripts/record-images.ts: ImageRun (src/core/images/imageRun.ts), Node',
      runs: IMAGE_RECORDING_RUNS.map((r) => runs.get(`${r.preset}-C${r.group}`)).filter((r): r is RecordedImageRun => !!r),
    };
    fs.writeFileSync(out, JSON.stringify(recording));
    const o = evaluation.routes;
    console.log(
      `${id}: ${((t2 - t0) / 1000).toFixed(1)} s; OSP out DeepEns+DA ${o.ensemble.ospOut.mean.toFixed(2)}, only DA ${o.member.ospOut.mean.toFixed(2)}, Canon ${o.canonical.ospOut.mean.toFixed(2)}; accuracy ${o.ensemble.accuracy.mean.toFixed(3)}; file ${(fs.statSync(out).size / 1024).toFixed(1)} KiB`,
    );
  }
});
