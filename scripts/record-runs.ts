/**
 * Regenerate the recorded runs in public/recordings/ (see src/ui/common/recordings/format.ts for the format).
 *   npx tsx scripts/record-runs.ts [--backend wasm|cpu] [id …]
 * The default backend is wasm (the one the worker uses in headless Chromium; about 6 digits from the CPU backend).
 * The unit test tests/unit/recordings/recordings.test.ts checks every file against a fresh CPU run at CI scale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { encodeRecording } from '../src/ui/common/recordings/format';
import { RECORDINGS } from '../src/ui/common/recordings/manifest';
import { runRecordingScript } from './recordingCli';
import { computeRecording } from './recordRun';
import { useNodeWasmEngine } from './nodeWasmEngine';

runRecordingScript(async ({ backend, wanted }) => {
  if (backend === 'wasm') console.log(`wasm: ${await useNodeWasmEngine()}`);
  const dir = path.resolve('public/recordings');
  fs.mkdirSync(dir, { recursive: true });
  for (const spec of RECORDINGS) {
    if (!wanted(spec.id)) continue;
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
        coarseGridSize: snapshots.find((s) => s.coarse)?.mean.length,
        fields: spec.fields,
        generator: { engine: 'ToyRun (src/core/ensemble/toyRun.ts)', backend },
      },
      snapshots,
    );
    fs.writeFileSync(path.join(dir, spec.file), bytes);
    const last = snapshots[snapshots.length - 1].metrics!;
    const light = snapshots.filter((s) => s.coarse).length;
    console.log(
      `${spec.file}: ${snapshots.length - light} full snapshots and ${light} light frames, ${(bytes.length / 1024).toFixed(1)} KiB, ${((Date.now() - t0) / 1000).toFixed(1)} s; ` +
        `step ${last.step}: mean rstd ${last.mean.off.relativeStd.toPrecision(3)}, member rstd ${last.member.off.relativeStd.toPrecision(3)}`,
    );
  }
});
