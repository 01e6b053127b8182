/**
 * Every member on many points, a block of points at a time. One forward pass over all P points holds two layers'
 * activations of every member at every point, E · P · W · 2 floats: 805 MB at E = 1024 on the 1,536-point grid at
 * W = 64, more than a tab should spend on one snapshot. A member's output at a point depends on that point alone, so
 * splitting the points into blocks of B changes no number and bounds the activations at E · B · W · 2 floats.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { MlpArchitecture } from './architecture';
import type { BatchedParams } from './batchedMlp';
import type { StepEngine } from './stepEngine';

/** Activation floats one forward block may hold per layer pair: 2²⁴ (64 MB of float32). */
export const FORWARD_BLOCK_FLOATS = 1 << 24;

/**
 * Points per forward block for an ensemble of `ensembleSize` members of width `width` on `points` points:
 * all of them when E · P · W ≤ budget (every default run: one block, as before), else
 * B = max(32, 32 · ⌊budget / (32 · E · W)⌋). E is the whole ensemble's size, not a pool worker's slice, so every
 * split evaluates the same blocks.
 */
export function forwardBlockPoints(ensembleSize: number, width: number, points: number, budget = FORWARD_BLOCK_FLOATS): number {
  if (ensembleSize * points * width <= budget) return points;
  return Math.min(points, Math.max(32, 32 * Math.floor(budget / (32 * ensembleSize * width))));
}

/**
 * f_k(x_p) for every member k and point p, member-major [E × P × out], read back asynchronously, evaluated
 * `blockPoints` points at a time: block [p₀, p₀ + B) fills out[k, p₀ … p₀ + B) for every k.
 */
export async function forwardInBlocks(
  engine: StepEngine,
  arch: MlpArchitecture,
  params: BatchedParams,
  X: tf.Tensor2D,
  blockPoints: number,
): Promise<Float32Array> {
  const P = X.shape[0];
  if (blockPoints >= P) {
    const out = engine.forward(arch, params, X);
    try {
      return (await out.data()) as Float32Array;
    } finally {
      out.dispose();
    }
  }
  let result: Float32Array | null = null;
  for (let p0 = 0; p0 < P; p0 += blockPoints) {
    const n = Math.min(blockPoints, P - p0);
    const block = tf.slice(X, [p0, 0], [n, X.shape[1]]);
    const out = engine.forward(arch, params, block);
    block.dispose();
    const [E, , outDim] = out.shape;
    let data: Float32Array;
    try {
      data = (await out.data()) as Float32Array;
    } finally {
      out.dispose();
    }
    result ??= new Float32Array(E * P * outDim);
    const row = n * outDim;
    for (let k = 0; k < E; k++) result.set(data.subarray(k * row, (k + 1) * row), (k * P + p0) * outDim);
  }
  return result!;
}
