import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CROSS_CONFIG, CrossRun, crossEvaluationSet, summarizeCross, type CrossConfig, type CrossSnapshot } from '../../../src/core/equivariance/crossProduct';
import { CrossSliceRun, VectorSliceRun } from '../../../src/core/equivariance/sliceRuns';
import { DEFAULT_VECTOR_CONFIG, type VectorConfig } from '../../../src/core/equivariance/vectorConfig';
import { summarizeVectorSnapshot, vectorSummaryContext, VectorRun, type VectorSnapshot } from '../../../src/core/equivariance/vectorTrainer';
import type { EnsembleCheckpoint } from '../../../src/core/ensemble/ensembleCheckpoint';
import { splitMembers } from '../../../src/core/ensemble/memberSlice';
import { mergeCheckpointSlices, mergeRawSlices, SliceCollector, type RawSlice } from '../../../src/core/ensemble/sliceMerge';
import { VectorSliceSummarizer } from '../../../src/core/equivariance/vectorSliceSummary';
import type { RawSnapshot } from '../../../src/core/ensemble/trainer';
import { useCpuBackend } from '../engine/setupCpu';

// The vector lab's worker pool: each worker trains a slice of the plane lab's (or the 3D lab's) members and posts
// its raw predictions; the page merges them in member order and summarises. Member k's numbers must not depend on the
// split: 1, 2 and 3 slices give bit-identical merged predictions, losses and checkpoints at every snapshot step, and
// the page's summary of them equals the snapshot one worker training the whole ensemble posts.

beforeAll(async () => {
  await useCpuBackend();
});

type SliceRunOf = (slice: { start: number; count: number }) => VectorSliceRun | CrossSliceRun;

async function runSliced(E: number, steps: number, workers: number, make: SliceRunOf): Promise<{ snaps: RawSnapshot[]; parts: RawSlice[][]; checkpoint: EnsembleCheckpoint }> {
  const slices = splitMembers(E, workers);
  expect(slices).toHaveLength(workers);
  const collector = new SliceCollector(E);
  const snaps: RawSnapshot[] = [];
  const parts: RawSlice[][] = [];
  const cps = [];
  for (const slice of slices) {
    const run = make(slice);
    await run.runUntil(steps, {
      onSnapshot: (part) => {
        expect(part.start).toBe(slice.start);
        expect(part.raw.losses.length).toBe(slice.count);
        const complete = collector.addPart(part);
        if (complete) {
          parts.push(complete);
          snaps.push(mergeRawSlices(complete, E));
        }
      },
    });
    cps.push({ start: slice.start, checkpoint: await run.checkpoint() });
    run.dispose();
  }
  return { snaps, parts, checkpoint: mergeCheckpointSlices(cps, E) };
}

function expectIdentical(a: Awaited<ReturnType<typeof runSliced>>, b: typeof a, steps: number[]) {
  expect(b.snaps.map((s) => s.step)).toEqual(steps);
  a.snaps.forEach((s, i) => {
    expect(b.snaps[i].members).toEqual(s.members);
    expect(b.snaps[i].losses).toEqual(s.losses);
  });
  a.checkpoint.params.forEach((m, k) =>
    m.layers.forEach((l, j) => {
      expect(b.checkpoint.params[k].layers[j].W).toEqual(l.W);
      expect(b.checkpoint.params[k].layers[j].b).toEqual(l.b);
    }),
  );
}

async function wholeRun<S>(run: { runUntil(t: number, h: { onSnapshot: (s: S) => void }): Promise<void>; dispose(): void }, steps: number): Promise<S[]> {
  const out: S[] = [];
  await run.runUntil(steps, { onSnapshot: (s) => void out.push(s) });
  run.dispose();
  return out;
}

describe('vector-lab member slices (tfjs CPU backend)', () => {
  const planeCases: [string, VectorConfig][] = [
    ['independent members, defining π, C8', { ...DEFAULT_VECTOR_CONFIG, ensembleSize: 7, width: 16, steps: 5, seed: 5 }],
    // A slice boundary cuts through an orbit: member k = g_{k mod 4}·θ_{⌊k/4⌋} in any slice.
    ['orbit-closed C4 members, ψ2', { ...DEFAULT_VECTOR_CONFIG, ensembleSize: 8, width: 16, steps: 5, groupOrder: 4, memberInit: 'orbit', representation: { kind: 'psi', k: 2 } }],
  ];
  for (const [name, config] of planeCases) {
    it(`plane lab (${name}): 1, 2 and 3 slices are bit-identical and summarise to the one-worker snapshot`, async () => {
      const make: SliceRunOf = (slice) => new VectorSliceRun(config, slice, { chunkMillis: 1e9 });
      const one = await runSliced(config.ensembleSize, config.steps, 1, make);
      const schedule = [0, 1, 2, 3, 5];
      expect(one.snaps[4].members).not.toEqual(one.snaps[0].members); // it trained
      const two = await runSliced(config.ensembleSize, config.steps, 2, make);
      expectIdentical(one, two, schedule);
      expectIdentical(one, await runSliced(config.ensembleSize, config.steps, 3, make), schedule);
      const whole = await wholeRun<VectorSnapshot>(new VectorRun(config, { chunkMillis: 1e9 }), config.steps);
      const ctx = vectorSummaryContext(config);
      const summarizer = new VectorSliceSummarizer();
      one.snaps.forEach((raw, i) => {
        const page = summarizeVectorSnapshot(raw, config, ctx.grid, ctx.mask, 0);
        expect(page.members).toEqual(whole[i].members);
        expect(page.mean).toEqual(whole[i].mean);
        expect(page.metrics).toEqual(whole[i].metrics);
        // The summary worker's path: two workers' slices, merged there, with the lab's settings only.
        const fromSlices = summarizer.planeSnapshot(config, two.parts[i]);
        expect(fromSlices.mean).toEqual(whole[i].mean);
        expect(fromSlices.metrics).toEqual(whole[i].metrics);
      });
      expect(() => summarizer.planeSnapshot(config, two.parts[0].slice(1))).toThrow(/do not cover members/);
    }, 120_000);
  }

  it('3D lab: 1, 2 and 3 slices are bit-identical and summarise to the one-worker snapshot', async () => {
    const config: CrossConfig = { ...DEFAULT_CROSS_CONFIG, ensembleSize: 5, width: 16, steps: 5, trainPairs: 4 };
    const make: SliceRunOf = (slice) => new CrossSliceRun(config, slice, { chunkMillis: 1e9 });
    const one = await runSliced(5, 5, 1, make);
    expectIdentical(one, await runSliced(5, 5, 2, make), [0, 1, 2, 3, 5]);
    const three = await runSliced(5, 5, 3, make);
    expectIdentical(one, three, [0, 1, 2, 3, 5]);
    const whole = await wholeRun<CrossSnapshot>(new CrossRun(config, { chunkMillis: 1e9 }), config.steps);
    const ev = crossEvaluationSet(config);
    one.snaps.forEach((raw, i) => {
      const page = summarizeCross(raw.members, config, ev.rotations, ev.testTargets, ev.evalInputs, raw.step, raw.losses);
      expect(page).toEqual(whole[i]);
      expect(new VectorSliceSummarizer().crossSnapshot(config, three.parts[i])).toEqual(whole[i]);
    });
    expect(whole.at(-1)!.mean.error).toBeGreaterThan(0);
    // Settings that imply other sizes (more test pairs than the slices were evaluated on) are refused, not misread.
    expect(() => new VectorSliceSummarizer().crossSnapshot({ ...config, testPairs: config.testPairs + 1 }, three.parts[0])).toThrow(/the 3D lab snapshot holds \d+ numbers; E = 5 members need \d+/);
  }, 120_000);

  it('refuses a slice outside the ensemble and a checkpoint of another slice size', () => {
    const config = { ...DEFAULT_VECTOR_CONFIG, ensembleSize: 4, width: 8, steps: 5 };
    expect(() => new VectorSliceRun(config, { start: 3, count: 2 })).toThrow(/members 3 … 4 are not members of an ensemble of 4/);
    const params = new VectorSliceRun(config, { start: 0, count: 2 });
    const cp = { step: 1, params: [] };
    params.dispose();
    expect(() => new VectorSliceRun(config, { start: 0, count: 2 }, { checkpoint: cp })).toThrow(/cannot resume: the checkpoint has 0 members, the run 2/);
  });
});
