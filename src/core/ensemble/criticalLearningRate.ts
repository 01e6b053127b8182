import { augmentedTrainingSetFloat64 } from '../ntk/augmentFloat64';
import { ntkMatrix } from '../ntk/kernelInvariance';
import { cyclicAngles } from '../groups/rotation2d';
import type { EnsembleConfig } from './config';

/**
 * The infinite-width critical learning rate of a toy config: lr_c = 2N / λ_max(Θ(X, X)) on its augmented training
 * set (reference §1 and calibration.md), above which the linearised gradient-descent dynamics diverge. λ_max by power
 * iteration on the float64 NTK matrix. For SO(2) partial augmentation the C16 orbit stands in for the full orbit.
 * Returns undefined where the analytic ReLU NTK does not apply (tanh) or there are no points.
 */
export function configCriticalLearningRate(config: EnsembleConfig): number | undefined {
  if (config.activation !== 'relu' || config.points.length === 0) return undefined;
  const n = config.group.kind === 'cyclic' ? config.group.n : 16;
  const set = augmentedTrainingSetFloat64(
    config.points.map((p) => ({ x: [p.x[0], p.x[1]], y: p.y })),
    cyclicAngles(n),
  );
  const K = ntkMatrix(set.X, { depth: config.depth, sigmaW: config.sigmaW, sigmaB: config.sigmaB });
  const N = K.length;
  let v = new Float64Array(N).fill(1 / Math.sqrt(N));
  let lambda = 0;
  for (let it = 0; it < 200; it++) {
    const w = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      let s = 0;
      for (let j = 0; j < N; j++) s += K[i][j] * v[j];
      w[i] = s;
    }
    const norm = Math.hypot(...w);
    if (norm === 0) return undefined;
    const next = norm;
    v = w.map((x) => x / norm);
    if (Math.abs(next - lambda) <= 1e-12 * next) {
      lambda = next;
      break;
    }
    lambda = next;
  }
  return (2 * N) / lambda;
}
