/**
 * #/lab/loops — lattice gauge symmetry made visible. A gauge transformation changes every link and leaves every
 * trace fixed; loops built by clicking transform by conjugation at their base point; Monte Carlo in a worker
 * reproduces the exact 2D area law; a gauge-equivariant network (L-CNN) is invariant where a same-size plain network
 * is not; and maps on loop eigenphases (Boyda et al.) stay equivariant.
 */
import { useLoopsLinkSettings, useLoopsUrl } from './useLoopsUrl';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Rng } from '../../../core/rng';
import {
  applyGaugeTransform,
  applySpectralMap,
  checkSitePath,
  clampBeta,
  clampInteger,
  clampLatticeSize,
  clampLoopExtent,
  composeGaugeTransforms,
  conjugateComplexMatrix,
  createGeometry,
  gaugeGroup,
  hotField,
  identityGaugeTransform,
  complexMatrixDistance,
  mulComplexMatrix,
  pathProduct,
  plaquette,
  plaquetteTraces,
  randomGaugeTransform,
  rectangleSites,
  singleSiteGaugeTransform,
  sineSpectralMap,
  siteCoords,
  stepBetween,
  su2FromAxisAngle,
  u1FromAngle,
  type GaugeField,
  type GaugeTransform,
  type PathStep,
  type WilsonLoopMeasurement,
} from '../../../core/lattice';
import { LatticeView } from './LatticeView';
import { WilsonChart } from './WilsonChart';
import { EigenphaseChart } from './EigenphaseChart';
import { useLatticeWorker } from '../../../state/useLatticeWorker';
import { fmt, matrixInline } from './format';
import './loops.css';

type GroupName = 'U1' | 'SU2';
type ClickMode = 'loop' | 'gauge';

interface Config {
  field: GaugeField;
  /** The configuration loops are compared against, and the total transformation applied since. */
  reference: GaugeField;
  total: GaugeTransform;
  origin: string;
}

interface GaugeReadout {
  kind: string;
  maxTraceChange: number;
  meanLinkChange: number;
  changedLinks: number;
  totalLinks: number;
}

const THERMALIZE_DEFAULT = 100;
const SWEEPS_DEFAULT = 2000;

function freshConfig(group: GroupName, L: number, seed: number): Config {
  const g = gaugeGroup(group);
  const geom = createGeometry([L, L]);
  const field = hotField(g, geom, new Rng(seed, 0x407));
  return { field, reference: field, total: identityGaugeTransform(g, geom.volume), origin: `Haar-random start (an exact β = 0 sample), ${L}×${L}` };
}

function siteLabel(L: number, x: number): string {
  const c = siteCoords([L, L], x);
  return `(${c[0]}, ${c[1]})`;
}

/** max |Δ (1/N) Re tr U_p| over all plaquettes, and mean/count of ‖ΔU_link‖_F over all links. */
function compareFields(before: GaugeField, after: GaugeField, kind: string): GaugeReadout {
  const a = plaquetteTraces(before, 0, 1);
  const b = plaquetteTraces(after, 0, 1);
  let maxTraceChange = 0;
  for (let i = 0; i < a.length; i++) maxTraceChange = Math.max(maxTraceChange, Math.abs(a[i] - b[i]));
  const g = before.group;
  const n = before.geom.volume * before.geom.d;
  let sum = 0;
  let changed = 0;
  for (let l = 0; l < n; l++) {
    const dd = g.distance(before.links, l * g.stride, after.links, l * g.stride);
    sum += dd;
    if (dd > 1e-9) changed++;
  }
  return { kind, maxTraceChange, meanLinkChange: sum / n, changedLinks: changed, totalLinks: n };
}

export default function LoopsPanel() {
  // Settings, as typed; clamped values and notices derive from them.
  const link = useLoopsLinkSettings();
  const [group, setGroup] = useState<GroupName>(link.group);
  const [lInput, setLInput] = useState(String(link.L));
  const [betaInput, setBetaInput] = useState(String(link.beta));
  const [sweepsInput, setSweepsInput] = useState(String(link.sweeps));
  const [thermInput, setThermInput] = useState(String(link.therm));
  const [extentInput, setExtentInput] = useState(String(link.extent));
  const [seed, setSeed] = useState(link.seed);

  const settingNotices: string[] = [];
  const L = clampLatticeSize(Number(lInput), settingNotices);
  const beta = clampBeta(Number(betaInput), settingNotices);
  const sweeps = clampInteger('Measured sweeps', Number(sweepsInput), 20, 100000, SWEEPS_DEFAULT, settingNotices);
  const thermalize = clampInteger('Thermalisation sweeps', Number(thermInput), 0, 100000, THERMALIZE_DEFAULT, settingNotices);
  const maxExtent = clampLoopExtent('Largest loop extent', Number(extentInput), L, settingNotices);
  useLoopsUrl({ group, L, beta, sweeps, therm: thermalize, extent: maxExtent, seed }, (v) => {
    setGroup(v.group);
    setLInput(String(v.L));
    setBetaInput(String(v.beta));
    setSweepsInput(String(v.sweeps));
    setThermInput(String(v.therm));
    setExtentInput(String(v.extent));
    setSeed(v.seed);
  });

  const [config, setConfig] = useState<Config>(() => freshConfig(link.group, L, link.seed));
  const [readout, setReadout] = useState<GaugeReadout | null>(null);
  const [measurement, setMeasurement] = useState<WilsonLoopMeasurement | null>(null);
  const transformCounter = useRef(0);

  // Click behaviour and the loop builder.
  const [mode, setMode] = useState<ClickMode>('loop');
  const [cursor, setCursor] = useState(0);
  const [path, setPath] = useState<number[]>([]);
  const [builderMessage, setBuilderMessage] = useState<string | null>(null);
  const [loop, setLoop] = useState<{ start: number; steps: PathStep[] } | null>(null);
  const [rectR, setRectR] = useState('2');
  const [rectT, setRectT] = useState('2');

  // Single-site transformation element: U(1) angle, or SU(2) rotation angle α and axis (polar ϑ, azimuth φ).
  const [alpha, setAlpha] = useState(1.2);
  const [axisPolar, setAxisPolar] = useState(0.9);
  const [axisAzimuth, setAxisAzimuth] = useState(0.4);
  const [gaugeSite, setGaugeSite] = useState<{ site: number; element: Float64Array } | null>(null);

  const [epsilon, setEpsilon] = useState(0.6);

  const field = config.field;
  const grp = field.group;
  const fieldL = field.geom.dims[0];

  // The settings the lattice view currently belongs to: a late result for other settings must not replace it.
  const viewSettings = useRef({ group, L });
  viewSettings.current = { group, L };

  const onSample = useCallback((result: WilsonLoopMeasurement, links: Float64Array) => {
    if (result.options.group !== viewSettings.current.group || result.options.L !== viewSettings.current.L) return;
    const g = gaugeGroup(result.options.group);
    const geom = createGeometry([result.options.L, result.options.L]);
    const f: GaugeField = { group: g, geom, links };
    setMeasurement(result);
    setConfig({ field: f, reference: f, total: identityGaugeTransform(g, geom.volume), origin: `last Monte Carlo configuration at β = ${result.options.beta}, ${result.options.L}×${result.options.L}` });
    setReadout(null);
    setGaugeSite(null);
  }, []);

  const { sampling, lcnn, workerError, recovery, run, cancel, compareNetworks } = useLatticeWorker(onSample);

  const startRun = useCallback(() => {
    run({ group, L, beta, thermalize, sweeps, seed, maxR: maxExtent, maxT: maxExtent });
  }, [run, group, L, beta, thermalize, sweeps, seed, maxExtent]);

  // A new group or lattice size starts from a fresh Haar configuration; the path and loop no longer apply.
  useEffect(() => {
    setConfig(freshConfig(group, L, seed));
    setPath([]);
    setLoop(null);
    setReadout(null);
    setGaugeSite(null);
    setCursor(0);
    setBuilderMessage(null);
  }, [group, L, seed]);

  // Sample whenever the physics settings change (debounced so dragging the β slider does not queue runs).
  useEffect(() => {
    const id = window.setTimeout(startRun, 250);
    return () => window.clearTimeout(id);
    // Only these four restart sampling by themselves; sweep counts and loop extent apply on the next run.
  }, [group, L, beta, seed]);

  // Compare the networks on every new sampled configuration.
  const lcnnCounter = useRef(0);
  const requestNetworks = useCallback(() => {
    lcnnCounter.current++;
    compareNetworks(grp.name, fieldL, field.links, seed * 1000 + lcnnCounter.current);
  }, [compareNetworks, grp.name, fieldL, field.links, seed]);
  useEffect(() => {
    if (config.reference === config.field) requestNetworks();
    // Keyed on the reference only: gauge transformations of the view must not re-trigger the comparison.
  }, [config.reference]);

  const applyTransform = (t: GaugeTransform, kind: string) => {
    const next = applyGaugeTransform(config.field, t);
    setReadout(compareFields(config.field, next, kind));
    setConfig({ ...config, field: next, total: composeGaugeTransforms(t, config.total) });
  };

  const randomTransform = () => {
    transformCounter.current++;
    applyTransform(randomGaugeTransform(grp, field.geom, new Rng(seed, 0x6a, transformCounter.current)), 'random gauge transformation');
    setGaugeSite(null);
  };

  const elementFor = (a: number, pol: number, az: number): Float64Array =>
    grp.name === 'U1' ? u1FromAngle(a) : su2FromAxisAngle(a, Math.sin(pol) * Math.cos(az), Math.sin(pol) * Math.sin(az), Math.cos(pol));

  /** Re-target the single-site element: apply g_new g_old† at the site so its total Ω follows the sliders. */
  const dragElement = (a: number, pol: number, az: number) => {
    setAlpha(a);
    setAxisPolar(pol);
    setAxisAzimuth(az);
    if (!gaugeSite) return;
    const gNew = elementFor(a, pol, az);
    const delta = new Float64Array(grp.stride);
    grp.mulAdj(gNew, 0, gaugeSite.element, 0, delta, 0);
    applyTransform(singleSiteGaugeTransform(grp, field.geom, gaugeSite.site, delta), `transformation at site ${siteLabel(fieldL, gaugeSite.site)}`);
    setGaugeSite({ site: gaugeSite.site, element: gNew });
  };

  const activateSiteImpl = (x: number) => {
    if (mode === 'gauge') {
      const g = elementFor(alpha, axisPolar, axisAzimuth);
      applyTransform(singleSiteGaugeTransform(grp, field.geom, x, g), `transformation at site ${siteLabel(fieldL, x)}`);
      setGaugeSite({ site: x, element: g });
      return;
    }
    if (path.length === 0) {
      setPath([x]);
      setBuilderMessage(null);
      return;
    }
    const last = path[path.length - 1];
    if (x === last) return;
    if (!stepBetween(field.geom.dims, last, x)) {
      setBuilderMessage(`${siteLabel(fieldL, x)} is not a neighbour of ${siteLabel(fieldL, last)}: a path moves one link at a time.`);
      return;
    }
    setBuilderMessage(null);
    setPath([...path, x]);
  };

  // A stable callback for the memoised lattice view, always calling the latest handler.
  const activateRef = useRef(activateSiteImpl);
  activateRef.current = activateSiteImpl;
  const activateSite = useCallback((x: number) => activateRef.current(x), []);

  const check = useMemo(() => checkSitePath(field.geom.dims, path), [field.geom.dims, path]);

  const submitLoop = () => {
    if (!check.closed) return;
    setLoop({ start: path[0], steps: check.steps });
    setConfig({ ...config, reference: config.field, total: identityGaugeTransform(grp, field.geom.volume) });
    setPath([]);
  };

  const rectNotices: string[] = [];
  const rectRv = clampInteger('R', Number(rectR), 1, Math.max(1, fieldL - 1), 2, rectNotices, ` (a rectangle must fit inside the ${fieldL}×${fieldL} lattice)`);
  const rectTv = clampInteger('T', Number(rectT), 1, Math.max(1, fieldL - 1), 2, rectNotices, ` (a rectangle must fit inside the ${fieldL}×${fieldL} lattice)`);

  // Loop matrices now and at the reference configuration; Ω at the base point is the accumulated transformation.
  const loopInfo = useMemo(() => {
    if (!loop) return null;
    const g = grp;
    const before = pathProduct(config.reference, loop.start, loop.steps).element;
    const now = pathProduct(config.field, loop.start, loop.steps).element;
    const om = g.toMatrix(config.total.omega, loop.start * g.stride);
    const Wb = g.toMatrix(before, 0);
    const Wn = g.toMatrix(now, 0);
    const predicted = conjugateComplexMatrix(om, Wb);
    const Pb = g.toMatrix(plaquette(config.reference, loop.start, 0, 1), 0);
    const Pn = g.toMatrix(plaquette(config.field, loop.start, 0, 1), 0);
    const prodBefore = mulComplexMatrix(Wb, Pb);
    const prodNow = mulComplexMatrix(Wn, Pn);
    const f = sineSpectralMap(epsilon);
    const mappedBefore = g.toMatrix(applySpectralMap(g, before, 0, f), 0);
    const mappedNow = g.toMatrix(applySpectralMap(g, now, 0, f), 0);
    const theta = g.eigenphase(now, 0);
    return {
      Wb,
      Wn,
      predicted,
      conjError: complexMatrixDistance(Wn, predicted),
      change: complexMatrixDistance(Wn, Wb),
      trBefore: [g.traceRe(before, 0), g.traceIm(before, 0)],
      trNow: [g.traceRe(now, 0), g.traceIm(now, 0)],
      prodNow,
      prodError: complexMatrixDistance(prodNow, conjugateComplexMatrix(om, prodBefore)),
      theta,
      mappedTheta: f(theta),
      mappedNow,
      mappedError: complexMatrixDistance(mappedNow, conjugateComplexMatrix(om, mappedBefore)),
      mappedTrace: mappedNow.data[0] + (mappedNow.n === 2 ? mappedNow.data[6] : 0),
    };
  }, [loop, config, grp, epsilon]);

  const progress = sampling.total > 0 ? sampling.done / sampling.total : 0;
  const running = sampling.status === 'running';
  const activateHint = mode === 'loop' ? 'Clicking a site adds it to the loop path.' : 'Clicking a site applies the chosen group element there.';
  const pathText = path.length ? path.map((x) => siteLabel(fieldL, x)).join(' → ') : '(empty)';
  const reasonId = 'loop-builder-reason';
  const plaqMeas = measurement?.plaquette;

  return (
    <section className="panel loops-panel" aria-labelledby="panel-title">
      <h2 id="panel-title">Loop observables: lattice gauge symmetry, Wilson loops and equivariant layers</h2>
      <p className="loops-intro">
        Links transform as U<sub>μ</sub>(x) → Ω(x) U<sub>μ</sub>(x) Ω(x+μ̂)<sup>†</sup>. Closed loops transform by conjugation at their base point,
        so their traces are invariant. Plaquettes are filled by Re tr U<sub>p</sub>/N (red −1, white 0, blue +1); links are coloured by
        {group === 'U1' ? ' their phase arg U' : ' their SU(2) rotation angle θ = arccos(½ tr U)'}, which is not gauge invariant.
      </p>

      <div className="controls" role="group" aria-label="Lattice settings">
        <label>
          Gauge group
          <select value={group} onChange={(e) => setGroup(e.target.value as GroupName)}>
            <option value="SU2">SU(2)</option>
            <option value="U1">U(1)</option>
          </select>
        </label>
        <label>
          Lattice size L
          <input type="number" value={lInput} onChange={(e) => setLInput(e.target.value)} min={2} max={64} step={1} />
        </label>
        <label>
          β (slider)
          <input type="range" min={0} max={8} step={0.1} value={Math.min(8, beta)} onChange={(e) => setBetaInput(e.target.value)} />
        </label>
        <label>
          β
          <input type="number" value={betaInput} onChange={(e) => setBetaInput(e.target.value)} step={0.1} />
        </label>
        <label>
          Thermalisation sweeps
          <input type="number" value={thermInput} onChange={(e) => setThermInput(e.target.value)} min={0} />
        </label>
        <label>
          Measured sweeps
          <input type="number" value={sweepsInput} onChange={(e) => setSweepsInput(e.target.value)} min={20} />
        </label>
        <label>
          Largest loop R = T
          <input type="number" value={extentInput} onChange={(e) => setExtentInput(e.target.value)} min={1} max={8} />
        </label>
        <label>
          Seed
          <input type="number" value={seed} onChange={(e) => setSeed(Math.trunc(Number(e.target.value)) || 0)} />
        </label>
      </div>
      {settingNotices.length > 0 && (
        <div className="notice" role="status" data-testid="settings-notices">
          {settingNotices.map((n) => (
            <div key={n}>{n}</div>
          ))}
        </div>
      )}
      {L < 16 && (
        <p className="notice">
          L = {L} is small: loops that cover a sizeable part of the {L}×{L} torus deviate from the infinite-volume line (L ≥ 16 keeps that below the error bars).
        </p>
      )}
      {workerError && <div className="error-box" role="alert">{workerError}</div>}
      {recovery && (
        <div className="notice" role="status" data-testid="lattice-recovery">
          {recovery}
        </div>
      )}

      <div className="loops-top">
        <div>
          <LatticeView
            field={field}
            size={Math.min(520, Math.max(260, fieldL * 30 + 28))}
            path={path}
            loop={loop}
            gaugeSite={gaugeSite?.site ?? null}
            cursor={cursor}
            onCursor={setCursor}
            onActivate={activateSite}
            activateHint={activateHint}
          />
          <p className="loops-origin">Showing: {config.origin}.</p>
        </div>

        <div className="loops-side">
          <div className="figure-card">
            <h3>Gauge transformations</h3>
            <div className="controls">
              <button type="button" onClick={randomTransform}>
                Apply a random gauge transformation
              </button>
            </div>
            {readout ? (
              <table className="numbers" aria-label="Effect of the last gauge transformation">
                <tbody>
                  <tr>
                    <th scope="row">last</th>
                    <td>{readout.kind}</td>
                  </tr>
                  <tr>
                    <th scope="row">max |Δ tr U_p|/N</th>
                    <td>
                      <output className="readout" data-testid="max-dtrace" data-value={readout.maxTraceChange}>
                        {readout.maxTraceChange.toExponential(2)}
                      </output>{' '}
                      (rounding level)
                    </td>
                  </tr>
                  <tr>
                    <th scope="row">mean ‖ΔU_link‖</th>
                    <td>
                      <output className="readout" data-testid="mean-dlink" data-value={readout.meanLinkChange}>
                        {fmt(readout.meanLinkChange, 3)}
                      </output>{' '}
                      ({readout.changedLinks} of {readout.totalLinks} links changed)
                    </td>
                  </tr>
                </tbody>
              </table>
            ) : (
              <p className="readout">Apply a transformation: links change, plaquette traces do not.</p>
            )}
            <fieldset className="loops-fieldset">
              <legend>Clicking a site on the lattice</legend>
              <label>
                <input type="radio" name="click-mode" checked={mode === 'loop'} onChange={() => setMode('loop')} /> builds a loop
              </label>{' '}
              <label>
                <input type="radio" name="click-mode" checked={mode === 'gauge'} onChange={() => setMode('gauge')} /> gauge-transforms at the site
              </label>
            </fieldset>
            <div className="controls" role="group" aria-label="Group element for single-site transformations">
              <label>
                {grp.name === 'U1' ? 'Phase angle' : 'Rotation angle α'}
                <input type="range" min={grp.name === 'U1' ? -Math.PI : 0} max={grp.name === 'U1' ? Math.PI : 4 * Math.PI} step={0.01} value={alpha} onChange={(e) => dragElement(Number(e.target.value), axisPolar, axisAzimuth)} />
              </label>
              {grp.name === 'SU2' && (
                <>
                  <label>
                    Axis polar angle
                    <input type="range" min={0} max={Math.PI} step={0.01} value={axisPolar} onChange={(e) => dragElement(alpha, Number(e.target.value), axisAzimuth)} />
                  </label>
                  <label>
                    Axis azimuth
                    <input type="range" min={0} max={2 * Math.PI} step={0.01} value={axisAzimuth} onChange={(e) => dragElement(alpha, axisPolar, Number(e.target.value))} />
                  </label>
                </>
              )}
              <span className="readout">
                Ω = {matrixInline(grp.toMatrix(elementFor(alpha, axisPolar, axisAzimuth), 0), 2)}
                {gaugeSite ? ` at ${siteLabel(fieldL, gaugeSite.site)} (drag the sliders to change it there)` : ''}
              </span>
            </div>
          </div>

          <div className="figure-card">
            <h3>Loop builder</h3>
            <p className="readout" data-testid="loop-path">Path: {pathText}</p>
            <p role="status" id={reasonId} className={check.closed ? 'readout' : 'notice'} data-testid="loop-reason">
              {builderMessage ?? (check.closed ? 'The path is closed: it can be used as a loop.' : check.reason)}
            </p>
            <div className="controls">
              <button type="button" onClick={submitLoop} disabled={!check.closed} aria-describedby={reasonId}>
                Use path as loop
              </button>
              <button type="button" onClick={() => setPath(path.slice(0, -1))} disabled={path.length === 0}>
                Undo last site
              </button>
              <button type="button" onClick={() => { setPath([]); setBuilderMessage(null); }} disabled={path.length === 0}>
                Clear path
              </button>
            </div>
            <div className="controls">
              <label>
                R
                <input type="number" value={rectR} onChange={(e) => setRectR(e.target.value)} min={1} />
              </label>
              <label>
                T
                <input type="number" value={rectT} onChange={(e) => setRectT(e.target.value)} min={1} />
              </label>
              <button type="button" onClick={() => { setPath(rectangleSites(field.geom.dims, cursor, 0, 1, rectRv, rectTv)); setBuilderMessage(null); }}>
                R×T rectangle path at the cursor
              </button>
            </div>
            {rectNotices.length > 0 && (
              <div className="notice" role="status" data-testid="rect-notices">
                {rectNotices.map((n) => (
                  <div key={n}>{n}</div>
                ))}
              </div>
            )}
            {loopInfo && loop && (
              <table className="numbers loop-table" aria-label="Loop matrix before and after gauge transformations">
                <tbody>
                  <tr>
                    <th scope="row">base point x₀</th>
                    <td>{siteLabel(fieldL, loop.start)}, {loop.steps.length} links</td>
                  </tr>
                  <tr>
                    <th scope="row">W before</th>
                    <td>{matrixInline(loopInfo.Wb)}</td>
                  </tr>
                  <tr>
                    <th scope="row">W now</th>
                    <td>{matrixInline(loopInfo.Wn)}</td>
                  </tr>
                  <tr>
                    <th scope="row">Ω(x₀) W Ω(x₀)†</th>
                    <td>{matrixInline(loopInfo.predicted)}</td>
                  </tr>
                  <tr>
                    <th scope="row">‖W now − Ω W Ω†‖</th>
                    <td data-testid="loop-conj-error" data-value={loopInfo.conjError}>
                      {loopInfo.conjError.toExponential(2)} (W itself moved by {fmt(loopInfo.change, 3)})
                    </td>
                  </tr>
                  <tr>
                    <th scope="row">tr W before / now</th>
                    <td data-testid="loop-trace">
                      {fmt(loopInfo.trBefore[0], 12)} / {fmt(loopInfo.trNow[0], 12)}
                    </td>
                  </tr>
                  <tr>
                    <th scope="row">W·U_p(x₀): ‖now − Ω(before)Ω†‖</th>
                    <td>{loopInfo.prodError.toExponential(2)} (product of two loops at x₀: equivariant)</td>
                  </tr>
                </tbody>
              </table>
            )}
          </div>
        </div>
      </div>

      <div className="figure-grid loops-figures">
        <div className="figure-card">
          <h3>Wilson loops and the area law</h3>
          <div className="controls">
            <button type="button" onClick={startRun} disabled={running}>
              Run Monte Carlo
            </button>
            <button type="button" onClick={cancel} disabled={!running}>
              Stop
            </button>
            <div
              className="progress-bar"
              role="progressbar"
              aria-label="Monte Carlo progress"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(progress * 100)}
            >
              <div style={{ width: `${(progress * 100).toFixed(1)}%` }} />
            </div>
          </div>
          <p className="readout" role="status" data-testid="sampling-status">
            {sampling.status === 'running' && `${sampling.phase === 'thermalize' ? 'Thermalising' : 'Measuring'}: sweep ${sampling.done} of ${sampling.total}, ${sampling.sweepsPerSecond.toFixed(0)} sweeps/s (in a worker).`}
            {sampling.status === 'done' && measurement && `Done: ${measurement.options.sweeps} measured sweeps at ${measurement.sweepsPerSecond.toFixed(0)} sweeps/s, ${group === 'U1' ? 'Metropolis' : 'heat-bath'}.`}
            {sampling.status === 'cancelled' && 'Stopped.'}
            {sampling.status === 'error' && `Error: ${sampling.error}`}
            {sampling.status === 'idle' && 'Starting…'}
          </p>
          {measurement && measurement.notices.length > 0 && (
            <div className="notice">
              {measurement.notices.map((n) => (
                <div key={n}>{n}</div>
              ))}
            </div>
          )}
          {measurement && (
            <>
              <WilsonChart loops={measurement.loops} group={measurement.options.group} beta={measurement.options.beta} />
              <p className="readout">
                {measurement.options.group === 'U1' ? 'U(1)' : 'SU(2)'}, β = {measurement.options.beta}, {measurement.options.L}×{measurement.options.L}: plaquette{' '}
                <span data-testid="mc-plaquette" data-value={plaqMeas?.mean}>
                  {fmt(plaqMeas?.mean ?? NaN)} ± {fmt(plaqMeas?.error ?? NaN)}
                </span>
                , exact {fmt(plaqMeas?.exact ?? NaN)} ({(((plaqMeas?.mean ?? 0) - (plaqMeas?.exact ?? 0)) / (plaqMeas?.error ?? 1)).toFixed(1)}σ). Errors: {plaqMeas?.nBins} bins of{' '}
                {plaqMeas?.binSize} sweeps.
              </p>
              <details>
                <summary>All loops</summary>
                <table className="numbers" aria-label="Wilson loop estimates">
                  <thead>
                    <tr>
                      <th>R×T</th>
                      <th>⟨W⟩</th>
                      <th>±</th>
                      <th>exact</th>
                      <th>pull</th>
                    </tr>
                  </thead>
                  <tbody>
                    {measurement.loops.map((l) => (
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
          )}
        </div>

        <div className="figure-card">
          <h3>Manipulating invariants: plaquette eigenphases</h3>
          {measurement ? (
            <EigenphaseChart histogram={measurement.eigenphases} group={measurement.options.group} beta={measurement.options.beta} />
          ) : (
            <p className="readout">Waiting for the first sample.</p>
          )}
          <p className="loops-note">
            {group === 'SU2' ? 'tr U_p = 2 cos θ. At β = 0 the histogram follows the Haar density (2/π) sin²θ; it tightens towards θ = 0 as β grows.' : 'θ = arg U_p. At β = 0 it is uniform; it tightens towards 0 as β grows.'}
          </p>
          <div className="controls">
            <label>
              Spectral map strength ε
              <input type="range" min={-0.9} max={0.9} step={0.05} value={epsilon} onChange={(e) => setEpsilon(Number(e.target.value))} />
            </label>
            <span className="readout">f(θ) = θ − (ε/2) sin 2θ, ε = {epsilon.toFixed(2)}</span>
          </div>
          {loopInfo ? (
            <p className="readout" data-testid="spectral-readout">
              Loop eigenphase θ = {fmt(loopInfo.theta)} → f(θ) = {fmt(loopInfo.mappedTheta)}; tr W = {fmt(loopInfo.trNow[0])} → tr f(W) = {fmt(loopInfo.mappedTrace)}. f keeps the eigenvectors, so
              ‖f(ΩWΩ†) − Ω f(W) Ω†‖ = {loopInfo.mappedError.toExponential(2)}: conjugation-equivariant.
            </p>
          ) : (
            <p className="readout">Build a loop to apply the spectral map to it.</p>
          )}
        </div>

        <div className="figure-card">
          <h3>Gauge-equivariant layers vs a plain network</h3>
          <p className="loops-note">
            L-CNN (Favoni et al.): plaquettes → L-Conv (parallel-transported, kernel ±1) → L-Bilin → Trace. Baseline: the same layers and weights on raw link
            matrices with no transport. Both get the current configuration and a random gauge transform of it.
          </p>
          <div className="controls">
            <button type="button" onClick={requestNetworks}>
              Compare networks under a new random transformation
            </button>
          </div>
          {lcnn ? (
            <table className="numbers" aria-label="L-CNN and baseline under a gauge transformation">
              <thead>
                <tr>
                  <th />
                  <th>parameters</th>
                  <th>max |Δ tr|</th>
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
      </div>
    </section>
  );
}
