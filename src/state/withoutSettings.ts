/**
 * The route's parameters with every setting removed: what "Reset to defaults" keeps (the embedding and which
 * controls are hidden). Its own module so the header, which is in the first page's bundle, does not pull in the URL
 * tables and their checks (src/state/urlNotices.ts), which load with the notices after the first paint.
 */
export function withoutSettings(params: URLSearchParams): URLSearchParams {
  const keep = new URLSearchParams();
  for (const k of ['embed', 'panel', 'hide', 'parentOrigin', 'controls']) {
    const v = params.get(k);
    if (v !== null) keep.set(k, v);
  }
  return keep;
}
