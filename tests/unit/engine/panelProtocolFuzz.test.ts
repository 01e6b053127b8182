import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core';
import { createLatticeWorkerHandler } from '../../../src/worker/lattice.worker';
import { validateLatticeCommand, validateLatticeEvent, type LatticeEvent } from '../../../src/worker/latticeProtocol';
import { validateVectorCommand, validateVectorEvent } from '../../../src/worker/vectorProtocol';
import { validateNtkCommand, isNtkEvent } from '../../../src/worker/ntkProtocol';
import { validateImagesCommand, isImagesEvent } from '../../../src/worker/imagesProtocol';

/**
 * Seeded random messages for the panel workers' protocols (the training worker and the postMessage API have their
 * own fuzz tests). Messages are built near the real shapes, so many pass the first checks and exercise the deeper
 * ones: right type with wrong fields, typed arrays of the wrong kind or length, huge or negative numbers.
 */
function junkFactory(seed: number, types: string[]) {
  const rng = new Rng(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[rng.int(xs.length)];
  const value = (depth = 0): unknown => {
    const k = rng.int(depth > 2 ? 8 : 11);
    switch (k) {
      case 0: return null;
      case 1: return undefined;
      case 2: return pick([0, 1, -1, 2.5, 1e9, -1e9, Number.NaN, Number.POSITIVE_INFINITY, 3, 16]);
      case 3: return pick(['', 'x', 'U1', 'SU2', 'plane', 'cross', 'wasm', 'C4', 'run']);
      case 4: return rng.uniform() < 0.5;
      case 5: return new Float64Array(rng.int(40));
      case 6: return new Float32Array(rng.int(40));
      case 7: return Array.from({ length: rng.int(4) }, () => rng.int(5));
      case 8: return Array.from({ length: rng.int(4) }, () => value(depth + 1));
      default: {
        const o: Record<string, unknown> = {};
        for (let i = rng.int(6); i > 0; i--) o[pick(['group', 'L', 'beta', 'sweeps', 'seed', 'step', 'params', 'layers', 'W', 'b', 'config', 'checkpoint', 'lab', 'links', 'runId', 'steps', 'x'])] = value(depth + 1);
        return o;
      }
    }
  };
  return (): unknown => {
    const r = rng.uniform();
    if (r < 0.05) return value();
    const msg: Record<string, unknown> = { v: rng.uniform() < 0.9 ? 1 : pick([0, 2, '1']), type: pick([...types, 'bogus']) };
    for (let i = rng.int(6); i > 0; i--) msg[pick(['runId', 'options', 'lab', 'config', 'checkpoint', 'links', 'L', 'group', 'seed', 'count', 'autoplay', 'exclude', 'backend', 'requestId', 'setup', 'lr', 'steps', 'plan', 'request'])] = value();
    return msg;
  };
}

describe('panel worker protocols under seeded random messages', () => {
  it('validators never throw and always answer ok or a reason (5,000 messages each)', () => {
    const cases: [string, (m: unknown) => unknown, string[]][] = [
      ['lattice', validateLatticeCommand, ['run', 'cancel', 'lcnn', 'resume']],
      ['vector', validateVectorCommand, ['init', 'configure', 'resume', 'start', 'pause', 'step', 'reset', 'selectMember']],
      ['ntk', validateNtkCommand, ['closedForm', 'widthSweep', 'experiments', 'cancel']],
      ['images', validateImagesCommand, ['init', 'run', 'resume', 'cancel', 'probe', 'benchmark']],
    ];
    for (const [name, validate, types] of cases) {
      const junk = junkFactory(name.length * 1000 + 7, types);
      let accepted = 0;
      for (let i = 0; i < 5000; i++) {
        const r = validate(junk()) as { ok: boolean; error?: string };
        expect(typeof r.ok, name).toBe('boolean');
        if (r.ok) accepted++;
        else expect(typeof r.error === 'string' && r.error.length > 3, name).toBe(true);
      }
      // Some random messages are well formed (e.g. cancel, start): the deeper checks were reached.
      expect(accepted, name).toBeGreaterThan(0);
      expect(accepted, name).toBeLessThan(5000);
    }
    // Page-side event validators too: random events never crash the page.
    const junkEvents = junkFactory(99, ['progress', 'result', 'checkpoint', 'error', 'config', 'planeSnapshot', 'closedForm', 'backend']);
    for (let i = 0; i < 5000; i++) {
      const e = junkEvents();
      validateLatticeEvent(e);
      validateVectorEvent(e);
      expect(typeof isNtkEvent(e)).toBe('boolean');
      expect(typeof isImagesEvent(e)).toBe('boolean');
    }
  });

  it('the lattice worker survives 3,000 random messages with well-formed answers, then measures exactly as a fresh one', () => {
    const events: LatticeEvent[] = [];
    const queue: (() => void)[] = [];
    const handle = createLatticeWorkerHandler((e) => events.push(e), (fn) => queue.push(fn));
    const junk = junkFactory(2026, ['run', 'cancel', 'lcnn', 'resume', 'pageVisibility']);
    for (let i = 0; i < 3000; i++) {
      expect(() => handle(junk())).not.toThrow();
      // Run a few pending slices now and then (random runs can be large: never all of them).
      for (let k = 0; k < 2 && queue.length; k++) queue.shift()!();
    }
    handle({ v: 1, type: 'pageVisibility', hidden: false });
    for (const e of events) expect(validateLatticeEvent(e).ok).toBe(true);
    expect(events.filter((e) => e.type === 'error').length).toBeGreaterThan(100);

    const options = { group: 'SU2', L: 4, beta: 2, thermalize: 5, sweeps: 30, seed: 11, maxR: 2, maxT: 2 };
    const measure = (h: (d: unknown) => void, q: (() => void)[], out: LatticeEvent[]) => {
      out.length = 0;
      h({ v: 1, type: 'run', runId: 777, options });
      while (q.length) q.shift()!();
      const r = out.find((e) => e.type === 'result' && e.runId === 777);
      return r && r.type === 'result' ? r.result.plaquette.mean : Number.NaN;
    };
    const afterFuzz = measure(handle, queue, events);
    const freshEvents: LatticeEvent[] = [];
    const freshQueue: (() => void)[] = [];
    const fresh = measure(createLatticeWorkerHandler((e) => freshEvents.push(e), (fn) => freshQueue.push(fn)), freshQueue, freshEvents);
    expect(afterFuzz).toBeGreaterThan(0.3);
    expect(afterFuzz).toBe(fresh);
  });
});
