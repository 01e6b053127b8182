/**
 * WebGPU in Node for the unit tests: Dawn from the `webgpu` npm package, on whatever Vulkan driver VK_ICD_FILENAMES
 * names (here Chromium's SwiftShader, set up by vitest.config.ts). Must run before tfjs-backend-webgpu is imported:
 * that module registers the backend only if navigator.gpu exists at import time.
 *
 * Resolves to null when the tfjs `webgpu` backend is active, else to why no adapter could be had (the caller skips
 * with that reason printed).
 */
import { beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';

export async function useNodeWebgpu(): Promise<string | null> {
  let gpu: GPU;
  try {
    const { create, globals } = (await import('webgpu')) as unknown as { create(flags: string[]): GPU; globals: object };
    Object.assign(globalThis, globals);
    gpu = create([]);
  } catch (e) {
    return `the webgpu package (Dawn) could not load: ${e instanceof Error ? e.message : String(e)}`;
  }
  Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  const adapter = await gpu.requestAdapter();
  if (!adapter) return `Dawn found no WebGPU adapter (VK_ICD_FILENAMES=${process.env.VK_ICD_FILENAMES ?? 'unset'})`;
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu'))) return "tf.setBackend('webgpu') failed on Dawn";
  await tf.ready();
  return null;
}

/** Why a WebGPU test file's tests skip: null once WebGPU is in use (read at test time, after the set-up ran). */
export interface WebgpuForTests {
  readonly noAdapter: string | null;
}

/**
 * A test file's (or describe block's) WebGPU set-up: before its tests, `useNodeWebgpu`, then `install` (the kernels
 * under test) when an adapter was had, else a console line "SKIPPED <what>: <reason>".
 */
export function webgpuForTests(what: string, install: () => Promise<void> | void): WebgpuForTests {
  let noAdapter: string | null = 'not probed';
  beforeAll(async () => {
    noAdapter = await useNodeWebgpu();
    // eslint-disable-next-line no-console
    if (noAdapter) console.warn(`SKIPPED ${what}: ${noAdapter}`);
    else await install();
  });
  return {
    get noAdapter() {
      return noAdapter;
    },
  };
}
