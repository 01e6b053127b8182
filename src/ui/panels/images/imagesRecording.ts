/**
 * The recorded image runs shipped in public/recordings/images.json: the results table (every route's scores) and one
 * probe per run, computed by scripts/record-images.ts with the worker's engine (ImageRun) on the wasm backend. The
 * images lab shows them at once, marked "recorded" with their configuration, until a live run replaces a column.
 * tests/unit/recordings/imagesRecording.test.ts retrains the Tiny entry on the CPU backend and compares.
 */
import { imageRunWork, type ImageEvaluation, type ImageProbe, type ImageRunConfig } from '../../../core/images/imageRun';
import type { ImagesResult } from '../../../state/imagesStore';

export const IMAGES_RECORDING_FILE = 'images.json';
export const IMAGES_RECORDING_FORMAT = 'symmetry-lab-images-recording';

/** The probe as stored: typed arrays as plain arrays, probabilities rounded to 5 decimals. */
export interface StoredImageProbe {
  set: 'test' | 'ood';
  index: number;
  theta: number;
  image: number[];
  label: number;
  ensemble: number[];
  members: number[];
  canonical: number[];
  orbitEnsemble: number[];
  orbitMembers: number[];
}

export interface RecordedImageRun {
  /** "quick-C8": preset and group. */
  id: string;
  preset: 'tiny' | 'quick' | 'full';
  config: ImageRunConfig;
  evaluation: ImageEvaluation;
  /** Wall-clock seconds the recording machine took (Node, one thread): context, not a promise. */
  trainSeconds: number;
  evalSeconds: number;
  backend: string;
  probe: StoredImageProbe;
}

export interface ImagesRecording {
  format: typeof IMAGES_RECORDING_FORMAT;
  version: 1;
  generator: string;
  runs: RecordedImageRun[];
}

const round = (v: number, digits = 5) => Number(v.toFixed(digits));

export function storeProbe(p: ImageProbe, set: 'test' | 'ood', index: number, theta: number): StoredImageProbe {
  return {
    set,
    index,
    theta,
    image: Array.from(p.image, (v) => round(v, 3)),
    label: p.label,
    ensemble: Array.from(p.ensemble, (v) => round(v)),
    members: Array.from(p.members, (v) => round(v)),
    canonical: Array.from(p.canonical, (v) => round(v)),
    orbitEnsemble: Array.from(p.orbitEnsemble),
    orbitMembers: Array.from(p.orbitMembers),
  };
}

export function restoreProbe(p: StoredImageProbe): ImageProbe {
  return {
    image: Float32Array.from(p.image),
    label: p.label,
    ensemble: Float32Array.from(p.ensemble),
    members: Float32Array.from(p.members),
    canonical: Float32Array.from(p.canonical),
    orbitEnsemble: Int32Array.from(p.orbitEnsemble),
    orbitMembers: Int32Array.from(p.orbitMembers),
  };
}

/** Checks the shape of a parsed recording; throws a readable error for anything else. */
export function validateImagesRecording(raw: unknown): ImagesRecording {
  const r = raw as ImagesRecording;
  if (!r || r.format !== IMAGES_RECORDING_FORMAT || r.version !== 1 || !Array.isArray(r.runs)) throw new Error('the recorded image results are not in the expected format');
  for (const run of r.runs) {
    if (!run || typeof run.id !== 'string' || !run.config || !run.evaluation?.routes || !run.probe) throw new Error('a recorded image run is incomplete');
  }
  return r;
}

let cache: Promise<ImagesRecording> | null = null;

/** Fetch the recording relative to the page (sub-paths work). Cached; a failure is retried next time. */
export function loadImagesRecording(): Promise<ImagesRecording> {
  if (!cache) {
    const url = new URL(`recordings/${IMAGES_RECORDING_FILE}`, document.baseURI).href;
    cache = fetch(url)
      .then((res) => {
        if (!res.ok) throw new Error(`could not load the recorded image results (HTTP ${res.status})`);
        return res.json();
      })
      .then(validateImagesRecording);
    cache.catch(() => (cache = null));
  }
  return cache;
}

/** A recorded run in the shape of a live result (runId −1: no worker run can match it, so no probe is sent for it). */
export function recordedResult(run: RecordedImageRun): ImagesResult {
  return {
    config: run.config,
    evaluation: run.evaluation,
    trainSeconds: run.trainSeconds,
    evalSeconds: run.evalSeconds,
    backend: run.backend as ImagesResult['backend'],
    // as the worker measures it: member-images trained (both ensembles) per second of training
    imagesPerSecondPerMember: imageRunWork(run.config).train / Math.max(1e-9, run.trainSeconds),
    runId: -1,
  };
}

/** The recorded Quick runs (the preset the lab opens with), by group: what the results table shows before any run. */
export function recordedQuickResults(rec: ImagesRecording | null): Record<number, ImagesResult> {
  const out: Record<number, ImagesResult> = {};
  for (const run of rec?.runs ?? []) if (run.preset === 'quick') out[run.config.group] = recordedResult(run);
  return out;
}
