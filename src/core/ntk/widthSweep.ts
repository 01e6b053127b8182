/**
 * "The NTK becomes independent of the initialisation", measured: the empirical NTK Θ̂ of random finite members
 * against the analytic Θ at several widths, on six points. Runs in the NTK worker (tfjs, wasm or cpu backend).
 */
import type { MlpArchitecture } from '../ensemble/architecture';
import { initMemberParams } from '../ensemble/init';
import { empiricalNtk, reluKernels, relativeFrobeniusDistance } from './';
import type { WidthSweepRequest, WidthSweepResult, WidthSweepRow } from './experimentTypes';
import { sweepPoints, type TaskHooks } from './plans';
import { logLogSlope } from '../metrics/logLogFit';

/** Stream tag for the sweep's members, so they are not the training run's members. */
const SWEEP_STREAM = 0x5eed;

/**
 * Run the sweep. Returns null when cancelled. `onRow` hears each width as it finishes. `completedRows` are rows a
 * previous run of this same request finished (before its worker died): their widths are not measured again. Every
 * member depends only on (seed, width, k), so the rows computed now are the ones the interrupted run would have
 * produced, and the result is the uninterrupted run's.
 */
export async function runWidthSweep(
  request: WidthSweepRequest,
  backend: string,
  hooks: TaskHooks & { onRow?: (row: WidthSweepRow) => void },
  completedRows: readonly WidthSweepRow[] = [],
): Promise<WidthSweepResult | null> {
  const t0 = Date.now();
  const { setup, widths, networks, seed } = request;
  const X = sweepPoints(setup.points);
  const analytic = reluKernels(X, X, { depth: setup.depth, sigmaW: setup.sigmaW, sigmaB: setup.sigmaB }).ntk;
  const rows: WidthSweepRow[] = [];
  const total = widths.length * networks;
  let done = 0;
  for (const width of widths) {
    const kept = completedRows.find((r) => r.width === width && r.errors.length === networks);
    if (kept) {
      rows.push(kept);
      done += networks;
      continue;
    }
    const arch: MlpArchitecture = { inputDim: 2, width, depth: setup.depth, outputDim: 1, sigmaW: setup.sigmaW, sigmaB: setup.sigmaB, activation: 'relu' };
    const errors: number[] = [];
    const sum = X.map(() => new Array<number>(X.length).fill(0));
    for (let k = 0; k < networks; k++) {
      const params = initMemberParams(arch, seed ^ SWEEP_STREAM, k);
      const emp = await empiricalNtk(arch, params, X);
      errors.push(relativeFrobeniusDistance(emp, analytic));
      emp.forEach((row, i) => row.forEach((v, j) => (sum[i][j] += v / networks)));
      done++;
      if (!(await hooks.step(done, total, `width ${width}, member ${k + 1} of ${networks}`))) return null;
    }
    const row: WidthSweepRow = {
      width,
      errors,
      meanError: errors.reduce((a, v) => a + v, 0) / errors.length,
      meanKernelError: relativeFrobeniusDistance(sum, analytic),
    };
    rows.push(row);
    hooks.onRow?.(row);
  }
  return {
    rows,
    slope: logLogSlope(rows.map((r) => [r.width, r.meanError])),
    points: X,
    backend,
    ms: Date.now() - t0,
  };
}
