/** Notices (clamped values), training errors and recoveries, shown above a panel. Never a blank page. */
import { useTrainingStore } from '../../state/trainingStore';

export function StatusMessages({ notices }: { notices: string[] }) {
  const workerNotices = useTrainingStore((s) => s.notices);
  const error = useTrainingStore((s) => s.error);
  const recoveries = useTrainingStore((s) => s.recoveries);
  const all = [...new Set([...notices, ...workerNotices])];
  return (
    <>
      {all.length > 0 && (
        <div role="status" className="notice" data-testid="clamp-notice">
          <strong>Adjusted settings:</strong>
          <ul>
            {all.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </div>
      )}
      {error && (
        <div role="alert" className="error-box" data-testid="training-error" data-kind={error.kind}>
          <strong>{error.kind === 'divergence'
              ? 'Training diverged.'
              : error.kind === 'device-lost'
                ? 'The GPU was lost.'
                : error.kind === 'config'
                  ? 'Not started.'
                  : 'Training stopped.'}</strong>{' '}
          {error.message} {error.kind === 'divergence' && 'Lower the learning rate and press Reset. The snapshots computed before this point are kept.'}
        </div>
      )}
      {recoveries.length > 0 && (
        <div role="status" className="notice" data-testid="recovery-notice">
          {recoveries[recoveries.length - 1]}
        </div>
      )}
    </>
  );
}
