/**
 * Where a finished (or paused) run's time went, per training worker: the steps, the full snapshots, the light frames
 * of the animation, the checkpoints and loss checks, and the rest (yields to messages, posting, waiting for Play).
 * Collapsed by default; for a curious user and for the benchmark, which reads the same numbers (issue 16 §2).
 */
import type { RunTimings } from '../../core/ensemble/toyRun';
import { useTrainingStore } from '../../state/trainingStore';

const PARTS: { key: keyof RunTimings; label: string }[] = [
  { key: 'steps', label: 'steps' },
  { key: 'snapshots', label: 'snapshots' },
  { key: 'frames', label: 'light frames' },
  { key: 'checkpoints', label: 'checkpoints' },
  { key: 'lossChecks', label: 'loss checks' },
];

/** The rest of a worker's wall time: wall − Σ parts (never below 0). */
export function otherMillis(t: RunTimings): number {
  return Math.max(0, t.wall - PARTS.reduce((a, p) => a + t[p.key], 0));
}

const s = (ms: number) => (ms / 1000).toFixed(2);

export function RunTimingsNote() {
  const timings = useTrainingStore((st) => st.runTimings);
  if (!timings.length) return null;
  return (
    <details className="run-timings" data-testid="run-timings">
      <summary>Where the time went ({timings.length} worker{timings.length === 1 ? '' : 's'})</summary>
      {/* One column per worker, one row per part: narrow enough for a phone at two or three workers. */}
      <table className="numbers" aria-label="Time per training worker">
        <thead>
          <tr>
            <th scope="col">seconds</th>
            {timings.map((_, i) => (
              <th scope="col" key={i}>
                worker {i + 1}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {[...PARTS, { key: 'other' as const, label: 'other' }, { key: 'wall' as const, label: 'since Play' }].map((p) => (
            <tr key={p.key}>
              <th scope="row">{p.label}</th>
              {timings.map((t, i) => (
                <td key={i} data-worker={i} data-part={p.key}>
                  {s(p.key === 'other' ? otherMillis(t) : t[p.key])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="readout">
        “Since Play” counts from the first step this worker trained, so it includes any time the run was paused.
      </p>
    </details>
  );
}
