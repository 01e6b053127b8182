import type { ToyPoint } from '../data/toySets';
import { MONO3, VIEW_EXTENT } from '../data/toySets';
import type { Activation, MlpArchitecture } from './architecture';
import { groupName, parseGroupName, type AugmentationGroup } from './groupSpec';
import { MEMBER_INIT_LABELS, parseMemberInit, type MemberInit } from './orbitInit';

/** What every lab's ensemble run is given: the members' shape and scale, and how they train (toy, vector, cross). */
export interface EnsembleTrainingSettings {
  /** Ensemble size E. */
  ensembleSize: number;
  width: number;
  /** Hidden layers, 1–4. */
  depth: number;
  lr: number;
  seed: number;
  /** Training steps, 0–2000. */
  steps: number;
  sigmaW: number;
  sigmaB: number;
  activation: Activation;
}

/** Everything that determines a toy-example training run. One config + one seed → one run, on every backend. */
export interface EnsembleConfig extends EnsembleTrainingSettings {
  group: AugmentationGroup;
  /** Members 2i and 2i+1 differ only by a negated output layer (off by default: the paper's members are i.i.d.). */
  antithetic: boolean;
  /**
   * Orbit-closed members (issue 15): for every drawn θ_j the ensemble holds g·θ_j for all g ∈ C_n, so its mean is
   * exactly C_n-invariant at every step. Needs C_n with n > 1 and E a multiple of n (clampConfig enforces both);
   * replaces `antithetic` when both are set.
   */
  orbitClosed: boolean;
  /** Also train the same ensemble without augmentation, for the side-by-side comparison. */
  compareNoAugmentation: boolean;
  /**
   * The smooth animation (issue 16 §3): light frames on a coarser grid between the full snapshots, 64 frames in all
   * at 2000 steps. Off: the full snapshots only (11 at 2000 steps), and the run skips the frames' forward passes (about
   * 15 % of a default run's time on the CPU backends). No number of any snapshot depends on it.
   */
  lightFrames: boolean;
  points: ToyPoint[];
}

/**
 * Defaults from reference/calibration.md, re-measured here (docs/PERFORMANCE.md): mono3, C8, MLP 2→64→64→1,
 * σ_w² = 2, σ_b = 0.1, E = 64, lr = 0.25, 2000 steps.
 */
export const DEFAULT_TRAINING_SETTINGS: EnsembleTrainingSettings = {
  ensembleSize: 64,
  width: 64,
  depth: 2,
  lr: 0.25,
  seed: 1,
  steps: 2000,
  sigmaW: Math.SQRT2,
  sigmaB: 0.1,
  activation: 'relu',
};

/** The toy lab's default run: the default training settings on mono3 under C8, compared with no augmentation. */
export const DEFAULT_CONFIG: EnsembleConfig = {
  group: { kind: 'cyclic', n: 8 },
  ...DEFAULT_TRAINING_SETTINGS,
  antithetic: false,
  orbitClosed: false,
  compareNoAugmentation: true,
  lightFrames: true,
  points: MONO3.map((p) => ({ x: [p.x[0], p.x[1]], y: p.y })),
};

/** Inclusive numeric ranges. Out-of-range values are clamped, and the clamp is reported. */
export const CONFIG_LIMITS = {
  ensembleSize: { min: 1, max: 1024, integer: true },
  width: { min: 2, max: 1024, integer: true },
  depth: { min: 1, max: 4, integer: true },
  lr: { min: 1e-4, max: 50, integer: false },
  seed: { min: 0, max: 2 ** 31 - 1, integer: true },
  steps: { min: 0, max: 2000, integer: true },
  sigmaW: { min: 0.1, max: 4, integer: false },
  sigmaB: { min: 0, max: 2, integer: false },
  points: { min: 0, max: 24, integer: true },
  target: { min: -1, max: 1, integer: false },
} as const;

type NumericKey = 'ensembleSize' | 'width' | 'depth' | 'lr' | 'seed' | 'steps' | 'sigmaW' | 'sigmaB';

export interface ClampResult {
  config: EnsembleConfig;
  /** One human-readable line per value that was changed, e.g. "width 5000 is above 1024; using 1024". */
  notices: string[];
}

/**
 * Clamp one numeric setting to its inclusive range [min, max] (rounded when `integer`), pushing a notice for every
 * change (for rounding only when `noticeRounding`); a non-numeric value (numeric strings are accepted) falls back to
 * `fallback` with a notice.
 */
export function clampNumber(
  name: string,
  value: unknown,
  limits: { min: number; max: number; integer: boolean },
  fallback: number,
  notices: string[],
  noticeRounding = true,
): number {
  const v = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    notices.push(`${name} “${String(value)}” is not a number; using ${fallback}`);
    return fallback;
  }
  let out = limits.integer ? Math.round(v) : v;
  if (out < limits.min) {
    notices.push(`${name} ${v} is below ${limits.min}; using ${limits.min}`);
    out = limits.min;
  } else if (out > limits.max) {
    notices.push(`${name} ${v} is above ${limits.max}; using ${limits.max}`);
    out = limits.max;
  } else if (noticeRounding && limits.integer && out !== v) {
    notices.push(`${name} ${v} is not a whole number; using ${out}`);
  }
  return out;
}

/** An activation name ('relu' | 'tanh'); anything else keeps `fallback`, with a notice. Absent: `fallback`, silently. */
export function clampActivation(value: unknown, fallback: Activation, notices: string[]): Activation {
  if (value === undefined || value === 'relu' || value === 'tanh') return value ?? fallback;
  notices.push(`unknown activation “${String(value)}”; using ${fallback}`);
  return fallback;
}

/** A true/false setting; anything else keeps `fallback`, with a notice. Absent: `fallback`, silently. */
export function clampFlag(name: string, value: unknown, fallback: boolean, notices: string[]): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  notices.push(`${name} must be true or false; using ${fallback}`);
  return fallback;
}

/**
 * Validate and clamp a (possibly partial, possibly hostile) config against the limits, filling gaps from `base`.
 * Never throws: every change is reported in `notices`.
 */
export function clampConfig(input: unknown, base: EnsembleConfig = DEFAULT_CONFIG): ClampResult {
  const notices: string[] = [];
  const src = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  if (input !== undefined && (input === null || typeof input !== 'object')) notices.push('config is not an object; using defaults');
  const config: EnsembleConfig = { ...base, points: base.points.map((p) => ({ x: [p.x[0], p.x[1]], y: p.y })) };

  const numeric: NumericKey[] = ['ensembleSize', 'width', 'depth', 'lr', 'seed', 'steps', 'sigmaW', 'sigmaB'];
  for (const key of numeric) {
    if (src[key] === undefined) continue;
    config[key] = clampNumber(key, src[key], CONFIG_LIMITS[key], base[key], notices);
  }

  if (src.group !== undefined) {
    const g = src.group;
    let parsed: AugmentationGroup | null = null;
    if (typeof g === 'string') parsed = parseGroupName(g);
    else if (g && typeof g === 'object') {
      const o = g as Record<string, unknown>;
      if (o.kind === 'cyclic' || o.kind === 'so2') {
        parsed = parseGroupName(o.kind === 'cyclic' ? `C${String(o.n)}` : `SO2:${String(o.k)}`);
      }
    }
    if (parsed) config.group = parsed;
    else {
      // Fall back to the base config's group (the default C8), the same group a link without group= would use.
      config.group = base.group;
      notices.push(`unknown group “${typeof g === 'string' ? g : JSON.stringify(g)}”; using ${groupName(base.group)}`);
    }
  }

  config.activation = clampActivation(src.activation, base.activation, notices);
  for (const key of ['antithetic', 'orbitClosed', 'compareNoAugmentation', 'lightFrames'] as const) config[key] = clampFlag(key, src[key], base[key], notices);

  if (src.init !== undefined) {
    // The member draw by name ("independent" | "antithetic" | "orbit"), as the URL's init= key carries it.
    const init = typeof src.init === 'string' ? parseMemberInit(src.init) : null;
    if (init) Object.assign(config, memberInitPatch(init));
    else notices.push(`unknown member draw “${String(src.init)}”; using ${MEMBER_INIT_LABELS[memberInitOf(config)]} members`);
  }
  if (src.points !== undefined) config.points = clampPoints(src.points, notices);
  if (config.orbitClosed) clampOrbitClosed(config, notices);
  return { config, notices };
}

/** Which of the three member draws a config uses. */
export function memberInitOf(c: Pick<EnsembleConfig, 'antithetic' | 'orbitClosed'>): MemberInit {
  return c.orbitClosed ? 'orbit' : c.antithetic ? 'antithetic' : 'independent';
}

/** The config fields that select a member draw. */
export function memberInitPatch(init: MemberInit): Pick<EnsembleConfig, 'antithetic' | 'orbitClosed'> {
  return { antithetic: init === 'antithetic', orbitClosed: init === 'orbit' };
}

/**
 * Make an orbit-closed config consistent, with a notice in the user's words for each change: the group must be C_n
 * with n > 1 (otherwise independent members), antithetic pairs are dropped, and E becomes a multiple of n.
 */
function clampOrbitClosed(config: EnsembleConfig, notices: string[]): void {
  const g = config.group;
  if (g.kind !== 'cyclic' || g.n < 2) {
    config.orbitClosed = false;
    notices.push(
      g.kind === 'so2'
        ? 'Orbit-closed members need a finite group C_n; SO(2) with random angles has no finite orbit. Using independent members.'
        : 'Orbit-closed members need augmentation by a group C_n with n > 1. Using independent members.',
    );
    return;
  }
  if (config.antithetic) {
    config.antithetic = false;
    notices.push('Orbit-closed members replace antithetic pairs; using orbit-closed members.');
  }
  config.ensembleSize = clampEnsembleToMultiple(config.ensembleSize, g.n, CONFIG_LIMITS.ensembleSize.max, notices);
}

/**
 * The multiple of n nearest to E within [n, ⌊max/n⌋·n] (ties go up), with a notice when E changes: orbit-closed
 * ensembles hold whole C_n orbits, E = n·(number of drawn members).
 */
export function clampEnsembleToMultiple(E: number, n: number, max: number, notices: string[]): number {
  const top = Math.max(n, Math.floor(max / n) * n);
  const out = Math.min(top, Math.max(n, Math.round(E / n) * n));
  if (out !== E) notices.push(`E ${E} is not a multiple of |G| = ${n} (orbit-closed members come in whole orbits); using E = ${out}`);
  return out;
}

/**
 * Validate a list of training points: at most CONFIG_LIMITS.points.max, inputs clamped into the view, and each
 * target read and clamped by `readTarget` (which returns null for an unusable one). Every change is a notice.
 */
export function clampPointList<T>(
  raw: unknown,
  notices: string[],
  readTarget: (y: unknown, notices: string[]) => T | null,
): { x: [number, number]; y: T }[] {
  if (!Array.isArray(raw)) {
    notices.push('points must be a list; using none');
    return [];
  }
  const max = CONFIG_LIMITS.points.max;
  if (raw.length > max) notices.push(`${raw.length} training points is above ${max}; keeping the first ${max}`);
  const out: { x: [number, number]; y: T }[] = [];
  for (const p of raw.slice(0, max)) {
    const o = (p && typeof p === 'object' ? p : {}) as Record<string, unknown>;
    const xy = Array.isArray(o.x) ? o.x : [];
    const x0 = Number(xy[0]);
    const x1 = Number(xy[1]);
    const y = Number.isFinite(x0) && Number.isFinite(x1) ? readTarget(o.y, notices) : null;
    if (y === null) {
      notices.push('a training point with a non-numeric coordinate or target was dropped');
      continue;
    }
    out.push({ x: clampToView(x0, x1, notices), y });
  }
  return out;
}

function clampPoints(raw: unknown, notices: string[]): ToyPoint[] {
  return clampPointList(raw, notices, (yRaw, n) => {
    const y = Number(yRaw);
    if (!Number.isFinite(y)) return null;
    const c = Math.min(1, Math.max(-1, y));
    if (c !== y) n.push(`target ${y} is outside [−1, 1]; using ${c}`);
    return c;
  });
}

/** Clamp a training input into the view [−3, 3]², with a notice when it moved. */
export function clampToView(x0: number, x1: number, notices: string[]): [number, number] {
  const cx = Math.min(VIEW_EXTENT, Math.max(-VIEW_EXTENT, x0));
  const cy = Math.min(VIEW_EXTENT, Math.max(-VIEW_EXTENT, x1));
  if (cx !== x0 || cy !== x1) notices.push(`point (${x0}, ${x1}) is outside the view; moved to (${cx}, ${cy})`);
  return [cx, cy];
}

/** The member architecture a config trains: 2 → W → … → 1. */
export function configArchitecture(c: EnsembleConfig): MlpArchitecture {
  return {
    inputDim: 2,
    width: c.width,
    depth: c.depth,
    outputDim: 1,
    sigmaW: c.sigmaW,
    sigmaB: c.sigmaB,
    activation: c.activation,
  };
}

/** A short, stable description for logs and captions: "C8, E=64, 2×64, lr 0.25, seed 1". */
export function describeConfig(c: EnsembleConfig): string {
  return `${groupName(c.group)}, E=${c.ensembleSize}, ${c.depth}×${c.width}, lr ${c.lr}, seed ${c.seed}`;
}
