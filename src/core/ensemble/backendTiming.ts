/**
 * The arithmetic of choosing a compute backend by measured speed (the worker's backendProbe.ts does the timing):
 * which configurations share one measurement, whether the slow plain-JavaScript backend is worth timing at all, and,
 * given the figures, which backend trains and the sentence that says why.
 */

/** One backend's probe: ms per training step of the actual configuration, or null with why it was not timed. */
export interface BackendTiming {
  name: string;
  msPerStep: number | null;
  note?: string;
}

export interface TimedChoice {
  backend: string;
  /** "measured on this configuration: wasm 1.62 ms/step, cpu 98.1 ms/step; wasm is fastest" */
  summary: string;
}

/**
 * Timings within this factor of the fastest count as a tie, decided by the usual order (GPU first: it leaves the CPU
 * to the page). A probe of a few steps on a busy machine varies by about this much run to run.
 */
export const TIE_FACTOR = 1.1;

/**
 * The configuration class a measurement stands for: ⌊log₄(E·W²)⌋, with E members of width W.
 *
 * Why E·W² and a factor of 4: a step's arithmetic is ∝ E·N·W²·depth, and the backends respond to it differently. The
 * wasm and cpu steps are arithmetic-bound, so their time grows ∝ E·W²; a GPU's step is dispatch-latency-bound and
 * nearly flat until the work fills the device. The ratio between the two therefore moves by about the factor E·W²
 * moves, and the winner can change only when E·W² changes by more than the margin the probe found. Within one class
 * E·W² varies by less than 4×, so a probe is re-run (at most) when E·W² crosses a power of 4: e.g. the default
 * E = 64, W = 64 (E·W² = 4⁹) shares its class with W = 90 at E = 64 but not with W = 128 (4¹⁰). Depth and N scale
 * every backend's work alike, so they do not enter the class.
 */
export function timingClass(ensembleSize: number, width: number): number {
  const work = Math.max(1, ensembleSize) * Math.max(1, width) ** 2;
  return Math.floor(Math.log(work) / Math.log(4) + 1e-9);
}

/**
 * Bounds on the plain-JavaScript cpu backend's step from the wasm figure: 36–55× the fused wasm step at E·W² ≥ 16·256²
 * (docs/PERFORMANCE.md), and at small sizes never under about 200 ms, where tfjs's per-op overhead dominates (165 ms
 * at E = 16, W = 32 against 0.78 ms on wasm, in Chromium here). So t_cpu ≤ max(60 · t_wasm, 200 ms), roughly.
 */
export const CPU_SLOWDOWN_BOUND = 60;
export const CPU_STEP_FLOOR_MS = 200;

/**
 * Whether timing the cpu backend (a warm-up and `steps` timed steps, each synchronous and uninterruptible) fits the
 * probe's time left: yes when wasm was not timed (cpu may be all there is), else when
 * (steps + 1) · max(CPU_SLOWDOWN_BOUND · t_wasm, CPU_STEP_FLOOR_MS) ≤ budget left.
 */
export function cpuFitsProbe(wasmMsPerStep: number | null, budgetLeftMs: number, steps = 1): boolean {
  if (wasmMsPerStep === null) return true;
  return (steps + 1) * Math.max(CPU_SLOWDOWN_BOUND * wasmMsPerStep, CPU_STEP_FLOOR_MS) <= budgetLeftMs;
}

/** A probe's figure as people read it: two significant digits below 10 ms, whole ms above ("0.42", "2.0", "107"). */
export function formatMsPerStep(t: number): string {
  return `${t < 10 ? t.toPrecision(2) : t.toFixed(0)} ms/step`;
}
const ms = formatMsPerStep;

/**
 * The backend to train on: the fastest timed one, t_min = min t_b; among those with t_b ≤ TIE_FACTOR · t_min the first
 * in `order`. Throws if nothing was timed (the caller falls back to the fixed order).
 */
export function chooseByTiming(timings: BackendTiming[], order: readonly string[]): TimedChoice {
  const timed = timings.filter((t): t is BackendTiming & { msPerStep: number } => t.msPerStep !== null && Number.isFinite(t.msPerStep));
  if (!timed.length) throw new Error('no backend was timed');
  const fastest = Math.min(...timed.map((t) => t.msPerStep));
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  const ties = timed.filter((t) => t.msPerStep <= TIE_FACTOR * fastest).sort((a, b) => rank(a.name) - rank(b.name));
  const chosen = ties[0];
  const figures = [...timed].sort((a, b) => a.msPerStep - b.msPerStep).map((t) => `${t.name} ${ms(t.msPerStep)}`);
  let verdict: string;
  if (timed.length === 1) verdict = `${chosen.name} is the only backend timed`;
  else if (ties.length > 1) verdict = `${ties.map((t) => t.name).join(' and ')} are within ${Math.round((TIE_FACTOR - 1) * 100)}% (noise): ${chosen.name}, first in the usual order`;
  else {
    const second = Math.min(...timed.filter((t) => t !== chosen).map((t) => t.msPerStep));
    verdict = `${chosen.name} is fastest, ${(second / chosen.msPerStep).toFixed(1)}× the next`;
  }
  return { backend: chosen.name, summary: `measured on this configuration: ${figures.join(', ')}; ${verdict}` };
}
