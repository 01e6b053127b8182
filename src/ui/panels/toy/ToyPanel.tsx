/**
 * #/lab/toy: the toy example. A deep ensemble trained with rotation augmentation; its mean becomes invariant
 * everywhere up to 1/√E sampling noise (exactly in the infinite ensemble), while no single member does.
 */
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { makePolarGrid } from '../../../core/data/polarGrid';
import { makeFarFieldGrid } from '../../../core/metrics/farField';
import type { ToyPoint } from '../../../core/data/toySets';
import { groupLabel } from '../../../core/ensemble/groupSpec';
import { stepLabel } from '../../../core/ensemble/schedule';
import { selectViewedFrame, useTrainingStore } from '../../../state/trainingStore';
import { useToyConfig } from '../../../state/useToyConfig';
import { MEMBER_FIELD } from '../../../state/orbitUrl';
import { getTrainerClient } from '../../../state/trainerClient';
import { ColorLegend } from '../../charts/ColorLegend';
import { HeatmapCard } from '../../charts/HeatmapCard';
import { LineChart, StepChart } from '../../charts/LineChart';
import { RunTimingsNote } from '../../lab/RunTimingsNote';
import { PolarHeatmap, type HeatmapScale } from '../../charts/PolarHeatmap';
import { TimelineScrubber } from '../../lab/TimelineScrubber';
import { TrainingTransport } from '../../lab/TrainingTransport';
import { MetricsTable } from './MetricsTable';
import { PointEditor } from './PointEditor';
import { ToyControls } from './ToyControls';
import { ensembleSizeSeries, invarianceSeries } from './invarianceSeries';
import { SizeSlopeCaption, sizeFits } from './SizeSlopeCaption';
import { memberPredictions } from '../../../core/metrics/ensembleStatistics';
import { orbitDeviationField } from '../../../core/metrics/orbitDeviation';
import { onManifoldMask } from '../../../core/metrics/manifoldMask';
import { frameMember, regionalStats } from '../../../core/ensemble/snapshot';
import { StatusMessages } from '../../lab/StatusMessages';
import { ToyLabExport } from '../../common/ExportButtons';
import { backendParam } from '../../../state/backendParam';
import { Tex } from '../../common/LazyTex';
import { MemberInput } from '../../common/MemberInput';
import { measurementOrder } from '../../../core/ensemble/groupSpec';
import { atCoarsePoints, COARSE_GRID } from '../../common/figure/toyTimeline';

/** Output colour limit: the targets are in [−1, 1]; a little headroom shows overshoot. */
export const OUTPUT_LIMIT = 1.5;
const GRID = makePolarGrid();
const FAR_GRID = makeFarFieldGrid();

export default function ToyPanel() {
  const { config, notices, params, update, setParam } = useToyConfig();
  const client = getTrainerClient(backendParam(params));
  useEffect(() => client.ensureStarted(config), [client, config]);

  // The figures, curves and tables follow the store one render behind, in a render React may interrupt: a new frame
  // arrives from the workers up to ~20 times a second, and at E = 1024 re-rendering everything in the message's own
  // task took 5–11 ms of the page's thread time, 20–60 ms of wall time with two training workers on two cores
  // (docs/PERFORMANCE.md). The timeline and the transport read the store directly and answer at once.
  const snapshots = useDeferredValue(useTrainingStore((s) => s.snapshots));
  const frame = useDeferredValue(useTrainingStore(selectViewedFrame));
  // A light frame draws its own coarse fields; its metrics are those of the last full snapshot before it.
  const snapshot = frame?.snapshot;
  const light = frame?.light;
  const E = snapshot?.ensembleSize ?? config.ensembleSize;
  const member = Math.min(MEMBER_FIELD.read(params.get('member') ?? '0').value, E - 1);
  const hidden = useMemo(() => new Set((params.get('hide') ?? '').split(',').filter(Boolean)), [params]);
  const [selectedPoint, setSelectedPoint] = useState<number | null>(null);
  const drag = useRef<{ index: number; moved: boolean } | null>(null);
  const [dragPos, setDragPos] = useState<[number, number] | null>(null);

  const measureOrder = snapshot?.metrics.measureOrder ?? 1;
  const memberValues = useMemo(() => (snapshot ? memberPredictions(snapshot.members, GRID.size, member) : undefined), [snapshot, member]);
  const memberDev = useMemo(
    () => (memberValues ? orbitDeviationField(memberValues, GRID, measureOrder) : undefined),
    [memberValues, measureOrder],
  );
  // What the heatmaps draw: the full snapshot's fields, or the light frame's on the coarse grid (upscaled).
  const shown = useMemo(() => {
    if (!light || !memberValues) return { grid: GRID, mean: snapshot?.mean, noAugMean: snapshot?.noAugMean, member: memberValues, meanDev: snapshot?.meanDeviation, memberDev, memberFrom: snapshot?.step };
    const order = measurementOrder(config.group, COARSE_GRID.nAngles);
    const carried = frameMember(light, member);
    const m = carried ?? atCoarsePoints(memberValues);
    return { grid: COARSE_GRID, mean: light.mean, noAugMean: light.noAugMean, member: m, meanDev: orbitDeviationField(light.mean, COARSE_GRID, order), memberDev: orbitDeviationField(m, COARSE_GRID, order), memberFrom: carried ? light.step : snapshot?.step };
  }, [light, snapshot, memberValues, memberDev, member, config.group]);
  // The picked member's row of the metrics table, from the same predictions as its heatmaps.
  const maskKey = JSON.stringify(config.points.map((p) => p.x));
  const mask = useMemo(() => onManifoldMask(GRID, config.points.map((p) => p.x), measureOrder), [maskKey, measureOrder]); // eslint-disable-line react-hooks/exhaustive-deps
  const selectedStats = useMemo(
    () => (memberValues && memberDev ? { member, stats: regionalStats(memberValues, GRID, measureOrder, mask, memberDev) } : undefined),
    [memberValues, memberDev, member, measureOrder, mask],
  );
  const devScale: HeatmapScale = useMemo(() => {
    let hi = 1e-6;
    for (const f of [shown.meanDev, shown.memberDev]) if (f) for (let i = 0; i < f.length; i++) hi = Math.max(hi, f[i]);
    return { kind: 'log', lo: hi / 1000, hi };
  }, [shown]);
  const outScale: HeatmapScale = { kind: 'diverging', limit: OUTPUT_LIMIT };

  const points: ToyPoint[] = config.points.map((p, i) => (dragPos && drag.current?.index === i ? { ...p, x: dragPos } : p));
  const setPoints = (pts: ToyPoint[]) => update({ points: pts });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (selectedPoint === null) return;
      const tag = (e.target as HTMLElement | null)?.tagName;
      if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') return;
      if (e.key === 'Delete' || e.key === 'Backspace') {
        setPoints(config.points.filter((_, j) => j !== selectedPoint));
        setSelectedPoint(null);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const nearestPoint = (x: number, y: number): number | null => {
    let best: number | null = null;
    let bestD = 0.2;
    config.points.forEach((p, i) => {
      const d = Math.hypot(p.x[0] - x, p.x[1] - y);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    });
    return best;
  };

  const m = snapshot?.metrics;
  const step = frame?.step ?? 0;
  const memberNote = shown.memberFrom !== undefined && shown.memberFrom !== step ? ` (this light frame does not carry member ${member}: shown ${stepLabel(shown.memberFrom).toLowerCase()}, the last full snapshot)` : '';
  const at = stepLabel(step);
  const series = invarianceSeries(snapshots);
  const sizeSeries = snapshot ? ensembleSizeSeries(snapshot) : [];
  const slope = sizeFits(snapshot?.metrics.sizeCurve)?.rstd.slope ?? NaN;
  const fmt = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v.toPrecision(3) : '–');

  return (
    <section className="panel toy-panel" aria-labelledby="toy-title">
      <h2 id="toy-title">Toy example: emergent invariance in a deep ensemble</h2>
      <p>
        {E} small networks (2 → {config.width} × {config.depth} → 1, ReLU) are trained on the points below,{' '}
        {config.group.kind === 'so2' ? `each step rotated by ${config.group.k} fresh random angle${config.group.k === 1 ? '' : 's'}, the same for every member (random-angle augmentation).` : `each rotated by every element of ${groupLabel(config.group)}.`} Watch the ensemble mean become invariant under these rotations everywhere, up to sampling noise that shrinks like 1/√E, while no single member does.
      </p>
      <StatusMessages notices={notices} />
      <ToyControls config={config} update={update} hidden={hidden} animationOption />
      <TrainingTransport />
      <RunTimingsNote />
      <TimelineScrubber />
      <ToyLabExport member={member} />
      {config.points.length === 0 && (
        <p role="alert" className="error-box">
          There are no training points. Click the mean heatmap or use “Add point” to add one; training needs at least one.
        </p>
      )}
      <div className="figure-grid" data-testid="toy-figures" data-step={frame?.step ?? -1} data-frame={light ? 'light' : 'full'} data-grid={light ? 'coarse' : 'full'}>
        <div className="figure-card">
          <h3>Ensemble mean, augmented</h3>
          <PolarHeatmap
            label="Ensemble mean heatmap"
            testId="heatmap-mean"
            values={shown.mean}
            grid={shown.grid}
            scale={outScale}
            points={points}
            orbitOrder={config.group.kind === 'cyclic' ? config.group.n : 1}
            summary={`ensemble mean of ${E} members ${at.toLowerCase()}, off-manifold rstd ${fmt(m?.mean.off.relativeStd)}`}
            onPlanePointerDown={(x, y) => {
              const i = nearestPoint(x, y);
              if (i !== null) {
                drag.current = { index: i, moved: false };
                setSelectedPoint(i);
              }
            }}
            onPlanePointerMove={(x, y) => {
              if (!drag.current) return;
              drag.current.moved = true;
              setDragPos([Math.max(-3, Math.min(3, x)), Math.max(-3, Math.min(3, y))]);
            }}
            onPlanePointerUp={() => {
              const d = drag.current;
              drag.current = null;
              if (d && d.moved && dragPos) setPoints(config.points.map((p, j) => (j === d.index ? { ...p, x: dragPos } : p)));
              setDragPos(null);
            }}
            onPlaneClick={(x, y) => {
              if (nearestPoint(x, y) !== null || Math.abs(x) > 3 || Math.abs(y) > 3) return;
              setPoints([...config.points, { x: [Math.round(x * 100) / 100, Math.round(y * 100) / 100], y: 1 }]);
            }}
          />
          <ColorLegend scale={outScale} label="Output" />
          <figcaption>
            <Tex>{'\\bar f(x) = \\tfrac{1}{E} \\sum_k f_k(x)'}</Tex> on the polar evaluation grid ({light ? '12 radii × 32 angles, a light frame drawn upscaled' : '24 radii × 64 angles'}, radius ≤ 3), {at.toLowerCase()}. Dots:
            training points and their orbits (blue +1, red −1, grey 0).
          </figcaption>
        </div>
        <HeatmapCard
          heading={
            <>
              <MemberInput label="Member" ariaLabel="Selected member" value={member} count={E} onChange={(k) => setParam('member', String(k))} /> of {E}, augmented
            </>
          }
          label="Member heatmap" testId="heatmap-member" values={shown.member} grid={shown.grid} scale={outScale} points={points} orbitOrder={1} summary={`member ${member} ${at.toLowerCase()}${memberNote}`}
          legend="Output"
          caption={<><Tex>{`f_{${member}}(x)`}</Tex>, one member of the same ensemble: trained on the same augmented data, not invariant.{memberNote && <span data-testid="member-from-snapshot">{memberNote}.</span>}</>}
        />
        {shown.noAugMean && (
          <HeatmapCard
            heading="Ensemble mean, not augmented"
            label="Ensemble mean without augmentation" testId="heatmap-noaug" values={shown.noAugMean} grid={shown.grid} scale={outScale} points={points} orbitOrder={1} summary={`mean without augmentation, off-manifold rstd ${fmt(m?.noAugMean?.off.relativeStd)}`}
            legend="Output"
            caption={<>The same {E} initial networks trained on the {config.points.length} points alone: the mean fits the data and is not invariant.</>}
          />
        )}
        <HeatmapCard
          heading="Orbit deviation of the mean"
          label="Orbit deviation of the ensemble mean" testId="heatmap-dev-mean" values={shown.meanDev} grid={shown.grid} scale={devScale} summary={`mean off-manifold deviation ${fmt(m?.mean.off.meanDeviation)}`}
          legend="Deviation"
          caption={<><Tex>{`\\operatorname{dev}(x) = \\operatorname{std}_{g \\in C_{${measureOrder}}} \\bar f(\\rho(g)x)`}</Tex>, the spread over the orbit; log scale shared with the member's map.</>}
        />
        <HeatmapCard
          heading={<>Orbit deviation of member {member}</>}
          label="Orbit deviation of the selected member" testId="heatmap-dev-member" values={shown.memberDev} grid={shown.grid} scale={devScale} summary={`member ${member} orbit deviation`}
          legend="Deviation"
          caption={<>The same deviation for one member, on the same log colour scale.</>}
        />
        <div className="figure-card">
          <h3>Invariance against training step</h3>
          <StepChart
            title="Orbit relative std against step"
            testId="chart-invariance"
            series={series}
            yLabel="rstd"
            step={step}
            summary={`at ${at.toLowerCase()}: mean ${fmt(m?.mean.off.relativeStd)}, member ${fmt(m?.member.off.relativeStd)}, no augmentation ${fmt(m?.noAugMean?.off.relativeStd)} (off-manifold)`}
          />
          <figcaption><Tex>{'\\operatorname{rstd}(R) = \\operatorname{mean}_R \\operatorname{dev} \\,/\\, \\operatorname{mean}_R |f|'}</Tex>, solid off-manifold, dashed on-manifold. Member: the average of every member's own rstd.</figcaption>
        </div>
        <div className="figure-card">
          <h3>Invariance against ensemble size</h3>
          <LineChart title="Orbit relative std against ensemble size" testId="chart-size" series={sizeSeries} xLabel="ensemble size E (log)" yLabel="rstd, off-manifold" logX logY summary={`fitted slope ${fmt(slope)}; 1/√E would be −0.5`} />
          <SizeSlopeCaption curve={snapshot?.metrics.sizeCurve} init={config.orbitClosed ? 'orbit-closed' : config.antithetic ? 'antithetic' : 'independent'} step={step} E={E} />
        </div>
        {snapshot?.farMean && (
          <HeatmapCard
            heading="Far field: the ensemble mean out to r = 12"
            label="Ensemble mean in the far field" testId="heatmap-far-mean" values={snapshot.farMean} grid={FAR_GRID} extent={12} scale={outScale} points={points} orbitOrder={config.group.kind === 'cyclic' ? config.group.n : 1} summary={`far-field mean, rstd beyond r = ${fmt(m?.far?.rFar)}: ${fmt(m?.far?.mean.relativeStd)}`}
            legend="Output"
            caption={
              <>
                The same mean on a coarser grid (16 radii to r = 12). The training points all lie within <Tex>{'r_{\\max}'}</Tex> ={' '}
                {fmt((m?.far?.rFar ?? NaN) / 2)}; beyond <Tex>{'2\\,r_{\\max}'}</Tex> the orbit deviation is in the table (“far field” rows): mean{' '}
                {fmt(m?.far?.mean.relativeStd)}, member average {fmt(m?.far?.member.relativeStd)} (rstd).
              </>
            }
          />
        )}
        <MetricsTable snapshot={snapshot} selected={selectedStats} />
      </div>
      <PointEditor points={config.points} selected={selectedPoint} onSelect={setSelectedPoint} onChange={setPoints} />
    </section>
  );
}
