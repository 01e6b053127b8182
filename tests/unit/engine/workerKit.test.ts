/**
 * The worker kit (src/worker/workerKit.ts): the command prologue every panel worker shares (a malformed command or
 * one of another protocol version is answered with an error event naming the problem and changes nothing), the
 * fault-injection gate, the pause between slices while the page is hidden, and the checkpoint cadence.
 */
import { describe, expect, it } from 'vitest';
import { CheckpointCadence, WorkerKit } from '../../../src/worker/workerKit';
import { createIntertwinerWorkerHandler } from '../../../src/worker/intertwiner.worker';
import { createLatticeWorkerHandler } from '../../../src/worker/lattice.worker';
import type { IntertwinerEvent } from '../../../src/worker/intertwinerProtocol';
import type { LatticeEvent } from '../../../src/worker/latticeProtocol';
import type { Validated } from '../../../src/worker/protocol';

const REQUEST = { family: 'cyclic', n: 4, inId: 'regular', outId: 'regular' };

/** A one-command protocol for driving the kit by itself. */
type Ping = { v: 1; type: 'ping'; n: number };
type Ev = { type: 'error'; message: string } | { type: 'pong'; n: number };
function validatePing(m: unknown): Validated<Ping> {
  const r = m as Record<string, unknown>;
  if (!r || typeof r !== 'object') return { ok: false, error: 'message is not an object' };
  if (r.v !== 1) return { ok: false, error: `unsupported protocol version ${String(r.v)}` };
  if (r.type !== 'ping' || typeof r.n !== 'number') return { ok: false, error: 'ping needs a number n' };
  return { ok: true, message: { v: 1, type: 'ping', n: r.n } };
}
function pingKit() {
  const events: Ev[] = [];
  const kit = new WorkerKit<Ping, Ev>((e) => events.push(e), { validate: validatePing, errorEvent: (message) => ({ type: 'error', message }) });
  const handled: number[] = [];
  const handle = kit.handler((c) => handled.push(c.n));
  return { kit, events, handled, handle };
}

describe('worker kit: the command prologue', () => {
  it('answers a malformed command with an error event naming the problem, and solves a valid one', () => {
    const events: IntertwinerEvent[] = [];
    const handle = createIntertwinerWorkerHandler((e) => events.push(e));
    handle({ v: 1, type: 'solve', id: 'seven', request: REQUEST });
    handle({ v: 1, type: 'solve', id: 7, request: { ...REQUEST, inId: 3 } });
    handle({ v: 1, type: 'factorise', id: 7 });
    handle('solve please');
    expect(events).toEqual([
      { v: 1, type: 'error', message: 'ignored a malformed command: id must be a whole number' },
      { v: 1, type: 'error', message: 'ignored a malformed command: request.inId and request.outId must be strings' },
      { v: 1, type: 'error', message: 'ignored a malformed command: unknown command factorise' },
      { v: 1, type: 'error', message: 'ignored a malformed command: message is not an object' },
    ]);
    events.length = 0;
    handle({ v: 1, type: 'solve', id: 7, request: REQUEST });
    expect(events).toHaveLength(1);
    const answer = events[0];
    expect(answer.type === 'answer' && answer.id).toBe(7);
    // C_4 regular → regular: Schur's count is 4 (four one-dimensional irreps, each once).
    expect(answer.type === 'answer' && answer.answer.kind === 'ok' && answer.answer.dimension).toBe(4);
  });

  it('answers a command of another protocol version with an error event naming the version, in every kit worker', () => {
    const intertwiner: IntertwinerEvent[] = [];
    createIntertwinerWorkerHandler((e) => intertwiner.push(e))({ v: 2, type: 'solve', id: 1, request: REQUEST });
    expect(intertwiner).toEqual([{ v: 1, type: 'error', message: 'ignored a malformed command: unsupported protocol version 2' }]);
    const lattice: LatticeEvent[] = [];
    const queue: (() => void)[] = [];
    createLatticeWorkerHandler((e) => lattice.push(e), (fn) => queue.push(fn))({ v: 0, type: 'cancel', runId: 1 });
    expect(lattice).toEqual([{ v: 1, type: 'error', message: 'ignored a malformed command: unsupported protocol version 0' }]);
    expect(queue).toHaveLength(0); // nothing was started
  });

  it('passes only valid commands to the handler', () => {
    const { events, handled, handle } = pingKit();
    handle({ v: 1, type: 'ping', n: 3 });
    handle({ v: 3, type: 'ping', n: 4 });
    handle({ v: 1, type: 'ping', n: 'five' });
    handle({ v: 1, type: 'ping', n: 6 });
    expect(handled).toEqual([3, 6]);
    expect(events.map((e) => (e.type === 'error' ? e.message : ''))).toEqual([
      'ignored a malformed command: unsupported protocol version 3',
      'ignored a malformed command: ping needs a number n',
    ]);
  });

  it('honours injected faults only after allowFaults, and refuses to lose a device a worker does not have', () => {
    const events: LatticeEvent[] = [];
    const handle = createLatticeWorkerHandler((e) => events.push(e), () => undefined);
    handle({ v: 1, type: 'injectFault', fault: 'lose-device' });
    // Without allowFaults the fault is just another command the protocol does not know.
    expect(events).toEqual([{ v: 1, type: 'error', message: 'ignored a malformed command: runId must be an integer' }]);
    handle({ v: 1, type: 'allowFaults' });
    handle({ v: 1, type: 'injectFault', fault: 'lose-device' });
    handle({ v: 1, type: 'injectFault', fault: 'melt' });
    expect(events.slice(1)).toEqual([
      { v: 1, type: 'error', message: 'fault not injected: this worker has no GPU device to lose' },
      { v: 1, type: 'error', message: 'unknown fault melt' },
    ]);
  });
});

describe('worker kit: pause while the page is hidden', () => {
  it('betweenSlices waits while the page is hidden and goes on when it is shown', async () => {
    const { kit, handle, events } = pingKit();
    let passed = 0;
    const loop = async (slices: number) => {
      for (let i = 0; i < slices; i++) {
        await kit.betweenSlices();
        passed++;
      }
    };
    await loop(2);
    expect(passed).toBe(2);
    handle({ v: 1, type: 'pageVisibility', hidden: true });
    expect(kit.visibility.pageHidden).toBe(true);
    const running = loop(3);
    await new Promise((r) => setTimeout(r, 30));
    expect(passed).toBe(2); // parked at the first slice boundary
    handle({ v: 1, type: 'pageVisibility', hidden: false });
    await running;
    expect(passed).toBe(5);
    expect(events).toEqual([]); // visibility messages are the kit's, not refused commands
  });

  it('sliceSpent says when a slice of many short steps has used its time, counted from the last yield', async () => {
    const { kit } = pingKit();
    await kit.betweenSlices();
    expect(kit.sliceSpent(10_000)).toBe(false);
    expect(kit.sliceSpent(0)).toBe(true);
    await new Promise((r) => setTimeout(r, 40));
    expect(kit.sliceSpent(30)).toBe(true);
    await kit.betweenSlices();
    expect(kit.sliceSpent(30)).toBe(false);
  });

  it('nextSlice parks a scheduled slice while hidden and runs it on return', () => {
    const { kit, handle } = pingKit();
    const queue: (() => void)[] = [];
    const ran: number[] = [];
    kit.nextSlice((fn) => queue.push(fn), () => ran.push(1));
    queue.shift()!();
    expect(ran).toEqual([1]);
    handle({ v: 1, type: 'pageVisibility', hidden: true });
    kit.nextSlice((fn) => queue.push(fn), () => ran.push(2));
    kit.nextSlice((fn) => queue.push(fn), () => ran.push(3));
    while (queue.length) queue.shift()!();
    expect(ran).toEqual([1]);
    handle({ v: 1, type: 'pageVisibility', hidden: false });
    expect(ran).toEqual([1, 2, 3]);
  });
});

describe('worker kit: checkpoint cadence', () => {
  it('is due after minMs, or after costFactor times the last checkpoint’s cost when that is longer', async () => {
    let t = 1000;
    const cadence = new CheckpointCadence(250, 20, () => t);
    t = 1249;
    expect(cadence.due()).toBe(false);
    t = 1250;
    expect(cadence.due()).toBe(true);
    // A checkpoint that takes 30 ms: the next is due 20 × 30 = 600 ms after it finished, not 250.
    const value = await cadence.take(async () => {
      t += 30;
      return 42;
    });
    expect(value).toBe(42);
    expect(t).toBe(1280);
    t = 1280 + 599;
    expect(cadence.due()).toBe(false);
    t = 1280 + 600;
    expect(cadence.due()).toBe(true);
    // A synchronous, cheap checkpoint: back to the 250 ms floor.
    expect(cadence.take(() => 'sync')).toBe('sync');
    t += 249;
    expect(cadence.due()).toBe(false);
    t += 1;
    expect(cadence.due()).toBe(true);
  });
});
