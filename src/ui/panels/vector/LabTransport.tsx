/** Play / pause / step / reset, progress, and a timeline over the stored snapshots, for one vector-lab run. */
import type { VectorLab } from '../../../state/vectorStore';
import type { VectorWorkerClient } from '../../../state/useVectorWorker';
import { useVectorStore } from '../../../state/vectorStore';
import { FocusSafeButton } from '../../common/FocusSafeButton';
import { RunProgress } from '../../lab/RunProgress';
import { SnapshotSlider } from '../../lab/SnapshotSlider';

export function LabTransport({ lab, client }: { lab: VectorLab; client: VectorWorkerClient }) {
  const state = useVectorStore((s) => s[lab]);
  const setView = useVectorStore((s) => s.setView);
  const { status, step, totalSteps, stepsPerSecond, loss, snapshots, schedule, viewIndex, runId } = state;
  const running = status === 'running';
  const blocked = status === 'error';
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
        <RunProgress step={step} total={totalSteps} stepsPerSecond={stepsPerSecond} loss={loss} />
        {/* data-run-id: the worker's id of the run shown, so tests can tell when a replacement worker's run arrived. */}
        <span className="readout" data-testid={`${lab}-status`} data-value={status} data-run-id={runId}>
          {status}
        </span>
      </div>
      <SnapshotSlider id={`${lab}-timeline`} snapshots={snapshots} scheduled={schedule.length} viewIndex={viewIndex} onView={(i) => setView(lab, i)} labelTestId={`${lab}-timeline-label`} />
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

/** A number readout with its value exposed for tests: data-testid + data-value. */
export function Num({ testId, value, digits = 3, suffix = '' }: { testId: string; value: number | undefined; digits?: number; suffix?: string }) {
  const ok = value !== undefined && Number.isFinite(value);
  return (
    <output data-testid={testId} data-value={ok ? String(value) : ''} className="readout">
      {ok ? `${value.toPrecision(digits)}${suffix}` : '–'}
    </output>
  );
}
