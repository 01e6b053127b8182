/** The visible notice for URL parameters that were clamped or ignored, on every route. */
export function UrlNotice({ notices }: { notices: string[] }) {
  if (notices.length === 0) return null;
  return (
    <div role="status" className="notice url-notice" data-testid="url-notice" data-count={notices.length}>
      <strong>Some settings in the link were adjusted:</strong>
      <ul>
        {notices.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </div>
  );
}
