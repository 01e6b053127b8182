/**
 * The animation's frame schedule: the steps the timeline can show, from initialization to the last step. Every frame
 * is a real evaluation of the networks (never an interpolation); the full snapshots of `snapshotSchedule` are among
 * them, and the frames between those are light (lightFrame.ts: a coarser grid, the means and a few members).
 */
import { snapshotSchedule } from './schedule';

/** Frames of a 2000-step run: enough for scrubbing and playback to look continuous. */
export const DEFAULT_FRAME_COUNT = 64;

/**
 * The frame steps of a run of `totalSteps`: the union of
 *   - the full snapshot steps (snapshotSchedule: 0, 1, 2, 3, …, totalSteps),
 *   - log-spaced steps s_i = round(T^(i/(m−1))) for i = 0 … m−1, T = totalSteps,
 * with m raised until the union holds at least min(`count`, T + 1) distinct steps (rounding merges the early ones).
 * Strictly increasing; contains 0, 1, 2, 3 (when T ≥ 3) and T.
 */
export function frameSchedule(totalSteps: number, count = DEFAULT_FRAME_COUNT): number[] {
  const T = Math.max(0, Math.floor(totalSteps));
  const want = Math.min(count, T + 1);
  const key = snapshotSchedule(T);
  for (let m = Math.max(2, want); ; m++) {
    const steps = new Set<number>(key);
    if (T > 0) for (let i = 0; i < m; i++) steps.add(Math.round(T ** (i / (m - 1))));
    if (steps.size >= want || m > 4 * (T + 1)) return [...steps].sort((a, b) => a - b);
  }
}
