/** The loops lab's notices (clamped settings, clamped rectangle, Monte Carlo remarks): one line each, nothing when empty. */
export function NoticeList({ notices, testId, live = true }: { notices: readonly string[]; testId?: string; live?: boolean }) {
  if (notices.length === 0) return null;
  return (
    <div className="notice" role={live ? 'status' : undefined} data-testid={testId}>
      {notices.map((n) => (
        <div key={n}>{n}</div>
      ))}
    </div>
  );
}
