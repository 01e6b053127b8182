/** Section 4: distance from the ensemble mean to μ_s against E (two widths) and against step (several widths). */
import { useState } from 'react';
import type { EnsembleConfig } from '../../../core/ensemble/config';
import { LineChart, type Series } from '../../charts/LineChart';
import type { ExperimentPlan, ExperimentResult } from '../../../core/ntk/experimentTypes';
import { EVAL_GRID } from '../../../core/ntk/plans';
import { experimentRunSpecs } from '../../../core/ntk/experimentRuns';
import { logLogSlope } from '../../../core/metrics/logLogFit';
import { fmt, Num, TaskProgress } from './format';
import type { TaskState } from '../../../state/useNtkWorker';
import { Tex } from '../../common/LazyTex';

const COLORS = ['#0b5394', '#cc4c02', '#238b45', '#6a3d9a', '#b8860b', '#555555'];

export function experimentsKey(c: EnsembleConfig): string {
  return JSON.stringify({ p: c.points, g: c.group, d: c.depth, w: c.sigmaW, b: c.sigmaB, lr: c.lr, s: c.seed, n: c.steps });
}

export function ExperimentsSection({
  config,
  plan,
  task,
  workers,
  onStart,
  onCancel,
}: {
  config: EnsembleConfig;
  plan: ExperimentPlan;
  task: TaskState<ExperimentResult>;
  /** How many NTK workers share the runs (never more than there are runs). */
  workers: number;
  onStart: () => void;
  onCancel: () => void;
}) {
  const running = task.status === 'running';
  const runCount = experimentRunSpecs(plan).length;
  const pool = Math.max(1, Math.min(workers, runCount));
  const r = task.result;
  const stale = r && task.key !== experimentsKey(config);
  const relu = config.activation === 'relu';
  const sizeSteps = r?.sizeRuns[0]?.curves.map((c) => c.step) ?? [];
  const [chosen, setChosen] = useState<number | null>(null);
  const sizeStep = chosen !== null && sizeSteps.includes(chosen) ? chosen : sizeSteps.includes(100) ? 100 : sizeSteps[sizeSteps.length - 1];

  const sizeSeries: Series[] = [];
  const sizeSlopes: number[] = [];
  r?.sizeRuns.forEach((run, i) => {
    const c = run.curves.find((x) => x.step === sizeStep);
    if (!c) return;
    const pts = c.sizes.map((s, k) => [s, c.distances[k]] as [number, number]);
    sizeSlopes.push(logLogSlope(pts.slice(0, 4)));
    sizeSeries.push({ label: `W = ${run.width}`, color: COLORS[i % COLORS.length], points: pts, dots: true });
    if (i === 0) sizeSeries.push({ label: 'reference ∝ 1/√E', color: '#777777', dash: '5 4', width: 1.5, points: c.sizes.map((s) => [s, c.distances[0] / Math.sqrt(s)] as [number, number]) });
  });
  const stepSeries: Series[] = (r?.stepRuns ?? []).map((run, i) => ({ label: `W = ${run.width}`, color: COLORS[i % COLORS.length], points: run.points, dots: true }));
  const last = (run: { points: [number, number][] }) => run.points[run.points.length - 1];
  const early = (run: { points: [number, number][] }) => {
    const pts = run.points.filter(([s]) => s >= 1 && s <= 10);
    return pts.length ? Math.max(...pts.map(([, d]) => d)) : NaN;
  };

  return (
    <section aria-labelledby="ntk-s4">
      <h3 id="ntk-s4">4. Finite E and finite width are different errors</h3>
      <p>
        Extra training runs with this configuration (points, group, depth, lr, seed) at other widths and ensemble sizes, on the wasm backend in{' '}
        <output className="readout" data-testid="ntk-experiment-workers" data-value={pool}>
          {pool === 1 ? 'one NTK worker' : `${pool} NTK workers`}
        </output>
        {pool > 1 ? ` (the ${runCount} runs are independent and seeded alike, so they are split between the workers and the numbers are those of one worker)` : ''}: E = {plan.sizeEnsemble} independent members at widths {plan.sizeWidths.join(' and ')} up to step {plan.sizeSteps}, and E ={' '}
        {plan.stepEnsemble} antithetic members at widths {plan.stepWidths.join(', ')} up to step {plan.stepSteps}. Distances <Tex>{'\\|\\bar f - \\mu_s\\| / \\|\\mu_s\\|'}</Tex> on a 12 × 16 polar grid ({EVAL_GRID.size} points) over the same disc.
      </p>
      <div className="controls" role="group" aria-label="Ensemble-size and width experiments">
        <button type="button" onClick={onStart} disabled={running || !relu}>
          {r ? 'Run the experiments again' : 'Run the E and width experiments'}
        </button>
        {running && (
          <button type="button" onClick={onCancel}>
            Cancel the experiments
          </button>
        )}
        {sizeSteps.length > 0 && (
          <label>
            Step for the E curve
            <select value={sizeStep} onChange={(e) => setChosen(Number(e.target.value))}>
              {sizeSteps.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {running && <TaskProgress label="Experiment progress" done={task.done} total={task.total} text={task.label} />}
      {task.status === 'error' && (
        <p role="alert" className="error-box">
          The experiments failed: {task.error}
        </p>
      )}
      {task.status === 'cancelled' && <p className="notice">The experiments were cancelled.</p>}
      {r?.stoppedEarly && (
        <p role="alert" className="error-box">
          {r.stoppedEarly}
        </p>
      )}
      {stale && <p className="notice">These runs used another configuration; run them again for the current one.</p>}
      <div className="figure-grid">
        <div className="figure-card">
          <h4>Distance to <Tex>{'\\mu_s'}</Tex> against ensemble size, step {sizeStep ?? '–'}</h4>
          <LineChart
            title="Distance from the ensemble mean to the closed form against ensemble size"
            testId="ntk-size-chart"
            series={sizeSeries}
            xLabel="ensemble size E (log)"
            yLabel="‖f̄ − μ_s‖ / ‖μ_s‖ (log)"
            logX
            logY
            summary={r ? `at step ${sizeStep}: ${r.sizeRuns.map((run) => `W ${run.width}: ${fmt(run.curves.find((c) => c.step === sizeStep)?.distances.at(-1))} at E ${run.ensembleSize}`).join('; ')}` : 'not run yet'}
          />
          <figcaption>
            Means of disjoint subsets of one run's members (sizes 1, 2, 4, …), averaged over subsets. Small E: the error is sampling noise and falls like
            1/√E (fitted slopes over E ≤ 8:{' '}
            {r?.sizeRuns.map((run, i) => (
              <span key={run.width}>
                W = {run.width} <Num testId={`ntk-size-slope-${run.width}`} value={sizeSlopes[i]} />{i + 1 < (r?.sizeRuns.length ?? 0) ? ', ' : ''}
              </span>
            ))}
            ). Large E: the curve flattens onto the finite-width bias, which more members cannot remove and a wider network lowers. At E ={' '}
            {plan.sizeEnsemble}:{' '}
            {r?.sizeRuns.map((run, i) => (
              <span key={run.width}>
                W = {run.width} <Num testId={`ntk-size-floor-${run.width}`} value={run.curves.find((c) => c.step === sizeStep)?.distances.at(-1)} />
                {i + 1 < (r?.sizeRuns.length ?? 0) ? ', ' : '.'}
              </span>
            ))}
          </figcaption>
        </div>
        <div className="figure-card">
          <h4>Distance to <Tex>{'\\mu_s'}</Tex> against step, by width</h4>
          <LineChart
            title="Distance from the ensemble mean to the closed form against training step"
            testId="ntk-gap-chart"
            series={stepSeries}
            xLabel="training step (log)"
            yLabel="‖f̄ − μ_s‖ / ‖μ_s‖ (log)"
            logX
            logY
            summary={r ? r.stepRuns.map((run) => `W ${run.width}: ${fmt(early(run))} up to step 10, ${fmt(last(run)?.[1])} at step ${last(run)?.[0]}`).join('; ') : 'not run yet'}
          />
          <figcaption>
            <strong>The lazy regime and its limits.</strong> Early on each member moves so little that it stays on its linearisation around the initial
            weights, its kernel stays Θ, and the mean follows <Tex>{'\\mu_s'}</Tex> (at most{' '}
            {r?.stepRuns.map((run, i) => (
              <span key={run.width}>
                <Num testId={`ntk-gap-early-${run.width}`} value={early(run)} />
                {i + 1 < (r?.stepRuns.length ?? 0) ? ' / ' : ''}
              </span>
            ))}{' '}
            over steps 1–10); but the labels sit in slow modes of Θ (λ/N ≈ 10⁻³–10⁻²), so fitting them takes hundreds of steps and large weight changes,
            the finite-width kernel moves, and from about step 100 the mean leaves <Tex>{'\\mu_s'}</Tex> (at the last step:{' '}
            {r?.stepRuns.map((run, i) => (
              <span key={run.width}>
                W = {run.width} <Num testId={`ntk-gap-late-${run.width}`} value={last(run)?.[1]} />
                {i + 1 < (r?.stepRuns.length ?? 0) ? ', ' : ''}
              </span>
            ))}
            ). Width shrinks this gap only slowly (it closes only in the infinite-width limit, where the kernel is frozen); more members do not
            shrink it at all.
          </figcaption>
        </div>
      </div>
      {r && (
        <p className="readout">
          {r.sizeRuns.length + r.stepRuns.length} runs on {r.backend} in <Num testId="ntk-experiments-seconds" value={r.ms / 1000} /> s (from the click to the
          last run{pool > 1 ? `, on ${pool} workers` : ''}).
        </p>
      )}
    </section>
  );
}
