/**
 * Where an images-lab run spends its time, in Node on tfjs's wasm backend (single thread, like the lab's worker):
 *
 *   npx tsx bench/images-profile.ts [preset=quick] [group=4] [epochs] [--reference]
 *
 * Times, separately: building the augmented batches in JS (rotation, mask, canonicaliser), the training steps of both
 * ensembles (synchronised by reading the loss after each step), reading the loss, and the evaluation. With the fused
 * cross-entropy kernel when it is built and loads, or `--reference` for the tfjs-op step. Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { IMAGE_PRESETS, ImageRun, loadImageData, type ImagePresetId } from '../src/core/images';
import { installFusedSgdStep } from '../src/core/ensemble/fusedSgdStep';
import { selectStepEngine } from '../src/core/ensemble/selectStepEngine';
import { crossEntropyStepUnavailable, installFusedCrossEntropyStep, setFusedCrossEntropyStepEnabled } from '../src/core/images/fusedCrossEntropyStep';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const reference = process.argv.includes('--reference');
const preset = (args[0] ?? 'quick') as ImagePresetId;
const group = Number(args[1] ?? 4);
const base = IMAGE_PRESETS[preset];
const config = { ...base, group, epochs: args[2] ? Number(args[2]) : base.epochs };

const now = () => performance.now();

async function main() {
  await tf.setBackend('wasm');
  await tf.ready();
  const kernels = 'src/kernels/build';
  installFusedSgdStep(new WebAssembly.Module(readFileSync(join(kernels, 'ensembleSgdStep.wasm'))));
  installFusedCrossEntropyStep(new WebAssembly.Module(readFileSync(join(kernels, 'crossEntropyStep.wasm'))));
  // --reference: today's lab before the kernel (tfjs-op step, tfjs-op forward pass in the evaluation).
  setFusedCrossEntropyStepEnabled(!reference);
  selectStepEngine('wasm', !reference ? null : 'the fused kernel is switched off for the comparison');
  const dir = join(process.cwd(), 'public', 'data');
  const t0 = now();
  const data = await loadImageData(async (f) => readFileSync(join(dir, f), 'utf8'), async (f) => new Uint8Array(readFileSync(join(dir, f))));
  const dataMs = now() - t0;
  const run = new ImageRun(config, data.train, data.test, data.ood);
  // Time the private batch builder by wrapping it on this instance.
  const proto = Object.getPrototypeOf(run) as { buildBatch: (s: number) => unknown };
  const build = proto.buildBatch;
  let batchMs = 0;
  (run as unknown as { buildBatch: (s: number) => unknown }).buildBatch = (s: number) => {
    const b0 = now();
    const out = build.call(run, s);
    batchMs += now() - b0;
    return out;
  };
  let stepMs = 0;
  let lossMs = 0;
  const tTrain = now();
  while (!run.done) {
    const s0 = now();
    run.trainStep();
    stepMs += now() - s0;
    const l0 = now();
    await run.lastLoss();
    lossMs += now() - l0;
  }
  const trainMs = now() - tTrain;
  const loss = await run.lastLoss();
  const e0 = now();
  const ev = await run.evaluate();
  const evalMs = now() - e0;
  run.dispose();
  console.log(
    JSON.stringify({
      preset,
      group,
      epochs: config.epochs,
      steps: run.totalSteps,
      step: reference ? 'tfjs ops (reference)' : crossEntropyStepUnavailable() ?? 'fused kernel',
      dataMs: Math.round(dataMs),
      trainMs: Math.round(trainMs),
      batchMs: Math.round(batchMs),
      stepOpsMs: Math.round(stepMs - batchMs),
      lossReadMs: Math.round(lossMs),
      evalMs: Math.round(evalMs),
      totalMs: Math.round(dataMs + trainMs + evalMs),
      loss,
      ensembleAccuracy: ev.routes.ensemble.accuracy.mean,
      load: os.loadavg().map((x) => x.toFixed(2)).join(' '),
    }),
  );
}
void main();
