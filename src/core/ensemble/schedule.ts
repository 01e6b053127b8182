/**
 * The snapshot schedule: log-spaced, always containing steps 0, 1, 2, 3 and the last step, because the early steps
 * are where the surprise is (the ensemble mean is already invariant at steps 0–3).
 */
export const DEFAULT_SNAPSHOT_STEPS = [0, 1, 2, 3, 5, 10, 30, 100, 300, 1000, 2000] as const;

/**
 * The full snapshot steps for a run of `totalSteps`: the default steps up to `totalSteps`, plus `totalSteps` itself.
 * Each costs one grid evaluation of every member (about 21 training steps at the default size), so the list is kept
 * short: 11 entries for 2000 steps (about 10, as calibrated).
 */
export function snapshotSchedule(totalSteps: number): number[] {
  const steps = DEFAULT_SNAPSHOT_STEPS.filter((s) => s <= totalSteps) as number[];
  if (steps[steps.length - 1] !== totalSteps) steps.push(totalSteps);
  return steps;
}

/*
 * The animation's frame schedule: the steps the timeline can show, from initialization to the last step. Every frame
 * is a real evaluation of the networks (never an interpolation); the full snapshots of `snapshotSchedule` are among
 * them, and the frames between those are light (lightFrame.ts: a coarser grid, the means and a few members).
 */
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
  // The search below evaluates up to ~10⁴ powers for a short run; controls call this on every render, so each
  // (T, count) is computed once. Callers get a copy: the cached array is never handed out.
  const key = `${totalSteps},${count}`;
  let steps = frameScheduleCache.get(key);
  if (!steps) {
    steps = searchFrameSchedule(totalSteps, count);
    if (frameScheduleCache.size > 64) frameScheduleCache.clear();
    frameScheduleCache.set(key, steps);
  }
  return steps.slice();
}

const frameScheduleCache = new Map<string, number[]>();

function searchFrameSchedule(totalSteps: number, count: number): number[] {
  const T = Math.max(0, Math.floor(totalSteps));
  const want = Math.min(count, T + 1);
  const key = snapshotSchedule(T);
  for (let m = Math.max(2, want); ; m++) {
    const steps = new Set<number>(key);
    if (T > 0) for (let i = 0; i < m; i++) steps.add(Math.round(T ** (i / (m - 1))));
    if (steps.size >= want || m > 4 * (T + 1)) return [...steps].sort((a, b) => a - b);
  }
}

/** A run's timeline: every frame step (frameSchedule) with light frames, else the full snapshots' steps only. */
export function timelineSchedule(totalSteps: number, lightFrames: boolean): number[] {
  return lightFrames ? frameSchedule(totalSteps) : snapshotSchedule(totalSteps);
}

/**
 * Steps at which only the member losses are read back (a few floats): for the loss curve and to catch divergence
 * between grid snapshots. Every `every` steps.
 */
export function lossCheckSteps(totalSteps: number, every = 50): number[] {
  const out: number[] = [];
  for (let s = every; s < totalSteps; s += every) out.push(s);
  return out;
}

/** The label a timeline shows for a step: "Initialization", "After 1 step", "After 20 steps". */
export function stepLabel(step: number): string {
  if (step === 0) return 'Initialization';
  return `After ${step} step${step === 1 ? '' : 's'}`;
}
