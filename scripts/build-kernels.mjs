#!/usr/bin/env node
/**
 * Compile the hand-written WebAssembly kernels (AssemblyScript sources in src/kernels/) into src/kernels/build/.
 *
 *   node scripts/build-kernels.mjs [--quiet] [--force]
 *
 * The output is generated, not committed: `npm start`, `npm run build`, the unit tests and the benchmark run this
 * first. Up to date when each .wasm is newer than its source and this script ("up to date": nothing rewritten).
 *
 * Flags, and why:
 *   --enable simd     the kernels are written in f32x4 (every browser with WebAssembly SIMD; tfjs's wasm backend
 *                     needs the same for its fast path);
 *   --importMemory    the module works in place on the tfjs wasm backend's memory;
 *   --runtime stub, --use abort=, --noAssert
 *                     no allocator, no abort import, no data segments: the module writes only to the buffers it is
 *                     given, never to addresses tfjs owns.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const quiet = process.argv.includes('--quiet');
const force = process.argv.includes('--force');
const KERNELS = ['ensembleSgdStep'];
const outDir = join(root, 'src/kernels/build');

/** The ids of a wasm binary's sections (11 = data). */
function sectionIds(bytes) {
  const ids = [];
  let p = 8;
  while (p < bytes.length) {
    ids.push(bytes[p++]);
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[p++];
      size |= (b & 0x7f) << shift;
      if (!(b & 0x80)) break;
    }
    p += size;
  }
  return ids;
}

function upToDate(source, output) {
  if (!existsSync(output)) return false;
  const built = statSync(output).mtimeMs;
  return built > statSync(source).mtimeMs && built > statSync(fileURLToPath(import.meta.url)).mtimeMs;
}

mkdirSync(outDir, { recursive: true });
for (const name of KERNELS) {
  const source = join(root, 'src/kernels', `${name}.ts`);
  const output = join(outDir, `${name}.wasm`);
  if (!force && upToDate(source, output)) {
    if (!quiet) console.log(`${name}.wasm up to date`);
    continue;
  }
  const { error, stderr } = await asc.main([
    source,
    '--outFile', output,
    '-O3',
    '--enable', 'simd',
    '--importMemory',
    '--runtime', 'stub',
    '--use', 'abort=',
    '--noAssert',
  ]);
  if (error) {
    console.error(stderr.toString());
    console.error(`build-kernels: ${name} failed: ${error.message}`);
    process.exit(1);
  }
  // The contract with the host: memory imported, nothing else imported, no data written at load.
  const bytes = readFileSync(output);
  const module = new WebAssembly.Module(bytes);
  const imports = WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`);
  if (imports.join() !== 'env.memory') {
    console.error(`build-kernels: ${name} imports ${imports.join(', ')}; expected only env.memory`);
    process.exit(1);
  }
  if (sectionIds(bytes).includes(11)) {
    console.error(`build-kernels: ${name} has a data section; it would overwrite tfjs memory at load`);
    process.exit(1);
  }
  if (!quiet) console.log(`${name}.wasm built (${statSync(output).size} bytes)`);
}
