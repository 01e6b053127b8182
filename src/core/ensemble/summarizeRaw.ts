/**
 * Summarising a whole ensemble's raw snapshot (or a pool's slices of one) with its configuration only: the context (grid, mask, far field) is
 * built from the configuration and remembered for the next snapshot of the same run. Used where the raw snapshot
 * arrives from elsewhere (the page's summary worker), so that the sizes are checked against the grids first.
 */
import { clampConfig, DEFAULT_CONFIG, type EnsembleConfig } from './config';
import { summarizeFrame, type LightFrame, type Snapshot } from './snapshot';
import { mergeRawFrames, mergeRawSlices, type RawFrameSlice, type RawSlice } from './sliceMerge';
import { snapshotContext, summarizeInContext, type SnapshotContext } from './snapshotContext';
import type { RawSnapshot } from './trainer';

export class RawSnapshotSummarizer {
  /** `summarize` of the slices merged in member order (mergeRawSlices; throws unless they tile 0 … E−1). */
  summarizeSlices(rawConfig: EnsembleConfig, selectedMember: number, parts: readonly RawSlice[]): Snapshot {
    return this.summarize(rawConfig, selectedMember, mergeRawSlices(parts, clampConfig(rawConfig, DEFAULT_CONFIG).config.ensembleSize));
  }

  private key = '';
  private context: SnapshotContext | null = null;

  /**
   * summarizeSnapshot(raw, E, ctx(config), member) after checking that every array holds E rows of its grid
   * (members and twin: E·P; far field: E·P_far; losses: E). Throws with the mismatch otherwise.
   */
  summarize(rawConfig: EnsembleConfig, selectedMember: number, raw: RawSnapshot): Snapshot {
    const { config } = clampConfig(rawConfig, DEFAULT_CONFIG);
    const key = JSON.stringify(config);
    if (key !== this.key || !this.context) {
      this.context = snapshotContext(config);
      this.key = key;
    }
    const E = config.ensembleSize;
    const P = this.context.grid.size;
    const check = (name: string, a: Float32Array | undefined, n: number) => {
      if (a && a.length !== n) throw new Error(`${name} holds ${a.length} numbers; E = ${E} members need ${n}`);
    };
    check('members', raw.members, E * P);
    check('losses', raw.losses, E);
    check('noAugMembers', raw.noAugMembers, E * P);
    check('noAugLosses', raw.noAugLosses, E);
    check('farMembers', raw.farMembers, E * this.context.far.grid.size);
    return summarizeInContext(raw, E, this.context, Math.min(selectedMember, E - 1));
  }
}

/**
 * A pool's light-frame slices merged in member order (mergeRawFrames) and reduced to the frame the page keeps
 * (summarizeFrame: the means f̄ = (1/E) Σ_k f_k and the members `keep`), after checking that every member has the
 * same number of coarse-grid points in both ensembles. Throws with the mismatch otherwise.
 */
export function summarizeFrameSlices(parts: readonly RawFrameSlice[], E: number, keep: readonly number[]): LightFrame {
  const raw = mergeRawFrames(parts, E);
  const P = raw.members.length / E;
  if (!Number.isInteger(P) || P === 0) throw new Error(`a light frame's ${raw.members.length} predictions do not split into E = ${E} members`);
  if (raw.noAugMembers && raw.noAugMembers.length !== raw.members.length) throw new Error(`a light frame's twin holds ${raw.noAugMembers.length} predictions, not ${raw.members.length}`);
  if (keep.some((k) => k >= E)) throw new Error(`a light frame cannot show member ${Math.max(...keep)} of E = ${E}`);
  return summarizeFrame(raw, E, keep);
}
