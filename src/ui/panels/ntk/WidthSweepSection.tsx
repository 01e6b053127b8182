/** Section 3: empirical against analytic NTK against width, log–log, measured in the NTK worker. */
import type { EnsembleConfig } from '../../../core/ensemble/config';
import { LineChart, type Series } from '../../charts/LineChart';
import type { WidthSweepResult } from '../../../core/ntk/experimentTypes';
import { fmt, Num, TaskProgress } from './format';
import type { TaskState } from '../../../state/useNtkWorker';
import { SWEEP_NETWORKS, SWEEP_WIDTHS } from '../../../core/ntk/plans';
import { Tex } from '../../common/LazyTex';

export function sweepKey(c: EnsembleConfig): string {
  return JSON.stringify({ p: c.points.slice(0, 3), d: c.depth, w: c.sigmaW, b: c.sigmaB, s: c.seed });
}

function sweepSeries(r: WidthSweepResult): Series[] {
  const first = r.rows[0];
  return [
    { label: `one member (mean error of ${r.rows[0]?.errors.length ?? 0})`, color: '#0b5394', points: r.rows.map((row) => [row.width, row.meanError]), dots: true },
    { label: `mean of ${r.rows[0]?.errors.length ?? 0} members' kernels`, color: '#cc4c02', points: r.rows.map((row) => [row.width, row.meanKernelError]), dots: true, dash: '4 3' },
    ...(first
      ? [{ label: 'reference ∝ width^−½', color: '#777777', dash: '5 4', width: 1.5, points: r.rows.map((row) => [row.width, first.meanError * Math.sqrt(first.width / row.width)] as [number, number]) }]
      : []),
  ];
}

export function WidthSweepSection({
  config,
  task,
  onStart,
  onCancel,
}: {
  config: EnsembleConfig;
  task: TaskState<WidthSweepResult>;
  onStart: () => void;
  onCancel: () => void;
}) {
  const running = task.status === 'running';
  const r = task.result;
  const stale = r && task.key !== sweepKey(config);
  const relu = config.activation === 'relu';
  return (
    <section aria-labelledby="ntk-s3">
      <h3 id="ntk-s3">3. The kernel stops depending on the initialisation</h3>
      <p>
        The empirical NTK <Tex>{'\\hat\\Theta(x, x\') = \\sum_p \\partial f(x)/\\partial p \\cdot \\partial f(x\')/\\partial p'}</Tex> of a random member, on 6 points (up to 3 training points and 3–6 fixed
        points), against the analytic Θ, for widths {SWEEP_WIDTHS.join(', ')} with {SWEEP_NETWORKS} members each. The error of one member falls
        like <Tex>{'\\text{width}^{-1/2}'}</Tex>: at infinite width every initialisation has the same kernel.
      </p>
      <div className="controls" role="group" aria-label="Width sweep">
        <button type="button" onClick={onStart} disabled={running || !relu}>
          {r ? 'Measure again' : 'Measure the NTK against width'}
        </button>
        {running && (
          <button type="button" onClick={onCancel}>
            Cancel the width sweep
          </button>
        )}
        {!relu && <span className="readout">The analytic kernel here is for ReLU; set the activation back to ReLU.</span>}
      </div>
      {running && <TaskProgress label="Width sweep progress" done={task.done} total={task.total} text={task.label} />}
      {task.status === 'error' && (
        <p role="alert" className="error-box">
          The width sweep failed: {task.error}
        </p>
      )}
      {task.status === 'cancelled' && <p className="notice">The width sweep was cancelled.</p>}
      {stale && <p className="notice">Measured for another depth, σ or seed; press “Measure again” for the current one.</p>}
      <div className="figure-grid">
        <div className="figure-card">
          <h4>Relative error of the empirical NTK against width</h4>
          <LineChart
            title="Empirical against analytic NTK against width"
            testId="ntk-width-chart"
            series={r ? sweepSeries(r) : []}
            xLabel="width W (log)"
            yLabel="‖Θ̂ − Θ‖_F / ‖Θ‖_F (log)"
            logX
            logY
            summary={r ? `fitted slope ${fmt(r.slope)} against −0.5; error ${fmt(r.rows[r.rows.length - 1]?.meanError)} at width ${r.rows[r.rows.length - 1]?.width}` : 'not measured yet'}
          />
          <figcaption>
            Fitted log–log slope <Num testId="ntk-width-slope" value={r?.slope} /> (theory −½). At width {r?.rows[r.rows.length - 1]?.width ?? 1024}: one member{' '}
            <Num testId="ntk-width-error-max" value={r?.rows[r.rows.length - 1]?.meanError} />, the mean of {SWEEP_NETWORKS} kernels{' '}
            <Num testId="ntk-width-mean-kernel-error" value={r?.rows[r.rows.length - 1]?.meanKernelError} />.{' '}
            {r && (
              <>
                Ran on {r.backend} in the NTK worker in {(r.ms / 1000).toFixed(1)} s.
              </>
            )}
          </figcaption>
        </div>
      </div>
    </section>
  );
}
