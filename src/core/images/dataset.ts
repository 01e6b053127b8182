/**
 * The rotated-images data: the compact binaries written by `scripts/prepare-data.mjs` and their manifest.
 * Each file is N label bytes followed by N × S² pixel bytes (row-major uint8). The loader checks the size (a
 * truncated file) and the SHA-256 checksum (a corrupted one) against the manifest before using a byte.
 */
import { sha256Hex } from './sha256';

export const IMAGE_DATA_FORMAT = 'symmetry-lab-images';
export const IMAGE_DATA_VERSION = 1;

export interface ImageSetEntry {
  file: string;
  count: number;
  bytes: number;
  sha256: string;
}

export interface ImageManifest {
  format: string;
  version: number;
  imageSize: number;
  classes: string[];
  oodClasses: string[];
  params: Record<string, number>;
  sets: { train: ImageSetEntry; test: ImageSetEntry; ood: ImageSetEntry };
  sources?: Record<string, { package: string; version: string; license: string }>;
}

/** One decoded set: labels [N] and pixels [N × size²], both uint8. */
export interface ImageSet {
  count: number;
  size: number;
  labels: Uint8Array;
  pixels: Uint8Array;
}

export interface ImageDataSets {
  manifest: ImageManifest;
  train: ImageSet;
  test: ImageSet;
  ood: ImageSet;
}

/** A data file that is missing, truncated, corrupted or malformed. The message says which and what to do. */
export class ImageDataError extends Error {
  constructor(
    message: string,
    readonly kind: 'manifest' | 'missing' | 'truncated' | 'corrupted' | 'malformed',
    readonly file?: string,
  ) {
    super(message);
    this.name = 'ImageDataError';
  }
}

const FIX = 'Regenerate the data with `node scripts/prepare-data.mjs --force` (it runs before build and tests).';

/** Validate a parsed manifest's shape; throws ImageDataError('manifest'). */
export function validateManifest(raw: unknown): ImageManifest {
  const m = raw as Partial<ImageManifest> | null;
  if (!m || typeof m !== 'object') throw new ImageDataError('The image manifest is not a JSON object.', 'manifest');
  if (m.format !== IMAGE_DATA_FORMAT || m.version !== IMAGE_DATA_VERSION) {
    throw new ImageDataError(`The image manifest has format ${String(m.format)} v${String(m.version)}; expected ${IMAGE_DATA_FORMAT} v${IMAGE_DATA_VERSION}. ${FIX}`, 'manifest');
  }
  if (!Number.isInteger(m.imageSize) || (m.imageSize as number) < 2) throw new ImageDataError('The image manifest has no valid imageSize.', 'manifest');
  for (const k of ['train', 'test', 'ood'] as const) {
    const e = m.sets?.[k];
    if (!e || typeof e.file !== 'string' || !Number.isInteger(e.count) || !Number.isInteger(e.bytes) || !/^[0-9a-f]{64}$/.test(String(e.sha256))) {
      throw new ImageDataError(`The image manifest's "${k}" entry is incomplete (file, count, bytes, sha256). ${FIX}`, 'manifest');
    }
  }
  if (!Array.isArray(m.classes) || m.classes.length < 2) throw new ImageDataError('The image manifest lists no classes.', 'manifest');
  return m as ImageManifest;
}

/**
 * Decode one set after checking it: byte length = count·(1 + S²) (else "truncated"), SHA-256 = the manifest's
 * (else "corrupted"), every label < number of classes (else "malformed").
 */
export function decodeImageSet(bytes: Uint8Array, entry: ImageSetEntry, size: number, classes: number): ImageSet {
  const expected = entry.count * (1 + size * size);
  if (entry.bytes !== expected) {
    throw new ImageDataError(`The manifest says ${entry.file} has ${entry.bytes} bytes, but ${entry.count} images of ${size}×${size} need ${expected}. ${FIX}`, 'manifest', entry.file);
  }
  if (bytes.length < expected) {
    throw new ImageDataError(
      `${entry.file} is truncated: ${bytes.length.toLocaleString('en')} bytes, expected ${expected.toLocaleString('en')} (${entry.count} images × ${1 + size * size} bytes). ${FIX}`,
      'truncated',
      entry.file,
    );
  }
  if (bytes.length > expected) {
    throw new ImageDataError(`${entry.file} is ${bytes.length - expected} bytes longer than the manifest says (${expected}). ${FIX}`, 'corrupted', entry.file);
  }
  const digest = sha256Hex(bytes);
  if (digest !== entry.sha256) {
    throw new ImageDataError(
      `${entry.file} is corrupted: its SHA-256 ${digest.slice(0, 12)}… does not match the manifest's ${entry.sha256.slice(0, 12)}…. ${FIX}`,
      'corrupted',
      entry.file,
    );
  }
  const labels = bytes.slice(0, entry.count);
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] >= classes) throw new ImageDataError(`${entry.file}: label ${labels[i]} at row ${i} is not one of ${classes} classes.`, 'malformed', entry.file);
  }
  return { count: entry.count, size, labels, pixels: bytes.slice(entry.count) };
}

/** Fetch a file's bytes, given its name relative to the data folder. */
export type FetchBytes = (file: string) => Promise<Uint8Array>;

/**
 * Load and verify the three sets. `fetchText('manifest.json')` and `fetchBytes(file)` resolve relative to the data
 * folder (in the app: `./data/` on the page's own origin).
 */
export async function loadImageData(fetchText: (file: string) => Promise<string>, fetchBytes: FetchBytes): Promise<ImageDataSets> {
  let raw: unknown;
  try {
    raw = JSON.parse(await fetchText('manifest.json'));
  } catch (e) {
    if (e instanceof ImageDataError) throw e;
    throw new ImageDataError(`The image manifest could not be read: ${e instanceof Error ? e.message : String(e)}. ${FIX}`, 'manifest', 'manifest.json');
  }
  const manifest = validateManifest(raw);
  const S = manifest.imageSize;
  const load = async (entry: ImageSetEntry, classes: number) => decodeImageSet(await fetchBytes(entry.file), entry, S, classes);
  const [train, test, ood] = await Promise.all([
    load(manifest.sets.train, manifest.classes.length),
    load(manifest.sets.test, manifest.classes.length),
    load(manifest.sets.ood, manifest.oodClasses?.length || 10),
  ]);
  return { manifest, train, test, ood };
}

/** The first `count` rows of a set (the files are pre-shuffled, so a prefix is class-balanced in expectation). */
export function takeImages(set: ImageSet, count: number): ImageSet {
  const n = Math.min(count, set.count);
  const P = set.size * set.size;
  return { count: n, size: set.size, labels: set.labels.subarray(0, n), pixels: set.pixels.subarray(0, n * P) };
}
