import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import { WilsonLoopRun, type WilsonLoopCheckpoint, type WilsonLoopOptions } from '../../../src/core/lattice';
import { createLatticeWorkerHandler } from '../../../src/worker/lattice.worker';
import { validateLatticeCommand, validateLatticeEvent, type LatticeEvent } from '../../../src/worker/latticeProtocol';

const options = (group: 'U1' | 'SU2'): WilsonLoopOptions => ({ group, L: 6, beta: 2, thermalize: 10, sweeps: 40, seed: 7, maxR: 2, maxT: 2 });

/** The parts of a result that depend on the sampled configurations (not on wall-clock timing). */
function physics(run: WilsonLoopRun) {
  const r = run.result();
  return { plaquette: r.plaquette, loops: r.loops, eigenphases: r.eigenphases, acceptance: r.acceptance, links: Array.from(run.field.links) };
}

function finish(run: WilsonLoopRun): WilsonLoopRun {
  while (run.phase !== 'done') run.advance(7);
  return run;
}

describe('resuming runs from a checkpoint', () => {
  it('an Rng restored from its saved state continues the same stream, Gaussian spare included', () => {
    const a = new Rng(5, 3);
    for (let i = 0; i < 11; i++) a.normal(); // odd count: a spare is cached
    const b = Rng.fromState(structuredClone(a.saveState()));
    const fromA = Array.from({ length: 20 }, (_, i) => (i % 3 ? a.normal() : a.uniform()));
    const fromB = Array.from({ length: 20 }, (_, i) => (i % 3 ? b.normal() : b.uniform()));
    expect(fromB).toEqual(fromA);
    expect(() => Rng.fromState({ s: [0, 0, 0, 0], spare: null })).toThrow(/invalid/);
    expect(() => Rng.fromState({ s: [1, 2, 3, 2 ** 33], spare: null })).toThrow(/invalid/);
  });

  for (const group of ['U1', 'SU2'] as const) {
    for (const stopAt of [4, 10, 23]) {
      it(`${group}: stopping at sweep ${stopAt} and resuming in a fresh run gives a bit-identical result`, () => {
        const straight = finish(new WilsonLoopRun(options(group)));
        const first = new WilsonLoopRun(options(group));
        first.advance(stopAt);
        // structuredClone is what postMessage does to the checkpoint on its way to the page and back.
        const checkpoint: WilsonLoopCheckpoint = structuredClone(first.checkpoint());
        first.advance(5); // the crashed worker's later progress must not matter
        const resumed = finish(WilsonLoopRun.resume(checkpoint));
        expect(resumed.sweepsDone).toBe(straight.sweepsDone);
        expect(physics(resumed)).toEqual(physics(straight));
        expect(resumed.result().plaquette.mean).toBeGreaterThan(0.3);
      });
    }
  }

  it('a checkpoint that does not fit its options is refused', () => {
    const run = new WilsonLoopRun(options('SU2'));
    run.advance(3);
    const cp = run.checkpoint();
    expect(() => WilsonLoopRun.resume({ ...cp, links: cp.links.subarray(1) })).toThrow(/does not match/);
    expect(() => WilsonLoopRun.resume({ ...cp, done: 10_000 })).toThrow(/does not match/);
    expect(() => WilsonLoopRun.resume({ ...cp, loopSeries: cp.loopSeries.slice(1) })).toThrow(/does not match/);
  });

  it('the worker resumes a checkpoint to the same result, and the protocol rejects malformed resumes', () => {
    const run = (data: unknown): Extract<LatticeEvent, { type: 'result' }> => {
      const events: LatticeEvent[] = [];
      const queue: (() => void)[] = [];
      const handle = createLatticeWorkerHandler((e) => events.push(e), (fn) => queue.push(fn));
      handle(data);
      while (queue.length) queue.shift()!();
      const r = events.find((e) => e.type === 'result');
      if (!r || r.type !== 'result') throw new Error(`no result: ${JSON.stringify(events.filter((e) => e.type === 'error'))}`);
      return r;
    };
    const straight = run({ v: 1, type: 'run', runId: 1, options: options('U1') });
    const partial = new WilsonLoopRun(options('U1'));
    partial.advance(17);
    const checkpoint = structuredClone(partial.checkpoint());
    const cmd = { v: 1, type: 'resume', runId: 1, checkpoint };
    expect(validateLatticeCommand(cmd).ok).toBe(true);
    const resumed = run(cmd);
    expect(resumed.result.plaquette.mean).toBe(straight.result.plaquette.mean);
    expect(resumed.result.loops.map((l) => l.mean)).toEqual(straight.result.loops.map((l) => l.mean));
    expect(Array.from(resumed.links)).toEqual(Array.from(straight.links));

    for (const bad of [
      { ...cmd, checkpoint: null },
      { ...cmd, checkpoint: { ...checkpoint, links: Array.from(checkpoint.links) } },
      { ...cmd, checkpoint: { ...checkpoint, rng: { s: [1, 2, 3], spare: null } } },
      { ...cmd, checkpoint: { ...checkpoint, input: { ...checkpoint.input, group: 'SU3' } } },
    ]) {
      expect(validateLatticeCommand(bad).ok).toBe(false);
    }
    expect(validateLatticeEvent({ v: 1, type: 'checkpoint', runId: 1, checkpoint }).ok).toBe(true);
    expect(validateLatticeEvent({ v: 1, type: 'checkpoint', runId: 1, checkpoint: {} }).ok).toBe(false);
  });
});

describe('pausing while the page is hidden', () => {
  it('no sweep runs between pageVisibility hidden and visible; the run then finishes normally', () => {
    const events: LatticeEvent[] = [];
    const queue: (() => void)[] = [];
    const handle = createLatticeWorkerHandler((e) => events.push(e), (fn) => queue.push(fn));
    handle({ v: 1, type: 'run', runId: 1, options: { ...options('SU2'), sweeps: 20000 } });
    queue.shift()!(); // one slice
    const doneSoFar = () => Math.max(...events.filter((e) => e.type === 'progress').map((e) => (e.type === 'progress' ? e.done : 0)));
    const before = doneSoFar();
    expect(before).toBeGreaterThan(0);
    handle({ v: 1, type: 'pageVisibility', hidden: true });
    for (let i = 0; i < 5 && queue.length; i++) queue.shift()!();
    expect(queue.length).toBe(0); // the pending slice parked itself instead of rescheduling
    const held = doneSoFar();
    expect(held).toBe(before); // nothing advanced past the slice already reported
    handle({ v: 1, type: 'pageVisibility', hidden: false });
    expect(doneSoFar()).toBeGreaterThan(held);
    expect(events.some((e) => e.type === 'error')).toBe(false);
  });
});
