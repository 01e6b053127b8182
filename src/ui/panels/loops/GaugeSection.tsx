/**
 * Gauge transformations: a random one over the whole lattice, or one group element at a clicked site, and what
 * each did (links move, plaquette traces do not).
 */
import { memo } from 'react';
import { siteElementFromAngles, siteLabel } from '../../../core/lattice';
import { useLoopsStore } from '../../../state/loopsStore';
import { fmt, matrixInline } from '../../charts/latticeFormat';
import { Tex } from '../../common/Tex';

function TransformReadout() {
  const readout = useLoopsStore((s) => s.readout);
  if (!readout) return <p className="readout">Apply a transformation: links change, plaquette traces do not.</p>;
  return (
    <table className="numbers" aria-label="Effect of the last gauge transformation">
      <tbody>
        <tr>
          <th scope="row">last</th>
          <td>{readout.kind}</td>
        </tr>
        <tr>
          <th scope="row">
            <Tex>{'\\max_p |\\Delta \\operatorname{tr} U_p|/N'}</Tex>
          </th>
          <td>
            <output className="readout" data-testid="max-dtrace" data-value={readout.maxTraceChange}>
              {readout.maxTraceChange.toExponential(2)}
            </output>{' '}
            (rounding level)
          </td>
        </tr>
        <tr>
          <th scope="row">
            mean <Tex>{'\\lVert \\Delta U_\\ell \\rVert_F'}</Tex>
          </th>
          <td>
            <output className="readout" data-testid="mean-dlink" data-value={readout.meanLinkChange}>
              {fmt(readout.meanLinkChange, 3)}
            </output>{' '}
            ({readout.changedLinks} of {readout.totalLinks} links changed)
          </td>
        </tr>
      </tbody>
    </table>
  );
}

function SiteElementControls() {
  const group = useLoopsStore((s) => s.config.field.group);
  const dims = useLoopsStore((s) => s.config.field.geom.dims);
  const { alpha, polar, azimuth } = useLoopsStore((s) => s.element);
  const gaugeSite = useLoopsStore((s) => s.gaugeSite);
  const setElement = useLoopsStore((s) => s.setElement);
  const u1 = group.name === 'U1';
  return (
    <div className="controls" role="group" aria-label="Group element for single-site transformations">
      <label>
        {u1 ? 'Phase angle' : 'Rotation angle α'}
        <input type="range" min={u1 ? -Math.PI : 0} max={u1 ? Math.PI : 4 * Math.PI} step={0.01} value={alpha} onChange={(e) => setElement(Number(e.target.value), polar, azimuth)} />
      </label>
      {!u1 && (
        <>
          <label>
            Axis polar angle
            <input type="range" min={0} max={Math.PI} step={0.01} value={polar} onChange={(e) => setElement(alpha, Number(e.target.value), azimuth)} />
          </label>
          <label>
            Axis azimuth
            <input type="range" min={0} max={2 * Math.PI} step={0.01} value={azimuth} onChange={(e) => setElement(alpha, polar, Number(e.target.value))} />
          </label>
        </>
      )}
      <span className="readout" data-testid="site-element">
        <Tex>{'\\Omega ='}</Tex> {matrixInline(group.toMatrix(siteElementFromAngles(group, alpha, polar, azimuth), 0), 2)}
        {gaugeSite ? ` at ${siteLabel(dims, gaugeSite.site)} (drag the sliders to change it there)` : ''}
      </span>
    </div>
  );
}

function GaugeSectionImpl() {
  const randomTransform = useLoopsStore((s) => s.randomTransform);
  const mode = useLoopsStore((s) => s.mode);
  const setMode = useLoopsStore((s) => s.setMode);
  return (
    <div className="figure-card">
      <h3>Gauge transformations</h3>
      <div className="controls">
        <button type="button" onClick={randomTransform}>
          Apply a random gauge transformation
        </button>
      </div>
      <TransformReadout />
      <fieldset className="loops-fieldset">
        <legend>Clicking a site on the lattice</legend>
        <label>
          <input type="radio" name="click-mode" checked={mode === 'loop'} onChange={() => setMode('loop')} /> builds a loop
        </label>{' '}
        <label>
          <input type="radio" name="click-mode" checked={mode === 'gauge'} onChange={() => setMode('gauge')} /> gauge-transforms at the site
        </label>
      </fieldset>
      <SiteElementControls />
    </div>
  );
}

/** Memoised: the worker's progress re-renders the panel about 8 times a second; this section does not depend on it. */
export const GaugeSection = memo(GaugeSectionImpl);
