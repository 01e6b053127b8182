/**
 * The snapshot-summary worker and its page-side client: summaries equal the in-page summary bit for bit, a crashed
 * worker's unanswered requests are answered by its replacement, and without a worker the page summarises itself.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/core/ensemble/config';
import { snapshotContext, summarizeInContext } from '../../../src/core/ensemble/snapshotContext';
import type { Snapshot } from '../../../src/core/ensemble/snapshot';
import type { RawSnapshot } from '../../../src/core/ensemble/trainer';
import { makeFarFieldGrid } from '../../../src/core/metrics/farField';
import { makePolarGrid } from '../../../src/core/data/polarGrid';
import { createSummaryWorkerHandler } from '../../../src/worker/summary.worker';
import type { SummaryEvent } from '../../../src/worker/summaryProtocol';
import { SnapshotSummaries } from '../../../src/state/snapshotSummaries';

const config = { ...DEFAULT_CONFIG, ensembleSize: 6 };

function fakeRaw(E: number, seed: number): RawSnapshot {
  const P = makePolarGrid().size;
  const Pf = makeFarFieldGrid().size;
  let s = seed;
  const rand = (n: number) =>
    Float32Array.from({ length: n }, () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return s / 2 ** 32 - 0.5;
    });
  return { step: 7, members: rand(E * P), losses: rand(E).map(Math.abs), noAugMembers: rand(E * P), noAugLosses: rand(E).map(Math.abs), farMembers: rand(E * Pf) };
}

/** An in-process stand-in for the summary worker: messages go through the real handler; it can crash. */
class InProcessWorker {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  received = 0;
  terminated = false;
  /** While set, messages are held (a worker busy or about to crash). */
  hold = false;
  private readonly handle = createSummaryWorkerHandler((e: SummaryEvent) => queueMicrotask(() => !this.terminated && this.onmessage?.({ data: e } as MessageEvent)));
  postMessage(m: unknown) {
    this.received++;
    if (!this.hold) this.handle(m);
  }
  terminate() {
    this.terminated = true;
  }
  crash() {
    this.onerror?.({ message: 'out of memory', preventDefault: () => undefined } as unknown as ErrorEvent);
  }
}

function sameSnapshot(a: Snapshot, b: Snapshot) {
  expect(a.step).toBe(b.step);
  for (const k of ['members', 'mean', 'spread', 'meanDeviation', 'memberDeviation', 'losses', 'noAugMean', 'farMean'] as const) expect(a[k], k).toEqual(b[k]);
  expect(a.metrics).toEqual(b.metrics);
}

describe('snapshot summaries off the page thread', () => {
  it('the worker summarises exactly as the page did', async () => {
    const workers: InProcessWorker[] = [];
    const summaries = new SnapshotSummaries(() => {
      workers.push(new InProcessWorker());
      return workers[workers.length - 1] as unknown as Worker;
    });
    const raw = fakeRaw(6, 3);
    const expected = summarizeInContext(fakeRaw(6, 3), 6, snapshotContext(config), 2);
    const got = await summaries.summarize(config, 2, () => raw);
    expect(workers[0].received).toBe(1);
    sameSnapshot(got, expected);
    expect(got.metrics.selectedMember).toBe(2);
    summaries.dispose();
  });

  it('a crashed worker is replaced and its unanswered request answered; without a worker the page summarises', async () => {
    const workers: InProcessWorker[] = [];
    const summaries = new SnapshotSummaries(() => {
      workers.push(new InProcessWorker());
      return workers[workers.length - 1] as unknown as Worker;
    });
    workers[0].hold = true;
    const pending = summaries.summarize(config, 0, () => fakeRaw(6, 5));
    workers[0].crash();
    expect(workers.length).toBe(2);
    expect(workers[1].received).toBe(1); // sent again to the replacement
    sameSnapshot(await pending, summarizeInContext(fakeRaw(6, 5), 6, snapshotContext(config), 0));
    summaries.dispose();

    const none = new SnapshotSummaries(() => {
      throw new Error('Worker is not defined');
    });
    sameSnapshot(await none.summarize(config, 1, () => fakeRaw(6, 9)), summarizeInContext(fakeRaw(6, 9), 6, snapshotContext(config), 1));
  });

  it('a raw snapshot of the wrong size is refused with the sizes, not summarised into nonsense', async () => {
    const events: SummaryEvent[] = [];
    const handle = createSummaryWorkerHandler((e) => events.push(e));
    handle({ v: 1, type: 'summarize', id: 4, config, selectedMember: 0, raw: fakeRaw(5, 1) });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', id: 4 });
    expect((events[0] as { message: string }).message).toMatch(/members holds 7680 numbers; E = 6 members need 9216/);
    handle({ v: 1, type: 'summarize', id: 5, config, selectedMember: 0, raw: { step: 1, members: [1, 2] } });
    expect((events[1] as { message: string }).message).toMatch(/Float32Array/);
    const none = new SnapshotSummaries(() => {
      throw new Error('no workers here');
    });
    await expect(none.summarize(config, 0, () => fakeRaw(5, 1))).rejects.toThrow(/E = 6 members need/);
  });
});
