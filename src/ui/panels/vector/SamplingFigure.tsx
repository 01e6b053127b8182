/**
 * Symmetries in generative models: latent isotropic Gaussian samples, their push-forward through an equivariant map
 * (a radial warp with a twist) and through a non-equivariant one, with angle histograms and a χ² uniformity test.
 * Pure JS on a few thousand points: computed on the page, no training involved.
 */
import { useMemo, useState } from 'react';
import { invariantSamplingDemo, type ChiSquareResult } from '../../../core/equivariance/invariantSampling';
import { SelectField } from '../../common/SelectField';
import { AngleHistogram } from '../../charts/AngleHistogram';
import { PointScatter } from '../../charts/PointScatter';

const BINS = 24;

function ChiReadout({ r, id }: { r: ChiSquareResult; id: string }) {
  return (
    <p className="readout">
      χ² = <output data-testid={`chi2-${id}`} data-value={r.chi2}>{r.chi2.toFixed(1)}</output> ({r.dof} d.o.f.), p ={' '}
      <output data-testid={`chi2-p-${id}`} data-value={r.pValue}>{r.pValue < 1e-4 ? r.pValue.toExponential(1) : r.pValue.toFixed(3)}</output>:{' '}
      <strong data-testid={`chi2-verdict-${id}`} data-value={r.uniform ? 'uniform' : 'not-uniform'}>
        {r.uniform ? `uniform (p ≥ ${r.alpha})` : `not uniform (p < ${r.alpha})`}
      </strong>
    </p>
  );
}

export function SamplingFigure() {
  const [seed, setSeed] = useState(1);
  const [n, setN] = useState(2000);
  const demo = useMemo(() => invariantSamplingDemo(n, seed, BINS, 0.01), [n, seed]);
  const parts = [
    { id: 'latent', title: 'Latent z ~ N(0, I₂)', pts: demo.latent, h: demo.histograms.latent, t: demo.tests.latent, ext: 4 },
    { id: 'equivariant', title: 'Equivariant map T(z) = (1 + ½|z|) R(1.2|z|) z', pts: demo.equivariant, h: demo.histograms.equivariant, t: demo.tests.equivariant, ext: 8 },
    { id: 'nonequivariant', title: 'Non-equivariant map (1.6z₁ + 0.5z₂ + 0.4, 0.6z₂)', pts: demo.nonEquivariant, h: demo.histograms.nonEquivariant, t: demo.tests.nonEquivariant, ext: 6 },
  ];
  return (
    <div className="vector-sampling">
      <p>
        An invariant density pushed through an equivariant map stays invariant: if p(ρ(g)z) = p(z) and T(ρ(g)z) = ρ(g)T(z), then x = T(z) has p(ρ(g)x) = p(x).
        For SO(2) this means the sample angles are uniform. Pearson's χ² test on {BINS} angle bins checks it.
      </p>
      <div className="controls" role="group" aria-label="Sampling settings">
        <SelectField label="Seed" value={seed} options={[1, 2, 3, 4, 5]} onChange={setSeed} />
        <SelectField label="Samples" value={n} options={[500, 2000, 5000]} onChange={setN} />
      </div>
      <div className="figure-grid">
        {parts.map((p) => (
          <div className="figure-card" key={p.id} data-testid={`sampling-${p.id}`}>
            <h3>{p.title}</h3>
            <PointScatter points={p.pts} label={p.title} extent={p.ext} />
            <AngleHistogram counts={p.h} label={p.title} />
            <ChiReadout r={p.t} id={p.id} />
          </div>
        ))}
      </div>
    </div>
  );
}
