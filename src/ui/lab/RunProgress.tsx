/**
 * The readouts every training transport shows after its buttons: a progress bar over the run's steps, the measured
 * speed and the latest training loss ('–' until there is one).
 */
export function RunProgress({ step, total, stepsPerSecond, loss, speedTestId }: { step: number; total: number; stepsPerSecond: number; loss: number | undefined; speedTestId?: string }) {
  return (
    <>
      <div className="progress-bar" role="progressbar" aria-label="Training progress" aria-valuemin={0} aria-valuemax={total} aria-valuenow={step}>
        <div style={{ width: `${total ? (100 * step) / total : 0}%` }} />
      </div>
      <span className="readout" data-testid={speedTestId}>
        {stepsPerSecond > 0 ? `${stepsPerSecond.toFixed(0)} steps/s` : '– steps/s'}
      </span>
      <span className="readout">loss {loss !== undefined ? loss.toPrecision(3) : '–'}</span>
    </>
  );
}
