/**
 * The cross-product experiment's data and measurement, free of tfjs so that the page can summarise a worker pool's
 * merged predictions with the same code: training and test pairs, the octahedral augmentation, the evaluation set
 * (test pairs under Haar-random SO(3) rotations) and the equivariance errors (formulas in crossProduct.ts).
 */
import { Rng } from '../rng';
import { cross3, randomRotation3, rotate3, rotate3Inverse, type Rotation3 } from './octahedral';
import { EmptyTrainingSetError } from './vectorAugment';
import type { CrossConfig } from './crossConfig';

/** Stream tags, so the training pairs, test pairs and evaluation rotations never share draws. */
const TRAIN_STREAM = 0x3d01;
const TEST_STREAM = 0x3d02;
const ROTATION_STREAM = 0x3d03;

/**
 * `count` pairs (a, b) with a, b ~ N(0, I₃/3) (an SO(3)-invariant distribution, E‖a‖² = 1), flattened [count × 6],
 * from the stream keyed by (seed, stream).
 */
export function sampleCrossPairs(count: number, seed: number, stream = TRAIN_STREAM): Float32Array {
  const rng = new Rng(seed, stream);
  const out = new Float32Array(6 * count);
  const s = 1 / Math.sqrt(3);
  for (let i = 0; i < 6 * count; i++) out[i] = s * rng.normal();
  return out;
}

/** The evaluation rotations: R_0 = I, then M Haar-random rotations from the stream keyed by (seed, ROTATION_STREAM). */
export function evaluationRotations(M: number, seed: number): Rotation3[] {
  const rng = new Rng(seed, ROTATION_STREAM);
  const I = Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  return [I, ...Array.from({ length: M }, () => randomRotation3(rng))];
}

/** An augmented cross-product set: X [N × 6], Y [N × 3]. */
export interface CrossSet {
  X: Float32Array;
  Y: Float32Array;
  N: number;
}

/**
 * Augment pairs with rotations, acting diagonally, with labels transformed by the defining representation:
 * {((Ra, Rb), R(a × b)) : R ∈ rotations, pairs}, rotation-major. Refuses an empty set.
 */
export function augmentCrossSet(pairs: Float32Array, rotations: readonly Rotation3[]): CrossSet {
  const count = pairs.length / 6;
  if (count === 0) throw new EmptyTrainingSetError('There are no training pairs: the cross-product experiment needs at least one (a, b).');
  const N = count * rotations.length;
  const X = new Float32Array(6 * N);
  const Y = new Float32Array(3 * N);
  let n = 0;
  for (const R of rotations) {
    for (let i = 0; i < count; i++) {
      rotate3(R, pairs, X, 6 * i, 6 * n);
      rotate3(R, pairs, X, 6 * i + 3, 6 * n + 3);
      const y = cross3(pairs, pairs, 6 * i, 6 * i + 3);
      rotate3(R, y, Y, 0, 3 * n);
      n++;
    }
  }
  return { X, Y, N };
}

/**
 * Per test pair t, the equivariance deviation of predictions F laid out [T × (M+1) × 3] (rotation r of pair t at row
 * t(M+1) + r), given the rotations: dev_t = √((1/(M+1)) Σ_r ‖R_rᵀ F_{t,r} − v̄_t‖²).
 */
export function crossDeviations(F: ArrayLike<number>, T: number, rotations: readonly Rotation3[]): Float64Array {
  const R1 = rotations.length;
  const out = new Float64Array(T);
  const v = new Float64Array(3 * R1);
  for (let t = 0; t < T; t++) {
    for (let r = 0; r < R1; r++) rotate3Inverse(rotations[r], F, v, 3 * (t * R1 + r), 3 * r);
    let sq = 0;
    for (let c = 0; c < 3; c++) {
      let m = 0;
      for (let r = 0; r < R1; r++) m += v[3 * r + c];
      m /= R1;
      for (let r = 0; r < R1; r++) sq += (v[3 * r + c] - m) ** 2;
    }
    out[t] = Math.sqrt(sq / R1);
  }
  return out;
}

/** Summary of one function's equivariance on the test set. */
export interface CrossError {
  /** err(f) = mean_t dev_t. */
  error: number;
  /** err(f) / mean_t ‖f(x_t)‖. */
  relative: number;
  /** mean_t ‖f(x_t) − a_t × b_t‖: how well f fits the cross product. */
  fitError: number;
}

function crossErrorOf(F: ArrayLike<number>, T: number, rotations: readonly Rotation3[], targets: ArrayLike<number>): CrossError {
  const dev = crossDeviations(F, T, rotations);
  const R1 = rotations.length;
  let e = 0;
  let mag = 0;
  let fit = 0;
  for (let t = 0; t < T; t++) {
    e += dev[t];
    const o = 3 * t * R1;
    mag += Math.hypot(F[o], F[o + 1], F[o + 2]);
    fit += Math.hypot(F[o] - targets[3 * t], F[o + 1] - targets[3 * t + 1], F[o + 2] - targets[3 * t + 2]);
  }
  return { error: e / T, relative: e / mag, fitError: fit / T };
}

/** Errors of subset means against subset size s ∈ {1, 2, 4, …, E}, averaged over the ⌊E/s⌋ disjoint blocks. */
export interface CrossSizeCurve {
  sizes: number[];
  /** err of the block mean, averaged over blocks. */
  meanError: number[];
  /** err of a single member, averaged over the first s members (it does not depend on s beyond noise). */
  memberError: number[];
}

/** One point of the cross-product timeline. */
export interface CrossSnapshot {
  step: number;
  ensembleSize: number;
  /** Mean member training loss. */
  loss: number;
  mean: CrossError;
  /** Averaged over members. */
  member: CrossError;
  /** Member 0. */
  member0: CrossError;
  sizeCurve: CrossSizeCurve;
  /** The 3D view: probe pair (test pair 0) under each evaluation rotation r: inputs [(M+1) × 6], true a×b, mean and member 0 predictions [(M+1) × 3]. */
  probe: { inputs: Float32Array; target: Float32Array; mean: Float32Array; member: Float32Array };
}

/** The evaluation set of a run: its rotations, the test targets a_t × b_t [T × 3] and inputs [T(M+1) × 6]. */
export interface CrossEvaluationSet {
  rotations: Rotation3[];
  testTargets: Float32Array;
  evalInputs: Float32Array;
}

/**
 * Test pair t under rotation r at row t(M+1) + r: inputs (R_r a_t, R_r b_t), with R_0 = I and the test pairs and
 * rotations drawn from their own streams of the run's seed, so the page and every worker build the same set.
 */
export function crossEvaluationSet(config: CrossConfig): CrossEvaluationSet {
  const rotations = evaluationRotations(config.rotations, config.seed);
  const T = config.testPairs;
  const R1 = rotations.length;
  const test = sampleCrossPairs(T, config.seed, TEST_STREAM);
  const evalInputs = new Float32Array(6 * T * R1);
  const testTargets = new Float32Array(3 * T);
  for (let t = 0; t < T; t++) {
    const y = cross3(test, test, 6 * t, 6 * t + 3);
    testTargets.set(y, 3 * t);
    for (let r = 0; r < R1; r++) {
      const row = t * R1 + r;
      rotate3(rotations[r], test, evalInputs, 6 * t, 6 * row);
      rotate3(rotations[r], test, evalInputs, 6 * t + 3, 6 * row + 3);
    }
  }
  return { rotations, testTargets, evalInputs };
}

/** Errors of the mean, the members and the subset means from raw predictions [E × T(M+1) × 3]. */
export function summarizeCross(
  preds: Float32Array,
  config: CrossConfig,
  rotations: readonly Rotation3[],
  testTargets: Float32Array,
  evalInputs: Float32Array,
  step: number,
  losses: Float32Array,
): CrossSnapshot {
  const E = config.ensembleSize;
  const T = config.testPairs;
  const R1 = rotations.length;
  const len = 3 * T * R1;
  const blockMean = (start: number, count: number) => {
    const out = new Float64Array(len);
    for (let k = start; k < start + count; k++) for (let i = 0; i < len; i++) out[i] += preds[k * len + i];
    for (let i = 0; i < len; i++) out[i] /= count;
    return out;
  };
  const memberErrors = Array.from({ length: E }, (_, k) => crossErrorOf(preds.subarray(k * len, (k + 1) * len), T, rotations, testTargets));
  const avg = (list: CrossError[]): CrossError => ({
    error: list.reduce((a, e) => a + e.error, 0) / list.length,
    relative: list.reduce((a, e) => a + e.relative, 0) / list.length,
    fitError: list.reduce((a, e) => a + e.fitError, 0) / list.length,
  });
  const meanPred = blockMean(0, E);
  const sizes: number[] = [];
  for (let s = 1; s < E; s *= 2) sizes.push(s);
  sizes.push(E);
  const meanError: number[] = [];
  const memberError: number[] = [];
  for (const s of sizes) {
    const blocks = Math.floor(E / s);
    let e = 0;
    for (let j = 0; j < blocks; j++) e += crossErrorOf(blockMean(j * s, s), T, rotations, testTargets).error;
    meanError.push(e / blocks);
    memberError.push(avg(memberErrors.slice(0, s)).error);
  }
  const probeRows = 3 * R1;
  const probe = {
    inputs: evalInputs.slice(0, 6 * R1),
    target: new Float32Array(probeRows),
    mean: Float32Array.from(meanPred.subarray(0, probeRows)),
    member: preds.slice(0, probeRows),
  };
  for (let r = 0; r < R1; r++) rotate3(rotations[r], testTargets, probe.target, 0, 3 * r);
  return {
    step,
    ensembleSize: E,
    loss: losses.reduce((a, v) => a + v, 0) / losses.length,
    mean: crossErrorOf(meanPred, T, rotations, testTargets),
    member: avg(memberErrors),
    member0: memberErrors[0],
    sizeCurve: { sizes, meanError, memberError },
    probe,
  };
}

/** The Float32Arrays of a cross snapshot, for transfer. */
export function crossSnapshotTransferables(s: CrossSnapshot): ArrayBuffer[] {
  return [s.probe.inputs, s.probe.target, s.probe.mean, s.probe.member].map((a) => a.buffer as ArrayBuffer);
}
