import * as tf from '@tensorflow/tfjs-core';
import { weightStepSizes, type MlpArchitecture } from './architecture';
import type { BatchedParams } from './batchedParams';

/*
 * The fused ensemble step on the wasm backend: one tfjs kernel, `SymlabEnsembleSgdStep`, that runs the hand-written
 * SIMD kernel of src/kernels/ensembleSgdStep.ts on the wasm backend's own memory. Inputs and outputs are ordinary
 * tfjs tensors, so the trainer, its snapshots and its checkpoints do not change; only the step is one op instead of
 * ~60 (docs/PERFORMANCE.md has the measurements).
 *
 * The host supplies the compiled module (the worker fetches it from the build, Node tests read it from disk):
 * src/core stays free of fetch and of file paths. Until then, or where the module cannot run, `batchedSgdStep` uses
 * the tfjs-op layout steps, which compute the same numbers.
 */

const KERNEL_NAME = 'SymlabEnsembleSgdStep';
const PRODUCT_KERNEL_NAME = 'SymlabBatchedProduct';
const FORWARD_KERNEL_NAME = 'SymlabEnsembleForward';
export const TABLE_BYTES_PER_LAYER = 32;

/** The exports of ensembleSgdStep.wasm (pointers are byte offsets into the wasm backend's memory). */
interface KernelExports {
  trainStep(E: number, L: number, N: number, x: number, y: number, table: number, scratch: number, tanh: number): void;
  scratchBytes(L: number, N: number, maxWidth: number): number;
  batchedProduct(E: number, N: number, K: number, M: number, a: number, b: number, zeros: number, out: number): void;
  forward(E: number, L: number, N: number, x: number, table: number, out: number, scratch: number, tanh: number): void;
  forwardScratchBytes(maxWidth: number): number;
}

/** The parts of tfjs-backend-wasm's BackendWasm the kernel needs (internal, but fixed in the pinned 4.22). */
export interface WasmBackendInternals {
  wasm: { asm?: { memory?: unknown }; _malloc(bytes: number): number; _free(ptr: number): void };
  dataIdMap: { get(dataId: object): { memoryOffset: number } | undefined };
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  disposeData(dataId: object): boolean;
}

let compiled: WebAssembly.Module | null = null;
let unavailable: string | null = 'the fused kernel has not been loaded';
let enabled = true;
/** Which build is installed: 'relaxed SIMD' (fused multiply-add) or 'SIMD128'. */
let compiledVariant = '';
/** One instance per wasm-backend memory: a re-created backend gets a fresh instance on its own memory. */
let instances = new WeakMap<WebAssembly.Memory, KernelExports>();

function memoryOf(backend: WasmBackendInternals): WebAssembly.Memory {
  const memory = backend.wasm.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) throw new Error('the wasm backend does not expose its memory');
  return memory;
}

/**
 * The exports of `module` instantiated on this backend's memory, once per memory (`cache`): a re-created backend gets
 * a fresh instance on its own memory. Throws `missing` while no module is loaded. Shared with the images lab's kernel.
 */
export function instanceOn<K>(module: WebAssembly.Module | null, cache: WeakMap<WebAssembly.Memory, K>, backend: WasmBackendInternals, missing: string): K {
  const memory = memoryOf(backend);
  let k = cache.get(memory);
  if (!k) {
    if (!module) throw new Error(missing);
    k = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as K;
    cache.set(memory, k);
  }
  return k;
}

function kernelFor(backend: WasmBackendInternals): KernelExports {
  return instanceOn(compiled, instances, backend, unavailable ?? 'the fused kernel has not been loaded');
}

export function offsetOf(backend: WasmBackendInternals, t: tf.TensorInfo): number {
  const entry = backend.dataIdMap.get(t.dataId);
  if (!entry) throw new Error('a tensor of the fused step is not on the wasm backend');
  return entry.memoryOffset;
}

/** Allocate `bytes` on the wasm heap, 16-byte aligned for the kernel's vector loads; returns [block, aligned]. */
export function allocate(backend: WasmBackendInternals, bytes: number): [number, number] {
  const block = backend.wasm._malloc(bytes + 16);
  return [block, (block + 15) & ~15];
}

/** A kernel input by name; the op always passes them all, so a missing one is a programming error. */
export function input(inputs: tf.NamedTensorInfoMap, name: string): tf.TensorInfo {
  const t = inputs[name];
  if (!t) throw new Error(`the fused step is missing its input ${name}`);
  return t;
}

interface StepAttrs {
  layers: number;
  /** −η s_l² per layer (s_l = σ_w/√n_l): the update of the pre-scaled W̃_l. */
  alphaW: number[];
  /** −η σ_b²: the update of every pre-scaled b̃_l. */
  alphaB: number;
  tanh: boolean;
}

function stepKernel({ inputs, attrs, backend }: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend: unknown }): tf.TensorInfo[] {
  const be = backend as WasmBackendInternals;
  const { layers: L, alphaW, alphaB, tanh } = attrs as unknown as StepAttrs;
  const k = kernelFor(be);
  const W = Array.from({ length: L }, (_, l) => input(inputs, `W${l}`));
  const b = Array.from({ length: L }, (_, l) => input(inputs, `b${l}`));
  const X = input(inputs, 'X');
  const Y = input(inputs, 'Y');
  const E = W[0].shape[0];
  const N = X.shape[0];
  const maxWidth = Math.max(...W.flatMap((w) => [w.shape[1], w.shape[2]]));
  const outW = W.map((w) => be.makeOutput(w.shape.slice(), 'float32'));
  const outB = b.map((t) => be.makeOutput(t.shape.slice(), 'float32'));
  const tableBytes = L * TABLE_BYTES_PER_LAYER;
  const [block, table] = allocate(be, tableBytes + k.scratchBytes(L, N, maxWidth));
  try {
    writeLayerTable(be, table, W, b, outW, outB, alphaW, alphaB);
    k.trainStep(E, L, N, offsetOf(be, X), offsetOf(be, Y), table, table + tableBytes, tanh ? 1 : 0);
  } catch (e) {
    // The outputs are not tensors yet: release their memory here, or a failed step would leak it.
    for (const t of [...outW, ...outB]) be.disposeData(t.dataId);
    throw e;
  } finally {
    be.wasm._free(block);
  }
  return [...outW, ...outB];
}

/**
 * The kernel's layer table (32 bytes per layer, src/kernels/ensembleSgdStep.ts T_*): the offsets of W̃_l, b̃_l and
 * their updated copies, n_l, n_{l+1}, and the step sizes. Written after every allocation: growing the memory
 * replaces its buffer.
 */
export function writeLayerTable(
  be: WasmBackendInternals,
  table: number,
  W: tf.TensorInfo[],
  b: tf.TensorInfo[],
  outW: tf.TensorInfo[] | null,
  outB: tf.TensorInfo[] | null,
  alphaW: number[] | null,
  alphaB: number,
): void {
  const L = W.length;
  const buffer = memoryOf(be).buffer;
  const ints = new Int32Array(buffer, table, L * 8);
  const floats = new Float32Array(buffer, table, L * 8);
  for (let l = 0; l < L; l++) {
    ints.set([offsetOf(be, W[l]), offsetOf(be, b[l]), outW ? offsetOf(be, outW[l]) : 0, outB ? offsetOf(be, outB[l]) : 0, W[l].shape[1], W[l].shape[2]], 8 * l);
    floats[8 * l + 6] = alphaW ? alphaW[l] : 0;
    floats[8 * l + 7] = alphaB;
  }
}

interface ForwardAttrs {
  layers: number;
  tanh: boolean;
}

function forwardKernel({ inputs, attrs, backend }: { inputs: tf.NamedTensorInfoMap; attrs?: tf.NamedAttrMap; backend: unknown }): tf.TensorInfo {
  const be = backend as WasmBackendInternals;
  const { layers: L, tanh } = attrs as unknown as ForwardAttrs;
  const k = kernelFor(be);
  const W = Array.from({ length: L }, (_, l) => input(inputs, `W${l}`));
  const b = Array.from({ length: L }, (_, l) => input(inputs, `b${l}`));
  const X = input(inputs, 'X');
  const [E] = W[0].shape;
  const N = X.shape[0];
  const out = be.makeOutput([E, N, W[L - 1].shape[2]], 'float32');
  const maxWidth = Math.max(...W.map((w) => w.shape[2]));
  const tableBytes = L * TABLE_BYTES_PER_LAYER;
  const [block, table] = allocate(be, tableBytes + k.forwardScratchBytes(maxWidth));
  try {
    writeLayerTable(be, table, W, b, null, null, null, 0);
    k.forward(E, L, N, offsetOf(be, X), table, offsetOf(be, out), table + tableBytes, tanh ? 1 : 0);
  } catch (e) {
    be.disposeData(out.dataId);
    throw e;
  } finally {
    be.wasm._free(block);
  }
  return out;
}

function productKernel({ inputs, backend }: { inputs: tf.NamedTensorInfoMap; backend: unknown }): tf.TensorInfo {
  const be = backend as WasmBackendInternals;
  const k = kernelFor(be);
  const a = input(inputs, 'a');
  const b = input(inputs, 'b');
  const [E, N, K] = a.shape;
  const M = b.shape[2];
  const out = be.makeOutput([E, N, M], 'float32');
  const [block, zeros] = allocate(be, 4 * M);
  try {
    new Float32Array(memoryOf(be).buffer, zeros, M).fill(0);
    k.batchedProduct(E, N, K, M, offsetOf(be, a), offsetOf(be, b), zeros, offsetOf(be, out));
  } finally {
    be.wasm._free(block);
  }
  return out;
}

/**
 * Register the fused step with tfjs's wasm backend, given the compiled src/kernels/ensembleSgdStep.wasm (or its
 * relaxed-SIMD build, named by `variant`). Returns null when it is ready, else why it cannot be used (the tfjs-op
 * layout steps are then used instead).
 */
export function installFusedSgdStep(module: WebAssembly.Module, variant = 'SIMD128'): string | null {
  const imports = WebAssembly.Module.imports(module);
  if (imports.length !== 1 || imports[0].kind !== 'memory') {
    unavailable = 'the fused kernel module does not import exactly one memory';
    return unavailable;
  }
  compiled = module;
  compiledVariant = variant;
  instances = new WeakMap();
  if (!tf.getKernel(KERNEL_NAME, 'wasm')) tf.registerKernel({ kernelName: KERNEL_NAME, backendName: 'wasm', kernelFunc: stepKernel as unknown as tf.KernelFunc });
  if (!tf.getKernel(FORWARD_KERNEL_NAME, 'wasm')) {
    tf.registerKernel({ kernelName: FORWARD_KERNEL_NAME, backendName: 'wasm', kernelFunc: forwardKernel as unknown as tf.KernelFunc });
  }
  if (!tf.getKernel(PRODUCT_KERNEL_NAME, 'wasm')) {
    tf.registerKernel({ kernelName: PRODUCT_KERNEL_NAME, backendName: 'wasm', kernelFunc: productKernel as unknown as tf.KernelFunc });
  }
  unavailable = null;
  if (tf.getBackend() === 'wasm') {
    try {
      kernelFor(tf.backend() as unknown as WasmBackendInternals);
    } catch (e) {
      unavailable = `the fused kernel cannot run on this wasm backend: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  return unavailable;
}

/** Turn the fused step off or on (benchmarks and tests compare it with the tfjs-op steps). */
export function setFusedSgdStepEnabled(on: boolean): void {
  enabled = on;
}

/** Whether `batchedSgdStep` and `batchedForward` use the fused kernels now: installed, enabled, and on the wasm backend. */
export function fusedSgdStepActive(): boolean {
  return enabled && unavailable === null && tf.getBackend() === 'wasm';
}

/**
 * Run `fused`; if the kernel fails (a trap, a backend it cannot work with), switch the fused kernels off for the rest
 * of the session, say why (`fusedSgdStepUnavailable`), and return `fallback()`, which computes the same numbers with
 * tfjs ops. A kernel failure therefore costs speed, never a run.
 */
export function withFusedFallback<T>(fused: () => T, fallback: () => T): T {
  try {
    return fused();
  } catch (e) {
    unavailable = `the fused kernel failed (${e instanceof Error ? e.message : String(e)}) and was switched off`;
    return fallback();
  }
}

/** The installed build ('relaxed SIMD' or 'SIMD128'), for the badge and the benchmark. */
export function fusedSgdStepVariant(): string {
  return compiledVariant;
}

/**
 * A wasm backend's badge reason brought up to date: if the fused kernel has been switched off since the reason was
 * written ("…; fused SIMD training step (relaxed SIMD)"), that claim is replaced by why. Otherwise unchanged.
 */
export function reasonWithKernelState(reason: string): string {
  const why = unavailable;
  if (!why || reason.includes(why) || !/; fused SIMD training step \([^)]*\)$/.test(reason)) return reason;
  return `${reason.replace(/; fused SIMD training step \([^)]*\)$/, '')}; ${why}`;
}

/** Why the fused step is not available, or null when it is. */
export function fusedSgdStepUnavailable(): string | null {
  return unavailable;
}

/**
 * One full-batch gradient-descent step of every member in one kernel call, the maths of `batchedSgdStep`:
 *   δ_L = (f − y)/N,  δ_{l−1} = (δ_l W̃_lᵀ) ⊙ φ′(z_{l−1}),
 *   W̃_l ← W̃_l − η s_l² a_lᵀ δ_l,  b̃_l ← b̃_l − η σ_b² Σ_n δ_l,
 * on pre-scaled parameters (s_l = σ_w/√n_l). X [N, d] and Y [N, out] are shared by all members. Returns new
 * parameter tensors; the caller disposes the old ones.
 */
export function fusedSgdStep(arch: MlpArchitecture, params: BatchedParams, X: tf.Tensor2D, Y: tf.Tensor2D, lr: number): BatchedParams {
  const L = params.W.length;
  const inputs: tf.NamedTensorMap = { X, Y };
  params.W.forEach((w, l) => (inputs[`W${l}`] = w));
  params.b.forEach((t, l) => (inputs[`b${l}`] = t));
  const attrs: StepAttrs = {
    layers: L,
    alphaW: weightStepSizes(arch, lr).map((step) => -step),
    alphaB: -lr * arch.sigmaB * arch.sigmaB,
    tanh: arch.activation === 'tanh',
  };
  const out = tf.engine().runKernel(KERNEL_NAME, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
  return { W: out.slice(0, L) as tf.Tensor3D[], b: out.slice(L) as tf.Tensor3D[] };
}

/**
 * The batched forward pass f_e(x_n) as [E, N, out] in one kernel call, the maths of `batchedForward`:
 *   h¹ = x W̃⁰ + b̃⁰,  h^{l+1} = φ(h^l) W̃^l + b̃^l,
 * on pre-scaled parameters, block by block of 128 points so a block's activations stay in cache across layers.
 */
export function fusedForward(arch: MlpArchitecture, params: BatchedParams, X: tf.Tensor2D): tf.Tensor3D {
  const inputs: tf.NamedTensorMap = { X };
  params.W.forEach((w, l) => (inputs[`W${l}`] = w));
  params.b.forEach((t, l) => (inputs[`b${l}`] = t));
  const attrs: ForwardAttrs = { layers: params.W.length, tanh: arch.activation === 'tanh' };
  return tf.engine().runKernel(FORWARD_KERNEL_NAME, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor3D;
}

/** out[e] = a[e] · b[e] with the fused kernel's own product ([E, N, K] × [E, K, M]): the benchmark's ceiling. */
export function fusedBatchedProduct(a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D {
  return tf.engine().runKernel(PRODUCT_KERNEL_NAME, { a, b }) as tf.Tensor3D;
}
