import { expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';

/** A build of a hand-written kernel: scripts/build-kernels.mjs writes NAME.wasm (SIMD128) and NAME-relaxed.wasm. */
export interface KernelBuild {
  variant: 'SIMD128' | 'relaxed SIMD';
  path: string;
}

/** Both builds of the kernel src/kernels/NAME.ts, SIMD128 first. */
export function kernelBuilds(name: string): KernelBuild[] {
  return [
    { variant: 'SIMD128', path: `src/kernels/build/${name}.wasm` },
    { variant: 'relaxed SIMD', path: `src/kernels/build/${name}-relaxed.wasm` },
  ];
}

/**
 * Read a kernel build, check that it validates, and switch tfjs to its wasm backend: the compiled module, ready to
 * install. Not skipped where unsupported: the relaxed build must validate here (vitest.config.ts passes Node's flag).
 */
export async function loadKernelOnWasm(build: KernelBuild): Promise<WebAssembly.Module> {
  expect(existsSync(build.path), `${build.path} is missing: run node scripts/build-kernels.mjs`).toBe(true);
  const bytes = readFileSync(build.path);
  expect(WebAssembly.validate(bytes)).toBe(true);
  expect(await tf.setBackend('wasm')).toBe(true);
  await tf.ready();
  return new WebAssembly.Module(bytes);
}
