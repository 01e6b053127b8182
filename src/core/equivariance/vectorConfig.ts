/**
 * The equivariant toy lab's configuration: vector-valued training points, the output representation π, the
 * augmentation group C_n, and the "wrong representation" switch (labels that do not transform).
 */
import type { MlpArchitecture } from '../ensemble/architecture';
import { CONFIG_LIMITS as TOY_LIMITS, DEFAULT_TRAINING_SETTINGS, clampActivation, type EnsembleTrainingSettings, clampEnsembleToMultiple, clampFlag, clampNumber, clampPointList } from '../ensemble/config';
import { groupName, parseGroupName } from '../ensemble/groupSpec';
import {
  naturalOutputDimension,
  outputRepresentationId,
  outputRepresentationName,
  parseOutputRepresentation,
  type OutputRepresentation,
} from './representation';

/**
 * The vector lab's ranges: the toy lab's, but E stays at most 256. The toy lab goes to E = 1024 behind its cost model
 * (runCost.ts); the vector lab has no cost model, and its E-curves stop at 256.
 */
export const VECTOR_LIMITS = { ...TOY_LIMITS, ensembleSize: { ...TOY_LIMITS.ensembleSize, max: 256 } } as const;

/** A training point with a vector target y ∈ ℝ^d (d = 1 for a scalar target). */
export interface VectorPoint {
  x: [number, number];
  y: number[];
}

/** The default vector training set: three inputs (those of the scalar toy's "mono3") with arrows of norm ≤ 1. */
export const VECTOR_POINTS3: readonly VectorPoint[] = [
  { x: [0.8, 0.3], y: [0.8, 0.3] },
  { x: [-0.5, 1.5], y: [-0.6, -0.2] },
  { x: [2.3, -0.9], y: [0.2, 0.7] },
];

/** Everything that determines one vector-lab run. */
export interface VectorConfig extends EnsembleTrainingSettings {
  /** C_n, n ∈ {1, 2, 4, 8, 16} (1: no augmentation). */
  groupOrder: number;
  /** How the target transforms: π(g). */
  representation: OutputRepresentation;
  /** Train with labels that do not transform (π trivial on vector targets), measure against `representation`. */
  wrongRepresentation: boolean;
  /**
   * How members are drawn: independent, or orbit-closed (every g·θ_j, g ∈ C_n, with g acting on inputs by ρ(g) and on
   * outputs by the label representation, so the mean is exactly equivariant at every step). Antithetic pairs are
   * not offered here: negating a vector output layer is itself π(g) for the half turn when π is defining.
   */
  memberInit: 'independent' | 'orbit';
  points: VectorPoint[];
}

/** Defaults: the scalar toy's defaults (C8, E = 64, 2 × 64, lr 0.25, 2000 steps) with vector targets. */
export const DEFAULT_VECTOR_CONFIG: VectorConfig = {
  groupOrder: 8,
  representation: { kind: 'defining' },
  wrongRepresentation: false,
  ...DEFAULT_TRAINING_SETTINGS,
  memberInit: 'independent',
  points: VECTOR_POINTS3.map((p) => ({ x: [p.x[0], p.x[1]], y: [...p.y] })),
};

/** The representation the training labels transform with: trivial when `wrongRepresentation` is on. */
export function labelRepresentation(c: VectorConfig): OutputRepresentation {
  return c.wrongRepresentation ? { kind: 'trivial' } : c.representation;
}

/** The output dimension d of the run: that of the target representation (1 for trivial, 2 otherwise). */
export function vectorOutputDimension(c: VectorConfig): number {
  return naturalOutputDimension(c.representation);
}

/** The member architecture: 2 → W → … → W → d. */
export function vectorArchitecture(c: VectorConfig): MlpArchitecture {
  return {
    inputDim: 2,
    width: c.width,
    depth: c.depth,
    outputDim: vectorOutputDimension(c),
    sigmaW: c.sigmaW,
    sigmaB: c.sigmaB,
    activation: c.activation,
  };
}

/** "C8, π = defining, E=64, 2×64, lr 0.25, seed 1" (with ", wrong representation" when on). */
export function describeVectorConfig(c: VectorConfig): string {
  const g = groupName({ kind: 'cyclic', n: c.groupOrder });
  return `${g}, π = ${outputRepresentationName(c.representation)}${c.wrongRepresentation ? ' (labels not transformed)' : ''}, E=${c.ensembleSize}, ${c.depth}×${c.width}, lr ${c.lr}, seed ${c.seed}`;
}

export interface VectorClampResult {
  config: VectorConfig;
  notices: string[];
}

type NumericKey = 'ensembleSize' | 'width' | 'depth' | 'lr' | 'seed' | 'steps' | 'sigmaW' | 'sigmaB';

/**
 * Validate and clamp a (possibly partial, possibly hostile) vector config, filling gaps from `base`. Never throws;
 * every change is reported. Points keep their target dimension (a mismatch with π is refused later, by the trainer,
 * with a clear message); each target component is clamped to [−1, 1] and each input to the view.
 */
export function clampVectorConfig(input: unknown, base: VectorConfig = DEFAULT_VECTOR_CONFIG): VectorClampResult {
  const notices: string[] = [];
  const src = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  if (input !== undefined && (input === null || typeof input !== 'object')) notices.push('config is not an object; using defaults');
  const config: VectorConfig = {
    ...base,
    representation: { ...base.representation },
    points: base.points.map((p) => ({ x: [p.x[0], p.x[1]], y: [...p.y] })),
  };
  const numeric: NumericKey[] = ['ensembleSize', 'width', 'depth', 'lr', 'seed', 'steps', 'sigmaW', 'sigmaB'];
  for (const key of numeric) {
    if (src[key] === undefined) continue;
    config[key] = clampNumber(key, src[key], VECTOR_LIMITS[key], base[key], notices);
  }
  if (src.groupOrder !== undefined) {
    const g = parseGroupName(typeof src.groupOrder === 'number' ? `C${src.groupOrder}` : String(src.groupOrder));
    if (g && g.kind === 'cyclic') config.groupOrder = g.n;
    else notices.push(`unknown group “${String(src.groupOrder)}”; using C${base.groupOrder}`);
  }
  if (src.representation !== undefined) {
    const r = src.representation;
    const parsed =
      typeof r === 'string'
        ? parseOutputRepresentation(r)
        : r && typeof r === 'object'
          ? parseOutputRepresentation(
              (r as Record<string, unknown>).kind === 'psi'
                ? `psi${String((r as Record<string, unknown>).k)}`
                : String((r as Record<string, unknown>).kind),
            )
          : null;
    if (parsed) config.representation = parsed;
    else notices.push(`unknown output representation “${typeof r === 'string' ? r : JSON.stringify(r)}”; using ${outputRepresentationId(base.representation)}`);
  }
  config.wrongRepresentation = clampFlag('wrongRepresentation', src.wrongRepresentation, base.wrongRepresentation, notices);
  config.activation = clampActivation(src.activation, base.activation, notices);
  if (src.memberInit !== undefined) {
    if (src.memberInit === 'independent' || src.memberInit === 'orbit') config.memberInit = src.memberInit;
    else notices.push(`unknown member draw “${String(src.memberInit)}”; using ${base.memberInit}`);
  }
  if (src.points !== undefined) config.points = clampVectorPoints(src.points, notices);
  if (config.memberInit === 'orbit') {
    if (config.groupOrder < 2) {
      config.memberInit = 'independent';
      notices.push('Orbit-closed members need augmentation by a group C_n with n > 1. Using independent members.');
    } else {
      config.ensembleSize = clampEnsembleToMultiple(config.ensembleSize, config.groupOrder, VECTOR_LIMITS.ensembleSize.max, notices);
    }
  }
  return { config, notices };
}

function clampVectorPoints(raw: unknown, notices: string[]): VectorPoint[] {
  return clampPointList(raw, notices, (yIn, n) => {
    const yRaw = Array.isArray(yIn) ? yIn : typeof yIn === 'number' ? [yIn] : [];
    const y = yRaw.map(Number);
    if (y.length === 0 || y.length > 3 || !y.every(Number.isFinite)) return null;
    const yc = y.map((v) => Math.min(1, Math.max(-1, v)));
    if (yc.some((v, k) => v !== y[k])) n.push(`target (${y.join(', ')}) has a component outside [−1, 1]; clamped`);
    return yc;
  });
}
