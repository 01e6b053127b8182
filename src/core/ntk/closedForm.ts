/**
 * The NTK panel's closed-form computations, pure float64 JS (no DOM, no tfjs): run in the NTK worker, or on the page
 * when no worker is available. Θ(X,X), Θ(grid, X) and the eigendecomposition are cached per setup, so moving the
 * scrubber or changing lr only re-evaluates μ_s (O(M·N) per step).
 */
import { makePolarGrid, rotatedIndex, type PolarGrid } from '../data/polarGrid';
import { augmentationAngles } from '../ensemble/groupSpec';
import { augmentedTrainingSetFloat64 } from './augmentFloat64';
import { kernelInvarianceDefect } from './kernelInvariance';
import { createNtkMeanPredictor, type NtkMeanPredictor } from './meanPrediction';
import { orbitStdFloat64 } from './orbitSpread';
import { polarGridPointsFloat64 } from './points';
import type { ClosedFormResult, ClosedFormSetup, ClosedFormStep } from './experimentTypes';

/** Copies of the training set the theory uses for SO(2) random-angle augmentation (k angles drawn every step, shared by all members; not a finite subgroup). */
export const SO2_STAND_IN_ORDER = 16;

/** The rotation angles of the theory's augmented set, and the stand-in note when it differs from training. */
export function theoryAngles(setup: Pick<ClosedFormSetup, 'group'>): { angles: number[]; standIn: string | null } {
  const g = setup.group;
  if (g.kind === 'so2') {
    return {
      angles: augmentationAngles({ kind: 'cyclic', n: SO2_STAND_IN_ORDER }, 0, 0),
      standIn:
        `SO(2) with ${g.k} random angle${g.k === 1 ? '' : 's'} per step has no fixed training set; the closed form uses the ` +
        `C${SO2_STAND_IN_ORDER} orbit of the points, the average set gradient descent sees. Expect only approximate agreement.`,
    };
  }
  return { angles: augmentationAngles(g, 0, 0), standIn: null };
}

/**
 * Order of the rotation group the invariance readouts use: C_n for C_n augmentation, C16 for the SO(2) stand-in,
 * and the grid's full ring of 64 angles without augmentation (where μ_s is not invariant, and the readout says so).
 */
export function readoutOrder(setup: Pick<ClosedFormSetup, 'group'>, ringSize: number): number {
  const g = setup.group;
  if (g.kind === 'so2') return SO2_STAND_IN_ORDER;
  return g.n > 1 ? g.n : ringSize;
}

function rotation(theta: number): number[][] {
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  return [
    [c, -s],
    [s, c],
  ];
}

/** √(mean_x K(x,x)) with the NNGP diagonal recursion q¹ = σ_w²|x|²/d + σ_b², q^{l+1} = σ_w² q/2 + σ_b². */
export function memberInitRms(points: readonly (readonly number[])[], depth: number, sigmaW: number, sigmaB: number): number {
  if (points.length === 0) return 0;
  const s = sigmaW * sigmaW;
  const b = sigmaB * sigmaB;
  let acc = 0;
  for (const x of points) {
    let q = (s * (x[0] * x[0] + x[1] * x[1])) / x.length + b;
    for (let l = 0; l < depth; l++) q = 0.5 * s * q + b;
    acc += q;
  }
  return Math.sqrt(acc / points.length);
}

interface Prepared {
  key: string;
  predictor: NtkMeanPredictor;
  n: number;
  copies: number;
  basePoints: number;
  standIn: string | null;
  orbitOrder: number;
  X: number[][];
  trainKernel: Float64Array;
  defects: { kernelDefect: number; kernelDefectRelative: number; permutationDefect: number; ms: number } | null;
  memberInitRms: number;
  kernelMs: number;
}

function setupKey(setup: ClosedFormSetup): string {
  return JSON.stringify({ p: setup.points, g: setup.group, d: setup.depth, w: setup.sigmaW, b: setup.sigmaB });
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** A closed-form engine with a one-entry cache keyed by the setup. */
export class ClosedFormEngine {
  readonly grid: PolarGrid;
  private readonly gridPoints: number[][];
  private prepared: Prepared | null = null;

  constructor(grid: PolarGrid = makePolarGrid()) {
    this.grid = grid;
    this.gridPoints = polarGridPointsFloat64(grid);
  }

  private prepare(setup: ClosedFormSetup): { prepared: Prepared; cached: boolean } {
    const key = setupKey(setup);
    if (this.prepared && this.prepared.key === key) return { prepared: this.prepared, cached: true };
    const t0 = now();
    const { angles, standIn } = theoryAngles(setup);
    const set = augmentedTrainingSetFloat64(setup.points, angles);
    const options = { depth: setup.depth, sigmaW: setup.sigmaW, sigmaB: setup.sigmaB };
    const predictor = createNtkMeanPredictor({ trainX: set.X, trainY: set.Y, testX: this.gridPoints, ...options });
    const n = set.X.length;
    const trainKernel = new Float64Array(n * n);
    predictor.trainKernel.forEach((row, i) => trainKernel.set(row, i * n));
    const t1 = now();

    const orbitOrder = readoutOrder(setup, this.grid.nAngles);
    this.prepared = {
      key,
      predictor,
      X: set.X,
      n,
      copies: angles.length,
      basePoints: setup.points.length,
      standIn,
      orbitOrder,
      trainKernel,
      defects: null,
      memberInitRms: memberInitRms(this.gridPoints, setup.depth, setup.sigmaW, setup.sigmaB),
      kernelMs: t1 - t0,
    };
    return { prepared: this.prepared, cached: false };
  }

  /** Whether the invariance defects of this setup are computed (they are cached with the kernels). */
  hasDefects(setup: ClosedFormSetup): boolean {
    return this.prepared?.key === setupKey(setup) && this.prepared.defects !== null;
  }

  /**
   * The kernel invariance defect over every pair of X and every rotation of the readout group (capped at 16), and
   * the permutation defect of Θ(X, X). Costs O(|G|·N²) kernel evaluations: about as much as the closed form itself
   * at N = 256, so the worker answers μ_s first and these second.
   */
  computeDefects(setup: ClosedFormSetup): void {
    const { prepared: p } = this.prepare(setup);
    if (p.defects) return;
    const t1 = now();
    const options = { depth: setup.depth, sigmaW: setup.sigmaW, sigmaB: setup.sigmaB };
    const { n, copies, basePoints: P, trainKernel, orbitOrder } = p;
    const set = { X: p.X };
    const defectOrder = Math.min(orbitOrder, 16);
    const defect = kernelInvarianceDefect(
      set.X,
      Array.from({ length: defectOrder }, (_, m) => rotation((2 * Math.PI * m) / defectOrder)),
      options,
    );
    // Π(g): copy a → copy a + g (mod copies), point i fixed. Θ[π i, π j] − Θ[i, j] over every g, i, j.
    let permutationDefect = 0;
    for (let g = 1; g < copies; g++) {
      const pi = (k: number) => (((Math.floor(k / P) + g) % copies) * P + (k % P));
      for (let i = 0; i < n; i++) {
        const pii = pi(i) * n;
        for (let j = 0; j < n; j++) {
          const d = Math.abs(trainKernel[pii + pi(j)] - trainKernel[i * n + j]);
          if (d > permutationDefect) permutationDefect = d;
        }
      }
    }
    p.defects = {
      kernelDefect: defect.maxAbsDefect,
      kernelDefectRelative: defect.relativeDefect,
      permutationDefect,
      ms: now() - t1,
    };
  }

  /**
   * μ_s on the grid at each step, with the diagnostics and readouts (the defects only once `computeDefects` ran for
   * this setup; NaN before). Throws on an empty training set.
   */
  compute(setup: ClosedFormSetup, lr: number, steps: readonly number[]): ClosedFormResult {
    const t0 = now();
    if (setup.points.length === 0) throw new Error('there are no training points');
    const { prepared: p, cached } = this.prepare(setup);
    const t1 = now();
    const shift = this.grid.nAngles / p.orbitOrder;
    const unique = [...new Set(steps)].sort((a, b) => a - b);
    const out: ClosedFormStep[] = [];
    let diag: ReturnType<NtkMeanPredictor['predict']> | null = null;
    for (const step of unique) {
      const r = p.predictor.predict(lr, step);
      diag = r;
      const values = Float64Array.from(r.prediction);
      out.push({ step, values, ...this.orbitDeviation(values, p.orbitOrder, shift), trainLoss: r.trainLoss });
    }
    if (!diag) diag = p.predictor.predict(lr, 0);
    const t2 = now();
    return {
      key: closedFormKey(setup, lr),
      lr,
      n: p.n,
      copies: p.copies,
      basePoints: p.basePoints,
      standIn: p.standIn,
      orbitOrder: p.orbitOrder,
      eigenvalues: diag.eigenvalues,
      lambdaMax: diag.lambdaMax,
      criticalLr: diag.criticalLr,
      diverges: diag.diverges,
      droppedModes: diag.droppedModes,
      eigenvalueCutoff: diag.eigenvalueCutoff,
      smallestKeptEigenvalue: diag.smallestKeptEigenvalue,
      unfittableLabelFraction: diag.unfittableLabelFraction,
      trainKernel: p.trainKernel.slice(),
      kernelDefect: p.defects?.kernelDefect ?? NaN,
      kernelDefectRelative: p.defects?.kernelDefectRelative ?? NaN,
      permutationDefect: p.defects?.permutationDefect ?? NaN,
      defectsReady: p.defects !== null,
      memberInitRms: p.memberInitRms,
      steps: out,
      timings: {
        kernelMs: p.kernelMs,
        predictMs: t2 - t1,
        defectMs: p.defects?.ms ?? NaN,
        totalMs: t2 - t0,
        cached,
      },
    };
  }

  private orbitDeviation(values: Float64Array, order: number, shift: number): { orbitDeviationMax: number; orbitDeviationRelative: number } {
    if (!values.every(Number.isFinite)) return { orbitDeviationMax: NaN, orbitDeviationRelative: NaN };
    const orbit = Array.from({ length: order }, (_, g) => {
      const moved = new Float64Array(values.length);
      for (let q = 0; q < values.length; q++) moved[q] = values[rotatedIndex(this.grid, q, g * shift)];
      return moved;
    });
    const dev = orbitStdFloat64(orbit);
    let max = 0;
    let scale = 0;
    for (let q = 0; q < values.length; q++) {
      max = Math.max(max, dev[q]);
      scale = Math.max(scale, Math.abs(values[q]));
    }
    return { orbitDeviationMax: max, orbitDeviationRelative: scale > 0 ? max / scale : 0 };
  }
}

/** The key a closed-form answer carries: the setup and lr it was computed for. */
export function closedFormKey(setup: ClosedFormSetup, lr: number): string {
  return JSON.stringify({ p: setup.points, g: setup.group, d: setup.depth, w: setup.sigmaW, b: setup.sigmaB, lr });
}

/** ‖a − b‖₂/‖b‖₂ (NaN when b = 0 or either holds a non-finite value). */
export function relativeL2(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let ref = 0;
  for (let i = 0; i < b.length; i++) {
    diff += (a[i] - b[i]) ** 2;
    ref += b[i] ** 2;
  }
  const r = Math.sqrt(diff / ref);
  return Number.isFinite(r) ? r : NaN;
}

/** √(mean v²). */
export function rms(v: ArrayLike<number>): number {
  let acc = 0;
  for (let i = 0; i < v.length; i++) acc += v[i] * v[i];
  return v.length ? Math.sqrt(acc / v.length) : NaN;
}
