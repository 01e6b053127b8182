/**
 * Every recorded run in public/recordings/ equals the live computation, at every recorded frame through its last
 * step (2000 for the default run): the full snapshots and the light frames between them (coarse grid, same bounds). For each recording the test retrains its config from the stated seed with the
 * worker's engine (ToyRun) and compares every snapshot field by field:
 * - on the tfjs wasm backend (the one scripts/record-runs.ts uses; in Node 2000 default steps take about 40 s, against
 *   several minutes on the CPU backend), every snapshot;
 * - on the CPU backend, the snapshots up to the recording's `ciSteps` (a second float32 implementation).
 *
 * Tolerance = the int16 quantisation bound s/65534 (s = the field's max |x|) + float32 drift, measured:
 * float32 rounding differs between implementations (summation order, fused multiply-add in the wasm kernel), by about
 * one ulp per operation, and training amplifies those differences along the trajectory. Against the shipped
 * `toy-default.bin`, the worst |live − recorded| over the grid was (CPU backend / wasm backend in Node):
 *   steps 0–30: within 1e-6 of the quantisation bound on both (e.g. member at step 30: 2.15e-5 vs bound 2.08e-5);
 *   step 100: 8.3e-5 / 1.2e-5 (mean; scale 0.67), step 300: 1.9e-3 / 1.9e-3 (member; scale 1.77),
 *   step 1000: 1.9e-3 / 1.3e-3 (mean; scale 1.54), step 2000: 2.8e-3 / 3.8e-3 (mean; scale 1.69),
 * i.e. at most 0.23 % of the field's scale. Allowed drift: 2e-5 absolute up to step 30, and 1 % of the field's scale
 * after (≥ 4× the worst measured). Scalar metrics: 1e-5 relative up to step 30 (measured ≤ 1.5e-7), 3e-2 after
 * (measured ≤ 8.5e-3, the mean's rstd at step 2000, wasm). Any change to the initialisation, the forward pass, the
 * loss or the update rule already moves steps 0–30 far beyond their tight bound; the late bound guards the whole
 * trajectory. docs/CLAIMS.md ("Recordings") repeats this justification.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../engine/setupCpu';
import { decodeRecording, encodeRecording, quantTolerance } from '../../../src/ui/common/recordings/format';
import { RECORDINGS } from '../../../src/ui/common/recordings/manifest';
import { computeRecording } from '../../../scripts/recordRun';
import '@tensorflow/tfjs-backend-wasm';
import { useNodeWasmEngine } from '../../../scripts/nodeWasmEngine';
import { frameSchedule, snapshotSchedule } from '../../../src/core/ensemble/schedule';

/** Last step at which the measured drift is still at the quantisation level (see the header). */
const EARLY_STEPS = 30;

/** Allowed float32 drift of a field with max |x| = `scale` at `step` (measured in the header). */
function driftTolerance(step: number, scale: number): number {
  return step <= EARLY_STEPS ? 2e-5 : Math.max(2e-5, 0.01 * scale);
}

/** Allowed relative difference of scalar metrics (loss, rstd) at `step`. */
function metricTolerance(step: number): number {
  return step <= EARLY_STEPS ? 1e-5 : 3e-2;
}

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

    it('is compact and holds every frame at the stated seed: the full snapshots and the light frames between them', () => {
      const bytes = fs.readFileSync(file);
      const rec = decodeRecording(new Uint8Array(bytes));
      // 11 full snapshots (3 fields × 1,536 points) and 53 light frames (3 × 384), int16, and the metrics in the header: about 250 KiB.
      expect(bytes.length).toBeLessThan(256 * 1024);
      expect(rec.header.seed).toBe(spec.config.seed);
      expect(rec.header.config).toEqual(spec.config);
      expect(rec.snapshots.map((s) => s.step)).toEqual(frameSchedule(spec.config.steps));
      expect(rec.snapshots.filter((s) => !s.coarse).map((s) => s.step)).toEqual(snapshotSchedule(spec.config.steps));
      for (const s of rec.snapshots) expect(s.mean.length).toBe(s.coarse ? 384 : 1536);
      expect(rec.header.fields).toEqual(spec.fields);
    });

    const compare = (live: Awaited<ReturnType<typeof computeRecording>>, untilStep: number, backend: string) => {
      const rec = decodeRecording(new Uint8Array(fs.readFileSync(file)));
      const expected = rec.snapshots.filter((s) => s.step <= untilStep);
      expect(live.map((s) => s.step)).toEqual(expected.map((s) => s.step));
      expect(live.length).toBeGreaterThanOrEqual(4);
      let worstRatio = 0;
      const rows: string[] = [];
      live.forEach((l, si) => {
        const r = expected[si];
        const h = rec.header.snapshots[rec.snapshots.indexOf(r)];
        const parts: string[] = [];
        spec.fields.forEach((f, fi) => {
          const a = l[f]!;
          const b = r[f]!;
          const tol = quantTolerance(h.scales[fi]) + driftTolerance(l.step, h.scales[fi]);
          let worst = 0;
          for (let p = 0; p < a.length; p++) worst = Math.max(worst, Math.abs(a[p] - b[p]));
          worstRatio = Math.max(worstRatio, worst / tol);
          parts.push(`${f} ${worst.toExponential(1)}`);
          expect(worst, `${f} at step ${l.step} (${backend})`).toBeLessThanOrEqual(tol);
        });
        expect(!!l.coarse, `light frame at step ${l.step}`).toBe(!!r.coarse);
        rows.push(`step ${l.step}${l.coarse ? ' (light)' : ''}: ${parts.join(', ')}`);
        // Light frames carry no metrics of their own.
        if (!l.metrics || !r.metrics) return;
        const rel = (x: number, y: number) => Math.abs(x - y) / Math.max(Math.abs(y), 1e-12);
        const mt = metricTolerance(l.step);
        expect(rel(l.metrics.loss, r.metrics.loss), `loss at step ${l.step} (${backend})`).toBeLessThan(mt);
        expect(rel(l.metrics.mean.off.relativeStd, r.metrics.mean.off.relativeStd), `mean rstd at step ${l.step} (${backend})`).toBeLessThan(mt);
        expect(rel(l.metrics.member.off.relativeStd, r.metrics.member.off.relativeStd), `member rstd at step ${l.step} (${backend})`).toBeLessThan(mt);
      });
      console.log(`${spec.id} (${backend}): ${live.length} frames to step ${untilStep}; worst field error ${worstRatio.toFixed(2)} × tolerance\n  ${rows.join('\n  ')}`);
    };

    it(`equals a fresh wasm run of ToyRun at every recorded snapshot through step ${spec.config.steps}`, async () => {
      expect(await useNodeWasmEngine()).toMatch(/^fused SIMD training step/);
      try {
        compare(await computeRecording(spec), spec.config.steps, 'wasm');
      } finally {
        await useCpuBackend();
      }
    }, 600_000);

    it(`equals a fresh CPU run of ToyRun up to step ${spec.ciSteps}`, async () => {
      await useCpuBackend();
      compare(await computeRecording(spec, spec.ciSteps), spec.ciSteps, 'cpu');
    });
  });
}
