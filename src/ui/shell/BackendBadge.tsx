import { usePanelBackendStore } from '../../state/panelBackendStore';
import { useTrainingStore } from '../../state/trainingStore';

/**
 * The active compute backend and why it was chosen (including every fallback's reason): the mounted panel worker's
 * if the panel on screen has its own worker, else the toy trainer's.
 */
export function BackendBadge() {
  const backend = useTrainingStore((s) => s.backend);
  const panel = usePanelBackendStore((s) => s.entries[s.entries.length - 1]);
  if (panel) {
    return (
      <span className="badge" role="status" aria-label="Compute backend" title={panel.reason} data-backend={panel.name}>
        backend: <strong>{panel.name}</strong> <span className="badge-reason">({panel.owner}: {panel.reason})</span>
      </span>
    );
  }
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
