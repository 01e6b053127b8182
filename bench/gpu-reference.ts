/**
 * `npm run bench:gpu:reference` (bundled by esbuild, then run by node: tsx cannot resolve tfjs-core's ESM build): the default toy run (2000 steps, 11 full snapshots, no light frames) on this CPU,
 * wasm backend with the fused SIMD step, summarised into bench/results/gpu-reference.json. bench/gpu-entry.ts is
 * bundled with that file and compares the GPU's run of the same configuration with it (bench/gpuReference.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { DEFAULT_CONFIG, ToyRun, type EnsembleConfig } from '../src/core';
import { installFusedSgdStep } from '../src/core/ensemble/fusedSgdStep';
import { selectStepEngine } from '../src/core/ensemble/selectStepEngine';
import type { Snapshot } from '../src/core/ensemble/snapshot';
import { summarize, type GpuReference } from './gpuReference';
import { againstReference } from './gpuChecks';

async function main() {
  // Bundled (esbuild, see package.json): the backend's binaries are found where npm put them, not beside the bundle.
  setWasmPaths(`${process.cwd()}/node_modules/@tensorflow/tfjs-backend-wasm/dist/`);
  if (!(await tf.setBackend('wasm'))) throw new Error("tf.setBackend('wasm') failed");
  await tf.ready();
  const obstacle = installFusedSgdStep(new WebAssembly.Module(fs.readFileSync('src/kernels/build/ensembleSgdStep.wasm')), 'SIMD128');
  if (obstacle) throw new Error(obstacle);
  const choice = selectStepEngine('wasm');
  const config: EnsembleConfig = { ...DEFAULT_CONFIG, lightFrames: false };
  const run = new ToyRun(config);
  const snapshots: Snapshot[] = [];
  const t0 = performance.now();
  await run.runUntil(config.steps, { onSnapshot: (s) => snapshots.push(s) });
  const seconds = (performance.now() - t0) / 1000;
  run.dispose();
  const last = snapshots[snapshots.length - 1];
  const ref: GpuReference = {
    machine: `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}`,
    backend: `wasm, ${choice.reason}`,
    date: new Date().toISOString(),
    config: { group: config.group, ensembleSize: config.ensembleSize, width: config.width, depth: config.depth, steps: config.steps, seed: config.seed },
    snapshots: snapshots.map(summarize),
    finalMean: Array.from(last.mean),
    finalNoAugMean: last.noAugMean ? Array.from(last.noAugMean) : null,
  };
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync('bench/results/gpu-reference.json', JSON.stringify(ref) + '\n');
  console.log(`${snapshots.length} snapshots in ${seconds.toFixed(1)} s; steps ${snapshots.map((s) => s.step).join(' ')}`);
  console.log('last:', JSON.stringify(ref.snapshots[ref.snapshots.length - 1]));
  // The comparison the GPU run makes, of this run with itself: every difference must be exactly 0.
  const self = againstReference(snapshots, JSON.parse(JSON.stringify(ref)) as GpuReference);
  if (self.worstScalar !== 0 || self.finalMeanVsReference !== 0) throw new Error(`self-comparison is not 0: ${JSON.stringify(self)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
