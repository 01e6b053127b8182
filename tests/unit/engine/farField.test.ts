/** The far-field grid, its region r > 2·r_max, and its orbit metric (issue 15: "far from the data"). */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, farFieldMask, farFieldRadius, farFieldStats, makeFarFieldGrid, MONO3, ToyRun, type Snapshot } from '../../../src/core';
import { useCpuBackend } from './setupCpu';

beforeAll(async () => {
  await useCpuBackend();
});

const grid = makeFarFieldGrid();

describe('far field', () => {
  it('reaches radius 12 and starts the region at twice the outermost training radius', () => {
    expect(grid.radii[grid.radii.length - 1]).toBe(12);
    const rMax = Math.max(...MONO3.map((p) => Math.hypot(p.x[0], p.x[1])));
    expect(rMax).toBeCloseTo(2.47, 2);
    expect(farFieldRadius(MONO3.map((p) => p.x))).toBeCloseTo(2 * rMax, 12);
  });

  it('masks exactly the rings beyond r_far (whole rings, so whole C_n orbits)', () => {
    const rFar = farFieldRadius(MONO3.map((p) => p.x));
    const mask = farFieldMask(grid, rFar);
    for (let p = 0; p < grid.size; p++) {
      const r = Math.hypot(grid.points[2 * p], grid.points[2 * p + 1]);
      expect(mask[p], `r = ${r}`).toBe(r > rFar + 1e-5 ? 0 : 1);
    }
    // Radii 5.25, 6, …, 12: 10 rings of 64 points.
    expect(mask.reduce((a, v) => a + (v === 0 ? 1 : 0), 0)).toBe(640);
  });

  it('measures 0 for an invariant function and π/(2√2) for f(x) = x₁ under C8', () => {
    const mask = farFieldMask(grid, 4.94);
    const radial = Float32Array.from({ length: grid.size }, (_, p) => Math.hypot(grid.points[2 * p], grid.points[2 * p + 1]));
    const s0 = farFieldStats(radial, grid, 8, mask);
    expect(s0.count).toBe(640);
    expect(s0.meanDeviation).toBeLessThan(1e-6);
    const linear = Float32Array.from({ length: grid.size }, (_, p) => grid.points[2 * p]);
    // dev = r/√2 on each ring (std of r cos over 8 equally spaced angles); mean |f| = r·(mean |cos| over 64 angles).
    const meanAbsCos = Array.from({ length: 64 }, (_, j) => Math.abs(Math.cos((2 * Math.PI * j) / 64))).reduce((a, v) => a + v, 0) / 64;
    expect(farFieldStats(linear, grid, 8, mask).relativeStd).toBeCloseTo(1 / Math.SQRT2 / meanAbsCos, 5);
  });

  it('a toy run reports far-field metrics at its snapshots, mean and members', async () => {
    const run = new ToyRun({ ...DEFAULT_CONFIG, ensembleSize: 4, width: 8, steps: 2, compareNoAugmentation: false });
    const snaps: Snapshot[] = [];
    await run.runUntil(2, { onSnapshot: (s) => snaps.push(s) });
    run.dispose();
    const last = snaps[snaps.length - 1];
    const far = last.metrics.far!;
    expect(far.rFar).toBeCloseTo(4.94, 2);
    expect(far.mean.count).toBe(640);
    expect(last.farMean!.length).toBe(grid.size);
    // Four i.i.d. members: each far from invariant out there, and the mean of four only partly cancels.
    expect(far.member.relativeStd).toBeGreaterThan(0.1);
    expect(far.mean.meanDeviation).toBeLessThan(far.member.meanDeviation);
  });
});
