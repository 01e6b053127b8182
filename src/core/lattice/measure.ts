/**
 * Monte Carlo measurement of Wilson loops: thermalise, then measure ⟨W(R,T)⟩ and the plaquette on every sweep, with
 * binned errors that account for autocorrelation. `WilsonLoopRun` advances in chunks so a worker can report progress
 * and stay responsive to cancellation; `measureWilsonLoops` runs one to completion.
 */
import { Rng, type RngState } from '../rng';
import { gaugeGroup } from './groups';
import { coldField, createGeometry, hotField, type GaugeField } from './lattice';
import { averagePlaquette } from './action';
import { wilsonLoopTable } from './loops';
import { metropolisSweepU1 } from './metropolisU1';
import { heatBathSweepSU2 } from './heatbathSU2';
import { binnedEstimate, type Estimate } from './stats';
import { exactPlaquette2D, exactWilsonLoop2D } from './exact2d';
import { normalizeWilsonLoopOptions, type NormalizedWilsonLoopOptions, type WilsonLoopOptions } from './options';
import { eigenphaseRange, plaquetteEigenphaseHistogram, type Histogram } from './eigenphase';

/** ⟨W(R,T)⟩ with its binned error and, in 2D, the exact infinite-volume value (plaquette)^{RT}. */
export interface WilsonLoopEstimate extends Estimate {
  R: number;
  T: number;
  area: number;
  exact: number | null;
}

export interface WilsonLoopMeasurement {
  options: NormalizedWilsonLoopOptions;
  /** One sentence per clamped setting. */
  notices: string[];
  plaquette: Estimate & { exact: number | null };
  /** All 1 ≤ R ≤ maxR, 1 ≤ T ≤ maxT, R-major. */
  loops: WilsonLoopEstimate[];
  /** Histogram of plaquette eigenphases accumulated over the measured sweeps. */
  eigenphases: Histogram;
  /** U(1) Metropolis acceptance rate (null for SU(2) heat-bath, which always accepts). */
  acceptance: number | null;
  sweepsPerSecond: number;
  elapsedMs: number;
}

export type RunPhase = 'thermalize' | 'measure' | 'done';

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** One sweep of the right algorithm: Metropolis for U(1), heat-bath (+ overrelaxation) for SU(2). */
export function monteCarloSweep(field: GaugeField, beta: number, rng: Rng, o: { overrelax?: number; hits?: number } = {}): { accepted: number; proposed: number } {
  if (field.group.name === 'U1') return metropolisSweepU1(field, beta, rng, o.hits ?? 3);
  heatBathSweepSU2(field, beta, rng, o.overrelax ?? 0);
  return { accepted: 0, proposed: 0 };
}

/**
 * Everything a `WilsonLoopRun` needs to continue exactly where it stopped: the configuration, the random stream and
 * the measurements so far. A worker posts one every few slices; after a crash a new worker resumes from it, and the
 * finished result is bit-identical to an uninterrupted run with the same seed.
 */
export interface WilsonLoopCheckpoint {
  /** The options the run was started with (normalised again on resume). */
  input: WilsonLoopOptions;
  done: number;
  links: Float64Array;
  rng: RngState;
  plaquetteSeries: Float64Array;
  loopSeries: Float64Array[];
  histogramCounts: number[];
  histogramTotal: number;
  accepted: number;
  proposed: number;
  elapsed: number;
}

/** A Wilson-loop Monte Carlo run that can be advanced a few sweeps at a time. */
export class WilsonLoopRun {
  readonly options: NormalizedWilsonLoopOptions;
  readonly notices: string[];
  readonly field: GaugeField;
  private rng: Rng;
  private done = 0;
  private readonly input: WilsonLoopOptions;
  private readonly plaquetteSeries: Float64Array;
  private readonly loopSeries: Float64Array[];
  private readonly histogram: Histogram;
  private accepted = 0;
  private proposed = 0;
  private elapsed = 0;

  constructor(input: WilsonLoopOptions) {
    this.input = { ...input };
    const { options, notices } = normalizeWilsonLoopOptions(input);
    this.options = options;
    this.notices = notices;
    const group = gaugeGroup(options.group);
    const geom = createGeometry(new Array<number>(options.dims).fill(options.L));
    // Independent streams for the start and the updates, so the start choice does not shift the update stream.
    this.field = options.start === 'hot' ? hotField(group, geom, new Rng(options.seed, 1)) : coldField(group, geom);
    this.rng = new Rng(options.seed, 2);
    this.plaquetteSeries = new Float64Array(options.sweeps);
    this.loopSeries = [];
    for (let i = 0; i < options.maxR * options.maxT; i++) this.loopSeries.push(new Float64Array(options.sweeps));
    const [lo, hi] = eigenphaseRange(group);
    this.histogram = { lo, hi, counts: new Array<number>(options.histogramBins).fill(0), total: 0 };
  }

  /** Continue a run from `checkpoint` (taken by `checkpoint()`, possibly in another worker). */
  static resume(checkpoint: WilsonLoopCheckpoint): WilsonLoopRun {
    const run = new WilsonLoopRun(checkpoint.input);
    const o = run.options;
    const cp = checkpoint;
    const fits =
      Number.isInteger(cp.done) &&
      cp.done >= 0 &&
      cp.done <= run.totalSweeps &&
      cp.links.length === run.field.links.length &&
      cp.plaquetteSeries.length === o.sweeps &&
      cp.loopSeries.length === o.maxR * o.maxT &&
      cp.loopSeries.every((s) => s.length === o.sweeps) &&
      cp.histogramCounts.length === run.histogram.counts.length;
    if (!fits) throw new Error('the checkpoint does not match its run options');
    run.field.links.set(cp.links);
    run.rng = Rng.fromState(cp.rng);
    run.done = cp.done;
    run.plaquetteSeries.set(cp.plaquetteSeries);
    cp.loopSeries.forEach((s, i) => run.loopSeries[i].set(s));
    run.histogram.counts = cp.histogramCounts.slice();
    run.histogram.total = cp.histogramTotal;
    run.accepted = cp.accepted;
    run.proposed = cp.proposed;
    run.elapsed = cp.elapsed;
    return run;
  }

  /** A copy of the run's state to resume from (see `WilsonLoopCheckpoint`). */
  checkpoint(): WilsonLoopCheckpoint {
    return {
      input: { ...this.input },
      done: this.done,
      links: this.field.links.slice(),
      rng: this.rng.saveState(),
      plaquetteSeries: this.plaquetteSeries.slice(),
      loopSeries: this.loopSeries.map((s) => s.slice()),
      histogramCounts: this.histogram.counts.slice(),
      histogramTotal: this.histogram.total,
      accepted: this.accepted,
      proposed: this.proposed,
      elapsed: this.elapsed,
    };
  }

  /** thermalize + sweeps. */
  get totalSweeps(): number {
    return this.options.thermalize + this.options.sweeps;
  }

  get sweepsDone(): number {
    return this.done;
  }

  get phase(): RunPhase {
    if (this.done < this.options.thermalize) return 'thermalize';
    return this.done < this.totalSweeps ? 'measure' : 'done';
  }

  /** Sweeps per second so far (wall clock inside `advance`). */
  get sweepsPerSecond(): number {
    return this.elapsed > 0 ? (1000 * this.done) / this.elapsed : 0;
  }

  /** Run up to `maxSweeps` more sweeps (measuring after each sweep past thermalisation). Returns how many ran. */
  advance(maxSweeps: number): number {
    const t0 = now();
    const o = this.options;
    let ran = 0;
    while (ran < maxSweeps && this.done < this.totalSweeps) {
      const st = monteCarloSweep(this.field, o.beta, this.rng, o);
      this.done++;
      ran++;
      if (this.done > o.thermalize) {
        this.accepted += st.accepted;
        this.proposed += st.proposed;
        const m = this.done - o.thermalize - 1;
        this.plaquetteSeries[m] = averagePlaquette(this.field);
        const table = wilsonLoopTable(this.field, o.maxR, o.maxT);
        for (let i = 0; i < table.length; i++) this.loopSeries[i][m] = table[i];
        const h = plaquetteEigenphaseHistogram(this.field, o.histogramBins);
        for (let b = 0; b < h.counts.length; b++) this.histogram.counts[b] += h.counts[b];
        this.histogram.total += h.total;
      }
    }
    this.elapsed += now() - t0;
    return ran;
  }

  /** Estimates from the sweeps measured so far (all of them once `phase` is 'done'). */
  result(): WilsonLoopMeasurement {
    const o = this.options;
    const measured = Math.max(0, this.done - o.thermalize);
    const is2D = o.dims === 2;
    const plaq = binnedEstimate(this.plaquetteSeries.subarray(0, measured), o.nBins);
    const loops: WilsonLoopEstimate[] = [];
    for (let R = 1; R <= o.maxR; R++) {
      for (let T = 1; T <= o.maxT; T++) {
        const e = binnedEstimate(this.loopSeries[(R - 1) * o.maxT + (T - 1)].subarray(0, measured), o.nBins);
        loops.push({ ...e, R, T, area: R * T, exact: is2D ? exactWilsonLoop2D(o.group, o.beta, R * T) : null });
      }
    }
    return {
      options: o,
      notices: [...this.notices],
      plaquette: { ...plaq, exact: is2D ? exactPlaquette2D(o.group, o.beta) : null },
      loops,
      eigenphases: { ...this.histogram, counts: this.histogram.counts.slice() },
      acceptance: o.group === 'U1' && this.proposed > 0 ? this.accepted / this.proposed : null,
      sweepsPerSecond: this.sweepsPerSecond,
      elapsedMs: this.elapsed,
    };
  }
}

/**
 * Measure ⟨W(R,T)⟩ (mean of (1/N) Re tr W over sites and orientations) and the plaquette by Monte Carlo:
 * Metropolis for U(1), heat-bath for SU(2), `thermalize` discarded sweeps then `sweeps` measured ones, errors by
 * binning into `nBins` blocks. In 2D each estimate also carries the exact value (I₁/I₀)^A or (I₂/I₁)^A.
 */
export function measureWilsonLoops(options: WilsonLoopOptions & { onProgress?: (done: number, total: number) => void }): WilsonLoopMeasurement {
  const run = new WilsonLoopRun(options);
  const chunk = 50;
  while (run.phase !== 'done') {
    run.advance(chunk);
    options.onProgress?.(run.sweepsDone, run.totalSweeps);
  }
  return run.result();
}

