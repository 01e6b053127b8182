/**
 * Load the images lab's fused cross-entropy step (src/kernels/crossEntropyStep.ts, compiled by
 * scripts/build-kernels.mjs) and install it in the wasm backend, like the regression kernel (fusedKernel.ts): an asset
 * of this origin, the relaxed-SIMD build where the browser validates it, else the SIMD128 build.
 */
import { installFusedCrossEntropyStep } from '../core/images/fusedCrossEntropyStep';
import kernelUrl from '../kernels/build/crossEntropyStep.wasm?url';
import relaxedKernelUrl from '../kernels/build/crossEntropyStep-relaxed.wasm?url';
import { fetchBytes } from './fusedKernel';

let loading: Promise<string> | null = null;

/** Resolves to the clause the backend badge shows: the fused step and its build, or why tfjs ops run instead. Loads once. */
export function loadCrossEntropyStep(): Promise<string> {
  loading ??= (async () => {
    try {
      const relaxed = await fetchBytes(relaxedKernelUrl);
      const useRelaxed = WebAssembly.validate(relaxed);
      const bytes = useRelaxed ? relaxed : await fetchBytes(kernelUrl);
      const obstacle = installFusedCrossEntropyStep(await WebAssembly.compile(bytes));
      if (obstacle) return `${obstacle}, so the cross-entropy step runs as tfjs ops`;
      return `fused SIMD cross-entropy step (${useRelaxed ? 'relaxed SIMD' : 'SIMD128'})`;
    } catch (e) {
      return `the fused cross-entropy step could not be loaded (${e instanceof Error ? e.message : String(e)}), so it runs as tfjs ops`;
    }
  })();
  return loading;
}
