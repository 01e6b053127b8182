/**
 * The equivariant toy lab: 2D inputs, vector outputs transforming by π, C_n augmentation. Quivers of the mean and of
 * a member, deviation heatmaps, the orbit view for vectors, deviation against step, and the wrong-representation
 * switch.
 */
import { useDeferredValue, useMemo, useState } from 'react';
import { makePolarGrid } from '../../../core/data/polarGrid';
import { stepLabel } from '../../../core/ensemble/schedule';
import {
  equivarianceDeviationField,
  meanAbsoluteAngleError,
  orbitAngleErrors,
  vectorMemberField,
} from '../../../core/equivariance/deviation';
import { labelRepresentation, vectorOutputDimension, type VectorConfig } from '../../../core/equivariance/vectorConfig';
import { outputRepresentationName } from '../../../core/equivariance/representation';
import { viewedSnapshot, useVectorStore } from '../../../state/vectorStore';
import { LabTransport, Num } from './LabTransport';
import { SelectField } from '../../common/SelectField';
import { Quiver, quiverSample } from '../../charts/Quiver';
import { VectorOrbitView } from '../../charts/VectorOrbitView';
import { StepChart } from '../../charts/LineChart';
import type { VectorWorkerClient } from '../../../state/useVectorWorker';
import { PolarHeatmap, type HeatmapScale } from '../../charts/PolarHeatmap';
import { HeatmapCard } from '../../charts/HeatmapCard';
import { meanMemberSeries } from '../../charts/meanMemberSeries';
import { Tex } from '../../common/LazyTex';
import { MemberInput } from '../../common/MemberInput';
import { ColumnHeads } from '../../common/ColumnHeads';

const GRID = makePolarGrid();
const SAMPLE = quiverSample(GRID);
const PROBE_J0 = 5;

export const REP_OPTIONS = ['defining', 'psi2', 'psi-1', 'trivial'] as const;
export type RepOption = (typeof REP_OPTIONS)[number];
const REP_LABELS: Record<RepOption, string> = {
  defining: 'defining ρ (vectors)',
  psi2: 'ψ₂ (headless director)',
  'psi-1': 'ψ₋₁ (turns against the input)',
  trivial: 'trivial (scalar, invariance)',
};

export interface PlaneSettings {
  rep: RepOption;
  group: number;
  wrong: boolean;
  E: number;
  width: number;
  steps: number;
  lr: number;
  seed: number;
  /** URL init=orbit: orbit-closed members (exactly equivariant mean); otherwise independent. */
  init: 'independent' | 'orbit';
}

export function PlaneLab({
  client,
  settings,
  setSetting,
}: {
  client: VectorWorkerClient;
  settings: PlaneSettings;
  setSetting: (key: keyof PlaneSettings, value: string) => void;
}) {
  const current = useVectorStore((s) => s.plane);
  // While the lab trains, its figures (two quivers, four fields, the orbit view) follow the run in a deferred render,
  // which React can interrupt: rendered with each snapshot, they held the page for 53-68 ms while two workers trained.
  // Once the run stops they show the store's state at once, so what a reader sees after "done" is the last snapshot.
  const deferred = useDeferredValue(current);
  const lab = current.status === 'running' ? deferred : current;
  const config: VectorConfig = lab.config;
  const snap = viewedSnapshot(lab);
  const d = vectorOutputDimension(config);
  const E = snap?.ensembleSize ?? config.ensembleSize;
  const [member, setMember] = useState(0);
  const k = Math.min(member, E - 1);
  const [ring, setRing] = useState(15);
  const [shift, setShift] = useState(8);
  const rep = config.representation;
  const n = config.groupOrder > 1 ? config.groupOrder : 8;

  const memberValues = snap ? vectorMemberField(snap.members, GRID.size, d, k) : undefined;
  const memberDev = useMemo(() => (memberValues ? equivarianceDeviationField(memberValues, GRID, n, rep, d) : undefined), [memberValues, n, rep, d]);
  const devScale: HeatmapScale = useMemo(() => {
    let hi = 1e-6;
    for (const f of [snap?.meanDeviation, memberDev]) if (f) for (let i = 0; i < f.length; i++) hi = Math.max(hi, f[i]);
    return { kind: 'log', lo: hi / 1000, hi };
  }, [snap, memberDev]);

  const meanErr = useMemo(() => (snap ? orbitAngleErrors(snap.mean, GRID, ring, PROBE_J0, rep, d) : undefined), [snap, ring, rep, d]);
  const memberErr = useMemo(() => (memberValues ? orbitAngleErrors(memberValues, GRID, ring, PROBE_J0, rep, d) : undefined), [memberValues, ring, rep, d]);

  const m = snap?.metrics;
  const series = lab.snapshots.map((s) => s.metrics);
  const at = snap ? stepLabel(snap.step).toLowerCase() : 'before training';
  const ratio = m ? m.member.off.relativeStd / m.mean.off.relativeStd : undefined;
  const canWrong = rep.kind !== 'trivial';
  const points = config.points;

  return (
    <div className="vector-plane">
      <div className="controls" role="group" aria-label="Vector lab settings">
        <SelectField label="Output representation π" testId="rep-select" value={settings.rep} options={REP_OPTIONS} format={(o) => REP_LABELS[o]} onChange={(v) => setSetting('rep', v)} />
        <SelectField label="Augmentation group" value={settings.group} options={[1, 2, 4, 8, 16]} format={(o) => (o === 1 ? 'none' : `C${o}`)} onChange={(v) => setSetting('group', String(v))} />
        <label className="field">
          <input
            type="checkbox"
            data-testid="wrong-rep"
            checked={settings.wrong && canWrong}
            disabled={!canWrong}
            onChange={(e) => setSetting('wrong', e.target.checked ? '1' : '0')}
          />{' '}
          Wrong representation (labels do not transform)
        </label>
        <SelectField
          label="Members drawn"
          testId="init-select"
          value={settings.init}
          options={['independent', 'orbit'] as const}
          format={(o) => (o === 'orbit' ? 'orbit-closed (exact)' : 'independent')}
          onChange={(v) => setSetting('init', v)}
        />
        <SelectField label="Ensemble size E" value={settings.E} options={[1, 2, 4, 8, 16, 32, 64, 128]} onChange={(v) => setSetting('E', String(v))} />
        <SelectField label="Width" value={settings.width} options={[8, 16, 32, 64, 128]} onChange={(v) => setSetting('width', String(v))} />
        <SelectField label="Steps" value={settings.steps} options={[100, 300, 1000, 2000]} onChange={(v) => setSetting('steps', String(v))} />
        <SelectField label="Learning rate" value={settings.lr} options={[0.05, 0.1, 0.25, 0.5, 1]} onChange={(v) => setSetting('lr', String(v))} />
        <SelectField label="Seed" value={settings.seed} options={[1, 2, 3, 4, 5]} onChange={(v) => setSetting('seed', String(v))} />
      </div>
      <LabTransport lab="plane" client={client} />
      <p>
        {E} networks 2 → {config.width} × {config.depth} → {d} are trained on {points.length} points, each copied along its C{config.groupOrder} orbit as
        (ρ(g)x, {config.wrongRepresentation ? 'y' : 'π(g)y'}) with π = {outputRepresentationName(labelRepresentation(config))}
        {config.wrongRepresentation && <strong> — the wrong representation: the targets are vectors, but the labels do not turn</strong>}.
      </p>
      <div className="figure-grid">
        {d === 2 ? (
          <>
            <div className="figure-card">
              <h3>Ensemble mean</h3>
              <Quiver label="Quiver plot of the ensemble mean" testId="quiver-mean" values={snap?.mean} grid={GRID} sample={SAMPLE} rep={rep} color="#1f5fa8" points={points} orbitOrder={config.groupOrder} labelRep={labelRepresentation(config)} />
              <figcaption>
                <Tex>{'\\bar f(x) = \\tfrac{1}{E} \\sum_k f_k(x)'}</Tex>, {at}. Black: training arrows; grey: their copies (ρ(g)x, {config.wrongRepresentation ? 'y' : 'π(g)y'}) along each orbit. Arrows are scaled to the longest.
              </figcaption>
            </div>
            <div className="figure-card">
              <h3>
                <MemberInput label="Member" ariaLabel="Selected member" value={k} count={E} onChange={setMember} />{' '}
                of {E}
              </h3>
              <Quiver label={`Quiver plot of member ${k}`} testId="quiver-member" values={memberValues} grid={GRID} sample={SAMPLE} rep={rep} color="#c0561b" />
              <figcaption><Tex>{`f_{${k}}(x)`}</Tex>, one member trained on the same augmented data: not equivariant.</figcaption>
            </div>
          </>
        ) : (
          <>
            <div className="figure-card">
              <h3>Ensemble mean (scalar)</h3>
              <PolarHeatmap label="Ensemble mean" testId="heatmap-mean" values={snap?.mean} grid={GRID} scale={{ kind: 'diverging', limit: 1.5 }} points={points.map((p) => ({ x: p.x, y: p.y[0] }))} orbitOrder={config.groupOrder} summary={`ensemble mean ${at}`} />
              <figcaption>With π trivial the output is a scalar and equivariance is invariance.</figcaption>
            </div>
            <div className="figure-card">
              <h3>Member {k} (scalar)</h3>
              <PolarHeatmap label="Member" testId="heatmap-member" values={memberValues} grid={GRID} scale={{ kind: 'diverging', limit: 1.5 }} summary={`member ${k} ${at}`} />
            </div>
          </>
        )}
        <HeatmapCard
          heading="Equivariance deviation of the mean"
          label="Equivariance deviation of the ensemble mean" testId="heatmap-dev-mean" values={snap?.meanDeviation} grid={GRID} scale={devScale} summary={`off-manifold mean deviation ${m?.mean.off.meanDeviation.toPrecision(3) ?? '–'}`}
          legend="Deviation"
          caption={
            <>
              <Tex>{`\\operatorname{dev}(x) = \\sqrt{\\tfrac{1}{n} \\sum_{g} \\|\\pi(g)^{-1} \\bar f(\\rho(g)x) - \\bar v\\|^2}`}</Tex> over <Tex>{`C_{${n}}`}</Tex>, measured against π = {outputRepresentationName(rep)}; log scale shared with the member.
            </>
          }
        />
        <HeatmapCard
          heading={<>Equivariance deviation of member {k}</>}
          label="Equivariance deviation of the member" testId="heatmap-dev-member" values={memberDev} grid={GRID} scale={devScale} summary={`member ${k} deviation`}
          legend="Deviation"
        />
        <div className="figure-card table-card">
          <h3>Deviation numbers</h3>
          <table className="numbers">
            <caption>
              <Tex>{'\\operatorname{rstd}(R) = \\operatorname{mean}_R \\operatorname{dev} \\,/\\, \\operatorname{mean}_R \\|f\\|'}</Tex>; on-manifold: within 0.3 of an augmented training input. {at}.
            </caption>
            <ColumnHeads columns={['', 'mean, off', 'member, off', 'mean, on', 'member, on']} />
            <tbody>
              <tr>
                <th scope="row">rstd</th>
                <td><Num testId="dev-mean-off" value={m?.mean.off.relativeStd} /></td>
                <td><Num testId="dev-member-off" value={m?.member.off.relativeStd} /></td>
                <td><Num testId="dev-mean-on" value={m?.mean.on.relativeStd} /></td>
                <td><Num testId="dev-member-on" value={m?.member.on.relativeStd} /></td>
              </tr>
              <tr>
                <th scope="row">mean dev</th>
                <td><Num testId="dev-mean-off-abs" value={m?.mean.off.meanDeviation} /></td>
                <td><Num testId="dev-member-off-abs" value={m?.member.off.meanDeviation} /></td>
                <td><Num testId="dev-mean-on-abs" value={m?.mean.on.meanDeviation} /></td>
                <td><Num testId="dev-member-on-abs" value={m?.member.on.meanDeviation} /></td>
              </tr>
            </tbody>
          </table>
          <p>
            A member is <Num testId="dev-ratio-off" value={ratio} digits={2} />× less equivariant off the manifold than the mean (member rstd averaged over all {E}).
          </p>
        </div>
        <div className="figure-card">
          <h3>Deviation against training step</h3>
          <StepChart
            title="Off-manifold rstd against step"
            testId="chart-dev-step"
            series={meanMemberSeries(series, (s) => s.step, (s) => s.mean.off.relativeStd, (s) => s.member.off.relativeStd, ['ensemble mean', 'member (average)'])}
            yLabel="off-manifold rstd"
            step={snap?.step}
            summary={`${series.length} snapshots`}
          />
        </div>
        {d === 2 && (
          <div className="figure-card">
            <h3>Orbit view: rotate a probe</h3>
            <VectorOrbitView mean={snap?.mean} member={memberValues} grid={GRID} ring={ring} probeAngle={PROBE_J0} shift={shift} rep={rep} />
            <label className="field">
              Probe radius{' '}
              <input type="range" min={0} max={GRID.radii.length - 1} value={ring} onChange={(e) => setRing(Number(e.target.value))} aria-valuetext={`r = ${GRID.radii[ring].toFixed(2)}`} />{' '}
              r = {GRID.radii[ring].toFixed(2)}
            </label>
            <label className="field">
              Rotation θ{' '}
              <input type="range" min={0} max={GRID.nAngles - 1} value={shift} data-testid="orbit-rotation" onChange={(e) => setShift(Number(e.target.value))} aria-valuetext={`${((360 * shift) / GRID.nAngles).toFixed(1)} degrees`} />{' '}
              {((360 * shift) / GRID.nAngles).toFixed(1)}°
            </label>
            <p>
              Angle between f(ρ(θ)x) and π(θ)f(x): mean <Num testId="angle-error-mean" value={meanErr?.[shift]} suffix="°" />, member{' '}
              <Num testId="angle-error-member" value={memberErr?.[shift]} suffix="°" />. Averaged over all 64 rotations: mean{' '}
              <Num testId="angle-error-mean-avg" value={meanErr ? meanAbsoluteAngleError(meanErr) : undefined} suffix="°" />, member{' '}
              <Num testId="angle-error-member-avg" value={memberErr ? meanAbsoluteAngleError(memberErr) : undefined} suffix="°" />.
            </p>
          </div>
        )}
      </div>
    </div>
  );
}
