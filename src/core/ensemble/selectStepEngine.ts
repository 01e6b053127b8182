/**
 * The one place where the ensemble step is chosen for a backend, once, when the backend is set: the fused kernel
 * where it is installed (wasm: SIMD, webgpu: WGSL), else tfjs ops. The worker calls it after installing the kernel
 * and appends the reason to its backend badge; tests call it to train on the engine a browser would use.
 */
import { fusedSgdStepUnavailable, fusedSgdStepVariant, wasmFusedEngine } from './fusedSgdStep';
import { attachCrossEntropyStep, referenceEngine, tfjsOpEngine, useStepEngine, type StepEngine } from './stepEngine';
import { webgpuFusedEngine, webgpuFusedStepUnavailable } from './webgpuFusedStep';
import { webgpuCrossEntropyStepWithLoss } from '../images/webgpuCrossEntropyStep';
import { crossEntropyStep as wasmCrossEntropyStep } from '../images/fusedCrossEntropyStep';

/** The chosen engine and why, in the badge's words ('' where there is nothing to say: webgl, cpu). */
export interface StepEngineChoice {
  engine: StepEngine;
  reason: string;
}

/**
 * Choose the step for `backend` and record it (`stepEngineFor(backend)` returns it from now on). `obstacle`: why the
 * kernel could not be installed, where the host knows better than the kernel's own state (a failed fetch); null or
 * absent: ask the kernel.
 */
export function selectStepEngine(backend: string, obstacle: string | null = null): StepEngineChoice {
  const choice = chooseStepEngine(backend, obstacle);
  useStepEngine(backend, choice.engine);
  return choice;
}

function chooseStepEngine(backend: string, obstacle: string | null): StepEngineChoice {
  if (backend === 'wasm') {
    const why = obstacle ?? fusedSgdStepUnavailable();
    // Without the kernel the depthwise-convolution products are the faster tfjs ops on wasm (docs/PERFORMANCE.md).
    // The fused cross-entropy kernel (installed by the images worker) falls back to tfjs ops by itself.
    if (why) return { engine: attachCrossEntropyStep(tfjsOpEngine('depthwise'), wasmCrossEntropyStep), reason: `${why}, so the step runs as tfjs ops` };
    return { engine: attachCrossEntropyStep(wasmFusedEngine, wasmCrossEntropyStep), reason: `fused SIMD training step (${fusedSgdStepVariant()})` };
  }
  if (backend === 'webgpu') {
    const why = obstacle ?? webgpuFusedStepUnavailable();
    if (why) return { engine: referenceEngine, reason: `${why}, so the step runs as tfjs ops` };
    // The WGSL cross-entropy step uses its own pipelines (installed by the images worker) and falls back by itself.
    return { engine: attachCrossEntropyStep(webgpuFusedEngine, webgpuCrossEntropyStepWithLoss), reason: 'fused WGSL training step' };
  }
  return { engine: referenceEngine, reason: '' };
}
