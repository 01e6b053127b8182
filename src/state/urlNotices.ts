/**
 * Every URL parameter a route understands, checked: the toy config through the typed table (src/state/urlConfig.ts)
 * and the route-level parameters (embed, panel, member, hide, …). Returns one readable notice per value that was
 * ignored or clamped, so a bad link always says what it changed. Never throws.
 */
import { configFromParams } from './urlConfig';
import { parseParentOrigin } from './embed';
import { EMBED_URL_PARAMS, parseEmbedOpening } from './embedUrl';
import { readTable, tableParams } from './urlTable';
import { TOY_URL_TABLE } from './urlConfig';
import type { AnyUrlTable } from './urlTables';

// workers= (the toy training pool's size) is clamped and reported by the pool itself (src/state/poolUrl.ts).
export const ROUTE_PARAMS = ['embed', 'panel', 'member', 'hide', 'backend', 'workers', 'parentOrigin', 'live', 'autoplay', 'controls', 'theta'] as const;
const FLAGS = ['embed', 'live', 'autoplay', 'controls', 'keys'];
const BACKENDS = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];

export interface NoticeContext {
  /** Known ids for panel= (embeddable figures and lab panels). */
  panels: readonly string[];
  /** Flag parameters this route does not know (off on lab routes, whose panels may read their own parameters). */
  flagUnknown: boolean;
  /** Leave out the toy-config notices (the toy lab shows them itself). */
  skipConfig?: boolean;
  /** The panel tables to check instead of the toy config (see shellLinkCheck); [] checks none. */
  tables?: readonly AnyUrlTable[];
}

const show = (v: string) => (v.length > 40 ? `${v.slice(0, 40)}…` : v);

export function urlNotices(params: URLSearchParams, ctx: NoticeContext): string[] {
  const out: string[] = [];
  try {
    if (ctx.tables) for (const t of ctx.tables) out.push(...readTable(t, params).notices);
    else if (!ctx.skipConfig) out.push(...configFromParams(params).notices);
  } catch (e) {
    out.push(`the settings in the link could not be read (${String(e)}); using the defaults`);
  }
  const get = (k: string) => params.get(k);
  for (const f of FLAGS) {
    const v = get(f);
    if (v !== null && v !== '0' && v !== '1') out.push(`${f} “${show(v)}” must be 0 or 1; ignoring it`);
  }
  const panel = get('panel');
  if (panel !== null && !ctx.panels.includes(panel)) out.push(`there is no figure called “${show(panel)}”; showing the page instead`);
  const member = get('member');
  if (member !== null && !/^\d{1,4}$/.test(member)) out.push(`member “${show(member)}” is not a whole number; using member 0`);
  const hide = get('hide');
  if (hide !== null && !/^[A-Za-z0-9_,-]*$/.test(hide)) out.push(`hide “${show(hide)}” should be a comma-separated list of control names`);
  const backend = get('backend');
  if (backend !== null && !BACKENDS.includes(backend)) out.push(`unknown backend “${show(backend)}”; choosing automatically`);
  const po = get('parentOrigin');
  if (po !== null && !parseParentOrigin(po).valid) out.push(`parentOrigin “${show(po)}” is not an origin such as https://example.org; embedded commands are disabled`);
  const theta = get('theta');
  if (theta !== null && (theta.trim() === '' || !Number.isFinite(Number(theta)))) out.push(`theta “${show(theta)}” is not a number of radians; using 0`);
  // An embedded figure's opening (step, member in range): src/state/embedUrl.ts.
  if (get('embed') === '1') {
    try {
      out.push(...parseEmbedOpening(params, configFromParams(params).config).notices);
    } catch {
      /* the config notice above already says the settings could not be read */
    }
  }
  // Names no control could use (empty, control characters, "__proto__"…) are flagged on every route.
  const malformed = [...new Set([...params.keys()].filter((k) => !/^[A-Za-z][A-Za-z0-9_-]{0,39}$/.test(k)))];
  for (const k of malformed.slice(0, 3)) out.push(`malformed parameter name “${show(encodeURIComponent(k))}” ignored`);
  if (ctx.flagUnknown) {
    // faults=1 is the test-only switch for injected worker faults (src/worker/faultTargets.ts).
    const known = new Set<string>([
      ...(ctx.tables ?? [TOY_URL_TABLE]).flatMap((t) => tableParams(t)),
      ...ROUTE_PARAMS,
      ...EMBED_URL_PARAMS,
      'faults',
    ]);
    const unknown = [...new Set([...params.keys()].filter((k) => !known.has(k) && !malformed.includes(k)))];
    for (const k of unknown.slice(0, 5)) out.push(`unknown parameter “${show(k)}” ignored`);
    if (unknown.length > 5) out.push(`${unknown.length - 5} more unknown parameters ignored`);
  }
  return [...new Set(out)];
}

export { withoutSettings } from './withoutSettings';
