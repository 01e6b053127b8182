/**
 * The intertwiner worker's protocol: versioned (`v: 1`), typed, validated on arrival like every panel worker's.
 * The page asks for one problem at a time (`solve`, numbered by `id`); the worker answers with the same `id`, and the
 * page drops answers to superseded ids.
 */
import type { IntertwinerAnswer, IntertwinerRequest } from '../core/groups/solveIntertwiner';
import { isRecord, isRefusal, versionedRecord, type Validated } from './protocol';

export const INTERTWINER_PROTOCOL_VERSION = 1 as const;

export type IntertwinerCommand = { v: 1; type: 'solve'; id: number; request: IntertwinerRequest };

export type IntertwinerEvent =
  | { v: 1; type: 'answer'; id: number; answer: IntertwinerAnswer }
  | { v: 1; type: 'error'; message: string };

/** Validate a page → worker message: a whole-number id and a request naming a group family, n and two representations. */
export function validateIntertwinerCommand(raw: unknown): Validated<IntertwinerCommand> {
  const m = versionedRecord(raw, INTERTWINER_PROTOCOL_VERSION);
  if (isRefusal(m)) return m;
  if (m.type !== 'solve') return { ok: false, error: `unknown command ${String(m.type)}` };
  if (typeof m.id !== 'number' || !Number.isInteger(m.id)) return { ok: false, error: 'id must be a whole number' };
  const r = m.request;
  if (!isRecord(r)) return { ok: false, error: 'solve needs a request object' };
  if (typeof r.family !== 'string') return { ok: false, error: 'request.family must be a string' };
  if (typeof r.n !== 'number' || !Number.isFinite(r.n)) return { ok: false, error: 'request.n must be a number' };
  if (typeof r.inId !== 'string' || typeof r.outId !== 'string') return { ok: false, error: 'request.inId and request.outId must be strings' };
  const request = { family: r.family, n: r.n, inId: r.inId, outId: r.outId } as IntertwinerRequest;
  return { ok: true, message: { v: 1, type: 'solve', id: m.id, request } };
}

/**
 * A light check of worker → page messages: a crashed or fuzzed worker must not crash the page. Written without the
 * validators' shared helpers so the reps panel's chunk does not load them (the page never validates a command).
 */
export function isIntertwinerEvent(x: unknown): x is IntertwinerEvent {
  const m = x as Partial<Record<string, unknown>> | null;
  if (!m || typeof m !== 'object' || m.v !== INTERTWINER_PROTOCOL_VERSION) return false;
  if (m.type === 'answer') return typeof m.id === 'number' && !!m.answer && typeof m.answer === 'object';
  return m.type === 'error' && typeof m.message === 'string';
}
