/**
 * Every recorded run in public/recordings/ equals the live computation. For each recording the test retrains its
 * config from the stated seed on the tfjs CPU backend with the worker's engine (ToyRun), up to the recording's
 * `ciSteps` (the whole run for the small recording, steps 0–3 for the 2000-step default), and compares every
 * snapshot field by field. Tolerance: the int16 quantisation bound s/65534 (s = the field's max |x|) plus 2e-5
 * absolute for float32 backend differences (the recordings are computed on wasm); scalar metrics to 1e-4 relative.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../engine/setupCpu';
import { decodeRecording, encodeRecording, quantTolerance } from '../../../src/ui/common/recordings/format';
import { RECORDINGS } from '../../../src/ui/common/recordings/manifest';
import { computeRecording } from '../../../scripts/recordRun';
import { snapshotSchedule } from '../../../src/core/ensemble/schedule';

const BACKEND_TOL = 2e-5;

beforeAll(async () => {
  await useCpuBackend();
});

describe('recording format', () => {
  it('round-trips within the stated quantisation tolerance and rejects a wrong magic or a short file', () => {
    const P = 1536;
    const mean = Float32Array.from({ length: P }, (_, i) => Math.sin(i * 0.37) * 1.3);
    const member = Float32Array.from({ length: P }, (_, i) => Math.cos(i * 0.11) * 0.2);
    const metrics = { step: 5 } as never;
    const bytes = encodeRecording(
      { id: 't', label: 't', config: RECORDINGS[0].config, seed: 1, memberIndex: 0, gridSize: P, fields: ['mean', 'member'], generator: { engine: 'x', backend: 'cpu' } },
      [{ step: 5, mean, member, metrics }],
    );
    const r = decodeRecording(bytes);
    expect(r.snapshots[0].step).toBe(5);
    let worst = 0;
    for (let p = 0; p < P; p++) worst = Math.max(worst, Math.abs(r.snapshots[0].mean[p] - mean[p]));
    expect(worst).toBeLessThanOrEqual(quantTolerance(1.3) * 1.0001);
    expect(worst).toBeGreaterThan(0);
    const bad = bytes.slice();
    bad[0] = 0x58;
    expect(() => decodeRecording(bad)).toThrow(/not a Symmetry Lab recording/);
    expect(() => decodeRecording(bytes.slice(0, bytes.length - 10))).toThrow(/truncated/);
  });
});

for (const spec of RECORDINGS) {
  describe(`recording ${spec.id}`, () => {
    const file = path.resolve('public/recordings', spec.file);

    it('is compact and holds the full snapshot schedule at the stated seed', () => {
      const bytes = fs.readFileSync(file);
      const rec = decodeRecording(new Uint8Array(bytes));
      expect(bytes.length).toBeLessThan(160 * 1024);
      expect(rec.header.seed).toBe(spec.config.seed);
      expect(rec.header.config).toEqual(spec.config);
      expect(rec.snapshots.map((s) => s.step)).toEqual(snapshotSchedule(spec.config.steps));
      expect(rec.header.fields).toEqual(spec.fields);
    });

    it(`equals a fresh CPU run of ToyRun up to step ${spec.ciSteps}`, async () => {
      const rec = decodeRecording(new Uint8Array(fs.readFileSync(file)));
      const live = await computeRecording(spec, spec.ciSteps);
      const expected = rec.snapshots.filter((s) => s.step <= spec.ciSteps);
      expect(live.map((s) => s.step)).toEqual(expected.map((s) => s.step));
      expect(live.length).toBeGreaterThanOrEqual(4);
      let worstRatio = 0;
      live.forEach((l, si) => {
        const r = expected[si];
        const h = rec.header.snapshots[rec.snapshots.indexOf(r)];
        spec.fields.forEach((f, fi) => {
          const a = l[f]!;
          const b = r[f]!;
          const tol = quantTolerance(h.scales[fi]) + BACKEND_TOL;
          let worst = 0;
          for (let p = 0; p < a.length; p++) worst = Math.max(worst, Math.abs(a[p] - b[p]));
          worstRatio = Math.max(worstRatio, worst / tol);
          expect(worst, `${f} at step ${l.step}`).toBeLessThanOrEqual(tol);
        });
        const rel = (x: number, y: number) => Math.abs(x - y) / Math.max(Math.abs(y), 1e-12);
        expect(rel(l.metrics.loss, r.metrics.loss)).toBeLessThan(1e-4);
        expect(rel(l.metrics.mean.off.relativeStd, r.metrics.mean.off.relativeStd)).toBeLessThan(1e-4);
        expect(rel(l.metrics.member.off.relativeStd, r.metrics.member.off.relativeStd)).toBeLessThan(1e-4);
      });
      console.log(`${spec.id}: ${live.length} snapshots checked; worst field error ${worstRatio.toFixed(2)} × tolerance`);
    });
  });
}
