import { rotateAngleMajor } from '../ensemble/augment';
import { cyclicAngles } from '../groups/rotation2d';
import type { VectorPoint } from './vectorConfig';
import {
  applyOutputRepresentation,
  assertRepresentationFits,
  OutputRepresentationError,
  outputRepresentationName,
  type OutputRepresentation,
} from './representation';

/** Raised when a run is asked to train on no points at all. */
export class EmptyTrainingSetError extends Error {
  constructor(message = 'There are no training points: add at least one point to train.') {
    super(message);
    this.name = 'EmptyTrainingSetError';
  }
}

/** An augmented vector training set, flattened for upload: X is [N, 2], Y is [N, d], both row-major. */
export interface VectorAugmentedSet {
  X: Float32Array;
  Y: Float32Array;
  N: number;
  outputDim: number;
  /** The rotation angle θ of each row's group element (row n = m·|points| + i has θ_m). */
  angles: Float32Array;
}

/**
 * Check that every point's target has `outputDim` components and that π can act on them. Throws
 * `EmptyTrainingSetError` or `OutputRepresentationError` with a clear message.
 */
export function assertVectorTrainingSet(points: readonly VectorPoint[], rep: OutputRepresentation, outputDim: number): void {
  if (points.length === 0) throw new EmptyTrainingSetError();
  assertRepresentationFits(rep, outputDim);
  points.forEach((p, i) => {
    if (p.y.length !== outputDim) {
      throw new OutputRepresentationError(
        `Training point ${i + 1} has a target with ${p.y.length} component${p.y.length === 1 ? '' : 's'}, but the ` +
          `output representation ${outputRepresentationName(rep)} and the network expect ${outputDim}.`,
      );
    }
  });
}

/**
 * Augmentation that transforms inputs and labels together: {(ρ(g)x_i, π(g)y_i) : g ∈ angles, i}, with ρ(θ) = R(θ)
 * on the plane and π(θ) the label representation. Ordered angle-major (all points at θ_0, then θ_1, …), so ρ(g)
 * permutes the set in blocks, as for the scalar toy. With π trivial the labels are copied unchanged.
 */
export function augmentVectorSet(
  points: readonly VectorPoint[],
  angles: readonly number[],
  rep: OutputRepresentation,
  outputDim: number,
): VectorAugmentedSet {
  assertVectorTrainingSet(points, rep, outputDim);
  const N = points.length * angles.length;
  const Y = new Float32Array(outputDim * N);
  const A = new Float32Array(N);
  const X = rotateAngleMajor(points, angles, (p, t, n) => {
    applyOutputRepresentation(rep, t, p.y, Y, 0, outputDim * n, outputDim);
    A[n] = t;
  });
  return { X, Y, N, outputDim, angles: A };
}

/** The C_n augmentation of a vector set: angles 2πm/n, m = 0…n−1. */
export function augmentVectorSetCyclic(
  points: readonly VectorPoint[],
  n: number,
  rep: OutputRepresentation,
  outputDim: number,
): VectorAugmentedSet {
  return augmentVectorSet(points, cyclicAngles(n), rep, outputDim);
}
