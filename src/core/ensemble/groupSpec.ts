import { Rng } from '../rng';
import { cyclicAngles } from '../groups/rotation2d';

/**
 * The augmentation group of the toy example.
 * - `cyclic` n: C_n = {R(2πm/n)}, n ∈ {1, 2, 4, 8, 16}; C_1 means no augmentation.
 * - `so2` k: random-angle augmentation: k angles uniform on [0, 2π) drawn afresh every step from the seeded RNG, shared
 *   by all members. This is not the paper's partial augmentation, which augments over a finite subgroup C_k ⊂ SO(2)
 *   (here: `cyclic` n) and bounds the SO(2) error by C(x)·κ, κ = 2 sin(π/2k).
 */
export type AugmentationGroup = { kind: 'cyclic'; n: number } | { kind: 'so2'; k: number };

/** The allowed orders of C_n: they divide the evaluation grid's 64 angles, so every orbit lands on grid points. */
export const CYCLIC_ORDERS = [1, 2, 4, 8, 16] as const;
export const MAX_SO2_ANGLES = 16;

/** Short name used in the URL and the UI: "none", "C8", "SO2:4". */
export function groupName(g: AugmentationGroup): string {
  if (g.kind === 'so2') return `SO2:${g.k}`;
  return g.n === 1 ? 'none' : `C${g.n}`;
}

/** Human label: "C8 (8 rotations)", "random SO(2) angles, 4 per step, shared by all members", "none". */
export function groupLabel(g: AugmentationGroup): string {
  if (g.kind === 'so2') return `random SO(2) angles, ${g.k} per step, shared by all members`;
  return g.n === 1 ? 'none (no augmentation)' : `C${g.n} (${g.n} rotations)`;
}

/** Parse a group name; returns null when the name is not one of ours. */
export function parseGroupName(name: string): AugmentationGroup | null {
  const s = name.trim();
  if (s.toLowerCase() === 'none' || s === 'C1') return { kind: 'cyclic', n: 1 };
  const c = /^C(\d+)$/i.exec(s);
  if (c) {
    const n = Number(c[1]);
    return (CYCLIC_ORDERS as readonly number[]).includes(n) ? { kind: 'cyclic', n } : null;
  }
  const so = /^SO\(?2\)?:(\d+)$/i.exec(s);
  if (so) {
    const k = Number(so[1]);
    return k >= 1 && k <= MAX_SO2_ANGLES ? { kind: 'so2', k } : null;
  }
  return null;
}

/** True when the group actually augments (not C_1). */
export function isAugmenting(g: AugmentationGroup): boolean {
  return g.kind === 'so2' || g.n > 1;
}

/**
 * The rotation angles used at one training step. For C_n they are fixed: 2πm/n. For SO(2) partial augmentation,
 * k angles uniform on [0, 2π), from the stream keyed by (seed, step): the same for every member, so the ensemble
 * sees one augmented data set per step, and a rerun with the same seed sees the same one.
 */
export function augmentationAngles(g: AugmentationGroup, seed: number, step: number): number[] {
  if (g.kind === 'cyclic') return cyclicAngles(g.n);
  const rng = new Rng(seed, 0x5020, step);
  return Array.from({ length: g.k }, () => rng.uniform() * 2 * Math.PI);
}

/**
 * The order of the finite rotation group that the orbit metrics measure: C_n for cyclic augmentation, and the
 * grid's full ring of 64 angles (SO(2) sampled at M = 64) for SO(2) partial augmentation or no augmentation.
 */
export function measurementOrder(g: AugmentationGroup, ringSize: number): number {
  if (g.kind === 'cyclic' && g.n > 1) return g.n;
  return ringSize;
}
