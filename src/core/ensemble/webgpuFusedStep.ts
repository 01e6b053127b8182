/// <reference types="@webgpu/types" />
import * as tf from '@tensorflow/tfjs-core';
import type { MlpArchitecture } from './architecture';
import type { BatchedParams } from './batchedParams';
import { FusedKernelState, fusedKernelEngine, kernelInput, kernelInputs, layerInputs, stepSizeAttrs } from './fusedKernelState';
import type { ForwardAttrs, StepSizeAttrs } from './fusedKernelState';
import { referenceEngine, type StepEngine } from './stepEngine';
import { DELTA_SHADER, FORWARD_SHADER, UPDATE_SHADER, WORKGROUP_SIZE, deltaThreads } from './webgpu/ensembleShaders';

/*
 * The fused ensemble step on the webgpu backend: tfjs kernels `SymlabWebgpuSgdSteps` and `SymlabWebgpuForward` that
 * record the WGSL shaders of webgpu/ensembleShaders.ts straight into tfjs-backend-webgpu's own command encoder, on
 * the GPU buffers of ordinary tfjs tensors. Like the wasm kernel (fusedSgdStep.ts) the outputs are new tensors, so
 * the trainer, snapshots and checkpoints are unchanged; unlike it, one call can run many steps (`steps`): the old
 * parameters are copied into the outputs once, then every step updates them in place on the GPU, 3L − 1 dispatches a
 * step, one submit for all of them. Nothing is read back here: the caller reads with `await data()`.
 *
 * The pipelines are compiled asynchronously by `installWebgpuFusedStep` (createComputePipelineAsync rejects with the
 * compiler's message), so a shader that does not compile is reported and the tfjs-op step is used instead.
 */

const STEP_KERNEL = 'SymlabWebgpuSgdSteps';
const FORWARD_KERNEL = 'SymlabWebgpuForward';
/** Largest scratch buffer the forward pass on a grid allocates: points are processed in blocks that fit. */
const FORWARD_SCRATCH_FLOATS = 1 << 24;
const MAX_GROUPS_PER_DIMENSION = 65535;

/** The parts of tfjs-backend-webgpu's WebGPUBackend used here (internal, but fixed in the pinned 4.22). */
export interface WebgpuBackendInternals {
  device: GPUDevice;
  queue: GPUQueue;
  commandEncoder: GPUCommandEncoder | null;
  tensorMap: { get(dataId: object): { resource: GPUBuffer | null } | undefined };
  bufferManager: { acquireBuffer(size: number, usage: number): GPUBuffer };
  uniformPendingDisposal: GPUBuffer[];
  makeTensorInfo(shape: number[], dtype: 'float32'): tf.TensorInfo;
  uploadToGPU(dataId: object): void;
  ensureCommandEncoderReady(): void;
  endComputePassEncoder(): void;
  submitQueue(): void;
  disposeData(dataId: object, force?: boolean): boolean;
}

interface Pipelines {
  forward: GPUComputePipeline;
  delta: GPUComputePipeline;
  update: GPUComputePipeline;
}

let pipelines = new WeakMap<GPUDevice, Pipelines>();
const state = new FusedKernelState('fused WGSL step', 'the fused WGSL step has not been compiled');

export async function compile(device: GPUDevice, code: string, label: string): Promise<GPUComputePipeline> {
  const module = device.createShaderModule({ code, label });
  const info = await module.getCompilationInfo?.();
  const errors = info?.messages.filter((m) => m.type === 'error') ?? [];
  if (errors.length) throw new Error(`${label}: ${errors.map((m) => `line ${m.lineNum}: ${m.message}`).join('; ')}`);
  return device.createComputePipelineAsync({ layout: 'auto', compute: { module, entryPoint: 'main' }, label });
}

/**
 * Compile the fused step's shaders on the active webgpu backend's device and register its kernels. Resolves to null
 * when ready, else to why not (the tfjs-op step is used). `sources` replaces the shaders (tests: a broken one).
 */
export async function installWebgpuFusedStep(sources = { forward: FORWARD_SHADER, delta: DELTA_SHADER, update: UPDATE_SHADER }): Promise<string | null> {
  if (tf.getBackend() !== 'webgpu') return state.refuse('the fused WGSL step needs the webgpu backend');
  const device = (tf.backend() as unknown as WebgpuBackendInternals).device;
  try {
    const [forward, delta, update] = await Promise.all([
      compile(device, sources.forward, 'ensemble forward'),
      compile(device, sources.delta, 'ensemble delta'),
      compile(device, sources.update, 'ensemble update'),
    ]);
    pipelines = new WeakMap([[device, { forward, delta, update }]]);
  } catch (e) {
    pipelines = new WeakMap();
    return state.refuse(`the fused WGSL step did not compile (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!tf.getKernel(STEP_KERNEL, 'webgpu')) tf.registerKernel({ kernelName: STEP_KERNEL, backendName: 'webgpu', kernelFunc: stepKernel as unknown as tf.KernelFunc });
  if (!tf.getKernel(FORWARD_KERNEL, 'webgpu')) tf.registerKernel({ kernelName: FORWARD_KERNEL, backendName: 'webgpu', kernelFunc: forwardKernel as unknown as tf.KernelFunc });
  return state.ready();
}

/** Why the fused WGSL step is not available, or null when it is. */
export function webgpuFusedStepUnavailable(): string | null {
  return state.unavailable;
}

export function bufferOf(be: WebgpuBackendInternals, t: tf.TensorInfo): GPUBuffer {
  be.uploadToGPU(t.dataId);
  const resource = be.tensorMap.get(t.dataId)?.resource;
  if (!(resource && 'mapAsync' in resource)) throw new Error('a tensor of the fused step is not a GPU buffer');
  return resource;
}

/** A uniform buffer holding `words` (u32 or f32 by the JS type: integers as u32 unless listed in `floats`). */
export function uniform(be: WebgpuBackendInternals, words: number[], floats: number[] = []): GPUBuffer {
  const data = new ArrayBuffer(Math.ceil(words.length / 4) * 16);
  const u = new Uint32Array(data);
  const f = new Float32Array(data);
  words.forEach((w, i) => (floats.includes(i) ? (f[i] = w) : (u[i] = w)));
  const buffer = be.bufferManager.acquireBuffer(data.byteLength, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
  be.queue.writeBuffer(buffer, 0, data);
  be.uniformPendingDisposal.push(buffer);
  return buffer;
}

/** A scratch storage buffer of `floats` floats, returned to tfjs's pool once the submit is recorded. */
export function scratch(be: WebgpuBackendInternals, floats: number): GPUBuffer {
  const buffer = be.bufferManager.acquireBuffer(Math.max(16, 4 * floats), GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
  be.uniformPendingDisposal.push(buffer);
  return buffer;
}

export interface Dispatch {
  pipeline: GPUComputePipeline;
  bindGroup: GPUBindGroup;
  groups: [number, number];
}

export function dispatchOf(be: WebgpuBackendInternals, pipeline: GPUComputePipeline, threads: number, buffers: GPUBuffer[]): Dispatch {
  const bindGroup = be.device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
  const total = Math.ceil(threads / WORKGROUP_SIZE);
  const x = Math.min(total, MAX_GROUPS_PER_DIMENSION);
  return { pipeline, bindGroup, groups: [x, Math.ceil(total / x)] };
}

/**
 * Record the dispatches `times` times in one compute pass on tfjs's encoder, after copying `copies`, and submit.
 * `onRejected` hears a validation error (default: switch this step off); other kernels pass their own.
 */
export function run(be: WebgpuBackendInternals, copies: [GPUBuffer, GPUBuffer, number][], dispatches: Dispatch[], times: number, onRejected?: (message: string) => void): void {
  const device = be.device;
  device.pushErrorScope('validation');
  be.ensureCommandEncoderReady();
  be.endComputePassEncoder();
  const encoder = be.commandEncoder!;
  for (const [from, to, bytes] of copies) encoder.copyBufferToBuffer(from, 0, to, 0, bytes);
  const pass = encoder.beginComputePass();
  for (let s = 0; s < times; s++) {
    for (const d of dispatches) {
      pass.setPipeline(d.pipeline);
      pass.setBindGroup(0, d.bindGroup);
      pass.dispatchWorkgroups(d.groups[0], d.groups[1]);
    }
  }
  pass.end();
  be.submitQueue();
  // A validation error surfaces asynchronously: the step's numbers are then unusable, so switch off for later steps.
  void device.popErrorScope().then((error) => {
    if (!error) return;
    if (onRejected) onRejected(error.message);
    else state.refuse(`the fused WGSL step was rejected by the GPU (${error.message}) and was switched off`);
  });
}

interface StepAttrs extends StepSizeAttrs {
  steps: number;
}

function stepKernel({ inputs, attrs, backend }: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend: unknown }): tf.TensorInfo[] {
  const be = backend as WebgpuBackendInternals;
  const { layers: L, alphaW, alphaB, tanh, steps } = attrs as unknown as StepAttrs;
  const p = pipelines.get(be.device);
  if (!p) throw new Error('the fused WGSL step was compiled for another device');
  const { W, b, X } = layerInputs(inputs, L, 'fused WGSL step');
  const Y = kernelInput(inputs, 'Y', 'fused WGSL step');
  const E = W[0].shape[0];
  const N = X.shape[0];
  const act = tanh ? 2 : 1;
  const outW = W.map((w) => be.makeTensorInfo(w.shape.slice(), 'float32'));
  const outB = b.map((t) => be.makeTensorInfo(t.shape.slice(), 'float32'));
  try {
    const [xBuf, yBuf] = [bufferOf(be, X), bufferOf(be, Y)];
    const wBuf = outW.map((t) => bufferOf(be, t));
    const bBuf = outB.map((t) => bufferOf(be, t));
    const copies: [GPUBuffer, GPUBuffer, number][] = [
      ...W.map((t, l): [GPUBuffer, GPUBuffer, number] => [bufferOf(be, t), wBuf[l], 4 * tf.util.sizeFromShape(t.shape)]),
      ...b.map((t, l): [GPUBuffer, GPUBuffer, number] => [bufferOf(be, t), bBuf[l], 4 * tf.util.sizeFromShape(t.shape)]),
    ];
    // a_l for l = 1 … L−1 (a_0 is X), and δ per layer (δ_l is [E, N, n_{l+1}]).
    const nIn = W.map((w) => w.shape[1]);
    const nOut = W.map((w) => w.shape[2]);
    const A: GPUBuffer[] = [xBuf, ...nIn.slice(1).map((n) => scratch(be, E * N * n))];
    const D = nOut.map((n) => scratch(be, E * N * n));
    const stride = (l: number) => (l === 0 ? 0 : N * nIn[l]);
    const dispatches: Dispatch[] = [];
    for (let l = 0; l < L; l++) {
      const last = l === L - 1;
      const u = uniform(be, [E, N, nIn[l], nOut[l], stride(l), 0, N * nOut[l], 0, act, last ? 2 : 0, 1 / N, 0], [10]);
      dispatches.push(dispatchOf(be, p.forward, E * N * nOut[l], [u, A[l], wBuf[l], bBuf[l], yBuf, last ? D[l] : A[l + 1]]));
    }
    for (let l = L - 1; l >= 0; l--) {
      if (l > 0) {
        const u = uniform(be, [E, N, nIn[l], nOut[l], act, 0, 0, 0]);
        dispatches.push(dispatchOf(be, p.delta, deltaThreads(E, N, nIn[l]), [u, D[l], wBuf[l], A[l], D[l - 1]]));
      }
      const u = uniform(be, [E, N, nIn[l], nOut[l], stride(l), alphaW[l], alphaB, 0], [5, 6]);
      dispatches.push(dispatchOf(be, p.update, E * (nIn[l] + 1) * nOut[l], [u, A[l], D[l], wBuf[l], bBuf[l]]));
    }
    run(be, copies, dispatches, steps);
  } catch (e) {
    // The outputs are not tensors yet: release them here, or a failed step would leak their buffers.
    for (const t of [...outW, ...outB]) be.disposeData(t.dataId, true);
    throw e;
  }
  return [...outW, ...outB];
}

function forwardKernel({ inputs, attrs, backend }: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend: unknown }): tf.TensorInfo {
  const be = backend as WebgpuBackendInternals;
  const { layers: L, tanh } = attrs as unknown as ForwardAttrs;
  const p = pipelines.get(be.device);
  if (!p) throw new Error('the fused WGSL step was compiled for another device');
  const { W, b, X } = layerInputs(inputs, L, 'fused WGSL step');
  const E = W[0].shape[0];
  const P = X.shape[0];
  const nIn = W.map((w) => w.shape[1]);
  const nOut = W.map((w) => w.shape[2]);
  const out = be.makeTensorInfo([E, P, nOut[L - 1]], 'float32');
  try {
    const xBuf = bufferOf(be, X);
    const wBuf = W.map((t) => bufferOf(be, t));
    const bBuf = b.map((t) => bufferOf(be, t));
    const outBuf = bufferOf(be, out);
    // Points in blocks whose hidden activations fit the scratch budget; two scratch buffers alternate between layers.
    const maxWidth = Math.max(1, ...nOut.slice(0, -1));
    const block = Math.max(1, Math.min(P, Math.floor(FORWARD_SCRATCH_FLOATS / (E * maxWidth))));
    const S = [scratch(be, E * block * maxWidth), scratch(be, E * block * maxWidth)];
    const dispatches: Dispatch[] = [];
    for (let start = 0; start < P; start += block) {
      const n = Math.min(block, P - start);
      for (let l = 0; l < L; l++) {
        const last = l === L - 1;
        const src = l === 0 ? xBuf : S[(l - 1) % 2];
        const dst = last ? outBuf : S[l % 2];
        const u = uniform(be, [E, n, nIn[l], nOut[l], l === 0 ? 0 : n * nIn[l], l === 0 ? start : 0, last ? P * nOut[l] : n * nOut[l], last ? start : 0, tanh ? 2 : 1, last ? 1 : 0, 0, 0], [10]);
        // Y is not read in this mode; X stands in for its binding.
        dispatches.push(dispatchOf(be, p.forward, E * n * nOut[l], [u, src, wBuf[l], bBuf[l], xBuf, dst]));
      }
    }
    run(be, [], dispatches, 1);
  } catch (e) {
    be.disposeData(out.dataId, true);
    throw e;
  }
  return out;
}

/**
 * `steps` full-batch gradient-descent steps of every member in one kernel call and one GPU submit, the maths of
 * batchedSgdStep: δ_L = (f − y)/N, δ_{l−1} = (δ_l W̃_lᵀ) ⊙ φ′(z_{l−1}), W̃_l ← W̃_l − η s_l² a_lᵀ δ_l,
 * b̃_l ← b̃_l − η σ_b² Σ_n δ_l, on pre-scaled parameters (s_l = σ_w/√n_l). Returns new parameter tensors; the caller
 * disposes the old ones.
 */
export function webgpuFusedSteps(arch: MlpArchitecture, params: BatchedParams, X: tf.Tensor2D, Y: tf.Tensor2D, lr: number, steps = 1): BatchedParams {
  const L = params.W.length;
  const attrs: StepAttrs = { ...stepSizeAttrs(arch, L, lr), steps: Math.max(1, Math.floor(steps)) };
  const out = tf.engine().runKernel(STEP_KERNEL, kernelInputs(params, { X, Y }), attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
  return { W: out.slice(0, L) as tf.Tensor3D[], b: out.slice(L) as tf.Tensor3D[] };
}

/** The batched forward pass f_e(x_p) as [E, P, out] in one kernel call: h¹ = x W̃⁰ + b̃⁰, h^{l+1} = φ(h^l) W̃^l + b̃^l. */
export function webgpuFusedForward(arch: MlpArchitecture, params: BatchedParams, X: tf.Tensor2D): tf.Tensor3D {
  const attrs: ForwardAttrs = { layers: params.W.length, tanh: arch.activation === 'tanh' };
  return tf.engine().runKernel(FORWARD_KERNEL, kernelInputs(params, { X }), attrs as unknown as tf.NamedAttrMap) as tf.Tensor3D;
}

const WGSL_CLAIM = /; fused WGSL training step$/;

/**
 * A webgpu backend's badge reason brought up to date: if the fused WGSL step was switched off since the reason was
 * written ("…; fused WGSL training step"), that claim is replaced by why. Otherwise unchanged.
 */
export function reasonWithWebgpuKernelState(reason: string): string {
  return state.reasonNow(reason, WGSL_CLAIM, ', so the step runs as tfjs ops');
}

/**
 * The webgpu StepEngine: the fused WGSL kernels for the forward pass and the steps (k steps in one submit); where
 * they did not compile or have failed, the tfjs-op reference.
 */
export const webgpuFusedEngine: StepEngine = fusedKernelEngine('fused WGSL kernels', state, { forward: webgpuFusedForward, sgdSteps: webgpuFusedSteps }, referenceEngine);
