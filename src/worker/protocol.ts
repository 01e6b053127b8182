/**
 * The training worker's message protocol: a small, versioned, typed union. The page sends commands; the worker
 * answers with events. Every message carries `v`, and the worker validates every command before acting on it (the
 * worker kit's prologue, workerKit.ts, which also consumes the fault-injection and page-visibility messages every
 * supervised worker receives, so they are not commands of this protocol).
 */
import type { EnsembleConfig } from '../core/ensemble/config';
import type { LightFrame, Snapshot } from '../core/ensemble/snapshot';
import type { RunTimings, ToyCheckpoint } from '../core/ensemble/toyRun';
import type { RawFrame, RawSnapshot } from '../core/ensemble/trainer';
import type { MemberSlice } from '../core/ensemble/memberSlice';

export const PROTOCOL_VERSION = 1 as const;

export const BACKEND_ORDER = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_ORDER)[number];

/** What the backend selection found for one candidate. */
export interface BackendProbe {
  name: BackendName;
  /** Whether this backend was usable. */
  ok: boolean;
  /** Why it was skipped or chosen: "software adapter (SwiftShader): wasm is faster", "no WebGPU adapter". */
  reason: string;
  /** Milliseconds per training step of the configuration, where the backend was timed to choose by speed. */
  msPerStep?: number;
}

export type TrainerCommand =
  | { v: 1; type: 'init'; backend?: BackendName | 'auto'; exclude?: BackendName[] }
  /** With `slice`, this worker trains only those members (a pool worker) and posts `rawSnapshot`s for the page to merge. */
  | { v: 1; type: 'setConfig'; config: unknown; slice?: MemberSlice }
  | { v: 1; type: 'start' }
  | { v: 1; type: 'pause' }
  | { v: 1; type: 'step'; count?: number }
  | { v: 1; type: 'reset' }
  | { v: 1; type: 'resume'; checkpoint: ToyCheckpoint; config: unknown; autoplay: boolean; slice?: MemberSlice }
  | { v: 1; type: 'selectMember'; member: number };

export type RunStatus = 'idle' | 'running' | 'paused' | 'done' | 'error';

export type ErrorKind = 'divergence' | 'device-lost' | 'invalid-command' | 'config' | 'backend' | 'internal';

export type TrainerEvent =
  | { v: 1; type: 'backend'; backend: BackendName; reason: string; probes: BackendProbe[] }
  | {
      v: 1;
      type: 'config';
      runId: number;
      config: EnsembleConfig;
      notices: string[];
      schedule: number[];
      /** Every frame step of the animation (frameSchedule), when the sender computes it. */
      frames?: number[];
      /** Set when this run resumes from a checkpoint: the page keeps the timeline it already has. */
      resumedFrom?: number;
    }
  | { v: 1; type: 'snapshot'; runId: number; snapshot: Snapshot }
  /**
   * A pool worker's part of a snapshot: the predictions and losses of members `start` … (merged by the summary
   * worker). `copy` holds the same numbers in buffers of its own, made on the worker's thread: the page hands it on to
   * the summary worker by transfer and keeps `raw` in case that worker has to be replaced, so the page copies nothing.
   */
  | { v: 1; type: 'rawSnapshot'; runId: number; start: number; raw: RawSnapshot; copy?: RawSnapshot }
  /** A light frame of the animation (between the full snapshots), on the coarse grid: the whole ensemble's, reduced. */
  | { v: 1; type: 'frame'; runId: number; frame: LightFrame }
  /** A pool worker's part of a light frame: its members' coarse-grid predictions (merged by the summary worker, in member order); `copy` as for rawSnapshot. */
  | { v: 1; type: 'rawFrame'; runId: number; start: number; raw: RawFrame; copy?: RawFrame }
  | {
      v: 1;
      type: 'progress';
      runId: number;
      step: number;
      totalSteps: number;
      stepsPerSecond: number;
      loss?: number;
      status: RunStatus;
      /** tf.memory().numTensors in the worker: flat across steps and runs (checked by the soak test). */
      tensors?: number;
      /** Where the run's time went in this worker (sent when a run stops: done or paused), for the benchmark. */
      timings?: RunTimings;
    }
  /** `start`: the first member the checkpoint holds, for a pool worker's slice (absent: the whole ensemble). */
  | { v: 1; type: 'checkpoint'; runId: number; checkpoint: ToyCheckpoint; start?: number }
  | { v: 1; type: 'error'; runId?: number; kind: ErrorKind; message: string; step?: number };

const COMMAND_TYPES = new Set(['init', 'setConfig', 'start', 'pause', 'step', 'reset', 'resume', 'selectMember']);

/** A member slice as a message carries it, or undefined when absent; a malformed one is refused. */
function readSlice(x: unknown): { ok: true; slice: MemberSlice | undefined } | Refusal {
  if (x === undefined) return { ok: true, slice: undefined };
  const s = x as Record<string, unknown>;
  if (!isRecord(x) || !Number.isInteger(s.start) || !Number.isInteger(s.count) || (s.start as number) < 0 || (s.count as number) < 1) {
    return { ok: false, error: 'slice must be { start, count } with whole numbers, count ≥ 1' };
  }
  return { ok: true, slice: { start: s.start as number, count: s.count as number } };
}

/**
 * Validate an incoming message as a command. Unknown types, a wrong version and malformed fields are rejected with
 * a reason; the worker answers those with an `error` event and does nothing else.
 */
export function validateCommand(msg: unknown): Validated<TrainerCommand> {
  const m = versionedRecord(msg, PROTOCOL_VERSION);
  if (isRefusal(m)) return m;
  if (typeof m.type !== 'string' || !COMMAND_TYPES.has(m.type)) return { ok: false, error: `unknown command ${String(m.type)}` };
  switch (m.type) {
    case 'init': {
      const b = m.backend;
      if (b !== undefined && b !== 'auto' && !(BACKEND_ORDER as readonly unknown[]).includes(b)) {
        return { ok: false, error: `unknown backend ${String(b)}` };
      }
      const ex = m.exclude;
      if (ex !== undefined && !(Array.isArray(ex) && ex.every((e) => (BACKEND_ORDER as readonly unknown[]).includes(e)))) {
        return { ok: false, error: 'exclude must be a list of backend names' };
      }
      return { ok: true, message: { v: 1, type: 'init', backend: b as BackendName | 'auto' | undefined, exclude: ex as BackendName[] | undefined } };
    }
    case 'setConfig': {
      if (!m.config || typeof m.config !== 'object') return { ok: false, error: 'setConfig needs a config object' };
      const slice = readSlice(m.slice);
      if (!slice.ok) return slice;
      return { ok: true, message: { v: 1, type: 'setConfig', config: m.config, ...(slice.slice && { slice: slice.slice }) } };
    }
    case 'step': {
      const c = m.count;
      if (c !== undefined && (typeof c !== 'number' || !Number.isInteger(c) || c < 1 || c > 2000)) {
        return { ok: false, error: 'step count must be a whole number from 1 to 2000' };
      }
      return { ok: true, message: { v: 1, type: 'step', count: c as number | undefined } };
    }
    case 'selectMember': {
      const k = m.member;
      if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k > 4096) return { ok: false, error: 'member must be a whole number' };
      return { ok: true, message: { v: 1, type: 'selectMember', member: k } };
    }
    case 'resume': {
      const cp = m.checkpoint as Record<string, unknown> | undefined;
      if (!cp || typeof cp !== 'object' || typeof cp.step !== 'number' || !Array.isArray(cp.params)) {
        return { ok: false, error: 'resume needs a checkpoint with step and params' };
      }
      if (!m.config || typeof m.config !== 'object') return { ok: false, error: 'resume needs a config object' };
      const slice = readSlice(m.slice);
      if (!slice.ok) return slice;
      return {
        ok: true,
        message: {
          v: 1,
          type: 'resume',
          checkpoint: cp as unknown as ToyCheckpoint,
          config: m.config,
          autoplay: m.autoplay === true,
          ...(slice.slice && { slice: slice.slice }),
        },
      };
    }
    default:
      return { ok: true, message: { v: 1, type: m.type as 'start' | 'pause' | 'reset' } };
  }
}

/** Validate an event on the page side (the worker is ours, but a fuzzed or crashed one must not crash the page). */
export function isTrainerEvent(msg: unknown): msg is TrainerEvent {
  if (!msg || typeof msg !== 'object') return false;
  const m = msg as Record<string, unknown>;
  return (
    m.v === PROTOCOL_VERSION &&
    typeof m.type === 'string' &&
    ['backend', 'config', 'snapshot', 'rawSnapshot', 'frame', 'rawFrame', 'progress', 'checkpoint', 'error'].includes(m.type)
  );
}

/**
 * The compute backend a lab's URL asks for (`backend=wasm`, …), or 'auto' when it names none or an unknown one
 * (the URL notice reports the unknown value; see src/state/urlNotices.ts). One reading for every panel.
 */
export function backendParam(params: URLSearchParams): BackendName | 'auto' {
  const b = params.get('backend');
  return b && (BACKEND_ORDER as readonly string[]).includes(b) ? (b as BackendName) : 'auto';
}

// What every worker protocol's validators share (trainer, images, lattice, NTK, vector): the result type and the
// version prologue. Each protocol keeps its own field checks. Kept in this module, which every protocol already
// imports, so the page gets no extra chunk for it.

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
