/**
 * The images lab on a pool of workers: each worker trains a contiguous slice of both ensembles' members (the DA
 * ensemble and the Canon ensemble, the same members k in each). Member k's initial draw depends on (seed, k) alone
 * and its data order and rotations on (seed, k, step) alone, so a slice trains member k exactly as the whole
 * ensemble does. The stored tensors are member-major ([E, n_l, n_{l+1}] and [E, 1, n_{l+1}]), so the whole
 * ensemble's stored floats are the slices' stored floats concatenated in member order, with no arithmetic.
 */
import { layerSizes, type MlpArchitecture, type MlpParams } from '../ensemble/architecture';
import { stackMemberParams, type BatchedParams } from '../ensemble/batchedMlp';
import { initMemberParams } from '../ensemble/init';
import type { MemberSlice } from '../ensemble/memberSlice';
import type { ToyCheckpoint } from '../ensemble/toyRun';
import type { ImageRunCheckpoint, StoredEnsemble } from './imageCheckpoint';

/**
 * The seeded initial parameters of members start … start + count − 1, batched: member k is
 * `initMemberParams(arch, seed, k)` scaled as `stackMemberParams` scales it, exactly member k of
 * `initBatchedParams(arch, seed, E)` for any E > k.
 */
export function initImageSlice(arch: MlpArchitecture, seed: number, slice: MemberSlice): BatchedParams {
  return stackMemberParams(
    arch,
    Array.from({ length: slice.count }, (_, i) => initMemberParams(arch, seed, slice.start + i)),
  );
}

/**
 * One stored ensemble cut per member: member k's layer l holds W̃^l[k] (n_l·n_{l+1} floats) and b̃^l[k] (n_{l+1}),
 * the stored (pre-scaled) floats, not raw draws. Views into `stored`, no copy.
 */
export function storedMembers(arch: MlpArchitecture, stored: StoredEnsemble): MlpParams[] {
  const sizes = layerSizes(arch);
  const E = stored.b[stored.b.length - 1].length / sizes[sizes.length - 1];
  return Array.from({ length: E }, (_, k) => ({
    layers: stored.W.map((w, l) => {
      const nIn = sizes[l];
      const nOut = sizes[l + 1];
      return { nIn, nOut, W: w.subarray(k * nIn * nOut, (k + 1) * nIn * nOut), b: stored.b[l].subarray(k * nOut, (k + 1) * nOut) };
    }),
  }));
}

/** The inverse of `storedMembers`: members' stored floats concatenated per layer in member order. */
export function joinStoredMembers(members: readonly MlpParams[]): StoredEnsemble {
  const layers = members[0].layers.length;
  const cat = (pick: (m: MlpParams) => Float32Array) => {
    const out = new Float32Array(members.reduce((a, m) => a + pick(m).length, 0));
    let o = 0;
    for (const m of members) {
      out.set(pick(m), o);
      o += pick(m).length;
    }
    return out;
  };
  return {
    W: Array.from({ length: layers }, (_, l) => cat((m) => m.layers[l].W)),
    b: Array.from({ length: layers }, (_, l) => cat((m) => m.layers[l].b)),
  };
}

/**
 * An image checkpoint in the pool's per-member shape (`ToyCheckpoint`: `params` = the DA members, `noAugParams` =
 * the Canon members, each the stored floats), so the generic pool keeps, joins and resumes image slices as it does
 * the other labs' (joining two slices is concatenating their member lists).
 */
export function imageCheckpointMembers(arch: MlpArchitecture, cp: ImageRunCheckpoint): ToyCheckpoint {
  return { step: cp.step, params: storedMembers(arch, cp.da), noAugParams: storedMembers(arch, cp.canon) };
}

/** The inverse of `imageCheckpointMembers`: the checkpoint an `ImageRun` of these members resumes from. */
export function imageCheckpointOfMembers(cp: ToyCheckpoint): ImageRunCheckpoint {
  if (!cp.noAugParams || cp.noAugParams.length !== cp.params.length) throw new Error('an image checkpoint needs the Canon members beside the DA members');
  return { step: cp.step, da: joinStoredMembers(cp.params), canon: joinStoredMembers(cp.noAugParams) };
}
