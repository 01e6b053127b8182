#!/usr/bin/env node
/**
 * Compile the hand-written WebAssembly kernels (AssemblyScript sources in src/kernels/: the regression step and the
 * images lab's cross-entropy step, which reuses the regression step's products) into src/kernels/build/.
 *
 *   node scripts/build-kernels.mjs [--quiet] [--force]
 *
 * Each kernel is built twice: NAME.wasm with SIMD128, and NAME-relaxed.wasm with relaxed SIMD as well (fused
 * multiply-add; Chrome 114+, Node behind --experimental-wasm-relaxed-simd). The host loads the relaxed one where it
 * validates. The output is generated, not committed: `npm start`, `npm run build`, the unit tests and the benchmark run this
 * first. Up to date when each .wasm is newer than every kernel source and this script ("up to date": nothing rewritten).
 *
 * Flags, and why:
 *   --enable simd     the kernels are written in f32x4 (every browser with WebAssembly SIMD; tfjs's wasm backend
 *                     needs the same for its fast path);
 *   --importMemory    the module works in place on the tfjs wasm backend's memory;
 *   --runtime stub, --use abort=, --noAssert
 *                     no allocator, no abort import, no data segments: the module writes only to the buffers it is
 *                     given, never to addresses tfjs owns.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const quiet = process.argv.includes('--quiet');
const force = process.argv.includes('--force');
const KERNELS = ['ensembleSgdStep', 'crossEntropyStep'];
const outDir = join(root, 'src/kernels/build');

/** A wasm binary's sections as { id, start, end } (1 type, 2 import, 11 data, …), read from the bytes. */
function sections(bytes) {
  const list = [];
  let p = 8;
  while (p < bytes.length) {
    const id = bytes[p++];
    const [size, start] = leb(bytes, p);
    list.push({ id, start, end: start + size });
    p = start + size;
  }
  return list;
}

/** Unsigned LEB128 at p: [value, position after it]. */
function leb(bytes, p) {
  let value = 0;
  for (let shift = 0; ; shift += 7) {
    const b = bytes[p++];
    value |= (b & 0x7f) << shift;
    if (!(b & 0x80)) return [value >>> 0, p];
  }
}

/** "module.name" of every import, parsed from the import section (no compile: the relaxed build needs a flag in Node). */
function importNames(bytes) {
  const section = sections(bytes).find((s) => s.id === 2);
  if (!section) return [];
  const text = new TextDecoder();
  let [count, p] = leb(bytes, section.start);
  const names = [];
  const string = () => {
    const [n, q] = leb(bytes, p);
    p = q + n;
    return text.decode(bytes.subarray(q, q + n));
  };
  while (count-- > 0) {
    const module = string();
    const name = string();
    const kind = bytes[p++];
    names.push(`${module}.${name}`);
    if (kind !== 2) return [...names, '(a non-memory import)'];
    // memory limits: flags, min, [max]
    const flags = bytes[p++];
    [, p] = leb(bytes, p);
    if (flags & 1) [, p] = leb(bytes, p);
  }
  return names;
}

/** Every kernel source: a kernel may import another's functions (crossEntropyStep uses ensembleSgdStep's products). */
const SOURCES = readdirSync(join(root, 'src/kernels')).filter((f) => f.endsWith('.ts')).map((f) => join(root, 'src/kernels', f));

function upToDate(output) {
  if (!existsSync(output)) return false;
  const built = statSync(output).mtimeMs;
  return [...SOURCES, fileURLToPath(import.meta.url)].every((f) => built > statSync(f).mtimeMs);
}

mkdirSync(outDir, { recursive: true });
const VARIANTS = [
  { suffix: '', features: ['simd'] },
  { suffix: '-relaxed', features: ['simd', 'relaxed-simd'] },
];

for (const name of KERNELS) {
  const source = join(root, 'src/kernels', `${name}.ts`);
  for (const { suffix, features } of VARIANTS) {
    const output = join(outDir, `${name}${suffix}.wasm`);
    if (!force && upToDate(output)) {
      if (!quiet) console.log(`${name}${suffix}.wasm up to date`);
      continue;
    }
    const { error, stderr } = await asc.main([
      source,
      '--outFile', output,
      '-O3',
      ...features.flatMap((f) => ['--enable', f]),
      '--importMemory',
      '--runtime', 'stub',
      '--use', 'abort=',
      '--noAssert',
    ]);
    if (error) {
      console.error(stderr.toString());
      console.error(`build-kernels: ${name}${suffix} failed: ${error.message}`);
      process.exit(1);
    }
    // The contract with the host: memory imported, nothing else imported, no data written at load.
    const bytes = readFileSync(output);
    const imports = importNames(bytes);
    if (imports.join() !== 'env.memory') {
      console.error(`build-kernels: ${name}${suffix} imports ${imports.join(', ')}; expected only env.memory`);
      process.exit(1);
    }
    if (sections(bytes).some((s) => s.id === 11)) {
      console.error(`build-kernels: ${name}${suffix} has a data section; it would overwrite tfjs memory at load`);
      process.exit(1);
    }
    if (!quiet) console.log(`${name}${suffix}.wasm built (${statSync(output).size} bytes)`);
  }
}
