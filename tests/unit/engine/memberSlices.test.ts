import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { DEFAULT_CONFIG, ToyRun, type EnsembleConfig, type RawSnapshot, type ToyCheckpoint } from '../../../src/core';
import { splitMembers } from '../../../src/core/ensemble/memberSlice';
import { mergeCheckpointSlices, SliceCollector, tiling } from '../../../src/core/ensemble/sliceMerge';
import { installFusedSgdStep, wasmFusedEngine } from '../../../src/core/ensemble/fusedSgdStep';
import { selectStepEngine } from '../../../src/core/ensemble/selectStepEngine';

// The worker pool's promise: member k's numbers do not depend on how many workers train the ensemble. Each worker
// runs a ToyRun of one slice; the page merges the slices in member order. 1, 2 and 3 slices must give the same
// snapshots (predictions, losses, the twin's, the far field) and checkpoints, bit for bit, at every snapshot step.

// Snapshots at 0, 1, 2, 3, 5, 10, 30: the default config's schedule up to step 30 (snapshots dominate the cost in Node).
const STEPS = 30;
const ALL_SNAPSHOTS = [0, 1, 2, 3, 5, 10, 30];

async function runSliced(config: EnsembleConfig, workers: number): Promise<{ snaps: RawSnapshot[]; checkpoint: ToyCheckpoint }> {
  const slices = splitMembers(config.ensembleSize, workers);
  expect(slices).toHaveLength(workers);
  const collector = new SliceCollector(config.ensembleSize);
  const snaps: RawSnapshot[] = [];
  const cps = [];
  for (const slice of slices) {
    const run = new ToyRun(config, { slice });
    await run.runUntil(STEPS, {
      onRawSnapshot: (raw) => {
        const merged = collector.add({ start: slice.start, raw });
        if (merged) snaps.push(merged);
      },
    });
    cps.push({ start: slice.start, checkpoint: await run.checkpoint() });
    run.dispose();
  }
  return { snaps, checkpoint: mergeCheckpointSlices(cps, config.ensembleSize) };
}

function expectIdentical(a: { snaps: RawSnapshot[]; checkpoint: ToyCheckpoint }, b: typeof a) {
  expect(b.snaps.map((s) => s.step)).toEqual(ALL_SNAPSHOTS);
  expect(b.snaps.map((s) => s.step)).toEqual(a.snaps.map((s) => s.step));
  a.snaps.forEach((s, i) => {
    const t = b.snaps[i];
    expect(t.members).toEqual(s.members);
    expect(t.losses).toEqual(s.losses);
    expect(t.noAugMembers).toEqual(s.noAugMembers);
    expect(t.noAugLosses).toEqual(s.noAugLosses);
    expect(t.farMembers).toEqual(s.farMembers);
  });
  for (const key of ['params', 'noAugParams'] as const) {
    a.checkpoint[key]!.forEach((m, k) =>
      m.layers.forEach((l, j) => {
        expect(b.checkpoint[key]![k].layers[j].W).toEqual(l.W);
        expect(b.checkpoint[key]![k].layers[j].b).toEqual(l.b);
      }),
    );
  }
}

describe('splitMembers', () => {
  it('tiles the ensemble in member order with sizes differing by at most one', () => {
    expect(splitMembers(64, 3)).toEqual([
      { start: 0, count: 22 },
      { start: 22, count: 21 },
      { start: 43, count: 21 },
    ]);
    expect(splitMembers(2, 5)).toEqual([
      { start: 0, count: 1 },
      { start: 1, count: 1 },
    ]);
    expect(splitMembers(7, 0)).toEqual([{ start: 0, count: 7 }]);
    expect(tiling(splitMembers(1000, 7), (s) => s.count, 1000)).not.toBeNull();
    expect(tiling([{ start: 0, count: 3 }, { start: 4, count: 2 }], (s) => s.count, 6)).toBeNull();
  });
});

// The production path (wasm, fused SIMD kernel) at the default size; the tfjs-op path on the CPU backend (far slower
// in Node) at a small size.
for (const backend of ['wasm', 'cpu'] as const) {
  const size = backend === 'wasm' ? {} : { ensembleSize: 7, width: 16 };
  describe(`member slices on ${backend}${backend === 'wasm' ? ' with the fused SIMD step' : ''}`, () => {
    beforeAll(async () => {
      expect(await tf.setBackend(backend)).toBe(true);
      await tf.ready();
      if (backend === 'wasm') {
        expect(installFusedSgdStep(new WebAssembly.Module(readFileSync('src/kernels/build/ensembleSgdStep.wasm')), 'SIMD128')).toBeNull();
        // The engine a browser's worker would choose: the fused kernel.
        expect(selectStepEngine('wasm').engine).toBe(wasmFusedEngine);
      }
    });

    it(`1, 2 and 3 workers give bit-identical snapshots and checkpoints (C8, ${backend === 'wasm' ? 'E 64, 2×64' : 'E 7, 2×16'}, twin)`, async () => {
      const config = { ...DEFAULT_CONFIG, steps: STEPS, ...size };
      expect(config.compareNoAugmentation).toBe(true);
      const one = await runSliced(config, 1);
      // The runs did train: the step-30 predictions differ from the step-0 ones.
      expect(one.snaps[6].members).not.toEqual(one.snaps[0].members);
      expect(one.snaps[0].losses.length).toBe(config.ensembleSize);
      expectIdentical(one, await runSliced(config, 2));
      expectIdentical(one, await runSliced(config, 3));
    }, 600_000);

    it('antithetic pairs with SO(2) angles drawn every step split the same way (one augmentation stream)', async () => {
      const config: EnsembleConfig = { ...DEFAULT_CONFIG, steps: STEPS, ensembleSize: 12, width: 16, antithetic: true, group: { kind: 'so2', k: 3 } };
      expectIdentical(await runSliced(config, 1), await runSliced(config, 3));
    });

    it('orbit-closed C4 members split the same way (member k = g_{k mod 4}·θ_{⌊k/4⌋} in any slice)', async () => {
      const config: EnsembleConfig = { ...DEFAULT_CONFIG, steps: STEPS, ensembleSize: 8, width: 16, orbitClosed: true, group: { kind: 'cyclic', n: 4 } };
      expectIdentical(await runSliced(config, 1), await runSliced(config, 3));
    });
  });
}
