/**
 * The embedding API: a figure in an iframe (`embed=1`, `panel=…`) is driven by its parent page through postMessage.
 * Documented in docs/EMBEDDING.md.
 *
 * Commands (parent → figure): play, pause, step, reset, seek(step), set(config), rotate(theta).
 * Events (figure → parent): ready, state, snapshot(step), error, resize(height), key(key, code, shiftKey) — a
 * navigation key pressed inside the figure that belongs to the deck (src/state/embedKeys.ts).
 * Every message carries `v: 1`; events also carry `source: "symmetry-lab"`. A message that is malformed, from a
 * window other than the parent, or from an origin other than `parentOrigin=` is ignored and logged, never executed.
 */
import { URL_PROPERTIES } from './urlConfig';

export const EMBED_VERSION = 1 as const;
export const EMBED_SOURCE = 'symmetry-lab' as const;

/** URL-table parameter names a `set` command may carry (group, E, width, …; see src/state/urlConfig.ts). */
export const SET_KEYS: readonly string[] = [...URL_PROPERTIES.map((p) => p.param), 'member'];

type Id = string | number;
export type EmbedCommand =
  | { v: 1; type: 'play'; id?: Id }
  | { v: 1; type: 'pause'; id?: Id }
  | { v: 1; type: 'step'; count?: number; id?: Id }
  | { v: 1; type: 'reset'; id?: Id }
  | { v: 1; type: 'seek'; step: number; id?: Id }
  | { v: 1; type: 'set'; config: Record<string, string | number | boolean>; id?: Id }
  | { v: 1; type: 'rotate'; theta: number; id?: Id };

export type EmbedCommandType = EmbedCommand['type'];
export const COMMAND_TYPES: readonly EmbedCommandType[] = ['play', 'pause', 'step', 'reset', 'seek', 'set', 'rotate'];

/** What a figure reports in every `state` event. */
export interface EmbedState {
  panel: string;
  /** "recorded": playing a recorded run; "live": trained in this page; "panel": a lab panel. */
  source: 'recorded' | 'live' | 'panel' | 'loading';
  status: 'idle' | 'running' | 'paused' | 'done' | 'error' | 'loading';
  /** Training step reached (live) or shown (recorded). */
  step: number;
  /** Step of the snapshot on screen. */
  viewStep: number;
  totalSteps: number;
  /** Probe rotation angle in radians, in [0, 2π). */
  theta: number;
  /** The figure's config as URL parameters (only values that differ from the defaults). */
  config: string;
  /** Clamp notices for the last `set` or the URL. */
  notices: string[];
  /** Content height in CSS pixels. */
  height: number;
}

export interface SnapshotSummary {
  step: number;
  /** Off-manifold orbit relative std of the ensemble mean, of the shown member, and the members' average. */
  meanRstd: number;
  memberRstd: number;
  membersRstd: number;
  loss: number;
}

export type EmbedEvent =
  | { v: 1; source: typeof EMBED_SOURCE; type: 'ready'; panel: string; commands: readonly string[]; height: number }
  | { v: 1; source: typeof EMBED_SOURCE; type: 'state'; state: EmbedState; id?: Id }
  | { v: 1; source: typeof EMBED_SOURCE; type: 'snapshot'; step: number; summary: SnapshotSummary }
  | { v: 1; source: typeof EMBED_SOURCE; type: 'error'; message: string; id?: Id }
  | { v: 1; source: typeof EMBED_SOURCE; type: 'resize'; height: number }
  | { v: 1; source: typeof EMBED_SOURCE; type: 'key'; key: string; code: string; shiftKey: boolean };

export type EmbedEventBody = EmbedEvent extends infer E ? (E extends unknown ? Omit<E, 'v' | 'source'> : never) : never;

export type CommandResult = { ok: true; command: EmbedCommand } | { ok: false; error: string };

const ALLOWED_KEYS: Record<EmbedCommandType, string[]> = {
  play: [],
  pause: [],
  step: ['count'],
  reset: [],
  seek: ['step'],
  set: ['config'],
  rotate: ['theta'],
};

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (!x || typeof x !== 'object' || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

/**
 * Validate a message as an embed command. Rejects anything that is not a plain object with `v: 1`, a known `type`
 * and exactly that type's fields with the right types and ranges. Never throws.
 */
export function validateEmbedCommand(msg: unknown): CommandResult {
  if (!isPlainObject(msg)) return { ok: false, error: 'message is not a plain object' };
  if (msg.v !== EMBED_VERSION) return { ok: false, error: `unsupported version ${JSON.stringify(msg.v) ?? 'undefined'} (expected v: 1)` };
  const type = msg.type;
  if (typeof type !== 'string' || !(COMMAND_TYPES as readonly string[]).includes(type)) {
    return { ok: false, error: `unknown command ${JSON.stringify(type) ?? 'undefined'}` };
  }
  const t = type as EmbedCommandType;
  const id = msg.id;
  if (id !== undefined && !(typeof id === 'string' && id.length <= 64) && !(typeof id === 'number' && Number.isFinite(id))) {
    return { ok: false, error: 'id must be a short string or a finite number' };
  }
  for (const k of Object.keys(msg)) {
    if (k !== 'v' && k !== 'type' && k !== 'id' && k !== 'source' && !ALLOWED_KEYS[t].includes(k)) {
      return { ok: false, error: `unexpected field “${k}” in ${t}` };
    }
  }
  if (msg.source !== undefined && typeof msg.source !== 'string') return { ok: false, error: 'source must be a string' };
  const base = id === undefined ? {} : { id: id as Id };
  switch (t) {
    case 'step': {
      const c = msg.count;
      if (c !== undefined && (typeof c !== 'number' || !Number.isInteger(c) || c < 1 || c > 2000)) {
        return { ok: false, error: 'step count must be a whole number from 1 to 2000' };
      }
      return { ok: true, command: { v: 1, type: 'step', ...(c === undefined ? {} : { count: c as number }), ...base } };
    }
    case 'seek': {
      const s = msg.step;
      if (typeof s !== 'number' || !Number.isInteger(s) || s < 0 || s > 1_000_000) {
        return { ok: false, error: 'seek needs a whole step from 0' };
      }
      return { ok: true, command: { v: 1, type: 'seek', step: s, ...base } };
    }
    case 'rotate': {
      const th = msg.theta;
      if (typeof th !== 'number' || !Number.isFinite(th) || Math.abs(th) > 1e6) {
        return { ok: false, error: 'rotate needs a finite angle theta in radians' };
      }
      return { ok: true, command: { v: 1, type: 'rotate', theta: th, ...base } };
    }
    case 'set': {
      const c = msg.config;
      if (!isPlainObject(c)) return { ok: false, error: 'set needs a config object of URL parameters' };
      const keys = Object.keys(c);
      if (keys.length === 0) return { ok: false, error: 'set needs at least one parameter' };
      const out: Record<string, string | number | boolean> = {};
      for (const k of keys) {
        if (!SET_KEYS.includes(k)) return { ok: false, error: `unknown parameter “${k}” (expected one of ${SET_KEYS.join(', ')})` };
        const v = c[k];
        if (typeof v === 'number' ? !Number.isFinite(v) : typeof v === 'string' ? v.length > 2000 : typeof v !== 'boolean') {
          return { ok: false, error: `parameter “${k}” must be a finite number, a short string or a boolean` };
        }
        out[k] = v as string | number | boolean;
      }
      return { ok: true, command: { v: 1, type: 'set', config: out, ...base } };
    }
    default:
      return { ok: true, command: { v: 1, type: t, ...base } as EmbedCommand };
  }
}

/** Check `parentOrigin=`: a serialised origin such as "https://slides.example.org", or null when absent. */
export function parseParentOrigin(raw: string | null): { origin: string | null; valid: boolean } {
  if (raw === null || raw === '') return { origin: null, valid: true };
  try {
    const o = new URL(raw).origin;
    if (o === 'null' || o !== raw.replace(/\/$/, '')) return { origin: null, valid: false };
    return { origin: o, valid: true };
  } catch {
    return { origin: null, valid: false };
  }
}

export interface EmbedChannelOptions {
  /** The window allowed to command (normally window.parent). */
  parent: Window;
  /** The window that receives messages (normally window). */
  self: Window;
  /** Only messages from this origin are accepted, and events are posted to it; null: any origin, events to "*". */
  parentOrigin: string | null;
  /** Fail closed: accept nothing (an invalid parentOrigin was given). */
  closed?: boolean;
  onCommand: (command: EmbedCommand) => void;
  log?: (message: string) => void;
}

export interface EmbedChannel {
  post: (event: EmbedEventBody) => void;
  stop: () => void;
  /** How many messages were ignored (malformed, foreign window or foreign origin). */
  ignored: () => number;
}

/** Listen for commands from the parent and post events to it. */
export function openEmbedChannel(opts: EmbedChannelOptions): EmbedChannel {
  const log = opts.log ?? ((m: string) => console.warn(`[symmetry-lab embed] ${m}`));
  let ignored = 0;
  const ignore = (why: string) => {
    ignored++;
    log(`ignored a message: ${why}`);
  };
  const onMessage = (e: MessageEvent) => {
    if (e.source !== opts.parent) return ignore(`it did not come from the parent window (origin ${e.origin})`);
    if (opts.closed) return ignore('parentOrigin= is not a valid origin, so commands are disabled');
    if (opts.parentOrigin !== null && e.origin !== opts.parentOrigin) {
      return ignore(`origin ${e.origin} is not the allowed parentOrigin ${opts.parentOrigin}`);
    }
    const r = validateEmbedCommand(e.data);
    if (!r.ok) {
      ignore(r.error);
      post({ type: 'error', message: `ignored a malformed command: ${r.error}` });
      return;
    }
    try {
      opts.onCommand(r.command);
    } catch (err) {
      post({ type: 'error', message: `command ${r.command.type} failed: ${err instanceof Error ? err.message : String(err)}`, id: r.command.id });
    }
  };
  const post = (event: EmbedEventBody) => {
    if (opts.parent === opts.self) return;
    try {
      opts.parent.postMessage({ v: EMBED_VERSION, source: EMBED_SOURCE, ...event }, opts.parentOrigin ?? '*');
    } catch (err) {
      log(`could not post ${event.type}: ${String(err)}`);
    }
  };
  opts.self.addEventListener('message', onMessage);
  return {
    post,
    stop: () => opts.self.removeEventListener('message', onMessage),
    ignored: () => ignored,
  };
}
