/**
 * The cross-product experiment's configuration: what determines one run, its defaults and limits, the clamp that
 * turns any input into a valid config with notices, and the network it trains. (The experiment: crossProduct.ts.)
 */
import type { MlpArchitecture } from '../ensemble/architecture';
import { clampActivation, clampFlag, clampNumber, CONFIG_LIMITS, type EnsembleTrainingSettings } from '../ensemble/config';

/** Everything that determines one cross-product run. */
export interface CrossConfig extends EnsembleTrainingSettings {
  /** Number of training pairs (a, b) before augmentation. */
  trainPairs: number;
  /** Augment with the 24 octahedral rotations (false: train on the pairs alone). */
  augment: boolean;
  /** Test pairs at which the equivariance error is measured. */
  testPairs: number;
  /** Random SO(3) rotations M per test pair. */
  rotations: number;
}

/** Defaults: E = 32 members 6 → 64 × 2 → 3, 16 pairs × 24 rotations, 1000 steps, 32 test pairs × 16 rotations. */
export const DEFAULT_CROSS_CONFIG: CrossConfig = {
  ensembleSize: 32,
  width: 64,
  depth: 2,
  lr: 0.5,
  seed: 1,
  steps: 1000,
  trainPairs: 16,
  augment: true,
  testPairs: 32,
  rotations: 16,
  sigmaW: Math.SQRT2,
  sigmaB: 0.1,
  activation: 'relu',
};

export const CROSS_LIMITS = {
  ensembleSize: { min: 1, max: 256, integer: true },
  width: { min: 2, max: 512, integer: true },
  depth: { min: 1, max: 4, integer: true },
  lr: { min: 1e-4, max: 20, integer: false },
  seed: CONFIG_LIMITS.seed,
  steps: { min: 0, max: 2000, integer: true },
  trainPairs: { min: 0, max: 64, integer: true },
  testPairs: { min: 1, max: 128, integer: true },
  rotations: { min: 1, max: 64, integer: true },
  sigmaW: CONFIG_LIMITS.sigmaW,
  sigmaB: CONFIG_LIMITS.sigmaB,
} as const;

/** Clamp a partial config into range, filling from `base`; never throws, reports every change. */
export function clampCrossConfig(input: unknown, base: CrossConfig = DEFAULT_CROSS_CONFIG): { config: CrossConfig; notices: string[] } {
  const notices: string[] = [];
  const src = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const config: CrossConfig = { ...base };
  // Like the toy lab's clamp, except that a fractional count is rounded without a notice.
  for (const key of Object.keys(CROSS_LIMITS) as (keyof typeof CROSS_LIMITS)[]) {
    if (src[key] !== undefined) config[key] = clampNumber(key, src[key], CROSS_LIMITS[key], base[key], notices, false);
  }
  config.augment = clampFlag('augment', src.augment, base.augment, notices);
  config.activation = clampActivation(src.activation, base.activation, notices);
  return { config, notices };
}

/** The member architecture 6 → W → … → 3. */
export function crossArchitecture(c: CrossConfig): MlpArchitecture {
  return { inputDim: 6, width: c.width, depth: c.depth, outputDim: 3, sigmaW: c.sigmaW, sigmaB: c.sigmaB, activation: c.activation };
}
