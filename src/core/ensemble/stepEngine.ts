/**
 * One interface for the ensemble's backend-specific step. Every trainer computes its forward pass, loss and
 * gradient-descent steps through a `StepEngine`, chosen once when the backend is set (selectStepEngine.ts), never by
 * a backend check per call. The engines:
 * - the tfjs-op reference (`referenceEngine`: batched tf.matMul products, any backend; the tests compare against it)
 *   and its wasm variant with depthwise-convolution products (`tfjsOpEngine('depthwise')`);
 * - the fused SIMD kernel on wasm (fusedSgdStep.ts) and the fused WGSL kernels on webgpu (webgpuFusedStep.ts),
 *   built by `fusedKernelEngine` (fusedKernelState.ts), which fall back to a tfjs-op engine when a kernel fails.
 *
 * The maths every engine implements, on pre-scaled parameters W̃_l = s_l W_l (s_l = σ_w/√n_l), b̃_l = σ_b b_l:
 *   forward   h¹ = x W̃⁰ + b̃⁰,  h^{l+1} = φ(h^l) W̃^l + b̃^l,  f = h^{L+1};
 *   loss      L_k = 1/(2N) Σ_n ‖f_k(x_n) − y_n‖²;
 *   sgdStep   W̃^l ← W̃^l − η s_l² a_lᵀ δ_l,  b̃^l ← b̃^l − η σ_b² Σ_n δ_l,  δ_L = (f − y)/N,
 *             δ_{l−1} = (δ_l W̃^lᵀ) ⊙ φ′(z_{l−1}).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { MlpArchitecture } from './architecture';
import { batchedForward, batchedLoss, batchedSgdStep, batchedSgdSteps, type BatchedParams } from './batchedMlp';
import { depthwiseProduct, matMulProduct } from './batchedMatMul';
import { crossEntropySgdStep, type CrossEntropyStep } from './crossEntropyStep';

/** The ensemble step of one backend. Steps return new parameter tensors; the caller disposes the old ones. */
export interface StepEngine {
  /** What runs the step, in the user's words ("tfjs ops", "fused SIMD kernel", "fused WGSL kernels"). */
  readonly name: string;
  /** f_k(x_n) for every member k and input n, [E, N, out]. */
  forward(arch: MlpArchitecture, params: BatchedParams, X: tf.Tensor2D): tf.Tensor3D;
  /** Per-member MSE L_k = 1/(2N) Σ_n ‖f_k(x_n) − y_n‖², [E]. */
  loss(arch: MlpArchitecture, params: BatchedParams, X: tf.Tensor2D, Y: tf.Tensor2D): tf.Tensor1D;
  /** One full-batch gradient-descent step of every member. */
  sgdStep(arch: MlpArchitecture, params: BatchedParams, X: tf.Tensor2D, Y: tf.Tensor2D, lr: number): BatchedParams;
  /**
   * `steps` steps on the same data: the same numbers as `steps` calls of sgdStep. Where the backend can, one call
   * and one submit for all of them (webgpu); elsewhere a loop.
   */
  sgdSteps(arch: MlpArchitecture, params: BatchedParams, X: tf.Tensor2D, Y: tf.Tensor2D, lr: number, steps: number): BatchedParams;
  /**
   * The softmax cross-entropy step of the image classifiers (crossEntropyStep.ts), where this engine has its own
   * kernel for it. Absent: the tfjs-op reference `crossEntropySgdStep` is used (`crossEntropyStepOf`).
   */
  readonly crossEntropyStep?: CrossEntropyStep;
}

/** The tfjs-op engine with tf.matMul ('matmul', the reference) or depthwise-convolution products (wasm). */
export function tfjsOpEngine(products: 'matmul' | 'depthwise'): StepEngine {
  const product = products === 'matmul' ? matMulProduct : depthwiseProduct;
  return {
    name: products === 'matmul' ? 'tfjs ops' : 'tfjs ops (depthwise products)',
    forward: (arch, params, X) => batchedForward(arch, params, X, product),
    loss: (arch, params, X, Y) => batchedLoss(arch, params, X, Y, product),
    sgdStep: (arch, params, X, Y, lr) => batchedSgdStep(arch, params, X, Y, lr, product),
    sgdSteps: (arch, params, X, Y, lr, steps) => batchedSgdSteps(arch, params, X, Y, lr, steps, product),
    crossEntropyStep: crossEntropySgdStep,
  };
}

/** The reference: every step as tfjs ops with batched tf.matMul, on any backend. */
export const referenceEngine: StepEngine = tfjsOpEngine('matmul');

/** The engine's cross-entropy step, or the tfjs-op reference where it has none. */
export function crossEntropyStepOf(engine: StepEngine): CrossEntropyStep {
  return engine.crossEntropyStep ?? crossEntropyKernels.get(engine) ?? crossEntropySgdStep;
}

/** Cross-entropy kernels attached to an engine by the selector (they live beside the images code, which imports the engines). */
const crossEntropyKernels = new WeakMap<StepEngine, CrossEntropyStep>();

/** Give `engine` a cross-entropy kernel (one that falls back to the tfjs-op step by itself when it cannot run). */
export function attachCrossEntropyStep(engine: StepEngine, step: CrossEntropyStep): StepEngine {
  crossEntropyKernels.set(engine, step);
  return engine;
}

/** The engine chosen for each backend name when it was set (selectStepEngine). */
const chosen = new Map<string, StepEngine>();

/** Record `engine` as the one to use on `backend` (selectStepEngine does, once, when the backend is set). */
export function useStepEngine(backend: string, engine: StepEngine): void {
  chosen.set(backend, engine);
}

/**
 * The engine chosen for `backend` (default: the active tfjs backend), or the reference where none was chosen.
 * Trainers ask once, when they are built, and keep the answer for every step.
 */
export function stepEngineFor(backend: string = tf.getBackend()): StepEngine {
  return chosen.get(backend) ?? referenceEngine;
}
