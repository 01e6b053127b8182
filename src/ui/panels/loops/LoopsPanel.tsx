/**
 * #/lab/loops — lattice gauge symmetry made visible. A gauge transformation changes every link and leaves every
 * trace fixed; loops built by clicking transform by conjugation at their base point; Monte Carlo in a worker
 * reproduces the exact 2D area law; a gauge-equivariant network (L-CNN) is invariant where a same-size plain network
 * is not; and maps on loop eigenphases (Boyda et al.) stay equivariant.
 *
 * State lives in src/state/loopsStore.ts (settings in the URL through the loops URL table); each section below
 * reads it; the worker's progress and results come through useLoopsRuns.
 */
import { memo } from 'react';
import { useLoopsStore } from '../../../state/loopsStore';
import { Tex } from '../../common/Tex';
import { EigenphaseSection } from './EigenphaseSection';
import { GaugeSection } from './GaugeSection';
import { LatticeSection } from './LatticeSection';
import { LcnnSection } from './LcnnSection';
import { LoopBuilderSection } from './LoopBuilderSection';
import { SettingsSection } from './SettingsSection';
import { useLoopsRuns } from './useLoopsRuns';
import { useLoopsUrl } from './useLoopsUrl';
import { WilsonSection } from './WilsonSection';
import './loops.css';

/** Memoised like the sections: progress renders of the panel must not re-typeset it. */
const Intro = memo(function Intro() {
  const group = useLoopsStore((s) => s.view.group);
  return (
    <p className="loops-intro">
      Links transform as <Tex>{'U_\\mu(x) \\to \\Omega(x)\\, U_\\mu(x)\\, \\Omega(x+\\hat\\mu)^\\dagger'}</Tex>. Closed loops transform by conjugation at
      their base point, so their traces are invariant. Plaquettes are filled by <Tex>{'\\operatorname{Re} \\operatorname{tr} U_p / N'}</Tex> (red −1, white
      0, blue +1); links are coloured by{' '}
      {group === 'U1' ? (
        <>
          their phase <Tex>{'\\arg U'}</Tex>
        </>
      ) : (
        <>
          their SU(2) rotation angle <Tex>{'\\theta = \\arccos(\\tfrac12 \\operatorname{tr} U)'}</Tex>
        </>
      )}
      , which is not gauge invariant.
    </p>
  );
});

export default function LoopsPanel() {
  useLoopsUrl();
  const { sampling, lcnn, workerError, recovery, startRun, cancel, requestNetworks } = useLoopsRuns();
  return (
    <section className="panel loops-panel" aria-labelledby="panel-title">
      <h2 id="panel-title">Loop observables: lattice gauge symmetry, Wilson loops and equivariant layers</h2>
      <Intro />
      <SettingsSection workerError={workerError} recovery={recovery} />
      <div className="loops-top">
        <LatticeSection />
        <div className="loops-side">
          <GaugeSection />
          <LoopBuilderSection />
        </div>
      </div>
      <div className="figure-grid loops-figures">
        <WilsonSection sampling={sampling} onRun={startRun} onStop={cancel} />
        <EigenphaseSection />
        <LcnnSection lcnn={lcnn} onCompare={requestNetworks} />
      </div>
    </section>
  );
}
