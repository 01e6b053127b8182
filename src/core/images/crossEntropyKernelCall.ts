/**
 * The two sides of a fused cross-entropy kernel call, shared by the wasm SIMD kernel (fusedCrossEntropyStep.ts) and the
 * WGSL one (webgpuCrossEntropyStep.ts): the op packs W̃_l, b̃_l, X, Y and the step sizes; the kernel unpacks them.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { MlpArchitecture } from '../ensemble/architecture';
import type { BatchedParams } from '../ensemble/batchedParams';
import type { ClassifierInput, CrossEntropyStep } from '../ensemble/crossEntropyStep';
import { kernelInput, kernelInputs, layerInputs, stepSizeAttrs, type StepSizeAttrs } from '../ensemble/fusedKernelState';

/**
 * Run the registered kernel `kernelName` once: inputs W0…W_{L−1}, b0…b_{L−1}, X, Y; attributes the step sizes
 * α_W,l = −η s_l², α_b = −η σ_b² (`stepSizeAttrs`). Its outputs are the new W̃_l, b̃_l and the per-member loss before
 * the step, returned as a step's result (the caller disposes the old parameters).
 */
export function runCrossEntropyKernel(
  kernelName: string,
  arch: MlpArchitecture,
  params: BatchedParams,
  X: ClassifierInput,
  Y: tf.Tensor2D | tf.Tensor3D,
  lr: number,
): ReturnType<CrossEntropyStep> {
  const L = params.W.length;
  const attrs = stepSizeAttrs(arch, L, lr);
  const out = tf.engine().runKernel(kernelName, kernelInputs(params, { X, Y }), attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
  return { params: { W: out.slice(0, L) as tf.Tensor3D[], b: out.slice(L, 2 * L) as tf.Tensor3D[] }, loss: out[2 * L] as tf.Tensor1D };
}

/** What a cross-entropy kernel reads: its step sizes, W̃_l, b̃_l, X, Y, the member count E and the batch size N. */
export interface CrossEntropyKernelInputs {
  L: number;
  alphaW: number[];
  alphaB: number;
  W: tf.TensorInfo[];
  b: tf.TensorInfo[];
  X: tf.TensorInfo;
  Y: tf.TensorInfo;
  E: number;
  N: number;
}

/** Unpack a `runCrossEntropyKernel` call inside the kernel; a missing input names `what`. */
export function crossEntropyKernelInputs(inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap | undefined, what: string): CrossEntropyKernelInputs {
  const { layers: L, alphaW, alphaB } = attrs as unknown as StepSizeAttrs;
  const { W, b, X } = layerInputs(inputs, L, what);
  // X is a shared [N, d] batch or one batch per member [E, N, d].
  return { L, alphaW, alphaB, W, b, X, Y: kernelInput(inputs, 'Y', what), E: W[0].shape[0], N: X.shape[X.shape.length - 2] };
}
