/**
 * Recorded runs: a compact binary of one toy-example training run, computed by the same engine as the worker
 * (`ToyRun`, src/core/ensemble/toyRun.ts) with a stated seed. It plays instantly in talks and classes; the UI labels
 * it "recorded" and offers "Recompute live".
 *
 * Layout (little-endian):
 *   bytes 0–7   magic "SYMREC01"
 *   bytes 8–11  uint32 header length H
 *   H bytes     UTF-8 JSON header (RecordingHeader)
 *   padding     to a multiple of 4 bytes
 *   then        for each snapshot, for each field in header.fields: P int16 values (field quantised, see below),
 *               P = header.gridSize for a full snapshot, header.coarseGridSize for a light frame (`coarse: true`)
 *
 * Format 2 adds the light frames of the animation (src/core/ensemble/lightFrame.ts): real evaluations between the full
 * snapshots on the coarse grid (frameGrid.ts), without metrics of their own. Format 1 files (full snapshots only)
 * still decode.
 *
 * Quantisation: each field of each snapshot is stored as int16 q = round(x · 32767 / s) with its own scale
 * s = max|x| (kept in the header as float64). Decoding gives x̂ = q · s / 32767, so |x̂ − x| ≤ s / 65534 (+ float32 rounding):
 * the stated tolerance is 1.54e-5 of the field's largest magnitude (2.3e-5 absolute for outputs up to 1.5). Scalar metrics are
 * kept in the header at full precision.
 *
 * Pure TypeScript, no DOM: used by the page, by scripts/record-runs.ts and by the unit tests.
 */
import type { EnsembleConfig } from '../../../core/ensemble/config';
import type { SnapshotMetrics } from '../../../core/ensemble/snapshot';

export const RECORDING_MAGIC = 'SYMREC01';
export const QUANT_LEVELS = 32767;

/** The fields a recording can hold per snapshot. */
export type RecordedField = 'mean' | 'member' | 'noAugMean';

export interface RecordedSnapshot {
  step: number;
  /** A light frame: fields on the coarse grid, no metrics of its own. */
  coarse?: boolean;
  /** Ensemble mean on the polar grid [P]. */
  mean: Float32Array;
  /** The recorded member (index `memberIndex`) [P]. */
  member: Float32Array;
  /** Ensemble mean without augmentation [P], when recorded. */
  noAugMean?: Float32Array;
  /** Present on full snapshots. */
  metrics?: SnapshotMetrics;
}

export interface RecordingHeader {
  format: 1 | 2;
  id: string;
  /** A one-line description shown with the "recorded" label. */
  label: string;
  config: EnsembleConfig;
  seed: number;
  memberIndex: number;
  /** Grid points per field of a full snapshot. */
  gridSize: number;
  /** Grid points per field of a light frame (format 2). */
  coarseGridSize?: number;
  fields: RecordedField[];
  /** Which tfjs backend computed it, and the engine entry point. */
  generator: { engine: string; backend: string };
  snapshots: { step: number; scales: number[]; metrics?: SnapshotMetrics; coarse?: true }[];
}

export interface Recording {
  header: RecordingHeader;
  snapshots: RecordedSnapshot[];
}

/** The decoding tolerance of a field with largest magnitude `scale`. */
export function quantTolerance(scale: number): number {
  // Half a quantisation step, plus float32 rounding of the decoded value.
  return scale / (2 * QUANT_LEVELS) + scale * 2 ** -23;
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

/** Encode a recording. Every snapshot must hold every field in `header.fields` with `gridSize` values. */
export function encodeRecording(
  meta: Omit<RecordingHeader, 'format' | 'snapshots'>,
  snapshots: RecordedSnapshot[],
): Uint8Array {
  const size = (s: RecordedSnapshot) => (s.coarse ? meta.coarseGridSize ?? -1 : meta.gridSize);
  const header: RecordingHeader = {
    ...meta,
    format: 2,
    snapshots: snapshots.map((s) => ({
      step: s.step,
      scales: meta.fields.map((f) => {
        const a = s[f];
        if (!a || a.length !== size(s)) throw new Error(`snapshot ${s.step} lacks field ${f}`);
        return maxAbs(a);
      }),
      ...(s.coarse ? { coarse: true as const } : { metrics: s.metrics }),
    })),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerEnd = 12 + json.length;
  const dataStart = Math.ceil(headerEnd / 4) * 4;
  const bytes = new Uint8Array(dataStart + snapshots.reduce((a, s) => a + size(s), 0) * meta.fields.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < 8; i++) bytes[i] = RECORDING_MAGIC.charCodeAt(i);
  view.setUint32(8, json.length, true);
  bytes.set(json, 12);
  let o = dataStart;
  snapshots.forEach((s, si) => {
    meta.fields.forEach((f, fi) => {
      const a = s[f]!;
      const scale = header.snapshots[si].scales[fi];
      const k = scale > 0 ? QUANT_LEVELS / scale : 0;
      for (let p = 0; p < a.length; p++) {
        view.setInt16(o, Math.max(-QUANT_LEVELS, Math.min(QUANT_LEVELS, Math.round(a[p] * k))), true);
        o += 2;
      }
    });
  });
  return bytes;
}

/** Decode a recording; throws a readable Error on a wrong magic, a bad header or a short file. */
export function decodeRecording(buffer: ArrayBuffer | Uint8Array): Recording {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  if (bytes.length < 12) throw new Error('recording too short');
  const magic = String.fromCharCode(...bytes.subarray(0, 8));
  if (magic !== RECORDING_MAGIC) throw new Error(`not a Symmetry Lab recording (magic “${magic}”)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = view.getUint32(8, true);
  if (12 + len > bytes.length) throw new Error('recording header is truncated');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + len))) as RecordingHeader;
  if ((header.format !== 1 && header.format !== 2) || !Array.isArray(header.snapshots) || !Array.isArray(header.fields)) {
    throw new Error('unsupported recording header');
  }
  // A recording made before the smooth-animation switch existed: format 2 holds the light frames, format 1 does not.
  if (header.config && typeof header.config === 'object' && header.config.lightFrames === undefined) {
    header.config = { ...header.config, lightFrames: header.format === 2 };
  }
  const size = (h: RecordingHeader['snapshots'][number]) => (h.coarse ? header.coarseGridSize ?? 0 : header.gridSize);
  let o = Math.ceil((12 + len) / 4) * 4;
  const need = o + header.snapshots.reduce((a, h) => a + size(h), 0) * header.fields.length * 2;
  if (need > bytes.length) throw new Error(`recording data is truncated (${bytes.length} of ${need} bytes)`);
  const snapshots: RecordedSnapshot[] = header.snapshots.map((h) => {
    const P = size(h);
    const fields: Partial<Record<RecordedField, Float32Array>> = {};
    header.fields.forEach((f, fi) => {
      const a = new Float32Array(P);
      const k = h.scales[fi] / QUANT_LEVELS;
      for (let p = 0; p < P; p++) {
        a[p] = view.getInt16(o, true) * k;
        o += 2;
      }
      fields[f] = a;
    });
    return {
      step: h.step,
      ...(h.coarse && { coarse: true }),
      mean: fields.mean ?? new Float32Array(P),
      member: fields.member ?? new Float32Array(P),
      noAugMean: fields.noAugMean,
      metrics: h.metrics,
    };
  });
  return { header, snapshots };
}
