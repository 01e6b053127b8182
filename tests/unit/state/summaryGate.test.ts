import { describe, expect, it } from 'vitest';
import { SummaryGate } from '../../../src/state/summaryGate';

/** A promise with its resolve and reject in hand. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('SummaryGate', () => {
  it('holds "done" while summaries are out and releases it after the last one has landed', async () => {
    const log: string[] = [];
    const gate = new SummaryGate<string>((stop) => log.push(`released ${stop}`));
    const a = deferred<string>();
    const b = deferred<string>();
    gate.track(a.promise, (v) => log.push(`applied ${v}`), () => undefined);
    gate.track(b.promise, (v) => log.push(`applied ${v}`), () => undefined);
    expect(gate.pending).toBe(2);
    expect(gate.hold('paused')).toBe(true);
    // A newer stop report replaces the held one.
    expect(gate.hold('done')).toBe(true);
    b.resolve('snapshot 2');
    await settle();
    expect(log).toEqual(['applied snapshot 2']);
    a.resolve('snapshot 1');
    await settle();
    expect(log).toEqual(['applied snapshot 2', 'applied snapshot 1', 'released done']);
    expect(gate.pending).toBe(0);
    // Nothing out: a stop report goes at once.
    expect(gate.hold('done')).toBe(false);
  });

  it('a "running" report voids a held stop; a summary error voids it too and is reported', async () => {
    const log: string[] = [];
    const gate = new SummaryGate<string>((stop) => log.push(`released ${stop}`));
    const a = deferred<string>();
    gate.track(a.promise, (v) => log.push(`applied ${v}`), (e) => log.push(`error ${e.message}`));
    gate.hold('paused');
    gate.clear();
    a.resolve('x');
    await settle();
    expect(log).toEqual(['applied x']);
    const b = deferred<string>();
    gate.track(b.promise, (v) => log.push(`applied ${v}`), (e) => log.push(`error ${e.message}`));
    gate.hold('done');
    b.reject(new Error('sizes differ'));
    await settle();
    expect(log).toEqual(['applied x', 'error sizes differ']);
  });

  it('after a reset, summaries of the old run neither land nor release the new run\'s held stop', async () => {
    const log: string[] = [];
    const gate = new SummaryGate<string>((stop) => log.push(`released ${stop}`));
    const old = deferred<string>();
    gate.track(old.promise, (v) => log.push(`applied ${v}`), (e) => log.push(`error ${e.message}`));
    gate.reset();
    const current = deferred<string>();
    gate.track(current.promise, (v) => log.push(`applied ${v}`), () => undefined);
    expect(gate.hold('done')).toBe(true);
    old.resolve('old snapshot');
    await settle();
    expect(log).toEqual([]);
    expect(gate.pending).toBe(1);
    current.resolve('new snapshot');
    await settle();
    expect(log).toEqual(['applied new snapshot', 'released done']);
  });
});
