/**
 * The backend badge before any worker has reported: also the header's placeholder while the badge's chunk (with the
 * training store and the toy config it needs) loads after the first paint, so both look the same.
 */
export function BadgeNotStarted() {
  return (
    <span className="badge" role="status" aria-label="Compute backend">
      <span className="badge-summary-text" data-testid="backend-summary">backend: not started</span>
    </span>
  );
}
