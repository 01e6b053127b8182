/**
 * Runs of one slice of a vector-lab ensemble, for a worker pool: the plane lab's and the 3D lab's members
 * start … start + count − 1 trained on the same schedule as the whole ensemble, each snapshot read back unsummarised
 * (predictions [count × rows], losses [count]). Member k's draw and gradient steps do not depend on the other members
 * (one independent network per batch entry), so the page merges the slices in member order (mergeRawSlices) and
 * summarises them into exactly the snapshot one worker training every member would have posted.
 */
import type { MlpArchitecture } from '../ensemble/architecture';
import type { EnsembleCheckpoint } from '../ensemble/ensembleCheckpoint';
import { sliceMismatch, type MemberSlice } from '../ensemble/memberSlice';
import { assertResumable, ScheduledRun, type ScheduledTrainer } from '../ensemble/scheduledRun';
import type { RawSlice } from '../ensemble/sliceMerge';
import type { StepEngine } from '../ensemble/stepEngine';
import { crossArchitecture, type CrossConfig } from './crossConfig';
import { CrossTrainer } from './crossTrainer';
import { vectorArchitecture, type VectorConfig } from './vectorConfig';
import { VectorEnsembleTrainer } from './vectorTrainer';
import type { RawVectorSnapshot } from './vectorSummary';

export interface SliceRunOptions {
  chunkMillis?: number;
  /** The slice's own checkpoint (its members only). */
  checkpoint?: EnsembleCheckpoint;
  engine?: StepEngine;
}

/**
 * The trainer options of `slice` of a run of `arch` (E members, `steps` steps), after refusing a slice outside the
 * ensemble and a checkpoint that does not hold exactly the slice's members.
 */
function sliceTrainerOptions(arch: MlpArchitecture, run: { ensembleSize: number; steps: number }, slice: MemberSlice, options: SliceRunOptions) {
  const why = sliceMismatch(slice, run.ensembleSize);
  if (why) throw new Error(`cannot train this slice: ${why}`);
  const cp = options.checkpoint;
  assertResumable(arch, slice.count, run.steps, cp);
  return { storedParams: cp?.params, startStep: cp?.step, engine: options.engine, slice };
}

/** The mean member loss (1/c) Σ_k L_k of a slice, for its progress line. */
function meanLoss(losses: Float32Array): number {
  return losses.reduce((a, v) => a + v, 0) / losses.length;
}

abstract class SliceRun<T extends ScheduledTrainer> extends ScheduledRun<RawSlice, T> {
  constructor(
    trainer: T,
    readonly slice: MemberSlice,
    steps: number,
    options: SliceRunOptions,
  ) {
    super(trainer, steps, options.chunkMillis, options.checkpoint?.step);
  }

  protected abstract raw(): Promise<RawVectorSnapshot>;

  protected async measure(): Promise<{ snapshot: RawSlice; loss: number }> {
    const raw = await this.raw();
    return { snapshot: { start: this.slice.start, raw }, loss: meanLoss(raw.losses) };
  }
}

/** The plane lab's members of `slice`: predictions on the polar grid, [count × P × d]. */
export class VectorSliceRun extends SliceRun<VectorEnsembleTrainer> {
  constructor(config: VectorConfig, slice: MemberSlice, options: SliceRunOptions = {}) {
    super(new VectorEnsembleTrainer(config, sliceTrainerOptions(vectorArchitecture(config), config, slice, options)), slice, config.steps, options);
  }

  protected raw(): Promise<RawVectorSnapshot> {
    return this.trainer.snapshot();
  }
}

/** The 3D lab's members of `slice`: predictions on the evaluation set, [count × T(M+1) × 3]. */
export class CrossSliceRun extends SliceRun<CrossTrainer> {
  constructor(config: CrossConfig, slice: MemberSlice, options: SliceRunOptions = {}) {
    super(new CrossTrainer(config, sliceTrainerOptions(crossArchitecture(config), config, slice, options)), slice, config.steps, options);
  }

  protected raw(): Promise<RawVectorSnapshot> {
    return this.trainer.rawSnapshot();
  }
}

/** The buffers of a raw slice, to transfer rather than copy. */
export function rawSliceTransferables(s: RawSlice): ArrayBuffer[] {
  return [s.raw.members.buffer as ArrayBuffer, s.raw.losses.buffer as ArrayBuffer];
}
