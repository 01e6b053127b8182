/**
 * The timeline over every frame so far: the full snapshots and the light frames between them (a real evaluation on a
 * coarser grid). Scrubbing shows stored frames; it never recomputes. Arrow keys step frame by frame.
 */
import { stepLabel } from '../../core/ensemble/schedule';
import { useTrainingStore, viewedFrameIndex } from '../../state/trainingStore';
import { SnapshotSlider } from './SnapshotSlider';

export function TimelineScrubber() {
  const timeline = useTrainingStore((s) => s.timeline);
  const frameSteps = useTrainingStore((s) => s.frameSteps);
  const index = useTrainingStore(viewedFrameIndex);
  const setViewStep = useTrainingStore((s) => s.setViewStep);
  const n = timeline.length;
  const current = timeline[index];
  const show = (i: number | null) => setViewStep(i === null || i >= n - 1 ? null : timeline[i].step);
  return (
    <SnapshotSlider
      id="timeline"
      snapshots={timeline}
      scheduled={frameSteps.length}
      viewIndex={index < 0 ? null : index}
      onView={show}
      labelTestId="timeline-label"
      unit="frames"
      frameKind={current ? (current.light ? 'light' : 'full') : 'none'}
    >
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
    </SnapshotSlider>
  );
}
