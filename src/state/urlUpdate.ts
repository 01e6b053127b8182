/**
 * The one way the app writes settings into the URL. Every write reads the hash as it is NOW (not as a component
 * last rendered it) and applies all of its changes in one `location.replace`, so two settings changed by one
 * interaction both land, and two writes in a row never undo each other.
 */
import { useMemo } from 'react';
import { formatHash, parseHash } from './hashRoute';
import { readTable, writeTable, type UrlTable } from './urlTable';
import { HASH_WRITTEN, useHashRoute } from './useHashRoute';

/** Parameter name → new text, or null to remove it. */
export type ParamPatch = Record<string, string | null>;

/** Apply `patch` to the current hash's parameters in one replace (no history entry). Unchanged hash: no write. */
export function updateHashParams(patch: ParamPatch | ((current: URLSearchParams) => URLSearchParams)): void {
  const route = parseHash(window.location.hash);
  let next: URLSearchParams;
  if (typeof patch === 'function') next = patch(new URLSearchParams(route.params));
  else {
    next = new URLSearchParams(route.params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
  }
  const hash = formatHash({ path: route.path, params: next });
  if (hash === (window.location.hash || '#/')) return;
  window.location.replace(hash);
  // A fragment change updates location.hash at once; tell the routes now, in the same event as the control's change.
  window.dispatchEvent(new Event(HASH_WRITTEN));
}

/** Write several fields of a table at once into the current hash. */
export function updateTable<T>(table: UrlTable<T>, values: Partial<T>): void {
  updateHashParams((current) => writeTable(table, values, current));
}

/**
 * Write fields given as URL text by parameter name ({ E: '16', tab: 'cross' }), as controls that know their
 * parameter do: each is read (clamped) by its field, then all are written in one update. Unknown names are ignored.
 */
export function updateTableText<T>(table: UrlTable<T>, texts: Record<string, string>): void {
  const values: Partial<T> = {};
  for (const key of Object.keys(table.fields) as (keyof T)[]) {
    const f = table.fields[key];
    const text = texts[f.param];
    if (text !== undefined) values[key] = f.read(text).value;
  }
  updateTable(table, values);
}

/**
 * A panel's settings as its URL table reads them, with the notices for anything clamped, and `update` that writes
 * any number of fields in one batch.
 */
export function useUrlTable<T>(table: UrlTable<T>): {
  values: T;
  notices: string[];
  params: URLSearchParams;
  update: (values: Partial<T>) => void;
} {
  const route = useHashRoute();
  const key = route.params.toString();
  const read = useMemo(() => readTable(table, route.params), [table, key]); // eslint-disable-line react-hooks/exhaustive-deps
  return { ...read, params: route.params, update: (values) => updateTable(table, values) };
}
