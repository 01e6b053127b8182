import { usePanelBackendStore } from '../../state/panelBackendStore';
import { useTrainingStore } from '../../state/trainingStore';
import { BadgeNotStarted } from './BadgeNotStarted';

/**
 * "wasm · fused SIMD": the one-line summary the header shows. The kernel note comes from the reason text the worker
 * reports (see selectBackend), so the badge cannot claim a kernel the worker did not load.
 */
export function badgeSummary(name: string, reason: string, workers = 1): string {
  const kernel = /fused WGSL training step/.test(reason)
    ? ' · fused WGSL'
    : /fused SIMD training step/.test(reason)
      ? ' · fused SIMD'
      : /so the step runs as tfjs ops/.test(reason)
        ? ' · tfjs ops'
        : '';
  // The toy lab trains on a pool of workers (one slice of the members each): "×2" says how many (the reasons say it
  // in words), keeping the badge one short line.
  return `${name}${kernel}${workers > 1 ? ` ×${workers}` : ''}`;
}

/**
 * What the reasons say of the pool: every worker's backend when they differ (each worker chooses its own), else the
 * one they share. Empty for one worker.
 */
export function poolLine(workers: number, name: string, workerBackends: readonly string[]): string {
  if (workers <= 1) return '';
  const mixed = new Set(workerBackends).size > 1;
  if (!mixed) return `${workers} training workers, each training a slice of the members on its own ${name} backend. `;
  return `${workers} training workers, each training a slice of the members on its own backend: ${workerBackends.map((b, i) => `worker ${i + 1} on ${b}`).join(', ')}. `;
}

/**
 * The active compute backend in one short line, with why it was chosen (every fallback's reason) behind a
 * disclosure: the mounted panel worker's if the panel on screen has its own worker, else the toy trainer's. The
 * reasons stay in the status region's text (closed <details> content is still text), so a screen reader and the
 * tests read them; sighted users open them on demand.
 */
export function BackendBadge() {
  const backend = useTrainingStore((s) => s.backend);
  const workers = useTrainingStore((s) => s.workers);
  const workerBackends = useTrainingStore((s) => s.workerBackends);
  const panel = usePanelBackendStore((s) => s.entries[s.entries.length - 1]);
  if (!panel && !backend) return <BadgeNotStarted />;
  const name = panel ? panel.name : backend!.name;
  const reason = panel ? `${panel.owner}: ${panel.reason}` : backend!.reason;
  // Backends skipped (with why) or timed for a choice by measured speed (the worker wrote each figure as its reason).
  const listed = panel ? [] : backend!.probes.filter((p) => !p.ok || p.msPerStep);
  // The reason repeats the listed backends; with a list of them, only its kernel note is added.
  const kernel = /fused (?:SIMD|WGSL) training step(?: \([^)]*\))?|[^;]*so the step runs as tfjs ops/.exec(reason)?.[0];
  return (
    <span className="badge" role="status" aria-label="Compute backend" title={panel ? panel.reason : backend!.reason} data-backend={name}>
      <details className="badge-details">
        <summary data-testid="backend-summary">
          backend: <strong>{badgeSummary(name, reason, panel ? 1 : workers)}</strong>
          {!panel && new Set(workerBackends).size > 1 && ' (mixed)'}
        </summary>
        <span className="badge-reason" data-testid="backend-reasons">
          {!panel && poolLine(workers, name, workerBackends)}
          {listed.length > 0 ? (
            <>
              {name} chosen; {listed.map((p) => `${p.name}: ${p.reason}`).join('; ')}
              {kernel && `. Step: ${kernel.trim()}`}
            </>
          ) : (
            reason
          )}
        </span>
      </details>
    </span>
  );
}
