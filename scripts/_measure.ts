import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { ToyRun, DEFAULT_CONFIG } from '../src/core/index';
console.log(await tf.setBackend(process.env.BK ?? 'cpu'), tf.getBackend());
const steps = Number(process.argv[2] ?? 200);
for (const seed of [1]) {
  const run = new ToyRun({ ...DEFAULT_CONFIG, seed, steps });
  const t0 = performance.now();
  await run.runUntil(steps, { onSnapshot: (s) => {
    const m = s.metrics;
    console.log(s.step, 'loss', m.loss.toFixed(4), 'mean off', m.mean.off.relativeStd.toFixed(3), 'member off', m.member.off.relativeStd.toFixed(3), 'ratio', (m.member.off.relativeStd/m.mean.off.relativeStd).toFixed(2), 'noaug', m.noAugMean?.off.relativeStd.toFixed(3), 'dev', m.mean.off.meanDeviation.toFixed(4), (performance.now()-t0).toFixed(0)+'ms');
  }});
  console.log('tensors', tf.memory().numTensors, 'time', performance.now() - t0);
  run.dispose();
}
