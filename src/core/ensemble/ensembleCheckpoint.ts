/**
 * A trained ensemble's parameters at one step, as plain Float32Arrays: what a worker posts after each snapshot so a
 * replacement worker (after a crash or a lost GPU device) can continue the run from there instead of from step 0.
 */
import { layerSizes, type MlpArchitecture, type MlpParams } from './architecture';

export interface EnsembleCheckpoint {
  /** The training step the parameters belong to. */
  step: number;
  /**
   * Every member's stored floats (W̃ = s·W, b̃ = σ_b·b; `storedMemberParams`), so that a resumed run continues from
   * exactly the numbers the interrupted one had (the raw form W̃/s does not round-trip in float32).
   */
  params: MlpParams[];
}

/** The buffers of a checkpoint, to transfer rather than copy. */
export function ensembleCheckpointTransferables(cp: EnsembleCheckpoint): ArrayBuffer[] {
  return paramBuffers(cp.params);
}

/**
 * The distinct buffers under members' parameters, each once (members are views into one buffer per layer, see
 * `storedMemberParams`, and postMessage refuses a buffer listed twice).
 */
export function paramBuffers(...lists: readonly (readonly MlpParams[])[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const list of lists) for (const m of list) for (const l of m.layers) out.add(l.W.buffer as ArrayBuffer).add(l.b.buffer as ArrayBuffer);
  return [...out];
}

/**
 * Why `cp` cannot continue a run of `E` members of `arch` up to `steps`, or null when it can: the member count and
 * every layer's shape must match, the step must lie in the run, and every number must be finite.
 */
export function checkpointMismatch(arch: MlpArchitecture, E: number, steps: number, cp: EnsembleCheckpoint): string | null {
  if (!Number.isInteger(cp.step) || cp.step < 0 || cp.step > steps) return `the checkpoint's step ${cp.step} is outside 0 … ${steps}`;
  if (!Array.isArray(cp.params) || cp.params.length !== E) return `the checkpoint has ${cp.params?.length} members, the run ${E}`;
  const sizes = layerSizes(arch);
  for (const m of cp.params) {
    if (!m || !Array.isArray(m.layers) || m.layers.length !== sizes.length - 1) return 'the checkpoint has the wrong number of layers';
    for (let l = 0; l < m.layers.length; l++) {
      const { W, b } = m.layers[l];
      if (!(W instanceof Float32Array) || !(b instanceof Float32Array) || W.length !== sizes[l] * sizes[l + 1] || b.length !== sizes[l + 1]) {
        return `layer ${l} of the checkpoint does not fit ${sizes[l]} → ${sizes[l + 1]}`;
      }
      if (!W.every(Number.isFinite) || !b.every(Number.isFinite)) return 'the checkpoint holds non-finite numbers';
    }
  }
  return null;
}
