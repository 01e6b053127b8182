/**
 * #/lab/orbit: rotate the inputs. Drag a probe x on the mean heatmap, rotate it with the handle, the slider or the
 * sweep, and compare f(ρ(θ)x) for the ensemble mean and for every member. With C_n augmentation the mean's curve
 * becomes 2π/n-periodic; the members' curves do not. Same run, same scrubber as the toy lab.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { makePolarGrid } from '../../../core/data/polarGrid';
import { stepLabel } from '../../../core/ensemble/schedule';
import { groupName } from '../../../core/ensemble/groupSpec';
import { orbitSamePredictions } from '../../../core/metrics/orbitSamePredictions';
import { memberPredictions } from '../../../core/metrics/ensembleStatistics';
import { selectViewedSnapshot, useTrainingStore } from '../../../state/trainingStore';
import { useToyConfig } from '../../../state/useToyConfig';
import { ORBIT_URL_TABLE } from '../../../state/orbitUrl';
import { useUrlTable } from '../../../state/urlUpdate';
import { getTrainerClient } from '../../../state/trainerClient';
import { ToyControls } from '../toy/ToyControls';
import { PolarHeatmap } from '../../charts/PolarHeatmap';
import { ColorLegend } from '../../charts/ColorLegend';
import { LineChart, type Series } from '../../charts/LineChart';
import { StatusMessages } from '../../lab/StatusMessages';
import { TimelineScrubber } from '../../lab/TimelineScrubber';
import { TrainingTransport } from '../../lab/TrainingTransport';
import { curveAt, orbitCurve, periodicityError, probeOrbitSamePredictions } from './orbitCurve';
import { OrbitClaim } from './OrbitClaim';
import { claimedGroupOrder, groupAngles } from '../../../core/metrics/groupAngleSpread';
import { backendParam } from '../../../state/backendParam';
import { Tex } from '../../common/LazyTex';
import { ColumnHeads } from '../../common/ColumnHeads';

const GRID = makePolarGrid();
const OUTPUT_LIMIT = 1.5;
const TWO_PI = 2 * Math.PI;
/** Grab radius of the rotation handle, in plane units (its 7 px disc is about 0.1 wide; fingers need more). */
const HANDLE_RADIUS = 0.3;

/** The orbit lab offers the group and the member draw; the rest of the configuration lives in the toy lab. */
const ORBIT_LAB_HIDDEN = new Set(['E', 'width', 'depth', 'lr', 'seed', 'steps']);

function prefersReducedMotion(): boolean {
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;
}

export default function OrbitPanel() {
  const { config, notices: configNotices, params, update } = useToyConfig();
  const view = useUrlTable(ORBIT_URL_TABLE);
  const notices = [...configNotices, ...view.notices];
  const client = getTrainerClient(backendParam(params));
  useEffect(() => client.ensureStarted(config), [client, config]);
  const snapshot = useTrainingStore(selectViewedSnapshot);

  const probe: [number, number] = useMemo(() => [view.values.px, view.values.py], [view.values.px, view.values.py]);
  const [theta, setTheta] = useState(0);
  const [sweeping, setSweeping] = useState(false);
  const handleDrag = useRef(false);

  useEffect(() => {
    if (!sweeping) return;
    let raf = 0;
    let last = performance.now();
    const tick = (now: number) => {
      // One turn in 6 s; paused while the tab is hidden (requestAnimationFrame does not fire then).
      setTheta((t) => (t + ((now - last) / 6000) * TWO_PI) % TWO_PI);
      last = now;
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [sweeping]);

  const E = snapshot?.ensembleSize ?? config.ensembleSize;
  const member = Math.min(view.values.member, E - 1);
  // Far from the data (the snapshot's second grid, to r = 12): the worker summarised the member it had selected, so
  // that column is shown only when it is the member on screen.
  const far = snapshot?.metrics.far;
  const farSelected = far && snapshot?.metrics.selectedMember === member ? far.selected : undefined;
  const n = snapshot?.metrics.measureOrder ?? (config.group.kind === 'cyclic' ? config.group.n : 64);
  const curves = useMemo(() => {
    if (!snapshot) return null;
    const mean = orbitCurve(snapshot.mean, GRID, probe);
    const members = Array.from({ length: E }, (_, k) => orbitCurve(snapshot.members, GRID, probe, k * GRID.size));
    return { mean, members };
  }, [snapshot, probe, E]);

  const rotated: [number, number] = [Math.cos(theta) * probe[0] - Math.sin(theta) * probe[1], Math.sin(theta) * probe[0] + Math.cos(theta) * probe[1]];
  const periodN = n > 1 && n < 64 ? n : 1;
  const markedOrder = claimedGroupOrder(config.group);
  const meanPeriodErr = curves && periodN > 1 ? periodicityError(curves.mean, periodN) : NaN;
  const memberPeriodErr = curves && periodN > 1 ? periodicityError(curves.members[member], periodN) : NaN;
  const avgMemberPeriodErr = curves && periodN > 1 ? curves.members.reduce((a, c) => a + periodicityError(c, periodN), 0) / E : NaN;
  const ospProbeMean = curves && periodN > 1 ? probeOrbitSamePredictions(curves.mean, periodN) : NaN;
  const ospProbeMember = curves && periodN > 1 ? probeOrbitSamePredictions(curves.members[member], periodN) : NaN;
  const allMask = useMemo(() => new Uint8Array(GRID.size), []);
  const ospPlaneMean = snapshot && periodN > 1 ? orbitSamePredictions(snapshot.mean, GRID, periodN, allMask, 'all') : NaN;
  const ospPlaneMember = snapshot && periodN > 1 ? orbitSamePredictions(memberPredictions(snapshot.members, GRID.size, member), GRID, periodN, allMask, 'all') : NaN;

  const series: Series[] = [];
  if (curves) {
    const toPts = (c: { theta: Float64Array; values: Float64Array }) => Array.from(c.theta, (t, k) => [t, c.values[k]] as [number, number]);
    // One legend entry stands for all the faint lines: they are the other E − 1 members, not "member 1".
    const firstOther = member === 0 ? 1 : 0;
    curves.members.forEach((c, k) => {
      if (k !== member)
        series.push({ label: k === firstOther ? `other members (${E - 1})` : `member ${k}`, color: 'rgba(204,76,2,0.18)', points: toPts(c), width: 1, hideInLegend: k !== firstOther });
    });
    series.push({ label: `member ${member}`, color: '#cc4c02', points: toPts(curves.members[member]), width: 2 });
    series.push({ label: 'ensemble mean', color: '#0b5394', points: toPts(curves.mean), width: 3 });
  }
  const legendSeries = series.filter((s) => !s.hideInLegend);
  const fmt = (v: number, d = 3) => (Number.isFinite(v) ? v.toPrecision(d) : '–');
  const at = snapshot ? stepLabel(snapshot.step) : 'no snapshot yet';
  const r = Math.hypot(probe[0], probe[1]);

  return (
    <section className="panel orbit-panel" aria-labelledby="orbit-title">
      <h2 id="orbit-title">Rotate the inputs</h2>
      <p>
        Drag the probe on the mean heatmap, then rotate it. With <Tex>{`C_{${n}}`}</Tex> augmentation the ensemble mean repeats every <Tex>{`2\\pi/${n}`}</Tex>; a single
        member does not.
      </p>
      <StatusMessages notices={notices} />
      {/* The group and the member draw here (orbit-closed members make the mean's periodicity error vanish); the rest is the toy lab's. */}
      <ToyControls config={config} update={update} hidden={ORBIT_LAB_HIDDEN} />
      <TrainingTransport />
      <TimelineScrubber />
      <div className="controls" role="group" aria-label="Probe rotation">
        <label>
          Rotation θ (degrees)
          <input
            type="range"
            min={0}
            max={359}
            step={1}
            value={Math.round((theta * 180) / Math.PI) % 360}
            aria-valuetext={`${Math.round((theta * 180) / Math.PI)} degrees`}
            onChange={(e) => setTheta((Number(e.target.value) * Math.PI) / 180)}
          />
        </label>
        <button type="button" onClick={() => setSweeping((s) => !s)} aria-pressed={sweeping} disabled={!sweeping && prefersReducedMotion() && false}>
          {sweeping ? 'Stop sweep' : 'Sweep'}
        </button>
        <span className="readout">
          probe x = ({probe[0].toFixed(2)}, {probe[1].toFixed(2)}), |x| = {r.toFixed(2)}; ρ(θ)x = ({rotated[0].toFixed(2)}, {rotated[1].toFixed(2)})
        </span>
      </div>
      <div className="figure-grid">
        <div className="figure-card">
          <h3>Ensemble mean, with the probe</h3>
          <PolarHeatmap
            label="Ensemble mean with probe"
            testId="orbit-heatmap"
            values={snapshot?.mean}
            grid={GRID}
            scale={{ kind: 'diverging', limit: OUTPUT_LIMIT }}
            points={config.points}
            orbitOrder={config.group.kind === 'cyclic' ? config.group.n : 1}
            summary={`probe at (${probe[0].toFixed(2)}, ${probe[1].toFixed(2)}), ${at}`}
            onPlanePointerDown={(x, y, e) => {
              // On the handle (which sits on the probe itself at θ = 0): rotate; elsewhere: move the probe, both
              // coordinates in one URL write.
              if (Math.hypot(x - rotated[0], y - rotated[1]) < HANDLE_RADIUS) {
                handleDrag.current = true;
                // Keep the drag when the pointer leaves the map (or the layout shifts under it) until it is released.
                (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
              } else {
                view.update({ px: Math.round(x * 100) / 100, py: Math.round(y * 100) / 100 });
                setTheta(0);
              }
            }}
            onPlanePointerMove={(x, y) => {
              if (handleDrag.current) setTheta(((Math.atan2(y, x) - Math.atan2(probe[1], probe[0])) % TWO_PI + TWO_PI) % TWO_PI);
            }}
            onPlanePointerUp={() => (handleDrag.current = false)}
            overlay={(toSvg) => {
              const [cx, cy] = toSvg(0, 0);
              const [px, py] = toSvg(probe[0], probe[1]);
              const [qx, qy] = toSvg(rotated[0], rotated[1]);
              const rr = Math.hypot(px - cx, py - cy);
              return (
                <g>
                  <circle cx={cx} cy={cy} r={rr} fill="none" stroke="#333" strokeDasharray="3 3" />
                  <circle cx={px} cy={py} r={5} fill="none" stroke="#000" strokeWidth={2} />
                  <line x1={cx} y1={cy} x2={qx} y2={qy} stroke="#f2a900" strokeWidth={2} />
                  <circle cx={qx} cy={qy} r={7} fill="#f2a900" stroke="#000" data-testid="rotation-handle" />
                </g>
              );
            }}
          />
          <ColorLegend scale={{ kind: 'diverging', limit: OUTPUT_LIMIT }} label="Output" />
          <figcaption>Click to place the probe x; drag the yellow handle to rotate it to ρ(θ)x. The dashed circle is its SO(2) orbit; the ensemble was trained with {groupName(config.group)} only.</figcaption>
        </div>
        <div className="figure-card">
          <h3>f(ρ(θ)x) along the orbit</h3>
          <div data-testid="orbit-curve" data-mean-values={curves ? JSON.stringify(Array.from(curves.mean.values)) : ''} data-member-values={curves ? JSON.stringify(Array.from(curves.members[member].values)) : ''}>
            <LineChart
              title="Predictions along the orbit"
              series={series}
              xLabel="θ (radians)"
              yLabel="f(ρ(θ)x)"
              markerX={theta}
              xMarks={markedOrder ? { values: groupAngles(markedOrder), label: `the ${markedOrder} angles of C${markedOrder}, 2πm/${markedOrder}`, testId: 'orbit-group-marks' } : undefined}
              summary={`mean periodicity error ${fmt(meanPeriodErr)}, member ${fmt(memberPeriodErr)}`}
            />
          </div>
          {legendSeries.length === 0 && <p className="readout">waiting for the first snapshot</p>}
          {curves && <OrbitClaim group={config.group} mean={curves.mean} member={curves.members[member]} memberIndex={member} E={E} />}
          <p className="readout">
            at θ = {((theta * 180) / Math.PI).toFixed(0)}°: mean {curves ? curveAt(curves.mean, theta).toFixed(3) : '–'}, member {member}{' '}
            {curves ? curveAt(curves.members[member], theta).toFixed(3) : '–'}
          </p>
          <figcaption>
            Read from the stored snapshot ({at}) on the polar grid: the ring through x, 64 angles, interpolated between the two nearest radii.
            Faint lines: the other {E - 1} members.
          </figcaption>
        </div>
        <div className="figure-card">
          <h3>Periodicity and orbit same predictions</h3>
          <table className="numbers" aria-label="Orbit numbers">
            <ColumnHeads columns={['', 'ensemble mean', `member ${member}`, 'average member']} />
            <tbody>
              <tr>
                <th scope="row">periodicity error under 2π/{periodN}</th>
                <td data-testid="period-error-mean" data-value={String(meanPeriodErr)}>{fmt(meanPeriodErr)}</td>
                <td data-testid="period-error-member" data-value={String(memberPeriodErr)}>{fmt(memberPeriodErr)}</td>
                <td data-testid="period-error-members" data-value={String(avgMemberPeriodErr)}>{fmt(avgMemberPeriodErr)}</td>
              </tr>
              <tr>
                <th scope="row">orbit same predictions of x (of {periodN})</th>
                <td data-testid="osp-probe-mean" data-value={String(ospProbeMean)}>{fmt(ospProbeMean, 2)}</td>
                <td data-testid="osp-probe-member" data-value={String(ospProbeMember)}>{fmt(ospProbeMember, 2)}</td>
                <td></td>
              </tr>
              <tr>
                <th scope="row">orbit same predictions, plane average</th>
                <td data-testid="osp-plane-mean" data-value={String(ospPlaneMean)}>{fmt(ospPlaneMean)}</td>
                <td data-testid="osp-plane-member" data-value={String(ospPlaneMember)}>{fmt(ospPlaneMember)}</td>
                <td></td>
              </tr>
              <tr>
                <th scope="row">far field r &gt; {fmt(far?.rFar ?? NaN, 3)}: orbit rstd</th>
                <td data-testid="far-rstd-mean" data-value={String(far?.mean.relativeStd ?? '')}>{fmt(far?.mean.relativeStd ?? NaN)}</td>
                <td data-testid="far-rstd-member" data-value={String(farSelected?.relativeStd ?? '')}>{fmt(farSelected?.relativeStd ?? NaN)}</td>
                <td data-testid="far-rstd-members" data-value={String(far?.member.relativeStd ?? '')}>{fmt(far?.member.relativeStd ?? NaN)}</td>
              </tr>
            </tbody>
          </table>
          <figcaption>
            Periodicity error <Tex>{`= \\max_\\theta |f(\\rho(\\theta + 2\\pi/${periodN})x) - f(\\rho(\\theta)x)| \\,/\\, \\max_\\theta |f(\\rho(\\theta)x)|`}</Tex>, over the 64 samples (an exact index
            shift). Orbit same predictions counts the <Tex>{`C_{${periodN}}`}</Tex> orbit elements whose sign of f matches that at x (1 to {periodN}). Far field: the orbit relative std on the snapshot's second grid, beyond twice the outermost training radius and
            out to r = {fmt(far?.rOuter ?? NaN, 2)}, where nothing was trained.
          </figcaption>
        </div>
      </div>
    </section>
  );
}
