/** The group and the element every section acts with: C_n, D_n or SO(2); r^m s^f or θ. Keyboard first. */
import { useEffect, useState } from 'react';
import { DraftNumberInput } from './DraftNumberInput';
import { MAX_PANEL_N, planarElementOf, planarGroupOf, useRepsStore, type GroupFamily } from './repsStore';

export function GroupControls() {
  const s = useRepsStore();
  const [playing, setPlaying] = useState(false);

  // Play: step the element forward, so the figures animate as g changes.
  useEffect(() => {
    if (!playing) return;
    const finite = s.family !== 'so2';
    const id = window.setInterval(
      () => {
        const st = useRepsStore.getState();
        if (st.family === 'so2') st.setAngleDeg(st.angleDeg + 3);
        else st.setRotation(st.rotation + 1);
      },
      finite ? 700 : 60,
    );
    return () => window.clearInterval(id);
  }, [playing, s.family]);

  const group = planarGroupOf(s.family, s.n);
  const element = planarElementOf(s);
  const elementLabel = group ? group.label(element) : `θ = ${s.angleDeg}°`;
  const angleOfRotation = group ? (360 * element.rotation) / s.n : s.angleDeg;

  return (
    <div className="controls reps-group-controls" role="group" aria-label="Group and element">
      <label>
        Group
        <select value={s.family} onChange={(e) => s.setFamily(e.target.value as GroupFamily)}>
          <option value="cyclic">C_n (rotations)</option>
          <option value="dihedral">D_n (rotations and reflections)</option>
          <option value="so2">SO(2) (all rotations)</option>
        </select>
      </label>
      {s.family !== 'so2' && (
        <DraftNumberInput
          label="n"
          value={s.n}
          min={1}
          max={MAX_PANEL_N}
          step={1}
          onEntry={(raw) => {
            s.requestN(Number(raw));
            return useRepsStore.getState().n;
          }}
        />
      )}
      {group ? (
        <label>
          Rotation power m
          <input type="range" min={0} max={s.n - 1} step={1} value={element.rotation} disabled={s.n === 1} onChange={(e) => s.setRotation(Number(e.target.value))} />
        </label>
      ) : (
        <label>
          Angle θ (degrees)
          <input type="range" min={0} max={359} step={1} value={s.angleDeg} onChange={(e) => s.setAngleDeg(Number(e.target.value))} />
        </label>
      )}
      {s.family === 'dihedral' && (
        <label>
          <input type="checkbox" checked={s.reflected} onChange={(e) => s.setReflected(e.target.checked)} />
          Include reflection s
        </label>
      )}
      <button type="button" aria-pressed={playing} onClick={() => setPlaying((p) => !p)}>
        {playing ? 'Pause' : 'Play'} rotation
      </button>
      <span className="readout" data-testid="group-element" aria-live="polite">
        Element g = <strong>{elementLabel}</strong>
        {group ? ` (rotation by ${formatDegrees(angleOfRotation)}${element.reflected ? ' after reflecting across the x-axis' : ''})` : ''}
      </span>
      {s.groupNotice && (
        <p role="alert" className="error-box" data-testid="group-notice">
          {s.groupNotice}
        </p>
      )}
    </div>
  );
}

function formatDegrees(d: number): string {
  return `${Number.isInteger(d) ? d : d.toFixed(1)}°`;
}
