/** Play / pause / step / reset, the step counter, steps per second and a progress bar. */
import { useTrainingStore } from '../../state/trainingStore';
import { getTrainerClient } from '../../state/trainerClient';
import { FocusSafeButton } from '../common/FocusSafeButton';
import { RunProgress } from './RunProgress';

export function TrainingTransport() {
  const status = useTrainingStore((s) => s.status);
  const step = useTrainingStore((s) => s.step);
  const total = useTrainingStore((s) => s.totalSteps);
  const sps = useTrainingStore((s) => s.stepsPerSecond);
  const loss = useTrainingStore((s) => s.loss);
  const tensors = useTrainingStore((s) => s.workerTensors);
  const client = getTrainerClient();
  const running = status === 'running';
  const blocked = status === 'error';
  return (
    <div className="transport" role="group" aria-label="Training controls" data-skip-target>
      <FocusSafeButton onClick={() => (running ? client.pause() : client.play())} unavailable={blocked || (status === 'done' && !running)} aria-keyshortcuts="p">
        {running ? 'Pause' : 'Play'}
      </FocusSafeButton>
      <FocusSafeButton onClick={() => client.step(1)} unavailable={running || blocked || step >= total}>
        Step
      </FocusSafeButton>
      <button type="button" onClick={() => client.reset()}>
        Reset
      </button>
      <span className="readout" data-testid="step-counter" aria-label="Training step" role="status">
        Step <output data-step={step}>{step}</output> / {total}
      </span>
      <RunProgress step={step} total={total} stepsPerSecond={sps} loss={loss} speedTestId="steps-per-second" />
      <span className="readout" data-testid="run-status" data-tensors={tensors ?? ''}>
        {status}
      </span>
    </div>
  );
}
