/**
 * Every panel's URL table, registered in one place. Each panel declares one table (src/state/*Url.ts); the orbit
 * and ways labs also read the toy lab's table, since they show the same run. The shell uses this registry to know
 * every parameter a link may carry and to report bad values on the routes whose panels do not report them.
 */
import { TOY_URL_TABLE } from './urlConfig';
import { ORBIT_URL_TABLE } from './orbitUrl';
import { VECTOR_URL_TABLE } from './vectorUrl';
import { IMAGES_URL_TABLE } from './imagesUrl';
import { LOOPS_URL_TABLE } from './loopsUrl';
import { REPS_URL_TABLE } from './repsUrl';
import type { UrlTable } from './urlTable';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyUrlTable = UrlTable<any>;

export const PANEL_URL_TABLES: Readonly<Record<string, AnyUrlTable>> = {
  toy: TOY_URL_TABLE,
  orbit: ORBIT_URL_TABLE,
  vector: VECTOR_URL_TABLE,
  images: IMAGES_URL_TABLE,
  loops: LOOPS_URL_TABLE,
  reps: REPS_URL_TABLE,
};

/** Panels that show their own link notices (in the panel's status box) rather than the shell's. */
const PANELS_WITH_OWN_NOTICES = new Set(['toy', 'orbit', 'ways', 'ntk']);

/**
 * How the shell checks a route's link. `tables`: whose notices it shows: on a lab, that panel's table unless the
 * panel shows them itself; elsewhere (article, slides, figures) the toy table, whose run those pages show.
 * `flagUnknown`: also name parameters that belong to none of `tables` (on labs with a table of their own, where
 * "E=5" means nothing, and on the article and slides).
 */
export function shellLinkCheck(path: readonly string[], embeddedPanel?: string | null): { tables: AnyUrlTable[]; flagUnknown: boolean } {
  // An embedded lab panel (embed=1&panel=vector) reads its own table, as on its lab route.
  const lab = path[0] === 'lab' || (embeddedPanel != null && embeddedPanel in PANEL_URL_TABLES);
  if (!lab) return { tables: [TOY_URL_TABLE], flagUnknown: true };
  const id = path[0] === 'lab' ? (path[1] ?? 'toy') : embeddedPanel!;
  if (PANELS_WITH_OWN_NOTICES.has(id)) return { tables: [], flagUnknown: false };
  const own = PANEL_URL_TABLES[id];
  return own ? { tables: [own], flagUnknown: true } : { tables: [TOY_URL_TABLE], flagUnknown: false };
}
