/** The log-scaled timeline over the stored snapshots. Scrubbing shows stored snapshots; it never recomputes. */
import { stepLabel } from '../../core/ensemble/schedule';
import { useTrainingStore } from '../../state/trainingStore';

export function TimelineScrubber() {
  const snapshots = useTrainingStore((s) => s.snapshots);
  const schedule = useTrainingStore((s) => s.schedule);
  const viewIndex = useTrainingStore((s) => s.viewIndex);
  const setViewIndex = useTrainingStore((s) => s.setViewIndex);
  const n = snapshots.length;
  const index = viewIndex === null ? n - 1 : Math.min(viewIndex, n - 1);
  const current = snapshots[index];
  return (
    <div className="scrubber">
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
        onChange={(e) => {
          const i = Number(e.target.value);
          setViewIndex(i >= n - 1 ? null : i);
        }}
      />
      <strong data-testid="timeline-label">{current ? stepLabel(current.step) : 'No snapshot yet'}</strong>
      <span className="readout" aria-label="Snapshots stored">
        {n} of {schedule.length} snapshots
      </span>
      <div role="group" aria-label="Jump to snapshot" className="snapshot-buttons">
        {snapshots.map((s, i) => (
          <button key={s.step} type="button" aria-pressed={i === index} onClick={() => setViewIndex(i === n - 1 ? null : i)} title={stepLabel(s.step)}>
            {s.step}
          </button>
        ))}
      </div>
    </div>
  );
}
