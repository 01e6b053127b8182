/**
 * Splitting an ensemble's members across training workers. Members are independent networks (each has its own loss
 * and gradient), so a worker can train a contiguous slice of them with no shared memory. Member k's initial draw is
 * keyed by (seed, k) alone (init.ts, orbitInit.ts) and the augmentation stream by (seed, step) alone, so member k's
 * numbers do not depend on how the members are split.
 */
import type { MlpArchitecture, MlpParams } from './architecture';
import { memberInitOf, type EnsembleConfig } from './config';
import { initMemberRange } from './orbitInit';

/** Members start … start + count − 1 of the ensemble. */
export interface MemberSlice {
  start: number;
  count: number;
}

/**
 * Split E members into min(workers, E) contiguous slices in member order whose sizes differ by at most one:
 * slice i has ⌊E/w⌋ + [i < E mod w] members, w = min(workers, E). Always at least one slice.
 */
export function splitMembers(E: number, workers: number): MemberSlice[] {
  const w = Math.max(1, Math.min(Math.floor(workers), E));
  const base = Math.floor(E / w);
  const extra = E % w;
  const out: MemberSlice[] = [];
  let start = 0;
  for (let i = 0; i < w; i++) {
    const count = base + (i < extra ? 1 : 0);
    out.push({ start, count });
    start += count;
  }
  return out;
}

/** Initial parameters of the members of `slice`, exactly as in the whole ensemble's draw. */
export function sliceInitialParams(config: EnsembleConfig, arch: MlpArchitecture, slice: MemberSlice): MlpParams[] {
  const n = config.group.kind === 'cyclic' ? config.group.n : 1;
  return initMemberRange(arch, config.seed, slice.start, slice.count, { init: memberInitOf(config), n });
}

/** Why `slice` is not a slice of an ensemble of E members, or null when it is. */
export function sliceMismatch(slice: MemberSlice, E: number): string | null {
  const { start, count } = slice;
  if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 1 || start + count > E) {
    return `members ${start} … ${start + count - 1} are not members of an ensemble of ${E}`;
  }
  return null;
}
