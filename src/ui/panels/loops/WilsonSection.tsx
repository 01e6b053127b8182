/** Wilson loops and the area law: run/stop the Monte Carlo, its progress, the chart, and the table of every loop. */
import { memo } from 'react';
import type { WilsonLoopMeasurement } from '../../../core/lattice';
import { useLoopsStore } from '../../../state/loopsStore';
import type { SamplingState } from '../../../state/useLatticeWorker';
import { fmt } from '../../charts/latticeFormat';
import { WilsonLoopChart } from '../../charts/WilsonLoopChart';
import { Tex } from '../../common/Tex';
import { NoticeList } from './NoticeList';

interface Props {
  sampling: SamplingState;
  onRun: () => void;
  onStop: () => void;
}

function statusText(sampling: SamplingState, measurement: WilsonLoopMeasurement | null): string {
  switch (sampling.status) {
    case 'running':
      return `${sampling.phase === 'thermalize' ? 'Thermalising' : 'Measuring'}: sweep ${sampling.done} of ${sampling.total}, ${sampling.sweepsPerSecond.toFixed(0)} sweeps/s (in a worker).`;
    case 'done':
      return measurement
        ? `Done: ${measurement.options.sweeps} measured sweeps at ${measurement.sweepsPerSecond.toFixed(0)} sweeps/s, ${measurement.options.group === 'U1' ? 'Metropolis' : 'heat-bath'}.`
        : '';
    case 'cancelled':
      return 'Stopped.';
    case 'error':
      return `Error: ${sampling.error}`;
    case 'idle':
      return 'Starting…';
  }
}

function ResultsImpl({ measurement }: { measurement: WilsonLoopMeasurement }) {
  const { options, loops, plaquette: p } = measurement;
  return (
    <>
      <WilsonLoopChart loops={loops} group={options.group} beta={options.beta} />
      <p className="readout">
        {options.group === 'U1' ? 'U(1)' : 'SU(2)'}, <Tex>{`\\beta = ${options.beta}`}</Tex>, {options.L}×{options.L}: plaquette{' '}
        <span data-testid="mc-plaquette" data-value={p.mean}>
          {fmt(p.mean)} ± {fmt(p.error)}
        </span>
        , exact {fmt(p.exact ?? NaN)} ({((p.mean - (p.exact ?? 0)) / p.error).toFixed(1)}
        <Tex>{'\\sigma'}</Tex>). Errors: {p.nBins} bins of {p.binSize} sweeps.
      </p>
      <details>
        <summary>All loops</summary>
        <table className="numbers" aria-label="Wilson loop estimates">
          <thead>
            <tr>
              <th>
                <Tex>{'R \\times T'}</Tex>
              </th>
              <th>
                <Tex>{'\\langle W \\rangle'}</Tex>
              </th>
              <th>±</th>
              <th>exact</th>
              <th>pull</th>
            </tr>
          </thead>
          <tbody>
            {loops.map((l) => (
              <tr key={`${l.R}x${l.T}`}>
                <td>
                  {l.R}×{l.T}
                </td>
                <td>{fmt(l.mean)}</td>
                <td>{fmt(l.error)}</td>
                <td>{fmt(l.exact ?? NaN)}</td>
                <td>{((l.mean - (l.exact ?? 0)) / l.error).toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}

/** Memoised: progress renders of the section leave the chart, table and formulas alone. */
const Results = memo(ResultsImpl);

export function WilsonSection({ sampling, onRun, onStop }: Props) {
  const measurement = useLoopsStore((s) => s.measurement);
  const progress = sampling.total > 0 ? sampling.done / sampling.total : 0;
  const running = sampling.status === 'running';
  return (
    <div className="figure-card">
      <h3>Wilson loops and the area law</h3>
      <div className="controls">
        <button type="button" onClick={onRun} disabled={running}>
          Run Monte Carlo
        </button>
        <button type="button" onClick={onStop} disabled={!running}>
          Stop
        </button>
        <div className="progress-bar" role="progressbar" aria-label="Monte Carlo progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(progress * 100)}>
          <div style={{ width: `${(progress * 100).toFixed(1)}%` }} />
        </div>
      </div>
      <p className="readout" role="status" data-testid="sampling-status">
        {statusText(sampling, measurement)}
      </p>
      {measurement && <NoticeList notices={measurement.notices} live={false} />}
      {measurement && <Results measurement={measurement} />}
    </div>
  );
}
