/**
 * Summarising a whole ensemble's raw snapshot with its configuration only: the context (grid, mask, far field) is
 * built from the configuration and remembered for the next snapshot of the same run. Used where the raw snapshot
 * arrives from elsewhere (the page's summary worker), so that the sizes are checked against the grids first.
 */
import { clampConfig, DEFAULT_CONFIG, type EnsembleConfig } from './config';
import type { Snapshot } from './snapshot';
import { snapshotContext, summarizeInContext, type SnapshotContext } from './snapshotContext';
import type { RawSnapshot } from './trainer';

export class RawSnapshotSummarizer {
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
