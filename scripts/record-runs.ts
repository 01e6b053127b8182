/**
 * Regenerate the recorded runs in public/recordings/ (see src/ui/common/recordings/format.ts for the format).
 *   npx tsx scripts/record-runs.ts [--backend wasm|cpu] [id …]
 * The default backend is wasm (the one the worker uses in headless Chromium; about 6 digits from the CPU backend).
 * The unit test tests/unit/recordings/recordings.test.ts checks every file against a fresh CPU run at CI scale.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { encodeRecording } from '../src/ui/common/recordings/format';
import { RECORDINGS } from '../src/ui/common/recordings/manifest';
import { computeRecording } from './recordRun';
import { useNodeWasmEngine } from './nodeWasmEngine';

async function main() {
  const args = process.argv.slice(2);
  const bi = args.indexOf('--backend');
  const backend = bi >= 0 ? args[bi + 1] : 'wasm';
  const ids = args.filter((a, i) => !a.startsWith('--') && (bi < 0 || i !== bi + 1));
  if (backend === 'wasm') console.log(`wasm: ${await useNodeWasmEngine()}`);
  else if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} did not start`);
  await tf.ready();
  const dir = path.resolve('public/recordings');
  fs.mkdirSync(dir, { recursive: true });
  for (const spec of RECORDINGS) {
    if (ids.length && !ids.includes(spec.id)) continue;
    const t0 = Date.now();
    const snapshots = await computeRecording(spec);
    const bytes = encodeRecording(
      {
        id: spec.id,
        label: spec.label,
        config: spec.config,
        seed: spec.config.seed,
        memberIndex: spec.memberIndex,
        gridSize: snapshots[0].mean.length,
        fields: spec.fields,
        generator: { engine: 'ToyRun (src/core/ensemble/toyRun.ts)', backend },
      },
      snapshots,
    );
    fs.writeFileSync(path.join(dir, spec.file), bytes);
    const last = snapshots[snapshots.length - 1].metrics;
    console.log(
      `${spec.file}: ${snapshots.length} snapshots, ${(bytes.length / 1024).toFixed(1)} KiB, ${((Date.now() - t0) / 1000).toFixed(1)} s; ` +
        `step ${last.step}: mean rstd ${last.mean.off.relativeStd.toPrecision(3)}, member rstd ${last.member.off.relativeStd.toPrecision(3)}`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
