/**
 * What every worker protocol's validators share: the result type and the version prologue. Each protocol
 * (trainer, images, lattice, NTK, vector) keeps its own field checks; only this opening step is common.
 */

/** A validator's answer: the typed message, or the reason it was refused (sent back as an `error` event). */
export type Validated<T> = { ok: true; message: T } | { ok: false; error: string };

/** A refusal, in the form every validator returns. */
export type Refusal = { ok: false; error: string };

/** A plain object (not null, not an array): the only shape a protocol message can have. */
export function isRecord(m: unknown): m is Record<string, unknown> {
  return !!m && typeof m === 'object' && !Array.isArray(m);
}

/**
 * The prologue of every validator: `msg` must be a plain object whose `v` equals this protocol's version.
 * Returns the message as a record to check field by field, or the refusal ("message is not an object",
 * "unsupported protocol version …"). `what` names it in the refusal: a command is a "message", a worker's answer an
 * "event".
 */
export function versionedRecord(msg: unknown, version: number, what: 'message' | 'event' = 'message'): Record<string, unknown> | Refusal {
  if (!isRecord(msg)) return { ok: false, error: `${what} is not an object` };
  if (msg.v !== version) return { ok: false, error: `unsupported protocol version ${String(msg.v)}` };
  return msg;
}

/** Whether `versionedRecord` refused the message. */
export function isRefusal(x: Record<string, unknown> | Refusal): x is Refusal {
  return x.ok === false && typeof x.error === 'string' && !('v' in x);
}
