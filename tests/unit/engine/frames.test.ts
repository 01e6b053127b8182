/**
 * The animation's frames (issue 16 §3): the frame schedule, the light frames' agreement with the full snapshots on the
 * coarse grid, and the pool merge of light frames, bit-identical for 1, 2 and 3 workers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { DEFAULT_CONFIG, ToyRun, type EnsembleConfig } from '../../../src/core';
import { frameSchedule, snapshotSchedule } from '../../../src/core/ensemble/schedule';
import { coarseFrameGrid, coarseToFullIndex, makePolarGrid } from '../../../src/core/data/polarGrid';
import { frameMember, frameMembers, summarizeFrame, type LightFrame } from '../../../src/core/ensemble/snapshot';
import { splitMembers } from '../../../src/core/ensemble/memberSlice';
import { FrameCollector } from '../../../src/core/ensemble/sliceMerge';
import { installFusedSgdStep } from '../../../src/core/ensemble/fusedSgdStep';
import { useCpuBackend } from './setupCpu';

describe('frameSchedule', () => {
  it('has at least 60 strictly increasing log-spaced steps from 0 to 2000, with 0, 1, 2, 3 and every full snapshot step', () => {
    const f = frameSchedule(2000);
    expect(f.length).toBeGreaterThanOrEqual(60);
    for (let i = 1; i < f.length; i++) expect(f[i]).toBeGreaterThan(f[i - 1]);
    expect(f.slice(0, 4)).toEqual([0, 1, 2, 3]);
    expect(f[f.length - 1]).toBe(2000);
    for (const s of snapshotSchedule(2000)) expect(f).toContain(s);
    // Log-spaced: the late gaps grow (no step in the last tenth is closer than 100 to the next).
    const late = f.filter((s) => s >= 1000);
    for (let i = 1; i < late.length; i++) expect(late[i] - late[i - 1]).toBeGreaterThan(40);
    expect(f.filter((s) => s <= 10)).toHaveLength(11);
  });

  it('covers shorter runs with every step they have, up to the frame count', () => {
    expect(frameSchedule(3)).toEqual([0, 1, 2, 3]);
    expect(frameSchedule(30)).toHaveLength(31);
    const f = frameSchedule(100);
    expect(f.length).toBeGreaterThanOrEqual(60);
    expect(f[f.length - 1]).toBe(100);
    for (const s of snapshotSchedule(100)) expect(f).toContain(s);
  });

  it('is computed once per run length, and a caller that changes its copy changes no later answer', () => {
    const first = frameSchedule(200);
    const want = [...first];
    first.reverse();
    first.push(-1);
    expect(frameSchedule(200)).toEqual(want);
    expect(frameSchedule(200)).not.toBe(frameSchedule(200));
  });
});

describe('the coarse frame grid', () => {
  it('is 12 radii × 32 angles of the full grid, with the outermost radius, its points bit-identical', () => {
    const full = makePolarGrid();
    const g = coarseFrameGrid(full);
    const idx = coarseToFullIndex(full);
    expect(g.size).toBe(384);
    expect(g.nAngles).toBe(32);
    expect(g.radii[g.radii.length - 1]).toBe(3);
    idx.forEach((i, c) => {
      expect(g.points[2 * c]).toBe(full.points[2 * i]);
      expect(g.points[2 * c + 1]).toBe(full.points[2 * i + 1]);
    });
  });
});

describe('light frames', () => {
  beforeAll(async () => {
    await useCpuBackend();
  });

  it('a light frame at a full snapshot step has the full mean at the coarse points (to float tolerance)', async () => {
    const config: EnsembleConfig = { ...DEFAULT_CONFIG, ensembleSize: 6, width: 16, steps: 5 };
    const run = new ToyRun(config);
    let full: Float32Array | undefined;
    let fullTwin: Float32Array | undefined;
    let fullMembers: Float32Array | undefined;
    await run.runUntil(5, {
      onSnapshot: (s) => {
        full = s.mean;
        fullTwin = s.noAugMean;
        fullMembers = s.members;
      },
    });
    expect(run.step).toBe(5);
    const light = summarizeFrame(await run.trainer.frame(), 6, frameMembers(4, 6));
    run.dispose();
    const idx = coarseToFullIndex();
    let worst = 0;
    let scale = 0;
    idx.forEach((i, c) => {
      worst = Math.max(worst, Math.abs(light.mean[c] - full![i]), Math.abs(light.noAugMean![c] - fullTwin![i]));
      scale = Math.max(scale, Math.abs(full![i]));
    });
    expect(scale).toBeGreaterThan(0.05);
    expect(worst).toBeLessThan(1e-6);
    // The members carried: 0–3 and the selected 4, each equal to its full-grid row at the coarse points.
    expect(light.memberIndices).toEqual([0, 1, 2, 3, 4]);
    const m4 = frameMember(light, 4)!;
    idx.forEach((i, c) => expect(Math.abs(m4[c] - fullMembers![4 * 1536 + i])).toBeLessThan(1e-6));
    expect(frameMember(light, 5)).toBeUndefined();
  });

  it('a run takes a light frame at every frame step between its full snapshots, and none without a frame hook', async () => {
    const config: EnsembleConfig = { ...DEFAULT_CONFIG, ensembleSize: 4, width: 8, steps: 2000, compareNoAugmentation: false };
    const run = new ToyRun(config);
    const seen: number[] = [];
    await run.runUntil(40, { onSnapshot: (s) => seen.push(s.step), onFrame: (f) => seen.push(-f.step) });
    run.dispose();
    const want = frameSchedule(2000).filter((s) => s <= 40);
    expect(seen.map(Math.abs)).toEqual(want);
    expect(seen.filter((s) => s < 0).map((s) => -s)).toEqual(want.filter((s) => !snapshotSchedule(2000).includes(s)));
    const quiet = new ToyRun(config);
    const calls: number[] = [];
    await quiet.runUntil(12, { onSnapshot: (s) => calls.push(s.step) });
    quiet.dispose();
    expect(calls).toEqual([0, 1, 2, 3, 5, 10]);
  });

  it('without the smooth animation (lightFrames: false) the timeline is the full snapshots, with the same numbers', async () => {
    const base: EnsembleConfig = { ...DEFAULT_CONFIG, ensembleSize: 4, width: 8, steps: 2000 };
    const plain = new ToyRun({ ...base, lightFrames: false });
    expect(plain.frames).toEqual(snapshotSchedule(2000));
    expect(plain.trainer.frameGrid).toBeUndefined();
    const seen: number[] = [];
    const means: Float32Array[] = [];
    await plain.runUntil(40, { onSnapshot: (s) => (seen.push(s.step), means.push(s.mean)), onFrame: (f) => seen.push(-f.step) });
    plain.dispose();
    expect(seen).toEqual([0, 1, 2, 3, 5, 10, 30]);
    // The same run with its light frames: the same snapshots, bit for bit (the frames change what is shown, not the run).
    const smooth = new ToyRun(base);
    expect(smooth.frames).toEqual(frameSchedule(2000));
    const smoothMeans: Float32Array[] = [];
    await smooth.runUntil(40, { onSnapshot: (s) => smoothMeans.push(s.mean), onFrame: () => undefined });
    smooth.dispose();
    expect(smoothMeans.length).toBe(means.length);
    smoothMeans.forEach((m, i) => expect(Array.from(m)).toEqual(Array.from(means[i])));
  });
});

/** Light frames of a run split over `workers` slices, merged as the page merges them, to step 30. */
async function slicedFrames(config: EnsembleConfig, workers: number, keep: number[]): Promise<LightFrame[]> {
  const collector = new FrameCollector(config.ensembleSize);
  const out: LightFrame[] = [];
  for (const slice of splitMembers(config.ensembleSize, workers)) {
    const run = new ToyRun(config, { slice });
    await run.runUntil(30, {
      onRawFrame: (raw) => {
        const merged = collector.add({ start: slice.start, raw });
        if (merged) out.push(summarizeFrame(merged, config.ensembleSize, keep));
      },
    });
    run.dispose();
  }
  return out.sort((a, b) => a.step - b.step);
}

describe('the pool merge of light frames on wasm with the fused SIMD step', () => {
  beforeAll(async () => {
    expect(await tf.setBackend('wasm')).toBe(true);
    await tf.ready();
    expect(installFusedSgdStep(new WebAssembly.Module(readFileSync('src/kernels/build/ensembleSgdStep.wasm')), 'SIMD128')).toBeNull();
  });

  it('is bit-identical for 1, 2 and 3 workers (means summed in member order, the twin, the carried members)', async () => {
    const config: EnsembleConfig = { ...DEFAULT_CONFIG, ensembleSize: 13, width: 32 };
    const keep = frameMembers(11, 13);
    const one = await slicedFrames(config, 1, keep);
    const lightSteps = frameSchedule(2000).filter((s) => s <= 30 && !snapshotSchedule(2000).includes(s));
    expect(one.map((f) => f.step)).toEqual(lightSteps);
    // The run trains: the step-29 mean differs from the step-4 one.
    expect(one[one.length - 1].mean).not.toEqual(one[0].mean);
    for (const workers of [2, 3]) {
      const other = await slicedFrames(config, workers, keep);
      expect(other.map((f) => f.step)).toEqual(lightSteps);
      other.forEach((f, i) => {
        expect(f.mean).toEqual(one[i].mean);
        expect(f.noAugMean).toEqual(one[i].noAugMean);
        expect(f.members).toEqual(one[i].members);
        expect(f.memberIndices).toEqual([0, 1, 2, 3, 11]);
      });
    }
  }, 300_000);
});
