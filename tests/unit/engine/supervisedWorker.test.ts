import { describe, expect, it } from 'vitest';
import { capitalise, SupervisedWorker, type SpawnContext } from '../../../src/state/supervisedWorker';
import { FaultGate } from '../../../src/worker/faultGate';

/** A stand-in for a Web Worker: records what was posted and lets the test fire its error handler. */
class FakeWorker {
  posted: unknown[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  postMessage(m: unknown) {
    this.posted.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  crash(message: string) {
    let prevented = false;
    this.onerror?.({ message, preventDefault: () => (prevented = true) } as unknown as ErrorEvent);
    return prevented;
  }
}

function setup(maxRestarts = 3) {
  const workers: FakeWorker[] = [];
  const spawns: (string | null)[] = [];
  const contexts: SpawnContext[] = [];
  const received: unknown[] = [];
  const gaveUp: string[] = [];
  const sup = new SupervisedWorker({
    label: 'test worker',
    faultTarget: 'test',
    create: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w as unknown as Worker;
    },
    onMessage: (d) => received.push(d),
    onSpawn: (reason, post, context) => {
      spawns.push(reason);
      contexts.push(context);
      post({ hello: workers.length });
    },
    onGiveUp: (m) => gaveUp.push(m),
    maxRestarts,
  });
  return { sup, workers, spawns, contexts, received, gaveUp };
}

describe('SupervisedWorker', () => {
  it('replaces a crashed or terminated worker, tells the owner why, and ignores the dead one', () => {
    const { sup, workers, spawns, received } = setup();
    expect(workers.length).toBe(1);
    expect(spawns).toEqual([null]);
    expect(workers[0].crash('boom')).toBe(true); // the error is handled, not reported as uncaught
    expect(workers[0].terminated).toBe(true);
    expect(workers.length).toBe(2);
    expect(spawns[1]).toMatch(/test worker crashed \(boom\)/);
    expect(workers[0].posted).toEqual([{ hello: 1 }]);
    expect(workers[1].posted).toEqual([{ hello: 2 }]); // onSpawn re-sent its init to the new worker
    // A late message from the old worker is dropped; the new one's is delivered.
    workers[0].onmessage?.({ data: 'stale' } as MessageEvent);
    workers[1].onmessage?.({ data: 'fresh' } as MessageEvent);
    expect(received).toEqual(['fresh']);
    sup.terminateForTest();
    expect(spawns[2]).toMatch(/was terminated/);
    expect(sup.restarts).toBe(2);
    sup.restart('the WebGL context was lost');
    expect(spawns[3]).toBe('the WebGL context was lost');
    expect(workers.length).toBe(4);
    sup.dispose();
    expect(workers[3].terminated).toBe(true);
    expect(sup.alive).toBe(false);
  });

  it('gives up after too many failures in a row instead of looping', () => {
    const { sup, workers, gaveUp } = setup(2);
    workers[0].crash('a');
    workers[1].crash('b');
    expect(gaveUp).toEqual([]);
    workers[2].crash('c');
    expect(workers.length).toBe(3);
    expect(gaveUp[0]).toMatch(/crashed \(c\).*3 times.*reload/);
    expect(sup.alive).toBe(false);
    sup.restart('again');
    expect(workers.length).toBe(3);
  });
});

describe('SupervisedWorker after a lost device', () => {
  it('excludes the lost backend for every later worker (never cpu) and marks only the next start as on a new backend', () => {
    const { sup, workers, spawns, contexts } = setup(5);
    expect(contexts[0]).toEqual({ exclude: [], nextBackend: false });
    sup.deviceLost('webgpu', 'the WebGPU device was lost (destroyed: )');
    expect(workers.length).toBe(2);
    expect(workers[0].terminated).toBe(true);
    expect(spawns[1]).toBe('the WebGPU device was lost (destroyed: )');
    expect(contexts[1]).toEqual({ exclude: ['webgpu'], nextBackend: true });
    workers[1].crash('boom');
    expect(contexts[2]).toEqual({ exclude: ['webgpu'], nextBackend: false });
    sup.deviceLost('webgl', 'the WebGL context was lost');
    sup.deviceLost('webgl', 'the WebGL context was lost');
    sup.deviceLost('cpu', 'impossible, but said');
    expect(contexts.slice(3).map((c) => c.exclude)).toEqual([['webgpu', 'webgl'], ['webgpu', 'webgl'], ['webgpu', 'webgl']]);
    expect(sup.restarts).toBe(5);
    expect(capitalise(spawns[1]!)).toBe('The WebGPU device was lost (destroyed: )');
    sup.dispose();
  });
});

describe('FaultGate', () => {
  it('ignores injectFault until allowFaults arrives, then injects the device loss or reports why not', () => {
    const reports: string[] = [];
    let lost = 0;
    const gate = new FaultGate(() => (lost++ ? 'no GPU device' : null), (m) => reports.push(m));
    const lose = { v: 1, type: 'injectFault', fault: 'lose-device' };
    expect(gate.consume(lose)).toBe(false); // falls through to the protocol, which rejects it
    expect(gate.consume({ v: 1, type: 'run' })).toBe(false);
    expect(gate.consume({ v: 1, type: 'allowFaults' })).toBe(true);
    expect(gate.enabled).toBe(true);
    expect(gate.consume(lose)).toBe(true);
    expect(lost).toBe(1);
    expect(reports).toEqual([]);
    expect(gate.consume(lose)).toBe(true);
    expect(reports).toEqual(['fault not injected: no GPU device']);
    expect(gate.consume({ v: 1, type: 'injectFault', fault: 'meteor' })).toBe(true);
    expect(reports[1]).toMatch(/unknown fault meteor/);
    expect(gate.consume({ v: 2, type: 'allowFaults' })).toBe(false);
  });
});
