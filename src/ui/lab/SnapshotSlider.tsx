/**
 * The timeline over a run's stored snapshots, shared by the toy trainer's scrubber and the vector labs' transports:
 * a range input over the snapshot indices (its value text names the step), the viewed snapshot's step label, and how
 * many of the scheduled snapshots are stored. The last index means "follow the newest" and is reported as null, so a
 * view at the end keeps following while training adds snapshots. Scrubbing only shows stored snapshots; it never
 * recomputes.
 */
import type { ReactNode } from 'react';
import { stepLabel } from '../../core/ensemble/schedule';

/** Which stored snapshot a view index shows: null (follow) or an index past the end means the newest. */
export function viewedIndex(viewIndex: number | null, stored: number): number {
  return viewIndex === null ? stored - 1 : Math.min(viewIndex, stored - 1);
}

export function SnapshotSlider({
  id,
  snapshots,
  scheduled,
  viewIndex,
  onView,
  labelTestId,
  unit = 'snapshots',
  frameKind,
  children,
}: {
  /** The range input's id (unique on the page: the vector page shows two timelines). */
  id: string;
  snapshots: readonly { step: number }[];
  /** How many snapshots the run's schedule holds in all. */
  scheduled: number;
  viewIndex: number | null;
  onView: (index: number | null) => void;
  labelTestId: string;
  /** What the stored count counts ("snapshots"; the toy lab's timeline counts "frames"). */
  unit?: string;
  /** The viewed frame's kind, as `data-frame` on the row ("full" or "light"; the toy lab's light frames). */
  frameKind?: string;
  /** More controls in the same row (the toy lab's jump-to-snapshot buttons). */
  children?: ReactNode;
}) {
  const n = snapshots.length;
  const index = viewedIndex(viewIndex, n);
  const current = snapshots[index] as { step: number } | undefined;
  return (
    <div className="scrubber" data-frame={frameKind}>
      <label htmlFor={id}>Timeline</label>
      <input
        id={id}
        type="range"
        min={0}
        max={Math.max(0, n - 1)}
        step={1}
        value={Math.max(0, index)}
        disabled={n === 0}
        aria-valuetext={current ? stepLabel(current.step) : 'no snapshot yet'}
        onChange={(e) => {
          const i = Number(e.target.value);
          onView(i >= n - 1 ? null : i);
        }}
      />
      <strong data-testid={labelTestId} data-value={current?.step ?? -1}>
        {current ? stepLabel(current.step) : 'No snapshot yet'}
      </strong>
      <span className="readout" aria-label={`${unit[0].toUpperCase()}${unit.slice(1)} stored`}>
        {n} of {scheduled} {unit}
      </span>
      {children}
    </div>
  );
}
