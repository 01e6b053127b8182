import { useTrainingStore } from '../../state/trainingStore';

/** The active tfjs backend and why it was chosen (including every fallback's reason). */
export function BackendBadge() {
  const backend = useTrainingStore((s) => s.backend);
  if (!backend) {
    return (
      <span className="badge" role="status" aria-label="Compute backend">
        backend: not started
      </span>
    );
  }
  const skipped = backend.probes.filter((p) => !p.ok);
  return (
    <span className="badge" role="status" aria-label="Compute backend" title={backend.reason} data-backend={backend.name}>
      backend: <strong>{backend.name}</strong>
      {skipped.length > 0 && (
        <span className="badge-reason"> ({skipped.map((p) => `${p.name}: ${p.reason}`).join('; ')})</span>
      )}
    </span>
  );
}
