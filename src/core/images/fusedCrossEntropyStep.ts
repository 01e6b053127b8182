/**
 * The images lab's cross-entropy step as one wasm kernel, `SymlabCrossEntropySgdStep`: the hand-written SIMD kernel of
 * src/kernels/crossEntropyStep.ts run on the tfjs wasm backend's own memory, with the regression kernel's layer table
 * and memory helpers (src/core/ensemble/fusedSgdStep.ts). Inputs and outputs are ordinary tfjs tensors, so the run,
 * its checkpoints and the evaluation do not change; only the step is one op instead of ~40.
 *
 * The host supplies the compiled module (the images worker fetches it from the build, Node tests read it from disk).
 * Until then, off the wasm backend, or if the kernel fails, `crossEntropyStep` runs the tfjs-op reference
 * (`crossEntropySgdStep`), which computes the same numbers, and `crossEntropyStepUnavailable()` says why.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { MlpArchitecture } from '../ensemble/architecture';
import type { BatchedParams } from '../ensemble/batchedParams';
import { allocate, instanceOn, offsetOf, TABLE_BYTES_PER_LAYER, writeLayerTable, type WasmBackendInternals } from '../ensemble/fusedSgdStep';
import { classifierProbabilities, crossEntropySgdStep, type CrossEntropyStep } from './classifier';
import { stepEngineFor } from '../ensemble/stepEngine';
import { crossEntropyKernelInputs, runCrossEntropyKernel } from './crossEntropyKernelCall';

const KERNEL_NAME = 'SymlabCrossEntropySgdStep';

/** The exports of crossEntropyStep.wasm (pointers are byte offsets into the wasm backend's memory). */
interface KernelExports {
  trainStep(E: number, L: number, N: number, x: number, xStride: number, y: number, yStride: number, table: number, scratch: number, loss: number): void;
  scratchBytes(L: number, N: number, maxWidth: number): number;
}

let compiled: WebAssembly.Module | null = null;
let unavailable: string | null = 'the fused cross-entropy kernel has not been loaded';
let enabled = true;
/** One instance per wasm-backend memory: a re-created backend gets a fresh instance on its own memory. */
let instances = new WeakMap<WebAssembly.Memory, KernelExports>();

function kernelFor(backend: WasmBackendInternals): KernelExports {
  return instanceOn(compiled, instances, backend, unavailable ?? 'the fused cross-entropy kernel has not been loaded');
}

/** Floats between two members' batches: 0 for a batch shared by all members ([N, d]), N·d for one each ([E, N, d]). */
function memberStride(t: tf.TensorInfo): number {
  return t.shape.length === 3 ? t.shape[1] * t.shape[2] : 0;
}

function stepKernel({ inputs, attrs, backend }: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend: unknown }): tf.TensorInfo[] {
  const be = backend as WasmBackendInternals;
  const { L, alphaW, alphaB, W, b, X, Y, E, N } = crossEntropyKernelInputs(inputs, attrs, 'fused cross-entropy step');
  const k = kernelFor(be);
  const maxWidth = Math.max(...W.map((w) => w.shape[2]));
  const outW = W.map((w) => be.makeOutput(w.shape.slice(), 'float32'));
  const outB = b.map((t) => be.makeOutput(t.shape.slice(), 'float32'));
  const loss = be.makeOutput([E], 'float32');
  const tableBytes = L * TABLE_BYTES_PER_LAYER;
  const [block, table] = allocate(be, tableBytes + k.scratchBytes(L, N, maxWidth));
  try {
    writeLayerTable(be, table, W, b, outW, outB, alphaW, alphaB);
    k.trainStep(E, L, N, offsetOf(be, X), memberStride(X), offsetOf(be, Y), memberStride(Y), table, table + tableBytes, offsetOf(be, loss));
  } catch (e) {
    // The outputs are not tensors yet: release their memory here, or a failed step would leak it.
    for (const t of [...outW, ...outB, loss]) be.disposeData(t.dataId);
    throw e;
  } finally {
    be.wasm._free(block);
  }
  return [...outW, ...outB, loss];
}

/**
 * Register the fused cross-entropy step with tfjs's wasm backend, given the compiled src/kernels/crossEntropyStep.wasm
 * (or its relaxed-SIMD build). Returns null when it is ready, else why the tfjs-op step will be used instead.
 */
export function installFusedCrossEntropyStep(module: WebAssembly.Module): string | null {
  const imports = WebAssembly.Module.imports(module);
  if (imports.length !== 1 || imports[0].kind !== 'memory') {
    unavailable = 'the fused cross-entropy kernel does not import exactly one memory';
    return unavailable;
  }
  compiled = module;
  instances = new WeakMap();
  if (!tf.getKernel(KERNEL_NAME, 'wasm')) tf.registerKernel({ kernelName: KERNEL_NAME, backendName: 'wasm', kernelFunc: stepKernel as unknown as tf.KernelFunc });
  unavailable = null;
  if (tf.getBackend() === 'wasm') {
    try {
      kernelFor(tf.backend() as unknown as WasmBackendInternals);
    } catch (e) {
      unavailable = `the fused cross-entropy kernel cannot run on this wasm backend: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  return unavailable;
}

/** Turn the fused cross-entropy step off or on (the profile and the tests compare it with the tfjs-op step). */
export function setFusedCrossEntropyStepEnabled(on: boolean): void {
  enabled = on;
}

/** Why `crossEntropyStep` runs the tfjs-op reference now, or null when it runs the fused kernel. */
export function crossEntropyStepUnavailable(): string | null {
  if (!enabled) return 'the fused cross-entropy kernel is switched off';
  if (unavailable) return unavailable;
  if (tf.getBackend() !== 'wasm') return `the fused cross-entropy kernel runs on wasm only (this backend: ${tf.getBackend()})`;
  return null;
}

/**
 * The fused step itself, the maths of `crossEntropySgdStep` in one kernel call:
 *   L_k = −(1/N) Σ_n Σ_c y_nc log softmax(z_k(x_n))_c,   δ_L = (softmax(z) − y)/N,
 *   δ_{l−1} = (δ_l W̃^lᵀ) ⊙ 1[a_{l−1} > 0],   W̃^l ← W̃^l − η s_l² a_lᵀ δ_l,   b̃^l ← b̃^l − η σ_b² Σ_n δ_l.
 * ReLU members only (the images lab's). Returns new parameters (the caller disposes the old ones) and L_k before the step.
 */
export const fusedCrossEntropySgdStep: CrossEntropyStep = (arch, params, X, Y, lr) =>
  runCrossEntropyKernel(KERNEL_NAME, arch, params, X, Y, lr);

/**
 * The images lab's training step: the fused kernel where it is installed and on the wasm backend, else the tfjs-op
 * reference `crossEntropySgdStep` (same signature, same numbers to float rounding). A kernel failure switches the
 * kernel off for the session, records why, and this step is recomputed with tfjs ops: it costs speed, never a run.
 */
export const crossEntropyStep: CrossEntropyStep = (arch, params, X, Y, lr) => {
  if (arch.activation !== 'relu' || crossEntropyStepUnavailable()) return crossEntropySgdStep(arch, params, X, Y, lr);
  try {
    return fusedCrossEntropySgdStep(arch, params, X, Y, lr);
  } catch (e) {
    unavailable = `the fused cross-entropy kernel failed (${e instanceof Error ? e.message : String(e)}) and was switched off`;
    return crossEntropySgdStep(arch, params, X, Y, lr);
  }
};

/**
 * Class probabilities p_k(c | x_n) = softmax_c z_k(x_n), [E, N, c], for images X [N, d] shared by all members: the
 * logits from the regression kernel's fused forward pass where it is active (the same ReLU network, block by block of
 * images), else `classifierProbabilities` with tfjs ops.
 */
export function classifierProbabilitiesFast(arch: MlpArchitecture, params: BatchedParams, X: tf.Tensor2D): tf.Tensor3D {
  if (arch.activation !== 'relu') return classifierProbabilities(params, X);
  // The backend's step engine: the fused forward kernel on wasm (which falls back to tfjs ops by itself).
  const engine = stepEngineFor();
  return tf.tidy(() => tf.softmax(engine.forward(arch, params, X)) as tf.Tensor3D);
}
