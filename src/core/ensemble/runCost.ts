/**
 * A cost model in front of every toy run: memory and time estimated from E, W, depth, N and a step speed, before
 * anything is allocated. A configuration whose estimate is over the memory budget is refused with a message that names
 * the largest E (at this W) and the largest W (at this E) that fit, so a link such as `E=256&width=1024&depth=4`
 * (every value inside the limits) is answered at once instead of failing in the worker after a long initialisation.
 */
import { DEFAULT_GRID_SPEC } from '../data/polarGrid';
import { FAR_GRID_SPEC } from '../metrics/farField';
import { configArchitecture, CONFIG_LIMITS, type EnsembleConfig } from './config';
import { forwardBlockPoints } from './blockedForward';
import { layerSizes, parameterCount } from './architecture';
import { isAugmenting } from './groupSpec';
import { snapshotSchedule, timelineSchedule } from './schedule';

/** The memory a run may use: 1 GB, well inside the 2–4 GiB a 32-bit wasm memory or a browser tab allows. */
export const MEMORY_BUDGET_BYTES = 1e9;

/** A run expected to take longer than this (ms) is flagged so the user knows before pressing Play. */
export const SLOW_RUN_MS = 60_000;

/**
 * Training speed in FLOP/s of one training worker (counted as in `estimateRunCost`: steps, snapshots and light
 * frames), used until a run has measured its own. The smooth default run counts 205 GFLOP and took 4.7–5.9 s on one
 * worker (wasm, fused kernel, the 2-core development machine, Chromium; docs/PERFORMANCE.md, 2026-12-04): 35–44
 * GFLOP/s. 35 errs on the slow side.
 */
export const DEFAULT_FLOPS_PER_SECOND = 35e9;

/**
 * The share of w workers' summed speed a pool delivers, for w > 1: the same run took 3.2–4.7 s on two workers
 * against 4.7–6.3 s on one (median 3.53 s against 5.21 s in the same rounds: 0.74 of two workers' sum; the steps
 * alone scale at 0.92–1.0). 0.8 puts the default run's estimate at 3.7 s on two workers.
 */
export const POOL_EFFICIENCY = 0.8;

/** The speed assumed for `workers` training workers before a run has been measured: w · 35 GFLOP/s, × 0.8 for a pool. */
export function defaultFlopsPerSecond(workers = 1): number {
  const w = Math.max(1, Math.floor(workers));
  return DEFAULT_FLOPS_PER_SECOND * w * (w > 1 ? POOL_EFFICIENCY : 1);
}

const BYTES = 4;

/** What the model needs besides the config: the evaluation grid size, and a measured speed when there is one. */
export interface CostContext {
  /** Points on the snapshot grid (default 24 × 64 = 1536). */
  gridPoints?: number;
  /** Points on the far-field grid, evaluated for the augmented ensemble at each snapshot (default 16 × 64 = 1024). */
  farGridPoints?: number;
  /** Measured training speed in FLOP/s (from the last run's steps per second); defaultFlopsPerSecond(workers) otherwise. */
  flopsPerSecond?: number;
  /** Training workers the run will use (the pool's size), for the speed assumed before a run is measured. Default 1. */
  workers?: number;
}

/** The estimate for one configuration. Bytes and milliseconds; `refusal` set when the run must not start. */
export interface RunCost {
  /** Ensembles trained: 2 with the no-augmentation twin, else 1. */
  ensembles: number;
  /** Training inputs per step: points × |G| (points × k for SO(2) with k angles). */
  augmentedPoints: number;
  /** Parameters of one member. */
  parametersPerMember: number;
  /** Bytes by part, for the breakdown shown on demand. */
  memory: { parameters: number; activations: number; gridForward: number; snapshots: number; total: number };
  /** Floating-point operations of one training step, all ensembles: 6 · E · N · Σ n_l n_{l+1} per ensemble. */
  flopsPerStep: number;
  /** Floating-point operations of all snapshot evaluations: 2 · E · P · Σ n_l n_{l+1} per ensemble per snapshot. */
  snapshotFlops: number;
  /**
   * Floating-point operations of the light frames (with the smooth animation): 2 · E · ens · G/4 · Σ n_l n_{l+1} per
   * frame, on the coarse grid of every second radius and angle (coarseFrameGrid).
   */
  frameFlops: number;
  /** Expected wall time of the whole run at the given speed. */
  timeMs: number;
  /** Expected time to draw the initial parameters (about 25 M normal draws per second in the worker). */
  initMs: number;
  /** Set when the estimate is over MEMORY_BUDGET_BYTES: the message the user sees. */
  refusal: string | null;
  /** With a refusal: which smaller run would fit, e.g. "E = 15 at width 1024, or width 271 at E = 256". */
  largestFitting: string | null;
  /** Set when the run would take more than SLOW_RUN_MS. */
  slowWarning: string | null;
}

/** Σ_l n_l · n_{l+1}: the multiply–adds of one forward pass of one member at one input. */
function macsPerInput(sizes: number[]): number {
  let m = 0;
  for (let l = 0; l + 1 < sizes.length; l++) m += sizes[l] * sizes[l + 1];
  return m;
}

function augmentedPointCount(c: EnsembleConfig): number {
  const g = c.group;
  const copies = g.kind === 'cyclic' ? g.n : g.kind === 'so2' ? g.k : 1;
  return Math.max(1, c.points.length) * Math.max(1, copies);
}

/** Memory and time without the refusal search (used by the search itself). */
function estimate(c: EnsembleConfig, ctx: CostContext): Omit<RunCost, 'refusal' | 'largestFitting' | 'slowWarning'> {
  const arch = configArchitecture(c);
  const sizes = layerSizes(arch);
  const P = parameterCount(arch);
  const macs = macsPerInput(sizes);
  const E = c.ensembleSize;
  const ens = c.compareNoAugmentation && isAugmenting(c.group) ? 2 : 1;
  const N = augmentedPointCount(c);
  const G = ctx.gridPoints ?? DEFAULT_GRID_SPEC.nRadii * DEFAULT_GRID_SPEC.nAngles;
  const Gfar = ctx.farGridPoints ?? FAR_GRID_SPEC.nRadii * FAR_GRID_SPEC.nAngles;
  const nSnapshots = snapshotSchedule(c.steps).length;
  // Parameters ×4: the tensors, the transient updated copy and gradients of the tfjs-op step (the fallback path),
  // and the checkpoint copy read back after each snapshot.
  const parameters = ens * E * P * BYTES * 4;
  // Per hidden layer: pre-activation, activation and the back-propagated delta, for every training input.
  const activations = ens * E * N * c.width * c.depth * 3 * BYTES;
  // The grid forward pass holds two layers' activations of every member at once, one ensemble and one block of
  // points at a time (blockedForward.ts).
  const gridForward = E * Math.max(forwardBlockPoints(E, c.width, G), forwardBlockPoints(E, c.width, Gfar)) * c.width * 2 * BYTES;
  // The page keeps every snapshot's member predictions (both ensembles) for scrubbing.
  const snapshots = nSnapshots * ens * E * G * BYTES;
  const total = parameters + activations + gridForward + snapshots;
  const flopsPerStep = ens * E * N * 6 * macs;
  // Both ensembles on the grid; the augmented one also on the far-field grid (its mean is shown out to r = 12).
  const snapshotFlops = nSnapshots * E * (ens * G + Gfar) * 2 * macs;
  const lightFrames = c.lightFrames !== false ? timelineSchedule(c.steps, true).length - nSnapshots : 0;
  const frameFlops = lightFrames * E * ens * Math.ceil(G / 4) * 2 * macs;
  const rate = ctx.flopsPerSecond && ctx.flopsPerSecond > 0 ? ctx.flopsPerSecond : defaultFlopsPerSecond(ctx.workers);
  const timeMs = ((flopsPerStep * c.steps + snapshotFlops + frameFlops) / rate) * 1000;
  // The twin starts from the same members, so only E · P normals are drawn.
  const initMs = ((E * P) / 25e6) * 1000;
  return {
    ensembles: ens,
    augmentedPoints: N,
    parametersPerMember: P,
    memory: { parameters, activations, gridForward, snapshots, total },
    flopsPerStep,
    snapshotFlops,
    frameFlops,
    timeMs,
    initMs,
  };
}

/** The largest value of `key` in [min, current) whose run fits the budget, or null when not even the minimum fits. */
function largestFitting(c: EnsembleConfig, key: 'ensembleSize' | 'width', ctx: CostContext): number | null {
  let lo: number = CONFIG_LIMITS[key].min;
  let hi = c[key];
  if (estimate({ ...c, [key]: lo }, ctx).memory.total > MEMORY_BUDGET_BYTES) return null;
  // Memory grows monotonically in E and W: bisect for the largest value that fits.
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (estimate({ ...c, [key]: mid }, ctx).memory.total <= MEMORY_BUDGET_BYTES) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** "1.2 GB", "35 MB", "800 kB": decimal units, as file sizes are shown to users. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  return `${Math.max(1, Math.round(bytes / 1e3))} kB`;
}

/** "0.4 s", "12 s", "3 min". */
export function formatDuration(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

/**
 * Estimate a run's memory and time and decide whether it may start.
 *
 * Memory (bytes, float32): 4·(4·ens·E·P + 3·ens·E·N·W·depth + 2·E·G·W + S·ens·E·G) with P parameters per member,
 * N augmented training inputs, G grid points and S snapshots; time: (6·ens·E·N·M·steps + 2·S·E·(ens·G + G_far)·M +
 * 2·F·E·ens·(G/4)·M) / speed with M = Σ n_l n_{l+1} multiply–adds per input and F light frames (0 without the smooth
 * animation).
 */
export function estimateRunCost(c: EnsembleConfig, ctx: CostContext = {}): RunCost {
  const base = estimate(c, ctx);
  let refusal: string | null = null;
  let fitting: string | null = null;
  if (base.memory.total > MEMORY_BUDGET_BYTES) {
    const maxE = largestFitting(c, 'ensembleSize', ctx);
    const maxW = largestFitting(c, 'width', ctx);
    const options: string[] = [];
    if (maxE !== null) options.push(`E = ${maxE} at width ${c.width}`);
    if (maxW !== null) options.push(`width ${maxW} at E = ${c.ensembleSize}`);
    fitting = options.length > 0 ? options.join(', or ') : null;
    refusal =
      `This run would need about ${formatBytes(base.memory.total)} of memory, more than the ${formatBytes(MEMORY_BUDGET_BYTES)} ` +
      `a browser tab can be trusted with, so it was not started. ` +
      (fitting ? `The largest that fit: ${fitting}.` : 'Lower the depth, E or the width.');
  }
  const slowWarning =
    refusal === null && base.timeMs > SLOW_RUN_MS
      ? `This run will take about ${formatDuration(base.timeMs)} on this machine.`
      : null;
  return { ...base, refusal, largestFitting: fitting, slowWarning };
}

/** Training speed in FLOP/s implied by a measured steps-per-second figure of config `c` (0 when unknown). */
export function measuredFlopsPerSecond(c: EnsembleConfig, stepsPerSecond: number): number {
  if (!(stepsPerSecond > 0)) return 0;
  return estimate(c, {}).flopsPerStep * stepsPerSecond;
}
