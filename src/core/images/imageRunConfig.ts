/**
 * One image run's configuration: the fields, the presets, the network it trains and the work it costs (steps,
 * multiply-adds, FLOPs), so the page can size a run before starting it. The run itself: imageRun.ts.
 */
import type { MlpArchitecture } from '../ensemble/architecture';
import { classifierStepFlops } from './classifier';

/** Everything that determines one image run. */
export interface ImageRunConfig {
  /** Order n of the rotation group C_n (4, 8 or 16). */
  group: number;
  ensembleSize: number;
  hidden: number;
  depth: number;
  /** Training images used (a prefix of the shipped training set). */
  trainCount: number;
  /** Test and OOD images used for accuracy and OSP. */
  evalCount: number;
  /** Images per set used for the group-averaging route, which costs n² forward passes per image. */
  groupAverageCount: number;
  epochs: number;
  batchSize: number;
  lr: number;
  seed: number;
  sigmaW: number;
  sigmaB: number;
}

export type ImagePresetId = 'tiny' | 'quick' | 'full';

/**
 * The presets. "tiny" is for CI and the end-to-end test; "quick" takes seconds and "full" about a minute (C4) to two
 * (C16) on a 2-core CPU with the fused cross-entropy step (docs/PERFORMANCE.md).
 */
export const IMAGE_PRESETS: Record<ImagePresetId, ImageRunConfig> = {
  tiny: { group: 4, ensembleSize: 3, hidden: 64, depth: 1, trainCount: 300, evalCount: 100, groupAverageCount: 40, epochs: 6, batchSize: 50, lr: 30, seed: 1, sigmaW: Math.SQRT2, sigmaB: 0.1 },
  quick: { group: 4, ensembleSize: 5, hidden: 128, depth: 2, trainCount: 2000, evalCount: 500, groupAverageCount: 100, epochs: 10, batchSize: 100, lr: 30, seed: 1, sigmaW: Math.SQRT2, sigmaB: 0.1 },
  full: { group: 4, ensembleSize: 8, hidden: 128, depth: 2, trainCount: 8000, evalCount: 1000, groupAverageCount: 200, epochs: 12, batchSize: 100, lr: 30, seed: 1, sigmaW: Math.SQRT2, sigmaB: 0.1 },
};

/** The member architecture: d = S² → hidden × depth → c, ReLU, NTK parameterisation. */
export function imageArchitecture(c: ImageRunConfig, inputDim: number, classes: number): MlpArchitecture {
  return { inputDim, width: c.hidden, depth: c.depth, outputDim: classes, sigmaW: c.sigmaW, sigmaB: c.sigmaB, activation: 'relu' };
}

/** Training steps of a run: epochs × ⌊trainCount / batch⌋ (at least one step per epoch). */
export function imageRunSteps(c: ImageRunConfig, available = Infinity): number {
  const n = Math.min(c.trainCount, available);
  return c.epochs * Math.max(1, Math.floor(n / Math.min(c.batchSize, n)));
}

/**
 * Work of a run in member-images: training (two ensembles, E members each, every step a batch) plus evaluation
 * (each route's forward passes). Divided by measured member-images per second it gives the ETA.
 */
export function imageRunWork(c: ImageRunConfig): { train: number; evaluate: number } {
  const B = Math.min(c.batchSize, c.trainCount);
  const train = 2 * c.ensembleSize * imageRunSteps(c) * B;
  // forward only ≈ 1/3 of a training step per image
  const evaluate = (2 * (2 * c.ensembleSize * c.group * c.evalCount + c.group * c.group * c.groupAverageCount)) / 3;
  return { train, evaluate };
}

/**
 * Floating-point operations of a whole run (multiply-add = 2): training steps of both ensembles, plus the evaluation's
 * forward passes (DA and Canon ensembles on n rotations of the test and OOD images, and n² per image for group
 * averaging of one member). Divided by a measured FLOP rate it gives the run's duration on this backend.
 */
export function imageRunFlops(c: ImageRunConfig, inputDim: number, classes: number, available = Infinity): number {
  const arch = imageArchitecture(c, inputDim, classes);
  const B = Math.min(c.batchSize, c.trainCount, available);
  const train = imageRunSteps(c, available) * 2 * classifierStepFlops(arch, c.ensembleSize, B);
  const sizes = [inputDim, ...Array.from({ length: c.depth }, () => c.hidden), classes];
  let forwardMacs = 0;
  for (let l = 0; l + 1 < sizes.length; l++) forwardMacs += sizes[l] * sizes[l + 1];
  const images = 2 * (2 * c.ensembleSize * c.group * c.evalCount + c.group * c.group * c.groupAverageCount);
  return train + 2 * forwardMacs * images;
}
