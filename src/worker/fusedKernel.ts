/**
 * Load the fused SIMD training step (src/kernels/ensembleSgdStep.ts, compiled by scripts/build-kernels.mjs) and
 * install it in the wasm backend. It ships with the build as an asset of this origin, like tfjs's own wasm files.
 */
import { installFusedSgdStep } from '../core/ensemble/fusedSgdStep';
import fusedKernelUrl from '../kernels/build/ensembleSgdStep.wasm?url';

let loading: Promise<string | null> | null = null;

/** Resolves to null once the fused step is installed, else to why the tfjs-op step is used instead. Loads once. */
export function loadFusedSgdStep(): Promise<string | null> {
  loading ??= (async () => {
    try {
      const response = await fetch(fusedKernelUrl);
      if (!response.ok) return `the fused training step could not be fetched (HTTP ${response.status})`;
      return installFusedSgdStep(await WebAssembly.compile(await response.arrayBuffer()));
    } catch (e) {
      return `the fused training step could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
    }
  })();
  return loading;
}
