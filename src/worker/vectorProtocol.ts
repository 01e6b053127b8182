/**
 * The vector-lab worker's protocol: versioned (`v: 1`), typed, validated on both sides. One worker runs two labs:
 * `plane` (2D inputs, vector outputs, C_n) and `cross` (the 3D cross-product experiment).
 */
import type { CrossConfig, CrossSnapshot } from '../core/equivariance/crossProduct';
import type { VectorConfig } from '../core/equivariance/vectorConfig';
import type { VectorSnapshot } from '../core/equivariance/vectorTrainer';
import type { EnsembleCheckpoint } from '../core/ensemble/ensembleCheckpoint';
import type { MemberSlice } from '../core/ensemble/memberSlice';
import { BACKEND_ORDER, isRefusal, versionedRecord, type BackendName, type Validated } from './protocol';

export const VECTOR_PROTOCOL_VERSION = 1 as const;

export type VectorLab = 'plane' | 'cross';
export const VECTOR_LABS: readonly VectorLab[] = ['plane', 'cross'];

export type VectorRunStatus = 'idle' | 'running' | 'paused' | 'done' | 'error';

export type VectorCommand =
  /** `exclude`: backends that lost their device in an earlier worker of this page. */
  | { v: 1; type: 'init'; backend?: BackendName | 'auto'; exclude?: BackendName[] }
  /**
   * `slice`: train only these members (a worker of a pool) and post each snapshot raw (`rawSlice`), for the page to
   * merge and summarise; without it the worker trains every member and posts summarised snapshots.
   */
  | { v: 1; type: 'configure'; lab: VectorLab; config: Record<string, unknown>; autoplay?: boolean; slice?: MemberSlice }
  | { v: 1; type: 'start'; lab: VectorLab }
  /** Continue a lab's run from a checkpoint the previous worker posted (after a crash or a lost device). */
  | { v: 1; type: 'resume'; lab: VectorLab; config: Record<string, unknown>; checkpoint: EnsembleCheckpoint; autoplay?: boolean; slice?: MemberSlice }
  | { v: 1; type: 'pause'; lab: VectorLab }
  | { v: 1; type: 'step'; lab: VectorLab; count?: number }
  | { v: 1; type: 'reset'; lab: VectorLab }
  | { v: 1; type: 'selectMember'; member: number };

export type VectorEvent =
  | { v: 1; type: 'backend'; backend: BackendName; reason: string }
  /** `resumedFrom`: this run continues from a checkpoint at that step; the page keeps the snapshots up to it. */
  | { v: 1; type: 'config'; lab: 'plane'; runId: number; config: VectorConfig; notices: string[]; schedule: number[]; resumedFrom?: number }
  | { v: 1; type: 'config'; lab: 'cross'; runId: number; config: CrossConfig; notices: string[]; schedule: number[]; resumedFrom?: number }
  /** Parameters after a snapshot, to resume from (buffers transferred). */
  | { v: 1; type: 'checkpoint'; lab: VectorLab; runId: number; checkpoint: EnsembleCheckpoint }
  | { v: 1; type: 'planeSnapshot'; runId: number; snapshot: VectorSnapshot }
  | { v: 1; type: 'crossSnapshot'; runId: number; snapshot: CrossSnapshot }
  /** A slice's snapshot, unsummarised: members start … start + c − 1, predictions [c × rows] and losses [c]. */
  | { v: 1; type: 'rawSlice'; lab: VectorLab; runId: number; start: number; raw: { step: number; members: Float32Array; losses: Float32Array } }
  | { v: 1; type: 'progress'; lab: VectorLab; runId: number; step: number; totalSteps: number; stepsPerSecond: number; loss?: number; status: VectorRunStatus }
  /** kind 'device-lost': the backend's GPU device is gone; the page restarts the worker on the next backend. */
  | { v: 1; type: 'error'; lab?: VectorLab; runId?: number; message: string; step?: number; kind?: 'device-lost' };

export type { Validated } from './protocol';

const COMMANDS = new Set(['init', 'configure', 'resume', 'start', 'pause', 'step', 'reset', 'selectMember']);

function isLab(x: unknown): x is VectorLab {
  return x === 'plane' || x === 'cross';
}

/** The shape of a checkpoint (its sizes are checked against the run by `checkpointMismatch`). */
function isCheckpointShape(c: unknown): c is EnsembleCheckpoint {
  if (!c || typeof c !== 'object') return false;
  const cp = c as { step?: unknown; params?: unknown };
  return (
    typeof cp.step === 'number' &&
    Array.isArray(cp.params) &&
    cp.params.every(
      (p) =>
        !!p &&
        Array.isArray((p as { layers?: unknown }).layers) &&
        (p as { layers: unknown[] }).layers.every((l) => !!l && (l as { W?: unknown }).W instanceof Float32Array && (l as { b?: unknown }).b instanceof Float32Array),
    )
  );
}

/** A slice of members, or undefined when none is given; null when malformed. */
function sliceOf(x: unknown): MemberSlice | undefined | null {
  if (x === undefined) return undefined;
  const s = x as { start?: unknown; count?: unknown } | null;
  if (!s || typeof s !== 'object' || !Number.isInteger(s.start) || !Number.isInteger(s.count) || (s.start as number) < 0 || (s.count as number) < 1) return null;
  return { start: s.start as number, count: s.count as number };
}

/** Validate a command sent to the worker. Unknown types, a wrong version and malformed fields are rejected. */
export function validateVectorCommand(msg: unknown): Validated<VectorCommand> {
  const m = versionedRecord(msg, VECTOR_PROTOCOL_VERSION);
  if (isRefusal(m)) return m;
  if (typeof m.type !== 'string' || !COMMANDS.has(m.type)) return { ok: false, error: `unknown command ${String(m.type)}` };
  if (m.type === 'init') {
    const b = m.backend;
    if (b !== undefined && b !== 'auto' && !(BACKEND_ORDER as readonly unknown[]).includes(b)) return { ok: false, error: `unknown backend ${String(b)}` };
    const ex = m.exclude;
    if (ex !== undefined && !(Array.isArray(ex) && ex.every((e) => (BACKEND_ORDER as readonly unknown[]).includes(e)))) {
      return { ok: false, error: 'exclude must be a list of backend names' };
    }
    return { ok: true, message: { v: 1, type: 'init', backend: b as BackendName | 'auto' | undefined, exclude: ex as BackendName[] | undefined } };
  }
  if (m.type === 'selectMember') {
    const k = m.member;
    if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k > 4096) return { ok: false, error: 'member must be a whole number from 0 to 4096' };
    return { ok: true, message: { v: 1, type: 'selectMember', member: k } };
  }
  if (!isLab(m.lab)) return { ok: false, error: `lab must be "plane" or "cross", got ${String(m.lab)}` };
  const lab = m.lab;
  const slice = sliceOf(m.slice);
  if (slice === null) return { ok: false, error: 'slice must be a first member and a count of at least 1' };
  switch (m.type) {
    case 'configure':
      if (!m.config || typeof m.config !== 'object' || Array.isArray(m.config)) return { ok: false, error: 'configure needs a config object' };
      if (m.autoplay !== undefined && typeof m.autoplay !== 'boolean') return { ok: false, error: 'autoplay must be true or false' };
      return { ok: true, message: { v: 1, type: 'configure', lab, config: m.config as Record<string, unknown>, autoplay: m.autoplay as boolean | undefined, slice } };
    case 'resume':
      if (!m.config || typeof m.config !== 'object' || Array.isArray(m.config)) return { ok: false, error: 'resume needs a config object' };
      if (!isCheckpointShape(m.checkpoint)) return { ok: false, error: 'resume needs a checkpoint: a step and every member\'s layers as Float32Arrays' };
      if (m.autoplay !== undefined && typeof m.autoplay !== 'boolean') return { ok: false, error: 'autoplay must be true or false' };
      return { ok: true, message: { v: 1, type: 'resume', lab, config: m.config as Record<string, unknown>, checkpoint: m.checkpoint, autoplay: m.autoplay as boolean | undefined, slice } };
    case 'step': {
      const c = m.count;
      if (c !== undefined && (typeof c !== 'number' || !Number.isInteger(c) || c < 1 || c > 2000)) {
        return { ok: false, error: 'step count must be a whole number from 1 to 2000' };
      }
      return { ok: true, message: { v: 1, type: 'step', lab, count: c as number | undefined } };
    }
    default:
      return { ok: true, message: { v: 1, type: m.type as 'start' | 'pause' | 'reset', lab } };
  }
}

const EVENTS = new Set(['backend', 'config', 'checkpoint', 'planeSnapshot', 'crossSnapshot', 'rawSlice', 'progress', 'error']);

/** Validate an event on the page side: a crashed or fuzzed worker must not crash the page. */
export function validateVectorEvent(msg: unknown): Validated<VectorEvent> {
  const m = versionedRecord(msg, VECTOR_PROTOCOL_VERSION, 'event');
  if (isRefusal(m)) return m;
  if (typeof m.type !== 'string' || !EVENTS.has(m.type)) return { ok: false, error: `unknown event ${String(m.type)}` };
  const num = (k: string) => typeof m[k] === 'number' && Number.isFinite(m[k] as number);
  switch (m.type) {
    case 'backend':
      if (typeof m.backend !== 'string' || typeof m.reason !== 'string') return { ok: false, error: 'backend event needs backend and reason' };
      break;
    case 'config':
      if (!isLab(m.lab) || !num('runId') || !m.config || typeof m.config !== 'object' || !Array.isArray(m.notices) || !Array.isArray(m.schedule)) {
        return { ok: false, error: 'config event is malformed' };
      }
      break;
    case 'checkpoint':
      if (!isLab(m.lab) || !num('runId') || !isCheckpointShape(m.checkpoint)) return { ok: false, error: 'checkpoint event is malformed' };
      break;
    case 'planeSnapshot': {
      const s = m.snapshot as Record<string, unknown> | undefined;
      if (!num('runId') || !s || typeof s.step !== 'number' || !(s.mean instanceof Float32Array) || !(s.members instanceof Float32Array) || !(s.meanDeviation instanceof Float32Array) || !s.metrics) {
        return { ok: false, error: 'plane snapshot is malformed' };
      }
      break;
    }
    case 'crossSnapshot': {
      const s = m.snapshot as Record<string, unknown> | undefined;
      if (!num('runId') || !s || typeof s.step !== 'number' || !s.sizeCurve || !s.probe || !s.mean) return { ok: false, error: 'cross snapshot is malformed' };
      break;
    }
    case 'rawSlice': {
      const r = m.raw as Record<string, unknown> | undefined;
      if (!isLab(m.lab) || !num('runId') || !Number.isInteger(m.start) || !r || typeof r.step !== 'number' || !(r.members instanceof Float32Array) || !(r.losses instanceof Float32Array)) {
        return { ok: false, error: 'raw slice is malformed' };
      }
      break;
    }
    case 'progress':
      if (!isLab(m.lab) || !num('runId') || !num('step') || !num('totalSteps') || typeof m.status !== 'string') return { ok: false, error: 'progress event is malformed' };
      break;
    case 'error':
      if (typeof m.message !== 'string') return { ok: false, error: 'error event needs a message' };
      break;
  }
  return { ok: true, message: msg as VectorEvent };
}
