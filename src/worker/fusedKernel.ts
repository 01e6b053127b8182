/**
 * Load the fused SIMD training step (src/kernels/ensembleSgdStep.ts, compiled by scripts/build-kernels.mjs) and
 * install it in the wasm backend. It ships with the build as an asset of this origin, like tfjs's own wasm files.
 * The relaxed-SIMD build (fused multiply-add) is used where the browser validates it, else the SIMD128 build.
 */
import { installFusedSgdStep } from '../core/ensemble/fusedSgdStep';
import fusedKernelUrl from '../kernels/build/ensembleSgdStep.wasm?url';
import relaxedKernelUrl from '../kernels/build/ensembleSgdStep-relaxed.wasm?url';

let loading: Promise<string | null> | null = null;

export async function fetchBytes(url: string): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
  return response.arrayBuffer();
}

/** Resolves to null once the fused step is installed, else to why the tfjs-op step is used instead. Loads once. */
export function loadFusedSgdStep(): Promise<string | null> {
  loading ??= (async () => {
    try {
      const relaxed = await fetchBytes(relaxedKernelUrl);
      if (WebAssembly.validate(relaxed)) return installFusedSgdStep(await WebAssembly.compile(relaxed), 'relaxed SIMD');
      return installFusedSgdStep(await WebAssembly.compile(await fetchBytes(fusedKernelUrl)), 'SIMD128');
    } catch (e) {
      return `the fused training step could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
    }
  })();
  return loading;
}
