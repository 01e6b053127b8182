/**
 * The timeline over every frame so far: the full snapshots and the light frames between them (a real evaluation on a
 * coarser grid). Scrubbing shows stored frames; it never recomputes. Arrow keys step frame by frame.
 */
import { stepLabel } from '../../core/ensemble/schedule';
import { useTrainingStore, viewedFrameIndex } from '../../state/trainingStore';

export function TimelineScrubber() {
  const timeline = useTrainingStore((s) => s.timeline);
  const frameSteps = useTrainingStore((s) => s.frameSteps);
  const index = useTrainingStore(viewedFrameIndex);
  const setViewStep = useTrainingStore((s) => s.setViewStep);
  const n = timeline.length;
  const current = timeline[index];
  const show = (i: number) => setViewStep(i >= n - 1 ? null : timeline[i].step);
  return (
    <div className="scrubber" data-frame={current ? (current.light ? 'light' : 'full') : 'none'}>
      <label htmlFor="timeline">Timeline</label>
      <input
        id="timeline"
        type="range"
        min={0}
        max={Math.max(0, n - 1)}
        step={1}
        value={Math.max(0, index)}
        disabled={n === 0}
        aria-valuetext={current ? stepLabel(current.step) : 'no snapshot yet'}
        onChange={(e) => show(Number(e.target.value))}
      />
      <strong data-testid="timeline-label">{current ? stepLabel(current.step) : 'No snapshot yet'}</strong>
      <span className="readout" aria-label="Frames stored">
        {n} of {frameSteps.length} frames
      </span>
      <div role="group" aria-label="Jump to snapshot" className="snapshot-buttons">
        {timeline.map((f, i) =>
          f.light ? null : (
            <button key={f.step} type="button" aria-pressed={i === index} onClick={() => show(i)} title={stepLabel(f.step)}>
              {f.step}
            </button>
          ),
        )}
      </div>
      {current?.light && (
        <p className="readout" data-testid="timeline-light-note">
          A light frame: the heatmaps are drawn from a coarser grid (12 radii × 32 angles, upscaled); the metrics, curves
          and far field are those of the last full snapshot, {stepLabel(current.snapshot.step).toLowerCase()}.
        </p>
      )}
    </div>
  );
}
