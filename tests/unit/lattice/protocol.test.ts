import { describe, expect, it } from 'vitest';
import { validateLatticeCommand, validateLatticeEvent, type LatticeEvent } from '../../../src/worker/latticeProtocol';
import { createLatticeWorkerHandler } from '../../../src/worker/lattice.worker';

const goodRun = { v: 1, type: 'run', runId: 1, options: { group: 'SU2', L: 4, beta: 2, thermalize: 5, sweeps: 20, seed: 1, maxR: 2, maxT: 2 } };

describe('lattice worker protocol', () => {
  it('accepts well-formed commands and rejects malformed ones with a reason', () => {
    expect(validateLatticeCommand(goodRun).ok).toBe(true);
    expect(validateLatticeCommand({ v: 1, type: 'cancel', runId: 3 }).ok).toBe(true);
    const bad = [
      null,
      'run',
      { ...goodRun, v: 2 },
      { ...goodRun, type: 'explode' },
      { ...goodRun, runId: 1.5 },
      { ...goodRun, options: { ...goodRun.options, group: 'SU3' } },
      { ...goodRun, options: { ...goodRun.options, beta: 'hot' } },
      { ...goodRun, options: { ...goodRun.options, L: Number.NaN } },
    ];
    for (const b of bad) {
      const r = validateLatticeCommand(b);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.length).toBeGreaterThan(5);
    }
    expect(validateLatticeEvent({ v: 1, type: 'progress', runId: 1, done: 1, total: 2, phase: 'measure', sweepsPerSecond: 3 }).ok).toBe(true);
    expect(validateLatticeEvent({ v: 1, type: 'result', runId: 1, result: {}, links: [] }).ok).toBe(false);
    expect(validateLatticeEvent({ v: 0, type: 'error', message: 'x' }).ok).toBe(false);
  });

  it('the worker handler answers malformed messages with an error event, runs to a result with progress, and cancels', () => {
    const events: LatticeEvent[] = [];
    const queue: (() => void)[] = [];
    const handle = createLatticeWorkerHandler((e) => events.push(e), (fn) => queue.push(fn));
    handle({ v: 1, type: 'nonsense' });
    expect(events[0].type).toBe('error');
    handle(goodRun);
    while (queue.length) queue.shift()!();
    const types = events.map((e) => e.type);
    expect(types).toContain('progress');
    const result = events.find((e) => e.type === 'result');
    expect(result && result.type === 'result' && result.links.length).toBe(4 * 4 * 2 * 4);
    expect(result && result.type === 'result' && result.result.loops.length).toBe(4);
    // L-CNN comparison on a 4×4 SU(2) configuration.
    events.length = 0;
    handle({ v: 1, type: 'lcnn', runId: 9, group: 'SU2', L: 4, links: (result as { links: Float64Array }).links, seed: 3 });
    const l = events[0];
    expect(l.type).toBe('lcnnResult');
    if (l.type === 'lcnnResult') {
      expect(l.lcnn.maxTraceChange).toBeLessThan(1e-12);
      expect(l.baseline.relativeTraceChange).toBeGreaterThan(0.1);
      expect(l.parameters).toBe(72);
    }
    handle({ v: 1, type: 'lcnn', runId: 9, group: 'SU2', L: 4, links: new Float64Array(3), seed: 3 });
    expect(events[1].type).toBe('error');
    // Cancel in flight.
    events.length = 0;
    handle({ ...goodRun, runId: 2, options: { ...goodRun.options, sweeps: 100000 } });
    handle({ v: 1, type: 'cancel', runId: 2 });
    while (queue.length) queue.shift()!();
    expect(events.map((e) => e.type)).toEqual(['progress', 'cancelled']);
  });
});
