/**
 * What the fused wasm kernel (fusedSgdStep.ts) and the fused WGSL kernels (webgpuFusedStep.ts) share: whether the
 * kernel can be used and why not, the switch-off after a failure at run time (a kernel failure costs speed, never a
 * run), the tfjs inputs and step sizes every fused step takes, and the StepEngine built on a kernel.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { weightStepSizes, type MlpArchitecture } from './architecture';
import { memberMse, type BatchedParams } from './batchedMlp';
import type { StepEngine } from './stepEngine';

/** Whether a fused kernel can be used now, and the reason when it cannot (shown in the backend badge). */
export class FusedKernelState {
  private why: string | null;

  /**
   * @param what the kernel in the user's words ("fused kernel", "fused WGSL step"), for the failure message.
   * @param notLoaded why it cannot be used before it is installed.
   */
  constructor(
    private readonly what: string,
    notLoaded: string,
  ) {
    this.why = notLoaded;
  }

  /** Why the kernel cannot be used, or null when it can. */
  get unavailable(): string | null {
    return this.why;
  }

  /** The kernel is installed and ready. */
  ready(): null {
    return (this.why = null);
  }

  /** Record why the kernel cannot be used; returns that reason. */
  refuse(why: string): string {
    return (this.why = why);
  }

  /**
   * Run `fused`; if the kernel throws (a trap, a backend it cannot work with), switch it off for the rest of the
   * session, say why ("the fused kernel failed (…) and was switched off"), and return `fallback()`, which computes
   * the same numbers with tfjs ops. After that, `fallback` runs directly.
   */
  withFallback<T>(fused: () => T, fallback: () => T): T {
    if (this.why !== null) return fallback();
    try {
      return fused();
    } catch (e) {
      this.why = `the ${this.what} failed (${e instanceof Error ? e.message : String(e)}) and was switched off`;
      return fallback();
    }
  }

  /**
   * A backend's badge reason brought up to date: if the kernel was switched off since the reason was written
   * (it ends with `claim`), that claim is replaced by why, followed by `after`. Otherwise unchanged.
   */
  reasonNow(reason: string, claim: RegExp, after = ''): string {
    const why = this.why;
    if (!why || reason.includes(why) || !claim.test(reason)) return reason;
    return `${reason.replace(claim, '')}; ${why}${after}`;
  }
}

/** The named tfjs inputs of a fused kernel: W0 … W_{L−1}, b0 … b_{L−1} and `data` (X, and Y for a step). */
export function kernelInputs(params: BatchedParams, data: tf.NamedTensorMap): tf.NamedTensorMap {
  const inputs: tf.NamedTensorMap = { ...data };
  params.W.forEach((w, l) => (inputs[`W${l}`] = w));
  params.b.forEach((t, l) => (inputs[`b${l}`] = t));
  return inputs;
}

/** The inverse of kernelInputs inside a kernel: W̃_l, b̃_l (l < `layers`) and X; a missing one names `what`. */
export function layerInputs(inputs: tf.NamedTensorInfoMap, layers: number, what: string): { W: tf.TensorInfo[]; b: tf.TensorInfo[]; X: tf.TensorInfo } {
  const get = (name: string) => kernelInput(inputs, name, what);
  return { W: Array.from({ length: layers }, (_, l) => get(`W${l}`)), b: Array.from({ length: layers }, (_, l) => get(`b${l}`)), X: get('X') };
}

/** A kernel input by name; the op always passes them all, so a missing one is a programming error. */
export function kernelInput(inputs: tf.NamedTensorInfoMap, name: string, what: string): tf.TensorInfo {
  const t = inputs[name];
  if (!t) throw new Error(`the ${what} is missing its input ${name}`);
  return t;
}

/** The attributes of a fused forward pass. */
export interface ForwardAttrs {
  layers: number;
  tanh: boolean;
}

/** The step sizes of a fused step: −η s_l² per layer for W̃_l, −η σ_b² for every b̃_l; and the activation. */
export interface StepSizeAttrs {
  layers: number;
  alphaW: number[];
  alphaB: number;
  tanh: boolean;
}

export function stepSizeAttrs(arch: MlpArchitecture, layers: number, lr: number): StepSizeAttrs {
  return {
    layers,
    alphaW: weightStepSizes(arch, lr).map((s) => -s),
    alphaB: -lr * arch.sigmaB * arch.sigmaB,
    tanh: arch.activation === 'tanh',
  };
}

/** A fused kernel's entry points: its forward pass and `steps` steps in one call (or a loop where it cannot). */
export interface FusedKernels {
  forward(arch: MlpArchitecture, params: BatchedParams, X: tf.Tensor2D): tf.Tensor3D;
  sgdSteps(arch: MlpArchitecture, params: BatchedParams, X: tf.Tensor2D, Y: tf.Tensor2D, lr: number, steps: number): BatchedParams;
}

/**
 * The StepEngine of a fused kernel: every call runs the kernel while `state` allows it, and `fallback` (a tfjs-op
 * engine, the same numbers) once the kernel has failed. The loss is the MSE of the kernel's forward pass.
 */
export function fusedKernelEngine(name: string, state: FusedKernelState, kernels: FusedKernels, fallback: StepEngine): StepEngine {
  const forward = (arch: MlpArchitecture, params: BatchedParams, X: tf.Tensor2D) =>
    state.withFallback(
      () => kernels.forward(arch, params, X),
      () => fallback.forward(arch, params, X),
    );
  const sgdSteps = (arch: MlpArchitecture, params: BatchedParams, X: tf.Tensor2D, Y: tf.Tensor2D, lr: number, steps: number) =>
    state.withFallback(
      () => kernels.sgdSteps(arch, params, X, Y, lr, steps),
      () => fallback.sgdSteps(arch, params, X, Y, lr, steps),
    );
  return {
    name,
    forward,
    loss: (arch, params, X, Y) => {
      const f = forward(arch, params, X);
      try {
        return memberMse(f, Y);
      } finally {
        f.dispose();
      }
    },
    sgdStep: (arch, params, X, Y, lr) => sgdSteps(arch, params, X, Y, lr, 1),
    sgdSteps,
  };
}
