/**
 * Messages between the rotated-images panel and its worker: versioned (`v: 1`), typed, and validated on arrival.
 * The page sends commands; the worker answers with events (backend, data, progress with ETA, results, probes).
 */
import { sliceMismatch, type MemberSlice } from '../core/ensemble/memberSlice';
import type { ImageRunCheckpoint, StoredEnsemble } from '../core/images/imageCheckpoint';
import type { ImageEvaluation, ImageProbe, ImageRunConfig } from '../core/images/imageRun';
import { BACKEND_ORDER, isRefusal, versionedRecord, type BackendName, type Validated } from './protocol';

export const IMAGES_PROTOCOL_VERSION = 1 as const;

export type ImagesCommand =
  /** `exclude`: backends that lost their device in this page; the worker starts on the next one. */
  | { v: 1; type: 'init'; backend?: BackendName | 'auto'; dataUrl?: string; exclude?: BackendName[] }
  /**
   * Train run `runId` and evaluate it; with `slice`, a pool worker's part: train only those members of both
   * ensembles, then post them (`trained`) for the page to join and have one worker evaluate (`resume` at the end).
   */
  | { v: 1; type: 'run'; runId: number; config: ImageRunConfig; slice?: MemberSlice }
  /**
   * Continue run `runId` from a checkpoint the previous worker posted (after a crash or a lost device), or evaluate
   * the joined slices (a checkpoint at the last step). `trainSeconds`: training time already spent, so the result
   * reports the whole run's. With `slice`, the checkpoint holds that slice's members and only they train.
   */
  | { v: 1; type: 'resume'; runId: number; config: ImageRunConfig; checkpoint: ImageRunCheckpoint; trainSeconds: number; slice?: MemberSlice }
  /** Rebuild finished run `runId` from its final checkpoint, for the probe only (a new worker lost the old one). */
  | { v: 1; type: 'restore'; runId: number; config: ImageRunConfig; checkpoint: ImageRunCheckpoint }
  | { v: 1; type: 'cancel'; runId: number }
  | { v: 1; type: 'probe'; runId: number; set: 'test' | 'ood'; index: number; theta: number }
  | { v: 1; type: 'benchmark'; config: ImageRunConfig; seconds: number };

export type ImagesPhase = 'loading' | 'training' | 'evaluating' | 'done';

export type ImagesEvent =
  | { v: 1; type: 'backend'; backend: BackendName; reason: string }
  | { v: 1; type: 'data'; train: number; test: number; ood: number; classes: string[]; oodClasses: string[]; size: number; loadMs: number }
  | {
      v: 1;
      type: 'progress';
      runId: number;
      phase: ImagesPhase;
      step: number;
      totalSteps: number;
      /** 0–1 over the whole run, training and evaluation weighted by their work. */
      fraction: number;
      /** Member-images per second (training, both ensembles). */
      imagesPerSecondPerMember: number;
      etaSeconds: number;
      loss?: number;
      canonLoss?: number;
      /** A pool worker's slice (members start … start + count − 1); absent for a whole run or its evaluation. */
      start?: number;
      count?: number;
    }
  | { v: 1; type: 'result'; runId: number; config: ImageRunConfig; evaluation: ImageEvaluation; trainSeconds: number; evalSeconds: number; backend: BackendName; imagesPerSecondPerMember: number }
  | { v: 1; type: 'probe'; runId: number; probe: ImageProbe; set: 'test' | 'ood'; index: number; theta: number }
  | { v: 1; type: 'benchmark'; imagesPerSecondPerMember: number; flopsPerSecond: number; backend: BackendName }
  /** Posted about once a second while training and once when training ends: what a new worker resumes from. */
  | { v: 1; type: 'checkpoint'; runId: number; checkpoint: ImageRunCheckpoint; trainSeconds: number; start?: number; count?: number }
  /** A pool worker's slice finished training: its final parameters (members start … start + count − 1). */
  | { v: 1; type: 'trained'; runId: number; start: number; count: number; checkpoint: ImageRunCheckpoint; trainSeconds: number }
  | { v: 1; type: 'cancelled'; runId: number }
  /** `device-lost`: the backend's GPU device or WebGL context is gone; the page restarts the worker on the next backend. */
  | { v: 1; type: 'error'; runId?: number; kind: 'data' | 'backend' | 'training' | 'invalid-command' | 'device-lost'; message: string };

export type ImagesValidation = Validated<ImagesCommand>;

const RUN_LIMITS: Record<keyof ImageRunConfig, [number, number]> = {
  group: [2, 16],
  ensembleSize: [1, 32],
  hidden: [4, 1024],
  depth: [1, 4],
  trainCount: [10, 60000],
  evalCount: [1, 10000],
  groupAverageCount: [1, 2000],
  epochs: [1, 200],
  batchSize: [1, 1000],
  lr: [1e-4, 1000],
  seed: [0, 2 ** 31 - 1],
  sigmaW: [0.1, 4],
  sigmaB: [0, 2],
};

/** Validate a run config: every field present, finite and within its range; C_n with n ∈ {4, 8, 16}. */
export function validateImageRunConfig(raw: unknown): { ok: true; config: ImageRunConfig } | { ok: false; error: string } {
  if (!raw || typeof raw !== 'object') return { ok: false, error: 'config must be an object' };
  const o = raw as Record<string, unknown>;
  const out: Record<string, number> = {};
  for (const [k, [lo, hi]] of Object.entries(RUN_LIMITS)) {
    const v = o[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) return { ok: false, error: `${k} must be a number in [${lo}, ${hi}]` };
    out[k] = v;
  }
  if (![4, 8, 16].includes(out.group)) return { ok: false, error: 'group must be 4, 8 or 16' };
  for (const k of ['ensembleSize', 'hidden', 'depth', 'trainCount', 'evalCount', 'groupAverageCount', 'epochs', 'batchSize', 'seed']) {
    if (!Number.isInteger(out[k])) return { ok: false, error: `${k} must be a whole number` };
  }
  return { ok: true, config: out as unknown as ImageRunConfig };
}

function storedEnsembleError(x: unknown, name: string): string | null {
  if (!x || typeof x !== 'object') return `${name} must be an object`;
  const e = x as Partial<Record<keyof StoredEnsemble, unknown>>;
  for (const key of ['W', 'b'] as const) {
    const list = e[key];
    if (!Array.isArray(list) || list.length === 0 || list.length > 5 || !list.every((a) => a instanceof Float32Array)) {
      return `${name}.${key} must be a list of 1 to 5 Float32Arrays`;
    }
  }
  return null;
}

/**
 * Validate a checkpoint's structure: a whole step count and two ensembles of Float32Array layers. Whether the lengths
 * fit the run's architecture is checked when the run is rebuilt (`storedEnsembleMismatch`).
 */
export function validateImageCheckpoint(raw: unknown): { ok: true; checkpoint: ImageRunCheckpoint } | { ok: false; error: string } {
  if (!raw || typeof raw !== 'object') return { ok: false, error: 'checkpoint must be an object' };
  const c = raw as Record<string, unknown>;
  if (typeof c.step !== 'number' || !Number.isInteger(c.step) || c.step < 0) return { ok: false, error: 'checkpoint.step must be a non-negative integer' };
  const e = storedEnsembleError(c.da, 'checkpoint.da') ?? storedEnsembleError(c.canon, 'checkpoint.canon');
  if (e) return { ok: false, error: e };
  return { ok: true, checkpoint: raw as ImageRunCheckpoint };
}

/** `{ slice }` when `raw` is a slice of the run's members, `{}` when absent, else why not. */
function sliceOf(raw: unknown, config: ImageRunConfig): { slice?: MemberSlice } | string {
  if (raw === undefined) return {};
  if (!raw || typeof raw !== 'object') return 'slice must be an object';
  const { start, count } = raw as Record<string, unknown>;
  const slice = { start: start as number, count: count as number };
  return sliceMismatch(slice, config.ensembleSize) ?? { slice };
}

/** Validate an incoming command. Wrong version, unknown type and malformed fields are rejected with a reason. */
export function validateImagesCommand(msg: unknown): ImagesValidation {
  const m = versionedRecord(msg, IMAGES_PROTOCOL_VERSION);
  if (isRefusal(m)) return m;
  const int = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 0;
  switch (m.type) {
    case 'init': {
      const b = m.backend;
      if (b !== undefined && b !== 'auto' && !(BACKEND_ORDER as readonly unknown[]).includes(b)) return { ok: false, error: `unknown backend ${String(b)}` };
      if (m.dataUrl !== undefined && typeof m.dataUrl !== 'string') return { ok: false, error: 'dataUrl must be a string' };
      const ex = m.exclude;
      if (ex !== undefined && (!Array.isArray(ex) || !ex.every((x) => (BACKEND_ORDER as readonly unknown[]).includes(x)))) {
        return { ok: false, error: 'exclude must be a list of backend names' };
      }
      return {
        ok: true,
        message: { v: 1, type: 'init', backend: b as BackendName | 'auto' | undefined, dataUrl: m.dataUrl as string | undefined, exclude: ex as BackendName[] | undefined },
      };
    }
    case 'resume':
    case 'restore': {
      if (!int(m.runId)) return { ok: false, error: 'runId must be a non-negative integer' };
      const c = validateImageRunConfig(m.config);
      if (!c.ok) return c;
      const cp = validateImageCheckpoint(m.checkpoint);
      if (!cp.ok) return cp;
      if (m.type === 'restore') return { ok: true, message: { v: 1, type: 'restore', runId: m.runId as number, config: c.config, checkpoint: cp.checkpoint } };
      const t = m.trainSeconds;
      if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) return { ok: false, error: 'trainSeconds must be a non-negative number' };
      const slice = sliceOf(m.slice, c.config);
      if (typeof slice === 'string') return { ok: false, error: slice };
      return { ok: true, message: { v: 1, type: 'resume', runId: m.runId as number, config: c.config, checkpoint: cp.checkpoint, trainSeconds: t, ...slice } };
    }
    case 'run':
    case 'benchmark': {
      const c = validateImageRunConfig(m.config);
      if (!c.ok) return c;
      if (m.type === 'run') {
        if (!int(m.runId)) return { ok: false, error: 'runId must be a non-negative integer' };
        const slice = sliceOf(m.slice, c.config);
        if (typeof slice === 'string') return { ok: false, error: slice };
        return { ok: true, message: { v: 1, type: 'run', runId: m.runId as number, config: c.config, ...slice } };
      }
      const s = m.seconds;
      if (typeof s !== 'number' || !(s > 0 && s <= 30)) return { ok: false, error: 'seconds must be in (0, 30]' };
      return { ok: true, message: { v: 1, type: 'benchmark', config: c.config, seconds: s } };
    }
    case 'cancel':
      if (!int(m.runId)) return { ok: false, error: 'runId must be a non-negative integer' };
      return { ok: true, message: { v: 1, type: 'cancel', runId: m.runId as number } };
    case 'probe':
      if (!int(m.runId)) return { ok: false, error: 'runId must be a non-negative integer' };
      if (m.set !== 'test' && m.set !== 'ood') return { ok: false, error: 'set must be "test" or "ood"' };
      if (!int(m.index)) return { ok: false, error: 'index must be a non-negative integer' };
      if (typeof m.theta !== 'number' || !Number.isFinite(m.theta)) return { ok: false, error: 'theta must be a finite number' };
      return { ok: true, message: { v: 1, type: 'probe', runId: m.runId as number, set: m.set, index: m.index as number, theta: m.theta } };
    default:
      return { ok: false, error: `unknown command ${String(m.type)}` };
  }
}

/** A light structural check of worker events on the page side. */
export function isImagesEvent(x: unknown): x is ImagesEvent {
  return !!x && typeof x === 'object' && (x as { v?: unknown }).v === IMAGES_PROTOCOL_VERSION && typeof (x as { type?: unknown }).type === 'string';
}
