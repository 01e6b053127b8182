/** The log-scaled timeline over the stored snapshots. Scrubbing shows stored snapshots; it never recomputes. */
import { stepLabel } from '../../core/ensemble/schedule';
import { useTrainingStore } from '../../state/trainingStore';
import { SnapshotSlider, viewedIndex } from './SnapshotSlider';

export function TimelineScrubber() {
  const snapshots = useTrainingStore((s) => s.snapshots);
  const schedule = useTrainingStore((s) => s.schedule);
  const viewIndex = useTrainingStore((s) => s.viewIndex);
  const setViewIndex = useTrainingStore((s) => s.setViewIndex);
  const n = snapshots.length;
  const index = viewedIndex(viewIndex, n);
  return (
    <SnapshotSlider id="timeline" snapshots={snapshots} scheduled={schedule.length} viewIndex={viewIndex} onView={setViewIndex} labelTestId="timeline-label">
      <div role="group" aria-label="Jump to snapshot" className="snapshot-buttons">
        {snapshots.map((s, i) => (
          <button key={s.step} type="button" aria-pressed={i === index} onClick={() => setViewIndex(i === n - 1 ? null : i)} title={stepLabel(s.step)}>
            {s.step}
          </button>
        ))}
      </div>
    </SnapshotSlider>
  );
}
