/**
 * Backend selection for the training worker. Given the configuration to train (the toy lab), every usable backend
 * is timed on it and the fastest is used (`selectByMeasurement`, about a second, once per configuration class); else,
 * or when a probe times nothing, the first usable of webgpu, webgl, wasm, cpu. `backend=` forces one, unmeasured.
 *
 * Software implementations are skipped because wasm beats them (docs/PERFORMANCE.md, notes/toolchain.md): a WebGPU
 * adapter that reports `isFallbackAdapter` or names SwiftShader, and a WebGL renderer string naming SwiftShader,
 * llvmpipe or a software rasteriser. `tf.setBackend` returns false rather than throwing, so its result is checked.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { loadFusedSgdStep } from './fusedKernel';
import { selectStepEngine } from '../core/ensemble/selectStepEngine';
import { installWebgpuFusedStep } from '../core/ensemble/webgpuFusedStep';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { BACKEND_ORDER, type BackendName, type BackendProbe } from './protocol';
import { chooseByTiming, cpuFitsProbe, formatMsPerStep } from '../core/ensemble/backendTiming';
import type { EnsembleConfig } from '../core/ensemble/config';
import { estimateRunCost } from '../core/ensemble/runCost';
import { cachedProbe, PROBE_BUDGET_MS, PROBE_SLOT_MS, probeKey, rememberProbe, timeTrainingStep } from './backendProbe';

// The wasm binaries ship with the build (never a CDN).
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|lavapipe|software|softpipe/i;

interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
}

/** Why WebGPU should not be used here, or null if a hardware adapter exists. */
async function webgpuObstacle(): Promise<string | null> {
  const gpu = (globalThis.navigator as unknown as { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }).gpu;
  if (!gpu) return 'WebGPU is not available in this browser';
  let adapter: GpuAdapterLike | null;
  try {
    adapter = await gpu.requestAdapter();
  } catch (e) {
    return `requesting a WebGPU adapter failed: ${String(e)}`;
  }
  if (!adapter) return 'no WebGPU adapter';
  const info = adapter.info ?? {};
  const text = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ');
  if (adapter.isFallbackAdapter || info.isFallbackAdapter || SOFTWARE_RENDERER.test(text)) {
    return `the WebGPU adapter is a software fallback${text ? ` (${text.trim()})` : ''}; wasm is faster`;
  }
  return null;
}

/** The unmasked WebGL renderer string, or null when WebGL 2 is unavailable in this context. */
function webglRenderer(): string | null {
  try {
    if (typeof OffscreenCanvas === 'undefined') return null;
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2') as WebGL2RenderingContext | null;
    if (!gl) return null;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return String(renderer ?? '');
  } catch {
    return null;
  }
}

async function webglObstacle(): Promise<string | null> {
  const renderer = webglRenderer();
  if (renderer === null) return 'WebGL 2 is not available here';
  if (SOFTWARE_RENDERER.test(renderer)) return `the WebGL renderer is software (${renderer}); wasm is faster`;
  return null;
}

async function trySet(name: BackendName): Promise<string | null> {
  try {
    const ok = await tf.setBackend(name);
    if (!ok) return `tf.setBackend('${name}') failed to initialise`;
    await tf.ready();
    // A tiny op proves the backend really computes.
    const t = tf.add(tf.scalar(1), tf.scalar(2));
    const v = (await t.data())[0];
    t.dispose();
    return v === 3 ? null : `${name} computed 1 + 2 = ${v}`;
  } catch (e) {
    return `${name} failed: ${e instanceof Error ? e.message : String(e)}`;
  }
}

export interface BackendChoice {
  backend: BackendName;
  reason: string;
  probes: BackendProbe[];
}

/** The fused step of the active backend installed where there is one, and the badge's note saying which or why not. */
async function kernelNote(name: BackendName): Promise<string> {
  // The ensemble step, chosen once for this backend: the fused SIMD kernel on wasm when it loads, the fused WGSL
  // pipeline on webgpu when its shaders compile, else tfjs ops; say which either way.
  const obstacle = name === 'wasm' ? await loadFusedSgdStep() : name === 'webgpu' ? await installWebgpuFusedStep() : null;
  const step = selectStepEngine(name, obstacle);
  return step.reason ? `; ${step.reason}` : '';
}

/** Why `name` cannot be used here (a software GPU, no adapter, a failed initialisation), or null once it is active. */
async function obstacleTo(name: BackendName, forced: boolean): Promise<string | null> {
  let obstacle: string | null = null;
  // A forced backend skips the software check: the user asked for it (e.g. to compare).
  if (!forced && name === 'webgpu') obstacle = await webgpuObstacle();
  if (!forced && name === 'webgl') obstacle = await webglObstacle();
  return obstacle ?? trySet(name);
}

/**
 * Time `config`'s training step on every usable backend (software GPUs and `exclude` skipped, as in the fixed order;
 * cpu only where it fits the time left, see cpuFitsProbe) within PROBE_BUDGET_MS, and activate the fastest. Each
 * probe carries its ms/step. Null when nothing could be timed. The result is kept for the session per configuration
 * class (probeKey), so the same class later only re-activates the winner.
 */
async function selectByMeasurement(config: EnsembleConfig, exclude: BackendName[]): Promise<BackendChoice | null> {
  // A run the cost model refuses is never allocated, not even for a few timed steps: the fixed order picks, and the
  // trainer then refuses the run in words at once.
  if (estimateRunCost(config).refusal) return null;
  const key = probeKey(config, exclude);
  const earlier = cachedProbe<BackendChoice>(key);
  if (earlier && !(await trySet(earlier.backend))) {
    await kernelNote(earlier.backend);
    return { ...earlier, reason: earlier.reason.replace(/ by measured speed/, ' by speed measured earlier this session') };
  }
  const probes: BackendProbe[] = [];
  const notes = new Map<BackendName, string>();
  const t0 = performance.now();
  for (const name of BACKEND_ORDER) {
    if (exclude.includes(name)) {
      probes.push({ name, ok: false, reason: 'excluded after a fault on this backend' });
      continue;
    }
    const left = PROBE_BUDGET_MS - (performance.now() - t0);
    const wasm = probes.find((p) => p.name === 'wasm')?.msPerStep ?? null;
    if (name === 'cpu' && !cpuFitsProbe(wasm, left)) {
      probes.push({ name, ok: false, reason: 'not timed: at the wasm figure, a few steps of plain JavaScript would not fit the probe' });
      continue;
    }
    const obstacle = await obstacleTo(name, false);
    if (obstacle) {
      probes.push({ name, ok: false, reason: obstacle });
      continue;
    }
    try {
      notes.set(name, await kernelNote(name));
      const slot = Math.max(20, Math.min(PROBE_SLOT_MS, left / 2));
      const msPerStep = name === 'cpu' ? await timeTrainingStep(config, slot, 1, 1) : await timeTrainingStep(config, slot);
      probes.push({ name, ok: true, reason: `${formatMsPerStep(msPerStep)} on this configuration`, msPerStep });
    } catch (e) {
      probes.push({ name, ok: false, reason: `timing failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  const timed = probes.filter((p) => p.msPerStep !== undefined).map((p) => ({ name: p.name, msPerStep: p.msPerStep! }));
  if (!timed.length) return null;
  const { backend, summary } = chooseByTiming(timed, BACKEND_ORDER);
  const name = backend as BackendName;
  const failed = await trySet(name);
  if (failed) return null;
  const choice: BackendChoice = {
    backend: name,
    reason: `${name}, chosen by measured speed (${summary}; the probe took ${Math.round(performance.now() - t0)} ms)${notes.get(name) ?? ''}`,
    probes: probes.map((p) => (p.name === name ? { ...p, reason: `${p.reason}, the fastest (chosen)` } : p)),
  };
  rememberProbe(key, choice);
  return choice;
}

/**
 * Pick the backend: the `preferred` one if given and usable; else, given the `config` to train, the fastest usable
 * one by measurement (selectByMeasurement); else the first usable of webgpu → webgl → wasm → cpu. Software GPU
 * implementations and anything in `exclude` (a backend that just lost its device) are skipped.
 */
export async function selectBackend(preferred: BackendName | 'auto' = 'auto', exclude: BackendName[] = [], config?: EnsembleConfig): Promise<BackendChoice> {
  if (preferred === 'auto' && config) {
    const measured = await selectByMeasurement(config, exclude);
    if (measured) return measured;
  }
  const probes: BackendProbe[] = [];
  const order: BackendName[] =
    preferred === 'auto' ? [...BACKEND_ORDER] : [preferred, ...BACKEND_ORDER.filter((b) => b !== preferred)];
  for (const name of order) {
    if (exclude.includes(name) && name !== 'cpu') {
      probes.push({ name, ok: false, reason: 'excluded after a fault on this backend' });
      continue;
    }
    const forced = name === preferred;
    const obstacle = await obstacleTo(name, forced);
    if (obstacle) {
      probes.push({ name, ok: false, reason: obstacle });
      continue;
    }
    probes.push({ name, ok: true, reason: forced ? 'requested with backend=' : 'first usable backend' });
    const skipped = probes.filter((p) => !p.ok);
    // With a configuration to measure, say that the override skipped the measurement.
    const reason = forced
      ? `${name}, as requested${config ? ' with backend= (not measured)' : ''}`
      : skipped.length
        ? `${name}: ${skipped.map((p) => `${p.name} skipped (${p.reason})`).join('; ')}`
        : `${name}: the fastest kind available`;
    return { backend: name, reason: reason + (await kernelNote(name)), probes };
  }
  throw new Error('no tfjs backend could be initialised');
}

/**
 * Resolves when the active backend loses its device (WebGPU `device.lost`), so the worker can report it and the page
 * can fall back. WebGL context loss is reported by tfjs as a thrown error on the next op, caught by the training loop.
 */
export function watchDeviceLoss(onLost: (message: string) => void): void {
  const backend = tf.backend() as unknown as {
    device?: { lost?: Promise<{ message?: string; reason?: string }> };
    gpgpu?: { gl?: WebGL2RenderingContext };
  };
  backend.device?.lost?.then((info) => onLost(`the WebGPU device was lost (${info?.reason ?? 'unknown'}: ${info?.message ?? ''})`));
  const canvas = backend.gpgpu?.gl?.canvas as (OffscreenCanvas | HTMLCanvasElement) | undefined;
  canvas?.addEventListener('webglcontextlost', (e) => {
    e.preventDefault();
    onLost('the WebGL context was lost');
  });
}

/**
 * Fault injection for the reliability tests (the kit's FaultGate calls it through BackendHost): lose the GPU device
 * on purpose (WebGL through WEBGL_lose_context, WebGPU through device.destroy()), or say why there is none.
 */
export function loseGpuDevice(): string | null {
  const backend = tf.backend() as unknown as { device?: { destroy(): void }; gpgpu?: { gl?: WebGL2RenderingContext } };
  if (backend.device) {
    backend.device.destroy();
    return null;
  }
  const lose = backend.gpgpu?.gl?.getExtension('WEBGL_lose_context');
  if (lose) {
    lose.loseContext();
    return null;
  }
  return `the ${tf.getBackend()} backend has no GPU device to lose`;
}
