/**
 * Hash routing: `#/`, `#/lab/<panel>?k=v…`, `#/slides?…`. Hash routes keep the static build working from any
 * sub-path and from a plain file server.
 */
export interface HashRoute {
  /** Path segments after "#/", e.g. ["lab", "toy"]. */
  path: string[];
  /** Query parameters that follow the path inside the hash. */
  params: URLSearchParams;
}

export function parseHash(hash: string): HashRoute {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  const pathPart = q >= 0 ? body.slice(0, q) : body;
  const query = q >= 0 ? body.slice(q + 1) : '';
  return {
    path: pathPart.split('/').filter((s) => s.length > 0),
    params: new URLSearchParams(query),
  };
}

export function formatHash(route: HashRoute): string {
  const query = route.params.toString();
  return '#/' + route.path.join('/') + (query ? `?${query}` : '');
}
