/** Play / pause / step / reset, progress, and a timeline over the stored snapshots, for one vector-lab run. */
import { stepLabel } from '../../../core/ensemble/schedule';
import type { VectorLab } from '../../../state/vectorStore';
import type { VectorWorkerClient } from '../../../state/useVectorWorker';
import { useVectorStore } from '../../../state/vectorStore';
import { FocusSafeButton } from '../../common/FocusSafeButton';

export function LabTransport({ lab, client }: { lab: VectorLab; client: VectorWorkerClient }) {
  const state = useVectorStore((s) => s[lab]);
  const setView = useVectorStore((s) => s.setView);
  const { status, step, totalSteps, stepsPerSecond, loss, snapshots, schedule, viewIndex, runId } = state;
  const running = status === 'running';
  const blocked = status === 'error';
  const n = snapshots.length;
  const index = viewIndex === null ? n - 1 : Math.min(viewIndex, n - 1);
  const current = snapshots[index] as { step: number } | undefined;
  const id = `${lab}-timeline`;
  return (
    <>
      <div className="transport" role="group" aria-label="Training controls" data-skip-target>
        <FocusSafeButton data-testid={`${lab}-play`} onClick={() => (running ? client.pause(lab) : client.play(lab))} unavailable={blocked || status === 'done'}>
          {running ? 'Pause' : 'Play'}
        </FocusSafeButton>
        <FocusSafeButton onClick={() => client.step(lab, 10)} unavailable={running || blocked || step >= totalSteps}>
          Step 10
        </FocusSafeButton>
        <button type="button" onClick={() => client.reset(lab)}>
          Reset
        </button>
        <span className="readout" data-testid={`${lab}-step`} data-value={step} role="status" aria-label="Training step">
          Step {step} / {totalSteps}
        </span>
        <div className="progress-bar" role="progressbar" aria-label="Training progress" aria-valuemin={0} aria-valuemax={totalSteps} aria-valuenow={step}>
          <div style={{ width: `${totalSteps ? (100 * step) / totalSteps : 0}%` }} />
        </div>
        <span className="readout">{stepsPerSecond > 0 ? `${stepsPerSecond.toFixed(0)} steps/s` : '– steps/s'}</span>
        <span className="readout">loss {loss !== undefined ? loss.toPrecision(3) : '–'}</span>
        {/* data-run-id: the worker's id of the run shown, so tests can tell when a replacement worker's run arrived. */}
        <span className="readout" data-testid={`${lab}-status`} data-value={status} data-run-id={runId}>
          {status}
        </span>
      </div>
      <div className="scrubber">
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
            setView(lab, i >= n - 1 ? null : i);
          }}
        />
        <strong data-testid={`${lab}-timeline-label`} data-value={current?.step ?? -1}>
          {current ? stepLabel(current.step) : 'No snapshot yet'}
        </strong>
        <span className="readout">
          {n} of {schedule.length} snapshots
        </span>
      </div>
      {state.error && (
        <div role="alert" className="error-box" data-testid={`${lab}-error`}>
          <strong>Training stopped.</strong> {state.error}
        </div>
      )}
      {state.notices.length > 0 && (
        <div role="status" className="notice" data-testid={`${lab}-notices`}>
          <strong>Adjusted settings:</strong>
          <ul>
            {state.notices.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

/** A labelled <select> over fixed options; keyboard-operable by construction. */
export function SelectField<T extends string | number>({
  label,
  value,
  options,
  onChange,
  testId,
  format,
}: {
  label: string;
  value: T;
  options: readonly T[];
  onChange: (v: T) => void;
  testId?: string;
  format?: (v: T) => string;
}) {
  const opts = options.includes(value) ? options : [...options, value];
  return (
    <label className="field">
      {label}{' '}
      <select
        data-testid={testId}
        value={String(value)}
        onChange={(e) => {
          const raw = e.target.value;
          const found = opts.find((o) => String(o) === raw);
          if (found !== undefined) onChange(found);
        }}
      >
        {opts.map((o) => (
          <option key={String(o)} value={String(o)}>
            {format ? format(o) : String(o)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A number readout with its value exposed for tests: data-testid + data-value. */
export function Num({ testId, value, digits = 3, suffix = '' }: { testId: string; value: number | undefined; digits?: number; suffix?: string }) {
  const ok = value !== undefined && Number.isFinite(value);
  return (
    <output data-testid={testId} data-value={ok ? String(value) : ''} className="readout">
      {ok ? `${value.toPrecision(digits)}${suffix}` : '–'}
    </output>
  );
}
