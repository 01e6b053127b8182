/**
 * A checkpoint of an image run's training: the step reached and both ensembles' parameters exactly as stored (the
 * pre-scaled batched tensors, read back byte for byte). Restoring writes the same floats back, and the data order and
 * rotations of every later step depend only on (seed, member, step), so a run resumed from a checkpoint continues
 * exactly as the uninterrupted run would have on the same backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import { layerSizes, type MlpArchitecture } from '../ensemble/architecture';
import type { BatchedParams } from '../ensemble/batchedMlp';

/** One ensemble's stored parameters: per layer, W̃ [E·n_l·n_{l+1}] and b̃ [E·n_{l+1}], member-major. */
export interface StoredEnsemble {
  W: Float32Array[];
  b: Float32Array[];
}

export interface ImageRunCheckpoint {
  /** Training steps completed. */
  step: number;
  /** The augmented (DeepEns+DA) ensemble. */
  da: StoredEnsemble;
  /** The ensemble trained on canonicalised images. */
  canon: StoredEnsemble;
}

/**
 * Read an ensemble's parameter tensors back, asynchronously (no dataSync). The arrays are copies: the cpu backend's
 * `data()` hands out its own storage, which must not be transferred away from a live tensor.
 */
export async function storeEnsemble(params: BatchedParams): Promise<StoredEnsemble> {
  const copy = (ts: tf.Tensor[]) => Promise.all(ts.map(async (t) => (await t.data() as Float32Array).slice()));
  return { W: await copy(params.W), b: await copy(params.b) };
}

/**
 * Why `stored` cannot hold E members of `arch` (wrong layer count or length), or null when it fits. Checked before
 * restoring, so a malformed checkpoint is refused with a reason instead of failing inside a matMul.
 */
export function storedEnsembleMismatch(arch: MlpArchitecture, E: number, stored: StoredEnsemble): string | null {
  const sizes = layerSizes(arch);
  const layers = sizes.length - 1;
  if (stored.W.length !== layers || stored.b.length !== layers) return `expected ${layers} layers, got ${stored.W.length} weights and ${stored.b.length} biases`;
  for (let l = 0; l < layers; l++) {
    if (stored.W[l].length !== E * sizes[l] * sizes[l + 1]) return `layer ${l} weights: expected ${E * sizes[l] * sizes[l + 1]} values, got ${stored.W[l].length}`;
    if (stored.b[l].length !== E * sizes[l + 1]) return `layer ${l} biases: expected ${E * sizes[l + 1]} values, got ${stored.b[l].length}`;
  }
  return null;
}

/** Tensors holding a stored ensemble again (the caller owns and disposes them). Throws when the shapes do not fit. */
export function restoreEnsemble(arch: MlpArchitecture, E: number, stored: StoredEnsemble): BatchedParams {
  const mismatch = storedEnsembleMismatch(arch, E, stored);
  if (mismatch) throw new Error(`the checkpoint does not fit this run: ${mismatch}`);
  const sizes = layerSizes(arch);
  return {
    W: stored.W.map((w, l) => tf.tensor3d(w, [E, sizes[l], sizes[l + 1]])),
    b: stored.b.map((b, l) => tf.tensor3d(b, [E, 1, sizes[l + 1]])),
  };
}

/** The buffers of a checkpoint, for posting it between threads without a copy. */
export function imageCheckpointTransferables(cp: ImageRunCheckpoint): ArrayBuffer[] {
  return [...cp.da.W, ...cp.da.b, ...cp.canon.W, ...cp.canon.b].map((a) => a.buffer as ArrayBuffer);
}
