/**
 * The snapshot-summary worker's protocol (versioned, validated on arrival like every worker's). The page sends a
 * pool's slices of one step (each training worker's members' predictions, any order) and the worker merges them in
 * member order and reduces them to what the page keeps, answering under the same id:
 * - `summarize`: a full snapshot's slices, the run's configuration and the member the figures show → the summarised
 *   Snapshot (means, deviation fields, metrics, ensemble-size curve);
 * - `summarizeFrame`: a light frame's slices, E and the members the figures can show → the LightFrame (means and
 *   those members on the coarse grid);
 * - `summarizePlane`, `summarizeCross`: the vector lab's slices and the lab's settings → its VectorSnapshot or
 *   CrossSnapshot (vectorSliceSummary.ts).
 */
import type { EnsembleConfig } from '../core/ensemble/config';
import type { LightFrame, Snapshot } from '../core/ensemble/snapshot';
import type { RawFrame, RawSnapshot } from '../core/ensemble/trainer';
import type { CrossSnapshot } from '../core/equivariance/crossTrainer';
import type { VectorSnapshot } from '../core/equivariance/vectorSummary';
import { isRecord, isRefusal, versionedRecord, type Validated } from './protocol';

export const SUMMARY_PROTOCOL_VERSION = 1 as const;

export type SummaryCommand =
  | { v: 1; type: 'summarize'; id: number; config: EnsembleConfig; selectedMember: number; parts: { start: number; raw: RawSnapshot }[] }
  | { v: 1; type: 'summarizeFrame'; id: number; ensembleSize: number; members: number[]; parts: { start: number; raw: RawFrame }[] }
  | { v: 1; type: 'summarizePlane' | 'summarizeCross'; id: number; settings: Record<string, unknown>; parts: { start: number; raw: RawSnapshot }[] };

export type SummaryEvent =
  | { v: 1; type: 'summary'; id: number; snapshot: Snapshot | VectorSnapshot | CrossSnapshot }
  | { v: 1; type: 'frame'; id: number; frame: LightFrame }
  | { v: 1; type: 'error'; id?: number; message: string };

const isFloats = (x: unknown): x is Float32Array => x instanceof Float32Array;
const isIndex = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;

/** Each part is `{ start, raw }` with a whole-number start, a step, and Float32Arrays where `floats` names them. */
function checkParts(parts: unknown, required: readonly string[], optional: readonly string[]): string | null {
  if (!Array.isArray(parts) || parts.length === 0) return 'parts must be a non-empty array of slices';
  for (const p of parts as unknown[]) {
    if (!isRecord(p) || !isIndex(p.start)) return 'each part needs a whole-number start ≥ 0';
    const r = p.raw;
    if (!isRecord(r) || typeof r.step !== 'number' || required.some((k) => !isFloats(r[k]))) return `each part must hold a step and ${required.join(' and ')} (Float32Array)`;
    for (const k of optional) if (r[k] !== undefined && !isFloats(r[k])) return `a part's ${k} must be a Float32Array`;
  }
  return null;
}

/**
 * Validate a page → worker message: a whole-number id, a config object and member (snapshots), E and member indices
 * (frames) or a settings object (the vector lab), and slices whose arrays are Float32Arrays. That the slices tile the members, and their sizes,
 * are checked by the worker's merge and summary, which know E and the grids.
 */
export function validateSummaryCommand(raw: unknown): Validated<SummaryCommand> {
  const m = versionedRecord(raw, SUMMARY_PROTOCOL_VERSION);
  if (isRefusal(m)) return m;
  if (!['summarize', 'summarizeFrame', 'summarizePlane', 'summarizeCross'].includes(m.type as string)) return { ok: false, error: `unknown command ${String(m.type)}` };
  if (typeof m.id !== 'number' || !Number.isInteger(m.id)) return { ok: false, error: 'id must be a whole number' };
  if (m.type === 'summarize') {
    if (!isIndex(m.selectedMember)) return { ok: false, error: 'selectedMember must be a whole number ≥ 0' };
    if (!isRecord(m.config)) return { ok: false, error: 'summarize needs a config object' };
    const bad = checkParts(m.parts, ['members', 'losses'], ['noAugMembers', 'noAugLosses', 'farMembers']);
    if (bad) return { ok: false, error: bad };
  } else if (m.type === 'summarizePlane' || m.type === 'summarizeCross') {
    if (!isRecord(m.settings)) return { ok: false, error: `${m.type} needs a settings object` };
    const bad = checkParts(m.parts, ['members', 'losses'], []);
    if (bad) return { ok: false, error: bad };
  } else {
    if (!isIndex(m.ensembleSize) || m.ensembleSize < 1) return { ok: false, error: 'ensembleSize must be a whole number ≥ 1' };
    const E = m.ensembleSize;
    if (!Array.isArray(m.members) || !m.members.every((k) => isIndex(k) && k < E)) return { ok: false, error: `members must be member indices below ${E}` };
    const bad = checkParts(m.parts, ['members'], ['noAugMembers']);
    if (bad) return { ok: false, error: bad };
  }
  return { ok: true, message: m as unknown as SummaryCommand };
}

/** A light check of worker → page messages: a crashed or fuzzed worker must not crash the page. */
export function isSummaryEvent(x: unknown): x is SummaryEvent {
  const m = x as Partial<Record<string, unknown>> | null;
  if (!m || typeof m !== 'object' || m.v !== SUMMARY_PROTOCOL_VERSION) return false;
  if (m.type === 'summary') return typeof m.id === 'number' && !!m.snapshot && typeof m.snapshot === 'object';
  if (m.type === 'frame') return typeof m.id === 'number' && !!m.frame && typeof m.frame === 'object';
  return m.type === 'error' && typeof m.message === 'string';
}
