import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_LIMITS, DEFAULT_CONFIG, type EnsembleConfig } from '../../../src/core/ensemble/config';
import { defaultFlopsPerSecond, estimateRunCost, MEMORY_BUDGET_BYTES, measuredFlopsPerSecond } from '../../../src/core/ensemble/runCost';
import { EnsembleTrainer } from '../../../src/core/ensemble/trainer';

const cfg = (patch: Partial<EnsembleConfig>): EnsembleConfig => ({ ...DEFAULT_CONFIG, ...patch });

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('run cost model', () => {
  it('lets the default run start, with an estimate near the measured 5.9 s and well under the budget', () => {
    const c = estimateRunCost(DEFAULT_CONFIG);
    expect(c.refusal).toBeNull();
    expect(c.slowWarning).toBeNull();
    expect(c.memory.total).toBeLessThan(0.2 * MEMORY_BUDGET_BYTES);
    expect(c.timeMs).toBeGreaterThan(3000);
    expect(c.timeMs).toBeLessThan(12000);
    // 2 ensembles × 64 members × 24 augmented inputs × 6 × (2·64 + 64·64 + 64) multiply-adds.
    expect(c.flopsPerStep).toBe(2 * 64 * 24 * 6 * (128 + 4096 + 64));
  });

  it('counts the light frames of the smooth animation: 53 coarse evaluations of both ensembles at 2000 steps', () => {
    const smooth = estimateRunCost(DEFAULT_CONFIG);
    const plain = estimateRunCost(cfg({ lightFrames: false }));
    // 64 frames, 11 of them full snapshots; the coarse grid is a quarter of the 1,536-point grid.
    expect(smooth.frameFlops).toBe(53 * 64 * 2 * 384 * 2 * (128 + 4096 + 64));
    expect(plain.frameFlops).toBe(0);
    expect(smooth.timeMs - plain.timeMs).toBeCloseTo((smooth.frameFlops / 35e9) * 1000, 6);
    expect(plain.flopsPerStep).toBe(smooth.flopsPerStep);
  });

  it('refuses the reported link E=256&width=1024&depth=4 and names the largest E and width that fit', () => {
    const bad = cfg({ ensembleSize: 256, width: 1024, depth: 4 });
    const c = estimateRunCost(bad);
    expect(c.memory.total).toBeGreaterThan(10 * MEMORY_BUDGET_BYTES);
    expect(c.refusal).toMatch(/was not started/);
    const m = /E = (\d+) at width 1024, or width (\d+) at E = 256/.exec(c.refusal ?? '');
    expect(m).not.toBeNull();
    const maxE = Number(m![1]);
    const maxW = Number(m![2]);
    // The suggestions fit, and one more does not: they are the largest.
    expect(estimateRunCost({ ...bad, ensembleSize: maxE }).refusal).toBeNull();
    expect(estimateRunCost({ ...bad, ensembleSize: maxE + 1 }).refusal).not.toBeNull();
    expect(estimateRunCost({ ...bad, width: maxW }).refusal).toBeNull();
    expect(estimateRunCost({ ...bad, width: maxW + 1 }).refusal).not.toBeNull();
  });

  it('at every corner of the limits either fits or is refused with a suggestion that fits', () => {
    const L = CONFIG_LIMITS;
    let refused = 0;
    for (const E of [L.ensembleSize.min, L.ensembleSize.max])
      for (const width of [L.width.min, L.width.max])
        for (const depth of [L.depth.min, L.depth.max])
          for (const compareNoAugmentation of [false, true]) {
            const c = cfg({ ensembleSize: E, width, depth, compareNoAugmentation });
            const cost = estimateRunCost(c);
            expect(Number.isFinite(cost.memory.total) && cost.memory.total > 0).toBe(true);
            expect(Number.isFinite(cost.timeMs) && cost.timeMs >= 0).toBe(true);
            if (cost.refusal) {
              refused++;
              expect(cost.memory.total).toBeGreaterThan(MEMORY_BUDGET_BYTES);
              const m = /E = (\d+) at width/.exec(cost.refusal);
              if (m) expect(estimateRunCost({ ...c, ensembleSize: Number(m[1]) }).refusal).toBeNull();
            } else expect(cost.memory.total).toBeLessThanOrEqual(MEMORY_BUDGET_BYTES);
          }
    // The small corners run; E = 1024 at width 1024 never does.
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(16);
  });

  it('grows with E and with W, and warns before a run of more than a minute', () => {
    const a = estimateRunCost(cfg({ ensembleSize: 32 }));
    const b = estimateRunCost(cfg({ ensembleSize: 64 }));
    expect(b.memory.total).toBeGreaterThan(a.memory.total);
    expect(b.flopsPerStep).toBeCloseTo(2 * a.flopsPerStep, 6);
    const slow = estimateRunCost(cfg({ ensembleSize: 1, width: 1024, depth: 4 }));
    expect(slow.refusal).toBeNull();
    expect(slow.slowWarning).toMatch(/about \d+ (s|min)/);
  });

  it('before a run is measured, assumes 35 GFLOP/s a worker, 80% of the sum for a pool', () => {
    expect(defaultFlopsPerSecond()).toBe(35e9);
    expect(defaultFlopsPerSecond(2)).toBe(56e9);
    expect(defaultFlopsPerSecond(0)).toBe(35e9);
    const one = estimateRunCost(DEFAULT_CONFIG);
    const two = estimateRunCost(DEFAULT_CONFIG, { workers: 2 });
    expect(one.timeMs / two.timeMs).toBeCloseTo(1.6, 9);
    // The smooth default run counts 205 GFLOP: about 5.9 s on one worker and 3.7 s on two (measured: medians 5.2 s
    // and 3.5 s, docs/PERFORMANCE.md).
    expect(one.timeMs).toBeGreaterThan(5500);
    expect(one.timeMs).toBeLessThan(6200);
    expect(two.timeMs).toBeGreaterThan(3400);
    expect(two.timeMs).toBeLessThan(3900);
    // A measured speed wins over the worker count.
    expect(estimateRunCost(DEFAULT_CONFIG, { workers: 2, flopsPerSecond: 35e9 }).timeMs).toBeCloseTo(one.timeMs, 6);
  });

  it('uses a measured speed when one is known', () => {
    const rate = measuredFlopsPerSecond(DEFAULT_CONFIG, 1000);
    expect(rate).toBe(estimateRunCost(DEFAULT_CONFIG).flopsPerStep * 1000);
    const fast = estimateRunCost(DEFAULT_CONFIG, { flopsPerSecond: 2 * rate });
    const slow = estimateRunCost(DEFAULT_CONFIG, { flopsPerSecond: rate });
    expect(slow.timeMs).toBeCloseTo(2 * fast.timeMs, 6);
    expect(measuredFlopsPerSecond(DEFAULT_CONFIG, 0)).toBe(0);
  });

  it('makes the trainer refuse an over-budget run at once, allocating nothing', () => {
    const before = tf.memory().numTensors;
    const t0 = performance.now();
    expect(() => new EnsembleTrainer(cfg({ ensembleSize: 256, width: 1024, depth: 4 }))).toThrow(/largest that fit: E = \d+/);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(tf.memory().numTensors).toBe(before);
  });
});
