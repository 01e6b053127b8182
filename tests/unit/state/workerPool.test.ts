import { describe, expect, it } from 'vitest';
import type { MemberSlice } from '../../../src/core/ensemble/memberSlice';
import type { ToyCheckpoint } from '../../../src/core/ensemble/toyRun';
import { mergeRawSlices } from '../../../src/core/ensemble/sliceMerge';
import { poolSizeFromParams } from '../../../src/state/poolUrl';
import { WorkerPool, type PoolRunSpec } from '../../../src/state/workerPool';
import { FakeWorker } from '../helpers/fakeWorker';

/** A checkpoint of a slice whose one-weight members hold their member index (to check member order). */
function cp(step: number, slice: MemberSlice): ToyCheckpoint {
  return { step, params: Array.from({ length: slice.count }, (_, i) => ({ layers: [{ nIn: 1, nOut: 1, W: new Float32Array([slice.start + i]), b: new Float32Array([step]) }] })) };
}

function setup(count: number) {
  const fakes: FakeWorker[][] = [];
  const recoveries: string[] = [];
  const sizes: number[] = [];
  const failed: string[] = [];
  const pool = new WorkerPool(count, {
    label: 'test worker',
    faultTarget: (i) => `test-${i}`,
    create: (i) => {
      const w = new FakeWorker();
      (fakes[i] ??= []).push(w);
      return w as unknown as Worker;
    },
    init: (post) => post({ type: 'init' }),
    onMessage: () => undefined,
    onRecovery: (t) => recoveries.push(t),
    onFailed: (m) => failed.push(m),
    onWorkers: (n) => sizes.push(n),
  });
  const spec = (E: number): PoolRunSpec => ({
    E,
    name: 'the run',
    configure: (slice, autoplay) => ({ type: 'configure', slice, autoplay }),
    resume: (slice, checkpoint, autoplay) => ({ type: 'resume', slice, checkpoint, autoplay }),
    stop: () => ({ type: 'pause' }),
  });
  /** The live fake of worker i (the newest one it spawned). */
  const live = (i: number) => fakes[i].at(-1)!;
  return { pool, fakes, live, recoveries, sizes, failed, spec };
}

const raw = (step: number, start: number, count: number) => ({
  step,
  members: Float32Array.from({ length: 2 * count }, (_, i) => 10 * start + i),
  losses: Float32Array.from({ length: count }, (_, i) => start + i),
});

describe('WorkerPool', () => {
  it('splits a run over its workers, merges raw slices in member order and reports the slowest slice', () => {
    const { pool, live, sizes, spec } = setup(3);
    const slices = pool.start('a', spec(7), false);
    expect(slices).toEqual([
      { start: 0, count: 3 },
      { start: 3, count: 2 },
      { start: 5, count: 2 },
    ]);
    expect(sizes.at(-1)).toBe(3);
    for (let i = 0; i < 3; i++) expect(live(i).posted.map((m) => m.type)).toEqual(['init', 'configure']);
    expect(live(1).posted[1]).toEqual({ type: 'configure', slice: { start: 3, count: 2 }, autoplay: false });
    const [w0, w1, w2] = pool.workers;
    // Events of an older run of a worker's session are stale.
    expect(pool.accept(w1, 'a', 0)).toBeNull();
    expect(pool.accept(w1, 'a', 1)).toEqual({ start: 3, count: 2 });
    expect(pool.accept(w1, 'b', 1)).toBeNull();
    expect(pool.addPart('a', { start: 5, raw: raw(2, 5, 2) })).toBeNull();
    expect(pool.addPart('a', { start: 0, raw: raw(2, 0, 3) })).toBeNull();
    const parts = pool.addPart('a', { start: 3, raw: raw(2, 3, 2) })!;
    expect(parts.map((p) => p.start)).toEqual([5, 0, 3]);
    const merged = mergeRawSlices(parts, 7);
    expect(Array.from(merged.losses)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(Array.from(merged.members)).toEqual([0, 1, 2, 3, 4, 5, 30, 31, 32, 33, 50, 51, 52, 53]);
    pool.progress(w0, 'a', { step: 40, stepsPerSecond: 100, loss: 1, status: 'running' });
    pool.progress(w1, 'a', { step: 30, stepsPerSecond: 80, loss: 2, status: 'running' });
    const p = pool.progress(w2, 'a', { step: 50, stepsPerSecond: 90, loss: 4, status: 'running' });
    expect(p.step).toBe(30);
    expect(p.stepsPerSecond).toBe(80);
    expect(p.loss).toBeCloseTo((3 * 1 + 2 * 2 + 2 * 4) / 7, 12);
    pool.dispose();
  });

  it('a crashed worker is replaced and resumes its own slice from its latest checkpoint, playing on', () => {
    const { pool, live, recoveries, spec } = setup(2);
    pool.start('a', spec(5), true);
    const [w0, w1] = pool.workers;
    pool.addCheckpoint(w0, 'a', cp(10, { start: 0, count: 3 }));
    pool.addCheckpoint(w1, 'a', cp(10, { start: 3, count: 2 }));
    pool.addCheckpoint(w1, 'a', cp(30, { start: 3, count: 2 }));
    live(1).crash();
    const sent = live(1).posted;
    expect(sent.map((m) => m.type)).toEqual(['init', 'resume']);
    expect(sent[1].slice).toEqual({ start: 3, count: 2 });
    expect(sent[1].autoplay).toBe(true);
    expect((sent[1].checkpoint as ToyCheckpoint).step).toBe(30);
    expect(recoveries.at(-1)).toBe('The test worker crashed (boom). Restarted the test worker; resumed the run from step 30 (members 3–4).');
    // The replacement's session counts from 1: its resumed run's events are current, the old ones' ids are not.
    expect(pool.accept(w1, 'a', 1)).toEqual({ start: 3, count: 2 });
    expect(pool.accept(w1, 'a', 2)).toBeNull();
    // Once the run is over the pool forgets it: a replaced worker resumes nothing of it.
    pool.finish('a');
    expect(pool.training('a')).toEqual([]);
    expect(pool.accept(w1, 'a', undefined)).toBeNull();
    live(1).crash();
    expect(live(1).posted.map((m) => m.type)).toEqual(['init']);
    expect(recoveries.at(-1)).toBe('The test worker crashed (boom). Restarted the test worker; no run was in progress.');
    pool.dispose();
  });

  it('tells init which worker it starts, on the first start and on a replacement', () => {
    const inits: number[] = [];
    const pool = new WorkerPool(2, {
      label: 'test worker',
      faultTarget: (i) => `test-${i}`,
      create: () => new FakeWorker() as unknown as Worker,
      init: (post, _context, worker) => {
        inits.push(worker.index);
        post({ type: 'init' });
      },
      onMessage: () => undefined,
      onRecovery: () => undefined,
      onFailed: () => undefined,
    });
    expect(inits).toEqual([0, 1]);
    pool.workers[1].sw.terminateForTest();
    expect(inits).toEqual([0, 1, 1]);
    pool.dispose();
  });

  it('a worker that keeps failing is dropped: its neighbour resumes the joined slice from their latest common step', () => {
    const { pool, live, recoveries, sizes, spec } = setup(3);
    pool.start('a', spec(6), true);
    const [w0, w1, w2] = pool.workers;
    for (const [w, start] of [[w0, 0], [w1, 2], [w2, 4]] as const) {
      pool.addCheckpoint(w, 'a', cp(10, { start, count: 2 }));
      if (w !== w0) pool.addCheckpoint(w, 'a', cp(30, { start, count: 2 }));
    }
    // Six crashes in a row exceed the restart budget (5 a minute).
    for (let i = 0; i < 6; i++) live(1).crash();
    expect(pool.workers).toHaveLength(2);
    expect(sizes.at(-1)).toBe(2);
    // Worker 0 (members 0–1) is the neighbour before the dead slice (2–3): it resumes 0–3 from step 10, the latest step both have.
    const msg = live(0).posted.at(-1)!;
    expect(msg.type).toBe('resume');
    expect(msg.slice).toEqual({ start: 0, count: 4 });
    const joined = msg.checkpoint as ToyCheckpoint;
    expect(joined.step).toBe(10);
    expect(joined.params.map((m) => m.layers[0].W[0])).toEqual([0, 1, 2, 3]);
    expect(pool.accept(w0, 'a', 2)).toEqual({ start: 0, count: 4 });
    expect(recoveries.at(-1)).toMatch(/not restarted again.*\. Its members moved to another worker, which trains the run's members 0–3 from step 10; training continues on 2 workers\.$/);
    pool.dispose();
  });

  it('a protocol whose configure cannot say "play" gets its play message after it, on a start and on a replacement', () => {
    const { pool, live, spec } = setup(2);
    const toy: PoolRunSpec = { ...spec(4), configure: (slice) => ({ type: 'setConfig', slice }), play: () => ({ type: 'start' }) };
    pool.start('a', toy, false);
    expect(live(0).posted.map((m) => m.type)).toEqual(['init', 'setConfig']);
    pool.start('a', toy, true);
    expect(live(0).posted.map((m) => m.type)).toEqual(['init', 'setConfig', 'setConfig', 'start']);
    // No checkpoint yet: the replacement starts its slice again, and plays because the run plays.
    live(1).crash();
    expect(live(1).posted.map((m) => m.type)).toEqual(['init', 'setConfig', 'start']);
    // Paused: a replacement is configured and waits.
    pool.setPlaying('a', false);
    live(1).crash();
    expect(live(1).posted.map((m) => m.type)).toEqual(['init', 'setConfig']);
    // Its session counts the configure, not the play message, as a run.
    expect(pool.accept(pool.workers[1], 'a', 1)).toEqual({ start: 2, count: 2 });
    pool.dispose();
  });

  it("collects light frames per run and drops a dead slice's pending frames after the joined checkpoint", () => {
    const { pool, live, spec } = setup(2);
    pool.start('a', spec(4), true);
    const [w0, w1] = pool.workers;
    const frame = (step: number, start: number) => ({ start, raw: { step, count: 2, members: Float32Array.from({ length: 6 }, (_, i) => 100 * start + i) } });
    expect(pool.addFramePart('a', frame(5, 2))).toBeNull();
    expect(pool.addFramePart('a', frame(5, 0))!.map((p) => p.start).sort()).toEqual([0, 2]);
    // A frame slice of step 20 is pending when worker 2 is dropped with checkpoints at step 10: the joined slice trains
    // 10 → 20 again, so the old half must not be merged with the new one.
    pool.addCheckpoint(w0, 'a', cp(10, { start: 0, count: 2 }));
    pool.addCheckpoint(w1, 'a', cp(10, { start: 2, count: 2 }));
    expect(pool.addFramePart('a', frame(20, 2))).toBeNull();
    for (let i = 0; i < 6; i++) live(1).crash();
    expect(pool.workers).toHaveLength(1);
    const whole = { start: 0, raw: { step: 20, count: 4, members: new Float32Array(12) } };
    expect(pool.addFramePart('a', whole)).toEqual([whole]);
    // Frames of a key the pool has no run of are ignored.
    expect(pool.addFramePart('b', frame(5, 0))).toBeNull();
    pool.dispose();
  });

  it('a run smaller than the pool leaves workers idle and stops their older run', () => {
    const { pool, live, sizes, spec } = setup(2);
    pool.start('a', spec(4), false);
    expect(pool.start('a', spec(1), false)).toEqual([{ start: 0, count: 1 }]);
    expect(sizes.at(-1)).toBe(1);
    expect(live(1).posted.map((m) => m.type)).toEqual(['init', 'configure', 'pause']);
    pool.post('a', { type: 'start' });
    expect(live(0).posted.at(-1)).toEqual({ type: 'start' });
    expect(live(1).posted.at(-1)).toEqual({ type: 'pause' });
    expect(pool.accept(pool.workers[1], 'a', 1)).toBeNull();
    pool.dispose();
  });
});

describe('poolSizeFromParams', () => {
  it('clamps workers= to the cores; a named GPU backend trains on one worker unless the link says more', () => {
    expect(poolSizeFromParams(new URLSearchParams(''), 'auto', 4)).toEqual({ workers: 3, notices: [] });
    expect(poolSizeFromParams(new URLSearchParams(''), 'webgl', 4)).toEqual({ workers: 1, notices: [] });
    expect(poolSizeFromParams(new URLSearchParams('workers=2'), 'webgpu', 4)).toEqual({ workers: 2, notices: [] });
    const big = poolSizeFromParams(new URLSearchParams('workers=9'), 'wasm', 4);
    expect(big.workers).toBe(4);
    expect(big.notices).toEqual(['training workers 9 is above 4; using 4']);
  });
});
