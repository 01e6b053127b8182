import { usePanelBackendStore } from '../../state/panelBackendStore';
import { useTrainingStore } from '../../state/trainingStore';

/** Which training step the reason says runs ("fused WGSL training step", "fused SIMD training step (…)", tfjs ops). */
function stepKind(reason: string): string | null {
  const fused = /fused (?:WGSL|SIMD) training step(?: \([^)]*\))?/.exec(reason);
  if (fused) return fused[0];
  return /the step runs as tfjs ops/.test(reason) ? 'tfjs-op training step' : null;
}

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
  const step = stepKind(backend.reason);
  return (
    <span className="badge" role="status" aria-label="Compute backend" title={backend.reason} data-backend={backend.name}>
      backend: <strong>{backend.name}</strong>
      {step && <span className="badge-step"> · {step}</span>}
      {skipped.length > 0 && (
        <span className="badge-reason"> ({skipped.map((p) => `${p.name}: ${p.reason}`).join('; ')})</span>
      )}
    </span>
  );
}
