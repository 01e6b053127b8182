/**
 * The lattice Monte Carlo worker's message protocol: a small, versioned, typed union. The page sends `run` and
 * `cancel`; the worker answers with `progress`, `result`, `cancelled` and `error`. Every message carries `v: 1`.
 * Both sides validate what they receive; a malformed message is ignored and answered (or reported) as an error.
 */
import type { GaugeResponse, WilsonLoopCheckpoint, WilsonLoopMeasurement, WilsonLoopOptions } from '../core/lattice';
import { isRecord, isRefusal, versionedRecord, type Validated } from './protocol';

export const LATTICE_PROTOCOL_VERSION = 1 as const;

export type LatticeCommand =
  | { v: 1; type: 'run'; runId: number; options: WilsonLoopOptions }
  | { v: 1; type: 'cancel'; runId: number }
  /** Continue a run from a checkpoint the previous worker posted (after that worker crashed). */
  | { v: 1; type: 'resume'; runId: number; checkpoint: WilsonLoopCheckpoint }
  /** Compare the L-CNN and the baseline on a 2D L×L configuration under a random gauge transformation. */
  | { v: 1; type: 'lcnn'; runId: number; group: 'U1' | 'SU2'; L: number; links: Float64Array; seed: number };

export type LatticeEvent =
  | {
      v: 1;
      type: 'progress';
      runId: number;
      done: number;
      total: number;
      phase: 'thermalize' | 'measure';
      sweepsPerSecond: number;
    }
  | {
      v: 1;
      type: 'result';
      runId: number;
      result: WilsonLoopMeasurement;
      /** The last configuration's links (group stride per link, site-major), for the lattice view. */
      links: Float64Array;
    }
  | { v: 1; type: 'cancelled'; runId: number }
  /** The run's state every second or so, for resuming after a crash (buffers transferred). */
  | { v: 1; type: 'checkpoint'; runId: number; checkpoint: WilsonLoopCheckpoint }
  | { v: 1; type: 'lcnnResult'; runId: number; lcnn: GaugeResponse; baseline: GaugeResponse; parameters: number }
  | { v: 1; type: 'error'; runId?: number; message: string };

export type { Validated } from './protocol';

const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

const OPTION_NUMBERS = ['L', 'beta', 'thermalize', 'sweeps', 'seed', 'maxR', 'maxT'] as const;

/** The shape of a checkpoint (lengths are checked against the options by `WilsonLoopRun.resume`). */
function isCheckpoint(c: unknown): c is WilsonLoopCheckpoint {
  if (!isRecord(c) || !isRecord(c.input) || !isRecord(c.rng)) return false;
  return (
    isInt(c.done) &&
    c.links instanceof Float64Array &&
    c.plaquetteSeries instanceof Float64Array &&
    Array.isArray(c.loopSeries) &&
    c.loopSeries.every((s) => s instanceof Float64Array) &&
    Array.isArray(c.histogramCounts) &&
    c.histogramCounts.every(isNum) &&
    isNum(c.histogramTotal) &&
    isNum(c.accepted) &&
    isNum(c.proposed) &&
    isNum(c.elapsed) &&
    Array.isArray(c.rng.s) &&
    c.rng.s.length === 4 &&
    c.rng.s.every(isInt)
  );
}

/** The buffers of a checkpoint, to transfer rather than copy. */
export function checkpointTransferables(c: WilsonLoopCheckpoint): ArrayBuffer[] {
  return [c.links.buffer as ArrayBuffer, c.plaquetteSeries.buffer as ArrayBuffer, ...c.loopSeries.map((s) => s.buffer as ArrayBuffer)];
}

/** Validate a page → worker message. Numbers may be out of range (the core clamps and reports); they must be numbers. */
export function validateLatticeCommand(raw: unknown): Validated<LatticeCommand> {
  const msg = versionedRecord(raw, LATTICE_PROTOCOL_VERSION);
  if (isRefusal(msg)) return msg;
  if (!isInt(msg.runId)) return { ok: false, error: 'runId must be an integer' };
  if (msg.type === 'cancel') return { ok: true, message: { v: 1, type: 'cancel', runId: msg.runId } };
  if (msg.type === 'resume') {
    if (!isCheckpoint(msg.checkpoint)) return { ok: false, error: 'resume needs a checkpoint' };
    const inner = validateLatticeCommand({ v: 1, type: 'run', runId: msg.runId, options: msg.checkpoint.input });
    if (!inner.ok) return { ok: false, error: `resume: ${inner.error}` };
    return { ok: true, message: { v: 1, type: 'resume', runId: msg.runId, checkpoint: msg.checkpoint } };
  }
  if (msg.type === 'lcnn') {
    if (msg.group !== 'U1' && msg.group !== 'SU2') return { ok: false, error: `unknown group ${String(msg.group)}` };
    if (!isInt(msg.L) || msg.L < 2 || msg.L > 64) return { ok: false, error: 'lcnn needs an integer L in 2 … 64' };
    const stride = msg.group === 'U1' ? 2 : 4;
    if (!(msg.links instanceof Float64Array) || msg.links.length !== msg.L * msg.L * 2 * stride) {
      return { ok: false, error: 'lcnn needs links as a Float64Array of length L²·2·stride' };
    }
    if (!isNum(msg.seed)) return { ok: false, error: 'lcnn needs a numeric seed' };
    return { ok: true, message: { v: 1, type: 'lcnn', runId: msg.runId, group: msg.group, L: msg.L, links: msg.links, seed: msg.seed } };
  }
  if (msg.type !== 'run') return { ok: false, error: `unknown command ${String(msg.type)}` };
  const o = msg.options;
  if (!isRecord(o)) return { ok: false, error: 'run needs an options object' };
  if (o.group !== 'U1' && o.group !== 'SU2') return { ok: false, error: `unknown group ${String(o.group)}` };
  for (const k of OPTION_NUMBERS) {
    if (!isNum(o[k])) return { ok: false, error: `options.${k} must be a finite number` };
  }
  for (const k of ['dims', 'overrelax', 'hits', 'nBins', 'histogramBins'] as const) {
    if (o[k] !== undefined && !isNum(o[k])) return { ok: false, error: `options.${k} must be a finite number` };
  }
  if (o.start !== undefined && o.start !== 'cold' && o.start !== 'hot') return { ok: false, error: 'options.start must be cold or hot' };
  const options: WilsonLoopOptions = {
    group: o.group,
    L: o.L as number,
    beta: o.beta as number,
    thermalize: o.thermalize as number,
    sweeps: o.sweeps as number,
    seed: o.seed as number,
    maxR: o.maxR as number,
    maxT: o.maxT as number,
  };
  for (const k of ['dims', 'overrelax', 'hits', 'nBins', 'histogramBins'] as const) if (o[k] !== undefined) options[k] = o[k] as number;
  if (o.start !== undefined) options.start = o.start as 'cold' | 'hot';
  return { ok: true, message: { v: 1, type: 'run', runId: msg.runId, options } };
}

/** Validate a worker → page message (shape only; the result body comes from our own core). */
export function validateLatticeEvent(raw: unknown): Validated<LatticeEvent> {
  const msg = versionedRecord(raw, LATTICE_PROTOCOL_VERSION, 'event');
  if (isRefusal(msg)) return msg;
  switch (msg.type) {
    case 'progress':
      if (!isInt(msg.runId) || !isNum(msg.done) || !isNum(msg.total) || !isNum(msg.sweepsPerSecond)) return { ok: false, error: 'malformed progress event' };
      if (msg.phase !== 'thermalize' && msg.phase !== 'measure') return { ok: false, error: 'malformed progress phase' };
      return { ok: true, message: msg as unknown as LatticeEvent };
    case 'result': {
      const r = msg.result;
      if (!isInt(msg.runId) || !(msg.links instanceof Float64Array) || !isRecord(r) || !Array.isArray(r.loops) || !isRecord(r.plaquette)) {
        return { ok: false, error: 'malformed result event' };
      }
      return { ok: true, message: msg as unknown as LatticeEvent };
    }
    case 'lcnnResult':
      if (!isInt(msg.runId) || !isRecord(msg.lcnn) || !isRecord(msg.baseline) || !isNum(msg.parameters)) return { ok: false, error: 'malformed lcnnResult event' };
      return { ok: true, message: msg as unknown as LatticeEvent };
    case 'checkpoint':
      if (!isInt(msg.runId) || !isCheckpoint(msg.checkpoint)) return { ok: false, error: 'malformed checkpoint event' };
      return { ok: true, message: msg as unknown as LatticeEvent };
    case 'cancelled':
      if (!isInt(msg.runId)) return { ok: false, error: 'malformed cancelled event' };
      return { ok: true, message: msg as unknown as LatticeEvent };
    case 'error':
      if (typeof msg.message !== 'string') return { ok: false, error: 'malformed error event' };
      return { ok: true, message: msg as unknown as LatticeEvent };
    default:
      return { ok: false, error: `unknown event ${String(msg.type)}` };
  }
}
