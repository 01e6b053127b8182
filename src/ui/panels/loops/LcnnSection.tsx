/** Gauge-equivariant layers (L-CNN) against a plain network of the same size, both fed a configuration and a gauge transform of it. */
import { memo } from 'react';
import type { LcnnState } from '../../../state/useLatticeWorker';
import { fmt } from '../../charts/latticeFormat';
import { Tex } from '../../common/Tex';

interface Props {
  lcnn: LcnnState | null;
  onCompare: () => void;
}

function LcnnSectionImpl({ lcnn, onCompare }: Props) {
  return (
    <div className="figure-card">
      <h3>Gauge-equivariant layers vs a plain network</h3>
      <p className="loops-note">
        L-CNN (Favoni et al.): plaquettes → L-Conv (parallel-transported, kernel ±1) → L-Bilin → Trace. Baseline: the same layers and weights on raw link
        matrices with no transport. Both get the current configuration and a random gauge transform of it.
      </p>
      <div className="controls">
        <button type="button" onClick={onCompare}>
          Compare networks under a new random transformation
        </button>
      </div>
      {lcnn ? (
        <table className="numbers" aria-label="L-CNN and baseline under a gauge transformation">
          <thead>
            <tr>
              <th />
              <th>parameters</th>
              <th>
                max <Tex>{'|\\Delta \\operatorname{tr}|'}</Tex>
              </th>
              <th>relative change</th>
              <th>equivariance error</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">L-CNN</th>
              <td>{lcnn.parameters}</td>
              <td data-testid="lcnn-max" data-value={lcnn.lcnn.maxTraceChange}>
                {lcnn.lcnn.maxTraceChange.toExponential(2)}
              </td>
              <td>{lcnn.lcnn.relativeTraceChange.toExponential(2)}</td>
              <td>{lcnn.lcnn.maxEquivarianceError.toExponential(2)}</td>
            </tr>
            <tr>
              <th scope="row">baseline</th>
              <td>{lcnn.parameters}</td>
              <td data-testid="baseline-max" data-value={lcnn.baseline.maxTraceChange}>
                {fmt(lcnn.baseline.maxTraceChange, 3)}
              </td>
              <td data-testid="baseline-rel" data-value={lcnn.baseline.relativeTraceChange}>
                {fmt(lcnn.baseline.relativeTraceChange, 3)}
              </td>
              <td>{fmt(lcnn.baseline.maxEquivarianceError, 3)}</td>
            </tr>
          </tbody>
        </table>
      ) : (
        <p className="readout">Waiting for a configuration…</p>
      )}
    </div>
  );
}

/** Memoised: the worker's progress re-renders the panel about 8 times a second; this section does not depend on it. */
export const LcnnSection = memo(LcnnSectionImpl);
