/**
 * The four routes on one trained toy run (E = 16, 2 × 32, C8, 100 steps, seed 3; tfjs CPU backend): exact routes are
 * invariant to rounding level, the ensemble mean is much more invariant than a member, and the costs are E, 1, n, 1.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { DEFAULT_CONFIG, EnsembleTrainer, makePolarGrid, onManifoldMask, summarizeSnapshot } from '../../../src/core';
import { computeToyRoutes, type ToyRoutes } from '../../../src/core/routes';

const grid = makePolarGrid();
let routes: ToyRoutes;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const config = { ...DEFAULT_CONFIG, ensembleSize: 16, width: 32, steps: 100, seed: 3, compareNoAugmentation: false };
  const trainer = new EnsembleTrainer(config);
  while (trainer.step < 100) trainer.trainStep();
  const mask = onManifoldMask(grid, config.points.map((p) => p.x), 8);
  const snap = summarizeSnapshot(await trainer.snapshot(), 16, grid, 8, mask);
  trainer.dispose();
  routes = computeToyRoutes(snap, grid, mask, 2);
});

describe('toy routes from one trained run', () => {
  it('group averaging, canonicalisation and frame averaging are exactly invariant; a member is not', () => {
    const r = routes.routes;
    expect(r.groupAverage.maxDeviation).toBe(0);
    expect(r.canonical.maxDeviation).toBe(0);
    expect(r.frame.maxDeviation).toBe(0);
    expect(r.groupAverage.ospOff).toBe(8);
    expect(r.canonical.ospOff).toBe(8);
    expect(r.member.rstdOff).toBeGreaterThan(0.1);
    expect(r.member.rstdOffSpread).toBeGreaterThan(0);
  });

  it('the ensemble mean is several times more invariant than a member (measured ratio 3.9, OSP 7.97 vs 7.01; require > 2)', () => {
    const r = routes.routes;
    expect(r.member.rstdOff / r.ensemble.rstdOff).toBeGreaterThan(2);
    expect(r.ensemble.ospOff).toBeGreaterThan(r.member.ospOff);
  });

  it('costs in forward passes per prediction: E, 1, |G|, 1, and 1 + 8/64 for the sector frame', () => {
    const r = routes.routes;
    expect([r.ensemble.cost, r.member.cost, r.groupAverage.cost, r.canonical.cost]).toEqual([16, 1, 8, 1]);
    expect(r.frame.cost).toBeCloseTo(1.125, 12);
    expect(r.groupAverage.loss).toBeGreaterThan(0);
    expect(r.ensemble.loss).toBeLessThan(0.5);
  });
});
