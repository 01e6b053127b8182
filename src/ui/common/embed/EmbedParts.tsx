/**
 * The parts of an embedded figure that must fit a slide's box: a one-line caption (the full sentence is its
 * tooltip and stays available to screen readers through the figure's own summary) and a compact probe slider.
 */
import { groupLabel } from '../../../core/ensemble/groupSpec';
import { stepLabel } from '../../../core/ensemble/schedule';
import { currentFrame, type ToyTimeline } from '../figure/toyTimeline';
import { frameSummary, useTimeline } from '../figure/ToyFigures';

const fmt = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v.toPrecision(2) : '–');

/** "C8 · After 2000 steps: orbit rel. deviation, mean of 64: 0.0041, member 0: 0.21 (off the data)". */
export function EmbedCaption({ timeline, panel, idPrefix }: { timeline: ToyTimeline; panel: string; idPrefix: string }) {
  const s = useTimeline(timeline);
  const f = currentFrame(s);
  const grp = s.config.group;
  // Short name for the caption line ("C8", "SO(2)", "no augmentation"); the tooltip says which group in full.
  const g = grp.kind === 'so2' ? 'SO(2)' : grp.n === 1 ? 'no augmentation' : `C${grp.n}`;
  const invariantUnder = grp.kind === 'so2' ? 'approximately SO(2)-invariant (sampled angles)' : grp.n === 1 ? null : `C${grp.n}-invariant (not invariant under every rotation)`;
  const E = s.config.ensembleSize;
  let short: string;
  // A light frame has no metrics of its own: say whose numbers these are.
  const of = f?.light ? `, metrics of step ${f.metricsStep}` : '';
  if (!f) short = s.source === 'loading' ? 'Loading the run…' : 'Waiting for the first snapshot';
  else if (panel === 'invariance') short = `${g} · ${stepLabel(f.step)}: orbit rel. deviation, mean of ${E}: ${fmt(f.metrics.mean.off.relativeStd)}, members: ${fmt(f.metrics.member.off.relativeStd)} (off the data${of})`;
  else if (f.step === 0) short = `${g} · initialization: orbit deviation, mean: ${fmt(f.metrics.mean.off.meanDeviation)}, member ${s.memberIndex}: ${fmt(f.metrics.selected.off.meanDeviation)} (off the data)`;
  else short = `${g} · ${stepLabel(f.step)}: orbit rel. deviation, mean of ${E}: ${fmt(f.metrics.mean.off.relativeStd)}, member ${s.memberIndex}: ${fmt(f.metrics.selected.off.relativeStd)} (off the data${of})`;
  const full = f
    ? `${frameSummary(f, s.memberIndex)}. Augmentation: ${groupLabel(grp)}. ${invariantUnder ? `The ensemble mean becomes ${invariantUnder}; with E = ${E} members a finite-ensemble residual of order 1/√E remains.` : 'Without augmentation nothing makes the mean invariant.'} ${s.source === 'recorded' ? 'Recorded run.' : 'Trained live in this page.'}`
    : short;
  return (
    <>
      <p className="embed-caption" data-testid={`${idPrefix}-caption`} title={full}>
        {short}
      </p>
      {s.error && (
        <p role="alert" className="embed-error" data-testid={`${idPrefix}-error`}>
          {s.error}
        </p>
      )}
    </>
  );
}

/** θ: rotate the probe by hand (keyboard: arrow keys once the slider has focus). */
export function EmbedThetaSlider({ timeline, idPrefix }: { timeline: ToyTimeline; idPrefix: string }) {
  const s = useTimeline(timeline);
  const deg = Math.round((s.theta * 180) / Math.PI);
  return (
    <label className="embed-theta" title="Rotate the probe">
      <span aria-hidden="true">θ</span>
      <input type="range" min={0} max={359} step={1} value={deg} aria-label="Rotate the probe" data-testid={`${idPrefix}-theta-slider`} aria-valuetext={`${deg} degrees`} onChange={(e) => timeline.rotate((Number(e.target.value) * Math.PI) / 180)} />
      <output>{deg}°</output>
    </label>
  );
}
