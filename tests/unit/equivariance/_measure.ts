import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { DEFAULT_VECTOR_CONFIG, VectorRun, type VectorConfig, type VectorSnapshot } from '../../../src/core/equivariance';

async function run(cfg: VectorConfig, label: string) {
  const r = new VectorRun(cfg);
  const t0 = Date.now();
  await r.runUntil(cfg.steps, {
    onSnapshot: (s: VectorSnapshot) => {
      const m = s.metrics;
      console.log(label, s.step, 'loss', m.loss.toFixed(4), 'abs mean/member', m.mean.off.meanDeviation.toExponential(2), m.member.off.meanDeviation.toExponential(2),
        'ratioAbs', (m.member.off.meanDeviation / m.mean.off.meanDeviation).toFixed(2), 'rstd mean/member', m.mean.off.relativeStd.toFixed(3), m.member.off.relativeStd.toFixed(3),
        'ratioRel', (m.member.off.relativeStd / m.mean.off.relativeStd).toFixed(2), 't', Date.now() - t0);
    },
  });
  r.dispose();
}
async function main() {
  await tf.setBackend('cpu');
  const steps = Number(process.argv[2] ?? 300);
  const E = Number(process.argv[3] ?? 32);
  const W = Number(process.argv[4] ?? 32);
  for (const seed of [1, 2]) {
    await run({ ...DEFAULT_VECTOR_CONFIG, ensembleSize: E, width: W, steps, seed }, `seed${seed}`);
  }
  await run({ ...DEFAULT_VECTOR_CONFIG, ensembleSize: E, width: W, steps, seed: 1, wrongRepresentation: true }, 'wrong');
}
main();
