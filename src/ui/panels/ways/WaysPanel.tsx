/**
 * #/lab/ways: four routes to an invariant model on the toy problem, side by side, from the same trained run as the
 * toy lab (same URL config, same store, same members). Every route is computed from the stored member predictions
 * on the polar grid: no extra forward pass, and nothing heavier than a few milliseconds on the main thread.
 */
import { useEffect, useMemo } from 'react';
import { makePolarGrid } from '../../../core/data/polarGrid';
import { groupLabel } from '../../../core/ensemble/groupSpec';
import { stepLabel } from '../../../core/ensemble/schedule';
import { onManifoldMask } from '../../../core/metrics/manifoldMask';
import { computeToyRoutes, so2ResidualCurve, type RouteId, type ToyRouteResult } from '../../../core/routes';
import { selectViewedSnapshot, useTrainingStore } from '../../../state/trainingStore';
import { useToyConfig } from '../../../state/useToyConfig';
import { MEMBER_FIELD } from '../../../state/orbitUrl';
import { getTrainerClient } from '../../../state/trainerClient';
import { ColorLegend } from '../../charts/ColorLegend';
import { LineChart, StepChart, type Series } from '../../charts/LineChart';
import { PolarHeatmap, type HeatmapScale } from '../../charts/PolarHeatmap';
import { StatusMessages } from '../../lab/StatusMessages';
import { TimelineScrubber } from '../../lab/TimelineScrubber';
import { TrainingTransport } from '../../lab/TrainingTransport';
import { ProsCons } from './ProsCons';
import { fmt, Num } from './Num';
import './ways.css';
import { backendParam } from '../../../state/backendParam';
import { Tex } from '../../common/LazyTex';
import { MemberInput } from '../../common/MemberInput';
import { ColumnHeads } from '../../common/ColumnHeads';

const GRID = makePolarGrid();
const OUTPUT_LIMIT = 1.5;
const RESIDUAL_MS = [1, 2, 4, 8, 16, 32, 64];

interface RouteCard {
  id: RouteId;
  title: string;
  what: string;
}

export default function WaysPanel() {
  const { config, notices, params, setParam } = useToyConfig();
  const client = getTrainerClient(backendParam(params));
  useEffect(() => client.ensureStarted(config), [client, config]);

  const snapshots = useTrainingStore((s) => s.snapshots);
  const snapshot = useTrainingStore(selectViewedSnapshot);
  const runConfig = useTrainingStore((s) => s.config);
  const E = snapshot?.ensembleSize ?? config.ensembleSize;
  const member = Math.min(MEMBER_FIELD.read(params.get('member') ?? '0').value, E - 1);
  const n = snapshot?.metrics.measureOrder ?? (config.group.kind === 'cyclic' && config.group.n > 1 ? config.group.n : GRID.nAngles);

  const mask = useMemo(() => onManifoldMask(GRID, runConfig.points.map((p) => p.x), n), [runConfig, n]);
  const routes = useMemo(() => (snapshot ? computeToyRoutes(snapshot, GRID, mask, member) : undefined), [snapshot, mask, member]);
  const residual = useMemo(
    () => (routes ? so2ResidualCurve(routes.routes.member.values, GRID, mask, RESIDUAL_MS, runConfig.seed) : []),
    [routes, mask, runConfig.seed],
  );

  const devScale: HeatmapScale = useMemo(() => {
    let hi = 1e-6;
    if (routes) for (const r of Object.values(routes.routes)) for (let i = 0; i < r.deviation.length; i++) hi = Math.max(hi, r.deviation[i]);
    return { kind: 'log', lo: hi / 1000, hi };
  }, [routes]);
  const outScale: HeatmapScale = { kind: 'diverging', limit: OUTPUT_LIMIT };
  const at = stepLabel(snapshot?.step ?? 0).toLowerCase();
  const gName = `C${n}`;

  const cards: RouteCard[] = [
    { id: 'ensemble', title: '1. DeepEns+DA: ensemble mean', what: `f̄(x) = (1/E) Σₖ fₖ(x) over all ${E} members, each trained with ${groupLabel(config.group)} augmentation.` },
    { id: 'member', title: '2. Only DA: one member', what: `f_${member}(x), one augmented member (the map). Numbers: mean ± std over the ${E} members.` },
    { id: 'groupAverage', title: '3. Group averaging', what: `f̄(x) = (1/|G|) Σ_g f_${member}(ρ(g)⁻¹x) over G = ${gName}: member ${member} symmetrised at inference.` },
    { id: 'canonical', title: '4. Canonicalisation', what: `f_${member}(ρ(h(x))⁻¹x), h(x) rotates x into the sector [0, 2π/${n}): on the grid, angle index j → j mod ${GRID.nAngles / n}.` },
    { id: 'frame', title: '4b. Frame averaging', what: `Average of f_${member} over the frame F(x) = {g : ρ(g)⁻¹x ∈ [−π/${n}, π/${n}]}: two elements on sector boundaries, one elsewhere.` },
  ];

  const lossSeries: Series[] = useMemo(() => {
    const pts = (f: (l: Float32Array) => number): [number, number][] =>
      snapshots.map((s) => [s.step, f(s.losses)] as [number, number]).filter(([, v]) => Number.isFinite(v) && v > 0);
    return [
      { label: 'routes 1–2: mean member loss', color: '#0b5394', points: pts((l) => l.reduce((a, v) => a + v, 0) / l.length), dots: true },
      { label: `routes 3–4: member ${member}'s loss`, color: '#cc4c02', dash: '4 3', points: pts((l) => l[Math.min(member, l.length - 1)]), dots: true },
    ];
  }, [snapshots, member]);

  const residualSeries: Series[] = [
    { label: 'M evenly spaced angles (C_M)', color: '#0b5394', points: residual.filter((p) => p.evenly > 0).map((p) => [p.M, p.evenly]), dots: true },
    { label: 'M random angles (Monte Carlo)', color: '#cc4c02', points: residual.map((p) => [p.M, p.random]), dots: true },
    { label: 'reference ∝ 1/√M', color: '#777777', dash: '5 4', points: residual.map((p) => [p.M, (residual[0]?.random ?? 1) / Math.sqrt(p.M)]), width: 1.5 },
  ];
  const r = routes?.routes;

  return (
    <section className="panel ways-panel" aria-labelledby="ways-title">
      <h2 id="ways-title">Routes to equivariance, side by side</h2>
      <p>
        One trained run (the same settings and seed as the toy lab: {E} members, 2 → {config.width} × {config.depth} → 1, {groupLabel(config.group)}), four ways
        to get an invariant prediction from it. Routes 3 and 4 post-process member {member} of the same augmented ensemble, so the same MLP is used
        throughout. All numbers are measured over the orbit group {gName} on the off-manifold region (grid points farther than 0.3 from every augmented
        training point), {at}.
      </p>
      <StatusMessages notices={notices} />
      <div className="controls">
        <MemberInput label="Member used by routes 2–4" ariaLabel="Member used by routes 2 to 4" value={member} count={E} onChange={(k) => setParam('member', String(k))} />
        <a href={`#/lab/toy?${params.toString()}`}>Open this run in the toy lab</a>
      </div>
      <TrainingTransport />
      <TimelineScrubber />

      <table className="numbers" aria-label="Routes compared" data-testid="ways-table">
        <ColumnHeads columns={['route', 'off-manifold rstd', 'max orbit deviation', `OSP off (of ${n})`, 'training loss', 'forward passes / prediction']} />
        <tbody>
          {cards.map((c) => (
            <RouteRow key={c.id} card={c} r={r?.[c.id]} />
          ))}
        </tbody>
      </table>

      <div className="figure-grid">
        {cards.map((c) => (
          <div className="figure-card" key={c.id} data-testid={`route-card-${c.id}`}>
            <h3>{c.title}</h3>
            <PolarHeatmap
              label={`${c.title}: prediction`}
              testId={`ways-heatmap-${c.id}`}
              values={r?.[c.id].values}
              grid={GRID}
              scale={outScale}
              points={runConfig.points}
              orbitOrder={1}
              summary={`${c.title} ${at}, off-manifold rstd ${fmt(r?.[c.id].rstdOff)}`}
            />
            <ColorLegend scale={outScale} label="Output" />
            <PolarHeatmap
              label={`${c.title}: orbit deviation`}
              testId={`ways-dev-${c.id}`}
              values={r?.[c.id].deviation}
              grid={GRID}
              scale={devScale}
              summary={`${c.title} orbit deviation, maximum ${fmt(r?.[c.id].maxDeviation)}`}
            />
            <ColorLegend scale={devScale} label="Orbit deviation (log)" />
            <p className="readout">
              rstd off <Num id={`ways-${c.id}-rstd`} v={r?.[c.id].rstdOff} spread={c.id === 'member' ? r?.member.rstdOffSpread : undefined} /> · max dev{' '}
              <Num id={`ways-${c.id}-maxdev`} v={r?.[c.id].maxDeviation} /> · cost <Num id={`ways-${c.id}-cost`} v={r?.[c.id].cost} digits={4} /> passes
            </p>
            <figcaption>{c.what}</figcaption>
          </div>
        ))}
        <div className="figure-card">
          <h3>Training loss</h3>
          <StepChart
            title="Training loss against step"
            testId="ways-loss-chart"
            series={lossSeries}
            yLabel="loss"
            step={snapshot?.step}
            summary={`at ${at}: mean member loss ${fmt(r?.ensemble.loss)}, member ${member} ${fmt(r?.groupAverage.loss)}`}
          />
          <figcaption>
            L = (1/2N) Σᵢ (f(xᵢ) − yᵢ)² on the augmented training set, for the network(s) each route uses. Group averaging and canonicalisation wrap an
            already trained member, so their training loss is that member's.
          </figcaption>
        </div>
        <div className="figure-card">
          <h3>SO(2) by sampled angles: residual against M</h3>
          <LineChart
            title="SO(2) residual of the group average against the number of angles"
            testId="ways-residual-chart"
            series={residualSeries}
            xLabel="number of averaged angles M (log)"
            yLabel="residual"
            logX
            logY
            summary={`residual with 8 random angles ${fmt(residual.find((p) => p.M === 8)?.random)}, with 64 ${fmt(residual.find((p) => p.M === 64)?.random)}`}
          />
          <figcaption>
            <Tex>{`\\mathrm{Residual}(M) = \\operatorname{mean}_{\\text{off}} \\operatorname{std}_\\psi \\bar f_M(\\rho(\\psi)x) \\,/\\, \\operatorname{mean}_{\\text{off}} |f_{${member}}|`}</Tex>, with <Tex>{'\\psi'}</Tex> over the grid's ring of 64
            angles standing in for SO(2). Evenly spaced angles are exact <Tex>{'C_M'}</Tex> averaging and reach 0 at <Tex>{'M = 64'}</Tex>; random angles fall like <Tex>{'1/\\sqrt{M}'}</Tex>.
            Residual at M = 8 (random): <Num id="ways-residual-8" v={residual.find((p) => p.M === 8)?.random} />, at M = 64:{' '}
            <Num id="ways-residual-64" v={residual.find((p) => p.M === 64)?.random} />.
          </figcaption>
        </div>
      </div>
      <ProsCons routes={routes} n={n} E={E} width={config.width} depth={config.depth} />
    </section>
  );
}

function RouteRow({ card, r }: { card: RouteCard; r: ToyRouteResult | undefined }) {
  const isMember = card.id === 'member';
  return (
    <tr>
      <th scope="row">{card.title}</th>
      <td>
        <Num id={`ways-row-${card.id}-rstd`} v={r?.rstdOff} spread={isMember ? r?.rstdOffSpread : undefined} />
      </td>
      <td>
        <Num id={`ways-row-${card.id}-maxdev`} v={r?.maxDeviation} />
      </td>
      <td>
        <Num id={`ways-row-${card.id}-osp`} v={r?.ospOff} spread={isMember ? r?.ospOffSpread : undefined} digits={4} />
      </td>
      <td>
        <Num id={`ways-row-${card.id}-loss`} v={r?.loss} spread={isMember ? r?.lossSpread : undefined} />
      </td>
      <td>
        <Num id={`ways-row-${card.id}-cost`} v={r?.cost} digits={4} />
      </td>
    </tr>
  );
}
