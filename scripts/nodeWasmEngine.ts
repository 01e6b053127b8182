/**
 * Node (tests, scripts): set the tfjs wasm backend and choose its step engine as the worker does in a browser, with
 * the fused SIMD kernel read from the build (SIMD128: the same numbers on every CPU, no fused multiply-add).
 * Returns the badge reason (why the kernel is or is not used).
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { installFusedSgdStep } from '../src/core/ensemble/fusedSgdStep';
import { selectStepEngine } from '../src/core/ensemble/selectStepEngine';

const KERNEL = new URL('../src/kernels/build/ensembleSgdStep.wasm', import.meta.url);

export async function useNodeWasmEngine(): Promise<string> {
  if (!(await tf.setBackend('wasm'))) throw new Error("tf.setBackend('wasm') failed");
  await tf.ready();
  let obstacle: string | null;
  try {
    obstacle = installFusedSgdStep(new WebAssembly.Module(readFileSync(KERNEL)), 'SIMD128');
  } catch (e) {
    obstacle = `the fused kernel could not be loaded: ${e instanceof Error ? e.message : String(e)} (run node scripts/build-kernels.mjs)`;
  }
  return selectStepEngine('wasm', obstacle).reason;
}
