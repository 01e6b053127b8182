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
