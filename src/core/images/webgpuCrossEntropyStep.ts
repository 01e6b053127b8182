/// <reference types="@webgpu/types" />
/**
 * The images lab's softmax cross-entropy SGD step as one fused WGSL kernel on tfjs's webgpu backend
 * (`SymlabWebgpuCrossEntropyStep`): the regression step's forward, delta and update shaders (ensembleShaders.ts)
 * around the softmax shader of crossEntropyShaders.ts, all recorded into tfjs's command encoder in one submit, on
 * the ordinary parameter tensors' GPU buffers. Same maths and same result as `crossEntropySgdStep` (classifier.ts),
 * the tfjs-op reference, which is what runs when this kernel is not installed, did not compile, or fails.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BatchedParams } from '../ensemble/batchedMlp';
import type { MlpArchitecture } from '../ensemble/architecture';
import { DELTA_SHADER, FORWARD_SHADER, UPDATE_SHADER } from '../ensemble/webgpu/ensembleShaders';
import { LOSS_SUM_SHADER, SOFTMAX_XENT_SHADER } from '../ensemble/webgpu/crossEntropyShaders';
import { bufferOf, compile, dispatchOf, run, scratch, uniform, type Dispatch, type WebgpuBackendInternals } from '../ensemble/webgpuFusedStep';
import { crossEntropySgdStep, type ClassifierInput } from './classifier';
import { crossEntropyKernelInputs, runCrossEntropyKernel } from './crossEntropyKernelCall';

const KERNEL = 'SymlabWebgpuCrossEntropyStep';

interface Pipelines {
  forward: GPUComputePipeline;
  delta: GPUComputePipeline;
  update: GPUComputePipeline;
  softmax: GPUComputePipeline;
  lossSum: GPUComputePipeline;
}

let pipelines = new WeakMap<GPUDevice, Pipelines>();
let unavailable: string | null = 'the WGSL cross-entropy step has not been compiled';

/** The shader sources, replaceable in tests (a broken one must be reported and fall back). */
export const CROSS_ENTROPY_SOURCES = {
  forward: FORWARD_SHADER,
  delta: DELTA_SHADER,
  update: UPDATE_SHADER,
  softmax: SOFTMAX_XENT_SHADER,
  lossSum: LOSS_SUM_SHADER,
};

/**
 * Compile the step's shaders on the active webgpu backend's device and register its kernel. Resolves to null when
 * ready, else to why not (the tfjs-op step `crossEntropySgdStep` is then used).
 */
export async function installWebgpuCrossEntropyStep(sources = CROSS_ENTROPY_SOURCES): Promise<string | null> {
  if (tf.getBackend() !== 'webgpu') return (unavailable = 'the WGSL cross-entropy step needs the webgpu backend');
  const device = (tf.backend() as unknown as WebgpuBackendInternals).device;
  try {
    const names = Object.keys(sources) as (keyof Pipelines)[];
    const compiled = await Promise.all(names.map((k) => compile(device, sources[k], `cross-entropy ${k}`)));
    pipelines = new WeakMap([[device, Object.fromEntries(names.map((k, i) => [k, compiled[i]])) as unknown as Pipelines]]);
  } catch (e) {
    pipelines = new WeakMap();
    return (unavailable = `the WGSL cross-entropy step did not compile (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!tf.getKernel(KERNEL, 'webgpu')) tf.registerKernel({ kernelName: KERNEL, backendName: 'webgpu', kernelFunc: kernel as unknown as tf.KernelFunc });
  return (unavailable = null);
}

/** Why the WGSL cross-entropy step is not in use, or null when it is. */
export function webgpuCrossEntropyStepUnavailable(): string | null {
  return unavailable;
}

function active(): boolean {
  return unavailable === null && tf.getBackend() === 'webgpu' && pipelines.has((tf.backend() as unknown as WebgpuBackendInternals).device);
}

function kernel({ inputs, attrs, backend }: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend: unknown }): tf.TensorInfo[] {
  const be = backend as WebgpuBackendInternals;
  const { L, alphaW, alphaB, W, b, X, Y, E, N } = crossEntropyKernelInputs(inputs, attrs, 'WGSL cross-entropy step');
  const p = pipelines.get(be.device);
  if (!p) throw new Error('the WGSL cross-entropy step was compiled for another device');
  const nIn = W.map((w) => w.shape[1]);
  const nOut = W.map((w) => w.shape[2]);
  const C = nOut[L - 1];
  const outW = W.map((w) => be.makeTensorInfo(w.shape.slice(), 'float32'));
  const outB = b.map((t) => be.makeTensorInfo(t.shape.slice(), 'float32'));
  const loss = be.makeTensorInfo([E], 'float32');
  try {
    const [xBuf, yBuf, lossBuf] = [bufferOf(be, X), bufferOf(be, Y), bufferOf(be, loss)];
    const wBuf = outW.map((t) => bufferOf(be, t));
    const bBuf = outB.map((t) => bufferOf(be, t));
    const copies: [GPUBuffer, GPUBuffer, number][] = [...W, ...b].map((t, k) => [bufferOf(be, t), [...wBuf, ...bBuf][k], 4 * tf.util.sizeFromShape(t.shape)]);
    // X and Y are shared [N, ·] (member stride 0) or one batch per member [E, N, ·].
    const xStride = X.shape.length === 3 ? N * nIn[0] : 0;
    const yStride = Y.shape.length === 3 ? N * C : 0;
    const A: GPUBuffer[] = [xBuf, ...nIn.slice(1).map((n) => scratch(be, E * N * n))];
    const D = nOut.map((n) => scratch(be, E * N * n));
    const rowLoss = scratch(be, E * N);
    const stride = (l: number) => (l === 0 ? xStride : N * nIn[l]);
    const dispatches: Dispatch[] = [];
    for (let l = 0; l < L; l++) {
      const last = l === L - 1;
      // ReLU hidden layers (act 1, mode 0); the last layer stores raw logits (mode 1) for the softmax shader.
      const u = uniform(be, [E, N, nIn[l], nOut[l], stride(l), 0, N * nOut[l], 0, 1, last ? 1 : 0, 0, 0]);
      dispatches.push(dispatchOf(be, p.forward, E * N * nOut[l], [u, A[l], wBuf[l], bBuf[l], yBuf, last ? D[l] : A[l + 1]]));
    }
    dispatches.push(dispatchOf(be, p.softmax, E * N, [uniform(be, [E, N, C, yStride, 1 / N, 0, 0, 0], [4]), yBuf, D[L - 1], rowLoss]));
    dispatches.push(dispatchOf(be, p.lossSum, E, [uniform(be, [E, N, 0, 0]), rowLoss, lossBuf]));
    for (let l = L - 1; l >= 0; l--) {
      if (l > 0) dispatches.push(dispatchOf(be, p.delta, E * N * nIn[l], [uniform(be, [E, N, nIn[l], nOut[l], 1, 0, 0, 0]), D[l], wBuf[l], A[l], D[l - 1]]));
      const u = uniform(be, [E, N, nIn[l], nOut[l], stride(l), alphaW[l], alphaB, 0], [5, 6]);
      dispatches.push(dispatchOf(be, p.update, E * (nIn[l] + 1) * nOut[l], [u, A[l], D[l], wBuf[l], bBuf[l]]));
    }
    run(be, copies, dispatches, 1, (message) => {
      unavailable = `the WGSL cross-entropy step was rejected by the GPU (${message}) and was switched off`;
    });
  } catch (e) {
    for (const t of [...outW, ...outB, loss]) be.disposeData(t.dataId, true);
    throw e;
  }
  return [...outW, ...outB, loss];
}

/**
 * `crossEntropySgdStep` (classifier.ts: δ_L = (softmax(z) − y)/N, δ_{l−1} = (δ_l W̃_lᵀ) ⊙ 1[a_{l−1} > 0],
 * W̃_l ← W̃_l − η s_l² a_lᵀ δ_l, b̃_l ← b̃_l − η σ_b² Σ_n δ_l) as one WGSL kernel when installed, with the per-member
 * loss before the step. If the kernel throws it is switched off for the session, the reason kept, and the step
 * recomputed as tfjs ops.
 */
export const webgpuCrossEntropyStepWithLoss: typeof crossEntropySgdStep = (arch, params, X, Y, lr) => {
  if (active()) {
    try {
      return runCrossEntropyKernel(KERNEL, arch, params, X, Y, lr);
    } catch (e) {
      unavailable = `the WGSL cross-entropy step failed (${e instanceof Error ? e.message : String(e)}) and was switched off`;
    }
  }
  return crossEntropySgdStep(arch, params, X, Y, lr);
};

/** The step as a plain `(arch, params, X, labels, lr) => params` (labels one-hot, [N, c] or [E, N, c]). */
export function webgpuCrossEntropyStep(arch: MlpArchitecture, params: BatchedParams, X: ClassifierInput, labels: tf.Tensor2D | tf.Tensor3D, lr: number): BatchedParams {
  const { params: next, loss } = webgpuCrossEntropyStepWithLoss(arch, params, X, labels, lr);
  loss.dispose();
  return next;
}
