/**
 * The snapshot-summary worker and its page-side client: the worker merges a pool's slices in member order and its
 * summaries equal the in-page summary bit for bit; the page hands on the workers' copies by transfer and keeps its
 * own slices untouched; a crashed worker's unanswered requests are answered by its replacement, and without a worker
 * the page merges and summarises itself.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/core/ensemble/config';
import { snapshotContext, summarizeInContext } from '../../../src/core/ensemble/snapshotContext';
import { summarizeFrame, type Snapshot } from '../../../src/core/ensemble/snapshot';
import type { RawFrame, RawSnapshot } from '../../../src/core/ensemble/trainer';
import { makeFarFieldGrid } from '../../../src/core/metrics/farField';
import { makePolarGrid } from '../../../src/core/data/polarGrid';
import { createSummaryWorkerHandler } from '../../../src/worker/summary.worker';
import type { SummaryEvent } from '../../../src/worker/summaryProtocol';
import { SnapshotSummaries } from '../../../src/state/snapshotSummaries';
import type { RawSlice } from '../../../src/core/ensemble/sliceMerge';
import { clampCrossConfig, DEFAULT_CROSS_CONFIG } from '../../../src/core/equivariance/crossConfig';
import { crossEvaluationSet } from '../../../src/core/equivariance/crossMeasure';
import { VectorSliceSummarizer } from '../../../src/core/equivariance/vectorSliceSummary';

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

/** A whole raw snapshot cut into slices of members at `cuts` (listed last first), each with a copy as a pool worker sends it. */
function slices(raw: RawSnapshot, E: number, cuts: number[]): RawSlice[] {
  const P = makePolarGrid().size;
  const Pf = makeFarFieldGrid().size;
  const bounds = [0, ...cuts, E];
  const out: RawSlice[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [a, b] = [bounds[i], bounds[i + 1]];
    const part = (): RawSnapshot => ({
      step: raw.step,
      members: raw.members.slice(a * P, b * P),
      losses: raw.losses.slice(a, b),
      noAugMembers: raw.noAugMembers!.slice(a * P, b * P),
      noAugLosses: raw.noAugLosses!.slice(a, b),
      farMembers: raw.farMembers!.slice(a * Pf, b * Pf),
    });
    out.push({ start: a, raw: part(), copy: part() });
  }
  return out.reverse();
}

/** An in-process stand-in for the summary worker: messages go through the real handler; it can crash. */
class InProcessWorker {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  received = 0;
  /** The slices of each message received and the buffers it transferred. */
  messages: { parts: { start: number; raw: RawSnapshot | RawFrame }[]; transfer: Transferable[] }[] = [];
  terminated = false;
  /** While set, messages are held (a worker busy or about to crash). */
  hold = false;
  private readonly handle = createSummaryWorkerHandler((e: SummaryEvent) => queueMicrotask(() => !this.terminated && this.onmessage?.({ data: e } as MessageEvent)));
  postMessage(m: unknown, transfer: Transferable[] = []) {
    this.received++;
    this.messages.push({ parts: (m as { parts: { start: number; raw: RawSnapshot | RawFrame }[] }).parts, transfer });
    if (!this.hold) this.handle(m);
  }
  terminate() {
    this.terminated = true;
  }
  crash() {
    this.onerror?.({ message: 'out of memory', preventDefault: () => undefined } as unknown as ErrorEvent);
  }
}

/** A SnapshotSummaries whose workers (the first and every replacement) are in-process stand-ins, listed in `workers`. */
function inProcessSummaries(faultTarget?: string): { workers: InProcessWorker[]; summaries: SnapshotSummaries } {
  const workers: InProcessWorker[] = [];
  const summaries = new SnapshotSummaries(() => {
    workers.push(new InProcessWorker());
    return workers[workers.length - 1] as unknown as Worker;
  }, faultTarget);
  return { workers, summaries };
}

function sameSnapshot(a: Snapshot, b: Snapshot) {
  expect(a.step).toBe(b.step);
  for (const k of ['members', 'mean', 'spread', 'meanDeviation', 'memberDeviation', 'losses', 'noAugMean', 'farMean'] as const) expect(a[k], k).toEqual(b[k]);
  expect(a.metrics).toEqual(b.metrics);
}

describe('snapshot summaries off the page thread', () => {
  it('the worker merges the slices in member order and summarises exactly as the page did; the page keeps its own slices', async () => {
    const { workers, summaries } = inProcessSummaries();
    const parts = slices(fakeRaw(6, 3), 6, [2, 5]);
    const expected = summarizeInContext(fakeRaw(6, 3), 6, snapshotContext(config), 2);
    const got = await summaries.summarize(config, 2, parts);
    expect(workers[0].received).toBe(1);
    sameSnapshot(got, expected);
    expect(got.metrics.selectedMember).toBe(2);
    // What went out were the workers' copies, transferred (5 arrays a slice); the page's own slices were not sent.
    const sent = workers[0].messages[0];
    expect(sent.parts.map((p) => p.start)).toEqual([5, 2, 0]);
    sent.parts.forEach((p, i) => expect(p.raw).toBe(parts[i].copy));
    expect(sent.transfer).toHaveLength(15);
    for (const p of parts) expect(sent.transfer).not.toContain(p.raw.members.buffer);
    summaries.dispose();
  });

  it('a crashed worker is replaced and its unanswered request answered; without a worker the page summarises', async () => {
    const { workers, summaries } = inProcessSummaries();
    workers[0].hold = true;
    const parts = slices(fakeRaw(6, 5), 6, [3]);
    const pending = summaries.summarize(config, 0, parts);
    workers[0].crash();
    expect(workers.length).toBe(2);
    // Sent again to the replacement: the copies went with the crashed worker, so the page's own slices go, copied.
    expect(workers[1].received).toBe(1);
    workers[1].messages[0].parts.forEach((p, i) => expect(p.raw).toBe(parts[i].raw));
    expect(workers[1].messages[0].transfer).toHaveLength(0);
    sameSnapshot(await pending, summarizeInContext(fakeRaw(6, 5), 6, snapshotContext(config), 0));
    summaries.dispose();

    const none = new SnapshotSummaries(() => {
      throw new Error('Worker is not defined');
    });
    sameSnapshot(await none.summarize(config, 1, slices(fakeRaw(6, 9), 6, [1, 4])), summarizeInContext(fakeRaw(6, 9), 6, snapshotContext(config), 1));
  });

  it('light frames: merged in member order off the page, the means and the kept members equal the page-side reduction', async () => {
    const { workers, summaries } = inProcessSummaries();
    const E = 7;
    const P = 384;
    const whole = fakeRaw(E, 11);
    const frame = (a: number, b: number): RawFrame => ({ step: 40, count: b - a, members: whole.members.slice(a * P, b * P), noAugMembers: whole.noAugMembers!.slice(a * P, b * P) });
    const parts = [
      { start: 4, raw: frame(4, 7), copy: frame(4, 7) },
      { start: 0, raw: frame(0, 4), copy: frame(0, 4) },
    ];
    const expected = summarizeFrame(frame(0, 7), E, [0, 1, 2, 3, 5]);
    const got = await summaries.summarizeFrame(E, [0, 1, 2, 3, 5], parts);
    expect(got.mean).toEqual(expected.mean);
    expect(got.noAugMean).toEqual(expected.noAugMean);
    expect(got.members).toEqual(expected.members);
    expect(got.memberIndices).toEqual([0, 1, 2, 3, 5]);
    expect(workers[0].messages[0].transfer).toHaveLength(4);
    expect(parts[0].raw.members.length).toBe(3 * P); // the page's own slices are untouched
    // A frame whose slices miss a member, or whose twin is short, is refused with the reason.
    const events: SummaryEvent[] = [];
    const handle = createSummaryWorkerHandler((e) => events.push(e));
    handle({ v: 1, type: 'summarizeFrame', id: 8, ensembleSize: E, members: [0], parts: [parts[1]] });
    expect((events[0] as { message: string }).message).toMatch(/do not cover members 0 … 6/);
    handle({ v: 1, type: 'summarizeFrame', id: 9, ensembleSize: E, members: [0], parts: [parts[0], { start: 0, raw: { ...frame(0, 4), noAugMembers: new Float32Array(5) } }] });
    expect((events[1] as { message: string }).message).toMatch(/twin holds \d+ predictions, not 2688/);
    handle({ v: 1, type: 'summarizeFrame', id: 10, ensembleSize: E, members: [7], parts });
    expect((events[2] as { message: string }).message).toMatch(/members must be member indices below 7/);
    summaries.dispose();
  });

  it('the vector lab: the worker merges and summarises a 3D-lab snapshot as the page would; bad settings are refused', async () => {
    const { workers, summaries } = inProcessSummaries('vector-summaries');
    const settings = { ...DEFAULT_CROSS_CONFIG, ensembleSize: 3, testPairs: 4 };
    const len = 3 * 4 * crossEvaluationSet(clampCrossConfig(settings).config).rotations.length;
    const whole = fakeRaw(3, 21);
    const part = (a: number, b: number) => ({ start: a, raw: { step: 9, members: whole.members.slice(a * len, b * len), losses: whole.losses.slice(a, b) } });
    const parts = [part(2, 3), part(0, 2)];
    const got = await summaries.summarizeCross(settings, parts);
    expect(workers[0].received).toBe(1);
    expect(got).toEqual(new VectorSliceSummarizer().crossSnapshot(settings, parts));
    expect(got.step).toBe(9);
    expect(workers[0].messages[0].transfer).toHaveLength(0); // small: sent copied, the page keeps its slices
    const events: SummaryEvent[] = [];
    const handle = createSummaryWorkerHandler((e) => events.push(e));
    handle({ v: 1, type: 'summarizePlane', id: 1, settings: 'C8', parts });
    expect((events[0] as { message: string }).message).toMatch(/summarizePlane needs a settings object/);
    handle({ v: 1, type: 'summarizePlane', id: 2, settings: { ensembleSize: 3 }, parts });
    expect((events[1] as { message: string }).message).toMatch(/^the plane lab snapshot holds \d+ numbers; E = 3 members need \d+$/);
    summaries.dispose();
  });

  it('a raw snapshot of the wrong size is refused with the sizes, not summarised into nonsense', async () => {
    const events: SummaryEvent[] = [];
    const handle = createSummaryWorkerHandler((e) => events.push(e));
    // Slices that tile members 0 … 5 by their losses, but the second carries two members' predictions: caught by size.
    const long = { ...fakeRaw(2, 2), losses: new Float32Array(1), noAugLosses: new Float32Array(1) };
    handle({ v: 1, type: 'summarize', id: 3, config, selectedMember: 0, parts: [{ start: 0, raw: fakeRaw(5, 1) }, { start: 5, raw: long }] });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'error', id: 3 });
    expect((events[0] as { message: string }).message).toMatch(/^members holds 10752 numbers; E = 6 members need 9216$/);
    // Slices that leave a member out are refused by the merge.
    handle({ v: 1, type: 'summarize', id: 4, config, selectedMember: 0, parts: slices(fakeRaw(6, 1), 6, [2]).slice(1) });
    expect((events[1] as { message: string }).message).toMatch(/do not cover members 0 … 5/);
    handle({ v: 1, type: 'summarize', id: 5, config, selectedMember: 0, parts: [{ start: 0, raw: { step: 1, members: [1, 2] } }] });
    expect((events[2] as { message: string }).message).toMatch(/Float32Array/);
    handle({ v: 1, type: 'summarize', id: 6, config, selectedMember: 0, raw: fakeRaw(6, 1) });
    expect((events[3] as { message: string }).message).toMatch(/parts must be a non-empty array/);
    const none = new SnapshotSummaries(() => {
      throw new Error('no workers here');
    });
    await expect(none.summarize(config, 0, [{ start: 0, raw: fakeRaw(5, 1) }, { start: 5, raw: { ...fakeRaw(1, 1), members: new Float32Array(0), noAugMembers: new Float32Array(0), farMembers: new Float32Array(0) } }])).rejects.toThrow(/E = 6 members need/);
  });
});
