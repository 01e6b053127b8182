/**
 * The NTK experiments split over a pool: each "worker" here is a call of the worker-side runExperiments with its
 * share of the plan's runs (`runs`), as ntk.worker.ts makes it; the page puts the finished runs back together in plan
 * order (assembleExperimentRuns). The result must equal one worker's run of the whole plan bit for bit, for 1, 2 and 3
 * workers, whatever order the shares run in (a run's numbers depend only on its own spec and the plan's seed, never on
 * what the same worker trained before it).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/core';
import { runExperiments } from '../../../src/core/ntk/experiments';
import {
  assembleExperimentRuns,
  experimentRunCost,
  experimentRunSpecs,
  splitExperimentRuns,
  type FinishedExperimentRun,
} from '../../../src/core/ntk/experimentRuns';
import { defaultPlan } from '../../../src/core/ntk/plans';
import { validateNtkCommand, type ExperimentPlan } from '../../../src/worker/ntkProtocol';
import { useCpuBackend } from '../engine/setupCpu';

const PLAN: ExperimentPlan = {
  config: { ...DEFAULT_CONFIG, steps: 3 },
  sizeWidths: [8, 16],
  sizeEnsemble: 4,
  sizeSteps: 3,
  stepWidths: [8, 16, 24],
  stepEnsemble: 2,
  stepSteps: 3,
  checkpoints: [1, 2, 3],
};
const go = { step: async () => true };

/** Train `shares` one after another (each a worker's runs), collecting every finished run, then assemble. */
async function pooled(plan: ExperimentPlan, shares: number[][]) {
  const finished = new Map<number, FinishedExperimentRun>();
  for (const runs of shares) {
    await runExperiments(plan, 'cpu', { ...go, onRun: (f) => finished.set(f.index, f) }, undefined, runs);
  }
  return assembleExperimentRuns(plan, finished);
}

beforeAll(async () => {
  await useCpuBackend();
});

describe('splitExperimentRuns', () => {
  it('balances cost: the default plan puts the W = 128 E-curve on one worker and the other five runs on the other', () => {
    const plan = defaultPlan({ ...DEFAULT_CONFIG, steps: 10 });
    expect(experimentRunSpecs(plan).map((s) => `${s.kind} ${s.width}`)).toEqual(['size 32', 'size 128', 'step 32', 'step 64', 'step 128', 'step 256']);
    // cost = E (W² + 64) steps: the W = 128 E-curve 64 · 16448 · 10 = 10,526,720 of the plan's 18,206,720.
    expect(experimentRunCost(experimentRunSpecs(plan)[1])).toBe(10_526_720);
    expect(splitExperimentRuns(plan, 1)).toEqual([[0, 1, 2, 3, 4, 5]]);
    expect(splitExperimentRuns(plan, 2)).toEqual([[1], [0, 2, 3, 4, 5]]);
    expect(splitExperimentRuns(plan, 3)).toEqual([[1], [5], [0, 2, 3, 4]]);
    // Never more workers than runs, never an empty share.
    expect(splitExperimentRuns(plan, 16)).toEqual([[1], [5], [4], [0], [3], [2]]);
  });
});

describe('experiments on 1, 2 and 3 workers', () => {
  it('give the one-worker numbers bit for bit, in plan order, whatever order the shares run in', async () => {
    const one = await runExperiments(PLAN, 'cpu', go);
    expect(one!.stoppedEarly).toBeUndefined();
    expect(one!.sizeRuns.map((r) => r.width)).toEqual([8, 16]);
    expect(one!.stepRuns.map((r) => r.width)).toEqual([8, 16, 24]);
    // Real measurements: distances positive and finite, the E-curve over sizes 1, 2, 4.
    expect(one!.sizeRuns[1].curves[2].sizes).toEqual([1, 2, 4]);
    for (const r of one!.stepRuns) for (const [, d] of r.points) expect(d).toBeGreaterThan(0);
    const expected = { sizeRuns: one!.sizeRuns, stepRuns: one!.stepRuns };

    for (const workers of [1, 2, 3]) {
      const shares = splitExperimentRuns(PLAN, workers);
      expect(shares).toHaveLength(workers);
      expect(await pooled(PLAN, shares), `${workers} workers`).toEqual(expected);
      // The last share first: a worker's earlier runs do not change a later one's numbers.
      expect(await pooled(PLAN, [...shares].reverse()), `${workers} workers, reversed`).toEqual(expected);
    }
    // One run alone, as a replacement worker trains it: the same numbers as in the whole plan.
    const alone = new Map<number, FinishedExperimentRun>();
    await runExperiments(PLAN, 'cpu', { ...go, onRun: (f) => alone.set(f.index, f) }, undefined, [4]);
    expect([...alone.keys()]).toEqual([4]);
    expect(alone.get(4)!.stepRun).toEqual(one!.stepRuns[2]);
  }, 120_000);

  it('a diverging plan stops at the same run with the same partial numbers on 1 and 3 workers', async () => {
    const plan: ExperimentPlan = { ...PLAN, config: { ...PLAN.config, lr: 1e6 } };
    const one = await runExperiments(plan, 'cpu', go);
    expect(one!.stoppedEarly).toMatch(/^E-curve W = 8, E = 4 stopped: The training loss became Infinity at step \d/);
    expect(one!.sizeRuns).toHaveLength(1);
    expect(one!.stepRuns).toHaveLength(0);
    const three = await pooled(plan, splitExperimentRuns(plan, 3));
    expect(three).toEqual({ sizeRuns: one!.sizeRuns, stepRuns: one!.stepRuns, stoppedEarly: one!.stoppedEarly });
  }, 60_000);
});

describe('assembleExperimentRuns', () => {
  const size = (width: number) => ({ width, ensembleSize: 4, curves: [] });
  const step = (width: number) => ({ width, ensembleSize: 2, antithetic: true, points: [[1, width / 100]] as [number, number][] });
  it('waits for every run before the first stop, and leaves out the runs after it', () => {
    const f = new Map<number, FinishedExperimentRun>([
      [0, { index: 0, sizeRun: size(8) }],
      [3, { index: 3, stepRun: step(16), stopped: 'step curve W = 16 stopped' }],
      [4, { index: 4, stepRun: step(24) }],
    ]);
    expect(assembleExperimentRuns(PLAN, f)).toBeNull();
    f.set(1, { index: 1, sizeRun: size(16) });
    expect(assembleExperimentRuns(PLAN, f)).toBeNull();
    f.set(2, { index: 2, stepRun: step(8) });
    expect(assembleExperimentRuns(PLAN, f)).toEqual({ sizeRuns: [size(8), size(16)], stepRuns: [step(8), step(16)], stoppedEarly: 'step curve W = 16 stopped' });
  });
});

describe('NTK protocol: runs', () => {
  const err = (runs: unknown) => {
    const r = validateNtkCommand({ v: 1, type: 'experiments', runId: 1, plan: PLAN, runs });
    return r.ok ? '' : r.error;
  };
  it('accepts distinct plan indices and refuses others, saying why', () => {
    expect(err([0, 4])).toBe('');
    expect(err([5])).toBe('runs must be distinct run indices in 0 … 4');
    expect(err([1, 1])).toBe('runs must be distinct run indices in 0 … 4');
    expect(err([0.5])).toBe('runs must be distinct run indices in 0 … 4');
  });
});
