/**
 * Compact toy-example figures driven by a ToyTimeline: the ensemble mean and one member side by side, the probe's
 * orbit f(ρ(θ)x) over θ, the invariance curve against training step, and the timeline controls (with the
 * "recorded" label and "Recompute live"). Used by the article, the slides and embedded figures.
 */
import { useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import { stepLabel } from '../../../core/ensemble/schedule';
import { groupLabel } from '../../../core/ensemble/groupSpec';
import { claimedGroupOrder, groupAndCircleSpread, groupAngles } from '../../../core/metrics/groupAngleSpread';
import { configToParams } from '../../../state/urlConfig';
import { PolarHeatmap, type HeatmapScale } from '../../charts/PolarHeatmap';
import { ColorLegend } from '../../charts/ColorLegend';
import { LineChart, StepChart, type Series } from '../../charts/LineChart';
import { sampleField } from '../../charts/polarRaster';
import { currentFrame, FULL_GRID, type FigureFrame, type TimelineState, type ToyTimeline } from './toyTimeline';

export const GRID = FULL_GRID;
export const OUTPUT_SCALE: HeatmapScale = { kind: 'diverging', limit: 1.5 };
/** The probe point x before rotation: off the training data, where invariance is not forced by the fit. */
export const PROBE: [number, number] = [2.2, 0.7];
/** Okabe–Ito colours: distinguishable with every common colour-vision deficiency. */
export const COLORS = { mean: '#0072B2', member: '#D55E00', noAug: '#009E73' };

export function useTimeline(t: ToyTimeline): TimelineState {
  return useStore(t.store);
}

export function rotateProbe(theta: number, x: [number, number] = PROBE): [number, number] {
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  return [c * x[0] - s * x[1], s * x[0] + c * x[1]];
}

const fmt = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v.toPrecision(2) : '–');

/** "ensemble mean orbit deviation 0.0041, member 0.21, at step 2000": the text alternative of a toy frame. */
export function frameSummary(f: FigureFrame | undefined, memberIndex: number): string {
  if (!f) return 'no snapshot yet';
  const m = f.metrics;
  // At initialisation the mean is close to 0, so the absolute deviation is the meaningful number.
  if (f.light) return `a light frame at step ${f.step}, drawn from a coarser grid (12 radii × 32 angles); the orbit relative deviation of the last full snapshot, step ${f.metricsStep}: ensemble mean ${fmt(m.mean.off.relativeStd)}, member ${memberIndex} ${fmt(m.selected.off.relativeStd)} (off the training data)`;
  if (f.step === 0) return `ensemble mean orbit deviation ${fmt(m.mean.off.meanDeviation)}, member ${memberIndex} ${fmt(m.selected.off.meanDeviation)}, at initialization (off the training data)`;
  return `ensemble mean orbit relative deviation ${fmt(m.mean.off.relativeStd)}, member ${memberIndex} ${fmt(m.selected.off.relativeStd)}, at step ${f.step} (off the training data)`;
}

/** A lab link carrying the same state: the config, the member and the probe angle. */
export function labHref(s: TimelineState, panel = 'toy'): string {
  const p = configToParams(s.config);
  if (s.memberIndex !== 0) p.set('member', String(s.memberIndex));
  const q = p.toString();
  return `#/lab/${panel}${q ? `?${q}` : ''}`;
}

function probeOverlay(theta: number) {
  const OverlayFn = (toSvg: (x: number, y: number) => [number, number]) => {
    const [px, py] = toSvg(...rotateProbe(theta));
    const [cx, cy] = toSvg(0, 0);
    const [ex] = toSvg(Math.hypot(...PROBE), 0);
    return (
      <g data-probe-theta={theta.toFixed(4)}>
        <circle cx={cx} cy={cy} r={ex - cx} fill="none" stroke="#222" strokeDasharray="3 4" strokeWidth={1} opacity={0.6} />
        <circle cx={px} cy={py} r={7} fill="none" stroke="#000" strokeWidth={2.5} />
        <circle cx={px} cy={py} r={7} fill="none" stroke="#fff" strokeWidth={1} />
      </g>
    );
  };
  return OverlayFn;
}

interface PairProps {
  timeline: ToyTimeline;
  /** A fixed step to show (slides); otherwise the timeline's current frame. */
  step?: number;
  showProbe?: boolean;
  showNoAug?: boolean;
  /** Show only one of the two maps. */
  only?: 'mean' | 'member';
  idPrefix: string;
}

export function frameAtStep(s: TimelineState, step: number): FigureFrame | undefined {
  return s.frames.find((f) => f.step === step);
}

/** The ensemble mean and one member, side by side, with the probe and its orbit drawn on both. */
export function ToyPair({ timeline, step, showProbe = true, showNoAug = false, only, idPrefix }: PairProps) {
  const s = useTimeline(timeline);
  const frame = step === undefined ? currentFrame(s) : frameAtStep(s, step);
  const order = s.config.group.kind === 'cyclic' ? s.config.group.n : 1;
  const overlay = showProbe ? probeOverlay(s.theta) : undefined;
  const k = s.memberIndex;
  const at = frame ? stepLabel(frame.step) : s.source === 'loading' ? 'Loading' : 'Waiting for the first snapshot';
  return (
    <div className="toy-pair" data-testid={`${idPrefix}-pair`} data-step={frame?.step ?? -1} data-source={s.source} data-grid={frame?.light ? 'coarse' : 'full'} title={frame?.light ? 'A light frame: a real evaluation on a coarser grid (12 radii × 32 angles), drawn upscaled' : undefined}>
      <p className="toy-pair-step" data-testid={`${idPrefix}-step-label`}>
        {at}
      </p>
      <div className="toy-pair-maps">
        {only !== 'member' && <div>
          <h4 id={`${idPrefix}-mean-h`}>Ensemble mean of {s.config.ensembleSize}</h4>
          <PolarHeatmap label={`Ensemble mean, ${at}`} testId={`${idPrefix}-mean`} values={frame?.mean} grid={frame?.grid ?? GRID} scale={OUTPUT_SCALE} points={s.config.points} orbitOrder={order} overlay={overlay} summary={`orbit relative deviation ${fmt(frame?.metrics.mean.off.relativeStd)} at step ${frame?.step ?? '–'}`} />
        </div>}
        {only !== 'mean' && <div>
          <h4 id={`${idPrefix}-member-h`}>Member {k}</h4>
          <PolarHeatmap label={`Member ${k}, ${at}`} testId={`${idPrefix}-member`} values={frame?.member} grid={frame?.grid ?? GRID} scale={OUTPUT_SCALE} points={s.config.points} orbitOrder={1} overlay={overlay} summary={`orbit relative deviation ${fmt(frame?.metrics.selected.off.relativeStd)} at step ${frame?.step ?? '–'}`} />
        </div>}
        {showNoAug && frame?.noAugMean && (
          <div>
            <h4>Mean without augmentation</h4>
            <PolarHeatmap label={`Ensemble mean without augmentation, ${at}`} testId={`${idPrefix}-noaug`} values={frame.noAugMean} grid={frame.grid} scale={OUTPUT_SCALE} points={s.config.points} orbitOrder={1} overlay={overlay} summary={`orbit relative deviation ${fmt(frame.metrics.noAugMean?.off.relativeStd)}`} />
          </div>
        )}
      </div>
      <ColorLegend scale={OUTPUT_SCALE} label="Network output" />
      <p className="figure-alt" data-testid={`${idPrefix}-summary`} data-mean-rstd={frame?.metrics.mean.off.relativeStd ?? ''} data-member-rstd={frame?.metrics.selected.off.relativeStd ?? ''} data-mean-dev={frame?.metrics.mean.off.meanDeviation ?? ''} data-member-dev={frame?.metrics.selected.off.meanDeviation ?? ''}>
        {frameSummary(frame, k)}. Augmented with {groupLabel(s.config.group)}, seed {s.config.seed}.
      </p>
    </div>
  );
}

const ORBIT_SAMPLES = 128;

/**
 * f(ρ(θ)x) over θ ∈ [0, 2π) for the mean and the member. The chart sweeps all of SO(2), but a C_n-augmented ensemble
 * is only claimed to be invariant at the n group angles (marked): there the infinite ensemble's mean is exactly equal,
 * the finite one up to 1/√E noise; between them the mean is 2π/n-periodic, not constant. The spreads over the group
 * angles and over the full circle are measured and printed beside the chart.
 */
export function ProbeChart({ timeline, idPrefix, step }: { timeline: ToyTimeline; idPrefix: string; step?: number }) {
  const s = useTimeline(timeline);
  const frame = step === undefined ? currentFrame(s) : frameAtStep(s, step);
  const series: Series[] = useMemo(() => {
    if (!frame) return [];
    const curve = (values: Float32Array): [number, number][] =>
      Array.from({ length: ORBIT_SAMPLES + 1 }, (_, j) => {
        const th = (2 * Math.PI * j) / ORBIT_SAMPLES;
        const [x, y] = rotateProbe(th);
        return [th, sampleField(values, frame.grid, x, y)];
      });
    return [
      { label: 'ensemble mean', points: curve(frame.mean), color: COLORS.mean, width: 2.5 },
      { label: `member ${s.memberIndex}`, points: curve(frame.member), color: COLORS.member, dash: '6 3' },
    ];
  }, [frame, s.memberIndex]);
  const n = claimedGroupOrder(s.config.group);
  const spreads = useMemo(() => {
    if (!frame) return null;
    const along = (values: Float32Array) => (th: number) => sampleField(values, frame.grid, ...rotateProbe(th));
    return { mean: groupAndCircleSpread(along(frame.mean), n ?? 1, ORBIT_SAMPLES), member: groupAndCircleSpread(along(frame.member), n ?? 1, ORBIT_SAMPLES) };
  }, [frame, n]);
  const meanRange = spreads?.mean.circle ?? NaN;
  const memberRange = spreads?.member.circle ?? NaN;
  const [px, py] = rotateProbe(s.theta);
  const fMean = frame ? sampleField(frame.mean, frame.grid, px, py) : NaN;
  const fMember = frame ? sampleField(frame.member, frame.grid, px, py) : NaN;
  const group = groupLabel(s.config.group);
  const E = s.config.ensembleSize;
  return (
    <div
      className="probe-chart"
      data-testid={`${idPrefix}-probe`}
      data-theta={s.theta.toFixed(4)}
      data-mean-range={Number.isFinite(meanRange) ? meanRange.toPrecision(4) : ''}
      data-member-range={Number.isFinite(memberRange) ? memberRange.toPrecision(4) : ''}
      data-mean-group-range={n && spreads ? spreads.mean.group.toPrecision(4) : ''}
      data-member-group-range={n && spreads ? spreads.member.group.toPrecision(4) : ''}
    >
      <LineChart
        title="Output along the probe's orbit"
        series={series}
        xLabel="rotation angle θ (radians)"
        yLabel="f(ρ(θ)x)"
        markerX={s.theta}
        xMarks={n ? { values: groupAngles(n), label: `the ${n} angles of C${n}, 2πm/${n}`, testId: `${idPrefix}-group-marks` } : undefined}
        summary={`over a full turn the ensemble mean varies by ${fmt(meanRange)}, member ${s.memberIndex} by ${fmt(memberRange)}${n && spreads ? `; over the ${n} group angles by ${fmt(spreads.mean.group)} and ${fmt(spreads.member.group)}` : ''}; at θ = ${s.theta.toFixed(2)} the mean is ${fmt(fMean)} and the member ${fmt(fMember)}`}
        width={420}
        height={200}
      />
      <p className="figure-alt">
        Probe x = ({PROBE[0]}, {PROBE[1]}) rotated by θ = <output data-testid={`${idPrefix}-theta`}>{((s.theta * 180) / Math.PI).toFixed(1)}°</output>: mean {fmt(fMean)}, member {fmt(fMember)}.
      </p>
      <p className="figure-alt" data-testid={`${idPrefix}-claim`}>
        {n && spreads ? (
          <>
            Trained with {group}: the claim is f̄(ρ(g)x) = f̄(x) at the {n} group angles (▲), exactly for the infinite ensemble; for E = {E} up to sampling noise of about 1/√E = {fmt(1 / Math.sqrt(E))} times a
            member's spread. Measured: the mean spreads by <span data-testid={`${idPrefix}-mean-group-spread`}>{fmt(spreads.mean.group)}</span> over the {n} group angles and
            by <span data-testid={`${idPrefix}-mean-circle-spread`}>{fmt(spreads.mean.circle)}</span> over the full circle; member {s.memberIndex} by {fmt(spreads.member.group)} and{' '}
            {fmt(spreads.member.circle)}. Between the group angles nothing is claimed: the mean is 2π/{n}-periodic, not constant, because C{n} is not SO(2).
          </>
        ) : s.config.group.kind === 'so2' ? (
          <>
            Trained with {group}: random-angle augmentation shared by all members, no finite group, so no angles are marked; the mean approaches SO(2)
            invariance only approximately. Measured spread over the full circle: mean {fmt(meanRange)}, member {s.memberIndex} {fmt(memberRange)}.
          </>
        ) : (
          <>Trained without augmentation: no invariance is claimed. Spread over the full circle: mean {fmt(meanRange)}, member {s.memberIndex} {fmt(memberRange)}.</>
        )}
      </p>
    </div>
  );
}

/**
 * Orbit relative deviation against training step, up to the frame on screen; with `showAll`, every snapshot there is
 * (the whole recording at once, or every live snapshot so far), marked at the newest. Slides use showAll: a slide
 * shown on its own has no timeline position of its own to follow.
 */
export function InvarianceChart({ timeline, idPrefix, showAll = false }: { timeline: ToyTimeline; idPrefix: string; showAll?: boolean }) {
  const s = useTimeline(timeline);
  const frame = showAll ? s.frames[s.frames.length - 1] : currentFrame(s);
  // The curve has a point per full snapshot (light frames carry no metrics of their own); the marker follows the frame.
  const upto = s.frames.filter((f) => !f.light && (showAll || !frame || f.step <= frame.step));
  const series: Series[] = [
    { label: 'ensemble mean', points: upto.map((f) => [f.step, f.metrics.mean.off.relativeStd]), color: COLORS.mean, dots: true, width: 2.5 },
    { label: 'members (average)', points: upto.map((f) => [f.step, f.metrics.member.off.relativeStd]), color: COLORS.member, dash: '6 3', dots: true },
  ];
  if (upto.some((f) => f.metrics.noAugMean)) {
    series.push({ label: 'mean, no augmentation', points: upto.map((f) => [f.step, f.metrics.noAugMean?.off.relativeStd ?? NaN]), color: COLORS.noAug, dash: '2 3', dots: true });
  }
  const m = frame?.metrics;
  return (
    <div data-testid={`${idPrefix}-invariance`} data-points={upto.length}>
      <StepChart title="Orbit relative deviation against training step" series={series} yLabel="rstd (off the data)" step={frame?.step} summary={`at step ${frame?.step ?? '–'}: ensemble mean ${fmt(m?.mean.off.relativeStd)}, members ${fmt(m?.member.off.relativeStd)}${m?.noAugMean ? `, no augmentation ${fmt(m.noAugMean.off.relativeStd)}` : ''}`} width={420} height={220} />
      <StepZeroNote frame={s.frames.find((f) => f.step === 0)} E={s.config.ensembleSize} idPrefix={idPrefix} />
    </div>
  );
}

/**
 * What "invariant at every step" means for a finite ensemble, with the step-0 numbers of the run on screen: the
 * theorem is about the infinite ensemble; at initialisation the E-member mean is pure noise, ~1/√E smaller than a
 * member in absolute terms but not more invariant relative to its own size.
 */
function StepZeroNote({ frame, E, idPrefix }: { frame: FigureFrame | undefined; E: number; idPrefix: string }) {
  if (!frame) return null;
  const m = frame.metrics;
  return (
    <p className="figure-alt" data-testid={`${idPrefix}-step0`} data-mean-rstd={m.mean.off.relativeStd} data-member-rstd={m.member.off.relativeStd} data-mean-dev={m.mean.off.meanDeviation} data-member-dev={m.member.off.meanDeviation}>
      “Invariant at every step” is a statement about the infinite ensemble. At step 0 this mean of E = {E} has relative deviation{' '}
      {fmt(m.mean.off.relativeStd)} against {fmt(m.member.off.relativeStd)} for the average member: relative to its own size it is not more invariant. It
      only looks flat because it is small: its absolute deviation is {fmt(m.mean.off.meanDeviation)} against {fmt(m.member.off.meanDeviation)}, a ratio of{' '}
      {fmt(m.mean.off.meanDeviation / m.member.off.meanDeviation)} (1/√E = {fmt(1 / Math.sqrt(E))}). An orbit-closed ensemble, whose members come in whole
      group orbits, is exactly invariant from step 0.
    </p>
  );
}

/** Play/pause, step, reset, the snapshot slider, the source label, "Recompute live" and "open in lab". */
export function TimelineControls({ timeline, idPrefix, labPanel = 'toy', compact = false }: { timeline: ToyTimeline; idPrefix: string; labPanel?: string; compact?: boolean }) {
  const s = useTimeline(timeline);
  const frame = currentFrame(s);
  const index = frame ? s.frames.indexOf(frame) : 0;
  const running = s.status === 'running';
  const sliderRef = useRef<HTMLInputElement>(null);
  return (
    <div className="timeline-controls" role="group" aria-label="Figure controls" data-testid={`${idPrefix}-controls`} data-status={s.status} data-source={s.source} data-view-step={frame?.step ?? -1}>
      <button type="button" onClick={() => (running ? timeline.pause() : timeline.play())} disabled={s.status === 'loading'} aria-pressed={running} data-testid={`${idPrefix}-play`}>
        {running ? 'Pause' : 'Play'}
      </button>
      <button type="button" onClick={() => timeline.step()} disabled={s.status === 'loading' || running}>
        Step
      </button>
      <button type="button" onClick={() => timeline.reset()} disabled={s.status === 'loading'}>
        Reset
      </button>
      <label className="timeline-slider">
        <span className="visually-hidden">Snapshot</span>
        <input
          ref={sliderRef}
          type="range"
          min={0}
          max={Math.max(0, s.frames.length - 1)}
          step={1}
          value={index}
          disabled={s.frames.length < 2}
          aria-valuetext={frame ? stepLabel(frame.step) : 'no snapshot'}
          onChange={(e) => timeline.showIndex(Number(e.target.value))}
        />
      </label>
      <span className="readout" aria-live="off">
        {frame ? stepLabel(frame.step) : '–'}
      </span>
      {s.source === 'recorded' && (
        <span className="badge recorded-badge" data-testid={`${idPrefix}-recorded`} title={s.recording?.label}>
          Recorded run{compact ? '' : `, seed ${s.config.seed}`}
        </span>
      )}
      {s.source === 'live' && (
        <span className="badge live-badge">
          Live, step {s.step}/{s.totalSteps}
        </span>
      )}
      {s.source === 'recorded' && (
        <button type="button" onClick={() => timeline.recomputeLive()} data-testid={`${idPrefix}-recompute`}>
          Recompute live
        </button>
      )}
      <a href={labHref(s, labPanel)} className="open-in-lab" data-testid={`${idPrefix}-lab-link`}>
        Open in lab
      </a>
      {s.error && (
        <span role="alert" className="error-inline">
          {s.error}
        </span>
      )}
    </div>
  );
}

/** The theta slider: rotate the probe by hand (keyboard: arrow keys). */
export function ThetaSlider({ timeline, idPrefix }: { timeline: ToyTimeline; idPrefix: string }) {
  const s = useTimeline(timeline);
  const deg = Math.round((s.theta * 180) / Math.PI);
  return (
    <label className="theta-slider">
      Rotate the probe{' '}
      <input type="range" min={0} max={359} step={1} value={deg} data-testid={`${idPrefix}-theta-slider`} aria-valuetext={`${deg} degrees`} onChange={(e) => timeline.rotate((Number(e.target.value) * Math.PI) / 180)} />{' '}
      <output>{deg}°</output>
    </label>
  );
}
