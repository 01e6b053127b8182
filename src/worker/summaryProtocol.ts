/**
 * The snapshot-summary worker's protocol (versioned, validated on arrival like every worker's). The page sends a
 * pool's merged raw snapshot (every member's predictions, in member order) with the run's configuration and the
 * member the figures show; the worker answers with the summarised Snapshot (means, deviation fields, metrics,
 * ensemble-size curve) under the same id.
 */
import type { EnsembleConfig } from '../core/ensemble/config';
import type { Snapshot } from '../core/ensemble/snapshot';
import type { RawSnapshot } from '../core/ensemble/trainer';
import { isRecord, isRefusal, versionedRecord, type Validated } from './protocol';

export const SUMMARY_PROTOCOL_VERSION = 1 as const;

export type SummaryCommand = { v: 1; type: 'summarize'; id: number; config: EnsembleConfig; selectedMember: number; raw: RawSnapshot };

export type SummaryEvent = { v: 1; type: 'summary'; id: number; snapshot: Snapshot } | { v: 1; type: 'error'; id?: number; message: string };

const isFloats = (x: unknown): x is Float32Array => x instanceof Float32Array;

/**
 * Validate a page → worker message: a whole-number id and member, a config object, and a raw snapshot whose arrays
 * are Float32Arrays (the sizes are checked against the clamped config by the worker, which knows the grids).
 */
export function validateSummaryCommand(raw: unknown): Validated<SummaryCommand> {
  const m = versionedRecord(raw, SUMMARY_PROTOCOL_VERSION);
  if (isRefusal(m)) return m;
  if (m.type !== 'summarize') return { ok: false, error: `unknown command ${String(m.type)}` };
  if (typeof m.id !== 'number' || !Number.isInteger(m.id)) return { ok: false, error: 'id must be a whole number' };
  if (typeof m.selectedMember !== 'number' || !Number.isInteger(m.selectedMember) || m.selectedMember < 0) return { ok: false, error: 'selectedMember must be a whole number ≥ 0' };
  if (!isRecord(m.config)) return { ok: false, error: 'summarize needs a config object' };
  const r = m.raw;
  if (!isRecord(r) || typeof r.step !== 'number' || !isFloats(r.members) || !isFloats(r.losses)) return { ok: false, error: 'raw must hold a step, members and losses (Float32Array)' };
  for (const k of ['noAugMembers', 'noAugLosses', 'farMembers'] as const) if (r[k] !== undefined && !isFloats(r[k])) return { ok: false, error: `raw.${k} must be a Float32Array` };
  return { ok: true, message: m as unknown as SummaryCommand };
}

/** A light check of worker → page messages: a crashed or fuzzed worker must not crash the page. */
export function isSummaryEvent(x: unknown): x is SummaryEvent {
  const m = x as Partial<Record<string, unknown>> | null;
  if (!m || typeof m !== 'object' || m.v !== SUMMARY_PROTOCOL_VERSION) return false;
  if (m.type === 'summary') return typeof m.id === 'number' && !!m.snapshot && typeof m.snapshot === 'object';
  return m.type === 'error' && typeof m.message === 'string';
}
