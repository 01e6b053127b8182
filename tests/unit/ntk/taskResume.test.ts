/**
 * Restarting the NTK worker's tasks with their finished parts given back (what the page does after the worker
 * crashed): the width sweep with finished rows, the experiments with finished runs. Both are seeded and run on one
 * backend (tfjs CPU here), so the resumed task must return exactly the uninterrupted task's numbers, and the parts
 * given back must not be computed again. Also the protocol checks of the new fields.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/core';
import { runExperiments } from '../../../src/core/ntk/experiments';
import { runWidthSweep } from '../../../src/core/ntk/widthSweep';
import { validateNtkCommand, type ExperimentPlan, type SizeCurveRun, type StepCurveRun, type WidthSweepRequest, type WidthSweepRow } from '../../../src/worker/ntkProtocol';
import { useCpuBackend } from '../engine/setupCpu';

const setup = { points: DEFAULT_CONFIG.points, group: DEFAULT_CONFIG.group, depth: DEFAULT_CONFIG.depth, sigmaW: DEFAULT_CONFIG.sigmaW, sigmaB: DEFAULT_CONFIG.sigmaB };
const REQUEST: WidthSweepRequest = { setup, seed: 7, widths: [8, 16, 32], networks: 2 };
const PLAN: ExperimentPlan = {
  config: { ...DEFAULT_CONFIG, steps: 3 },
  sizeWidths: [8],
  sizeEnsemble: 4,
  sizeSteps: 3,
  stepWidths: [8, 16],
  stepEnsemble: 2,
  stepSteps: 3,
  checkpoints: [1, 3],
};
const go = { step: async () => true };

beforeAll(async () => {
  await useCpuBackend();
});

describe('width sweep resume', () => {
  it('with the first rows given back, measures only the rest and returns the uninterrupted numbers', async () => {
    const rows: WidthSweepRow[] = [];
    const full = await runWidthSweep(REQUEST, 'cpu', { ...go, onRow: (r) => rows.push(r) });
    expect(rows.map((r) => r.width)).toEqual([8, 16, 32]);
    const labels: string[] = [];
    const measured: number[] = [];
    const resumed = await runWidthSweep(
      REQUEST,
      'cpu',
      { step: async (_d, _t, label) => (labels.push(label), true), onRow: (r) => measured.push(r.width) },
      rows.slice(0, 2),
    );
    expect(measured).toEqual([32]);
    expect(labels.every((l) => l.startsWith('width 32'))).toBe(true);
    expect(resumed!.rows).toEqual(full!.rows);
    expect(resumed!.slope).toBe(full!.slope);
    expect(full!.slope).toBeLessThan(0);
  }, 60_000);
});

describe('experiments resume', () => {
  it('with the first runs given back, trains only the rest and returns the uninterrupted numbers', async () => {
    const finished: { sizeRun?: SizeCurveRun; stepRun?: StepCurveRun }[] = [];
    const full = await runExperiments(PLAN, 'cpu', { ...go, onRun: (f) => finished.push(f) });
    expect(full!.stoppedEarly).toBeUndefined();
    expect(finished.map((f) => (f.sizeRun ? `size ${f.sizeRun.width}` : `step ${f.stepRun!.width}`))).toEqual(['size 8', 'step 8', 'step 16']);

    const trained: string[] = [];
    const resumed = await runExperiments(
      PLAN,
      'cpu',
      { ...go, onRun: (f) => trained.push(f.sizeRun ? `size ${f.sizeRun.width}` : `step ${f.stepRun!.width}`) },
      { sizeRuns: [finished[0].sizeRun!], stepRuns: [finished[1].stepRun!] },
    );
    expect(trained).toEqual(['step 16']);
    expect(resumed!.sizeRuns).toEqual(full!.sizeRuns);
    expect(resumed!.stepRuns).toEqual(full!.stepRuns);
    expect(full!.stepRuns[1].points.map(([s]) => s)).toEqual([1, 3]);
    expect(full!.stepRuns[1].points[1][1]).toBeGreaterThan(0);
  }, 60_000);
});

describe('NTK protocol: resume fields', () => {
  const err = (m: unknown) => {
    const r = validateNtkCommand(m);
    return r.ok ? '' : r.error;
  };
  const row: WidthSweepRow = { width: 8, errors: [0.3, 0.4], meanError: 0.35, meanKernelError: 0.2 };

  it('accepts finished rows and runs', () => {
    expect(err({ v: 1, type: 'widthSweep', runId: 1, request: REQUEST, completedRows: [row] })).toBe('');
    const sizeRun: SizeCurveRun = { width: 8, ensembleSize: 4, curves: [{ step: 1, sizes: [1, 2, 4], distances: [0.5, 0.4, 0.3] }] };
    const stepRun: StepCurveRun = { width: 8, ensembleSize: 2, antithetic: true, points: [[1, 0.1]] };
    expect(err({ v: 1, type: 'experiments', runId: 1, plan: PLAN, completed: { sizeRuns: [sizeRun], stepRuns: [stepRun] } })).toBe('');
  });

  it('rejects malformed ones, saying why', () => {
    expect(err({ v: 1, type: 'widthSweep', runId: 1, request: REQUEST, completedRows: [{ ...row, width: 64 }] })).toMatch(/width 64 is not in widths/);
    expect(err({ v: 1, type: 'widthSweep', runId: 1, request: REQUEST, completedRows: [{ ...row, errors: [] }] })).toMatch(/1 … 32 errors/);
    expect(err({ v: 1, type: 'widthSweep', runId: 1, request: REQUEST, completedRows: [row, row, row, row] })).toMatch(/no longer than widths/);
    expect(err({ v: 1, type: 'experiments', runId: 1, plan: PLAN, completed: { sizeRuns: [] } })).toMatch(/sizeRuns and stepRuns/);
    expect(err({ v: 1, type: 'experiments', runId: 1, plan: PLAN, completed: { sizeRuns: [], stepRuns: [{ width: 8, ensembleSize: 2, antithetic: true, points: [[1]] }] } })).toMatch(/step-curve point/);
    expect(err({ v: 1, type: 'experiments', runId: 1, plan: PLAN, completed: { sizeRuns: [{ width: 8, ensembleSize: 4, curves: [] }, { width: 8, ensembleSize: 4, curves: [] }], stepRuns: [] } })).toMatch(/more runs than the plan/);
  });
});
