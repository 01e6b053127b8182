/**
 * Manipulating invariants: the sampled plaquette eigenphase histogram, and a spectral map f_ε applied to the
 * submitted loop, which stays conjugation-equivariant because it keeps the loop's eigenvectors.
 */
import { memo } from 'react';
import { useLoopsStore } from '../../../state/loopsStore';
import { EigenphaseChart } from '../../charts/EigenphaseChart';
import { fmt } from '../../charts/latticeFormat';
import { Tex } from '../../common/Tex';
import { useLoopReport } from './useLoopReport';

function SpectralReadout() {
  const r = useLoopReport();
  if (!r) return <p className="readout">Build a loop to apply the spectral map to it.</p>;
  return (
    <p className="readout" data-testid="spectral-readout">
      Loop eigenphase <Tex>{'\\theta'}</Tex> = <span data-testid="loop-theta" data-value={r.theta}>{fmt(r.theta)}</span> → <Tex>{'f(\\theta)'}</Tex> ={' '}
      <span data-testid="loop-mapped-theta" data-value={r.mappedTheta}>
        {fmt(r.mappedTheta)}
      </span>
      ; <Tex>{'\\operatorname{tr} W'}</Tex> = {fmt(r.traceNow[0])} → <Tex>{'\\operatorname{tr} f(W)'}</Tex> = {fmt(r.mappedTrace)}. f keeps the eigenvectors, so{' '}
      <Tex>{'\\lVert f(\\Omega W \\Omega^\\dagger) - \\Omega f(W) \\Omega^\\dagger \\rVert'}</Tex> ={' '}
      <span data-testid="spectral-error" data-value={r.mappedError}>
        {r.mappedError.toExponential(2)}
      </span>
      : conjugation-equivariant.
    </p>
  );
}

function EigenphaseSectionImpl() {
  const measurement = useLoopsStore((s) => s.measurement);
  const group = useLoopsStore((s) => s.view.group);
  const epsilon = useLoopsStore((s) => s.epsilon);
  const setEpsilon = useLoopsStore((s) => s.setEpsilon);
  return (
    <div className="figure-card">
      <h3>Manipulating invariants: plaquette eigenphases</h3>
      {measurement ? (
        <EigenphaseChart histogram={measurement.eigenphases} group={measurement.options.group} beta={measurement.options.beta} />
      ) : (
        <p className="readout">Waiting for the first sample.</p>
      )}
      <p className="loops-note">
        {group === 'SU2' ? (
          <>
            <Tex>{'\\operatorname{tr} U_p = 2\\cos\\theta'}</Tex>. At <Tex>{'\\beta = 0'}</Tex> the histogram follows the Haar density{' '}
            <Tex>{'\\tfrac{2}{\\pi}\\sin^2\\theta'}</Tex>; it tightens towards <Tex>{'\\theta = 0'}</Tex> as <Tex>{'\\beta'}</Tex> grows.
          </>
        ) : (
          <>
            <Tex>{'\\theta = \\arg U_p'}</Tex>. At <Tex>{'\\beta = 0'}</Tex> it is uniform; it tightens towards 0 as <Tex>{'\\beta'}</Tex> grows.
          </>
        )}
      </p>
      <div className="controls">
        <label>
          Spectral map strength ε
          <input type="range" min={-0.9} max={0.9} step={0.05} value={epsilon} onChange={(e) => setEpsilon(Number(e.target.value))} />
        </label>
        <span className="readout" data-testid="spectral-map">
          <Tex>{`f(\\theta) = \\theta - \\tfrac{\\varepsilon}{2}\\sin 2\\theta,\\quad \\varepsilon = ${epsilon.toFixed(2)}`}</Tex>
        </span>
      </div>
      <SpectralReadout />
    </div>
  );
}

/** Memoised: the worker's progress re-renders the panel about 8 times a second; this section does not depend on it. */
export const EigenphaseSection = memo(EigenphaseSectionImpl);
