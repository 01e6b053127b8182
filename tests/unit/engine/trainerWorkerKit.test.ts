/**
 * The toy trainer on the worker kit (src/worker/trainerSession.ts, driven in Node with a fake `post` on the tfjs CPU
 * backend): a malformed command and one of another protocol version are answered with an `invalid-command` event
 * naming the problem and change nothing; fault injection goes through the kit's FaultGate (refused until
 * `allowFaults`); and training holds still while the page is hidden, then goes on to the same end.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from './setupCpu';
import { DEFAULT_CONFIG } from '../../../src/core';
import { cpuTrainerSession } from './trainerHarness';
import { until } from './until';

const SMALL = { ...DEFAULT_CONFIG, ensembleSize: 4, width: 16, steps: 30 };

beforeAll(async () => {
  await useCpuBackend();
});

function makeSession() {
  const { events, session } = cpuTrainerSession();
  const errors = () => events.flatMap((e) => (e.type === 'error' ? [`${e.kind}: ${e.message}`] : []));
  const steps = () => events.flatMap((e) => (e.type === 'progress' ? [e.step] : []));
  const done = () => events.some((e) => e.type === 'progress' && e.status === 'done');
  return { events, session, errors, steps, done };
}


const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the toy trainer on the worker kit: the command prologue', () => {
  it('answers malformed commands and another protocol version with an error event naming the problem', async () => {
    const { events, session, errors } = makeSession();
    session.handle({ v: 2, type: 'start' });
    session.handle({ v: 1, type: 'step', count: 0 });
    session.handle({ v: 1, type: 'setConfig', config: 'big' });
    session.handle({ v: 1, type: 'launch' });
    session.handle(['start']);
    session.handle({ v: 1, type: 'init', backend: 'tpu' });
    expect(errors()).toEqual([
      'invalid-command: ignored a malformed command: unsupported protocol version 2',
      'invalid-command: ignored a malformed command: step count must be a whole number from 1 to 2000',
      'invalid-command: ignored a malformed command: setConfig needs a config object',
      'invalid-command: ignored a malformed command: unknown command launch',
      'invalid-command: ignored a malformed command: message is not an object',
      'invalid-command: ignored a malformed command: unknown backend tpu',
    ]);
    // Nothing else happened: no run was configured, no backend chosen, no step taken.
    await sleep(50);
    expect(events.map((e) => e.type)).toEqual(['error', 'error', 'error', 'error', 'error', 'error']);
    session.dispose();
  });

  it('injects faults only after allowFaults (the FaultGate), and says why a device cannot be lost on cpu', async () => {
    const { session, errors, done } = makeSession();
    session.handle({ v: 1, type: 'injectFault', fault: 'lose-device' });
    expect(errors()).toEqual(['invalid-command: ignored a malformed command: unknown command injectFault']);
    session.handle({ v: 1, type: 'allowFaults' });
    session.handle({ v: 1, type: 'init', backend: 'cpu' });
    session.handle({ v: 1, type: 'setConfig', config: SMALL });
    session.handle({ v: 1, type: 'start' });
    await until(done);
    session.handle({ v: 1, type: 'injectFault', fault: 'lose-device' });
    session.handle({ v: 1, type: 'injectFault', fault: 'melt' });
    expect(errors()).toEqual([
      'invalid-command: ignored a malformed command: unknown command injectFault',
      'invalid-command: fault not injected: the cpu backend has no GPU device to lose',
      'invalid-command: unknown fault melt',
    ]);
    session.dispose();
  });
});

describe('the toy trainer on the worker kit: pause while the page is hidden', () => {
  it('holds its step while hidden and trains on to the same end once shown', async () => {
    const config = { ...SMALL, steps: 500 };
    const { events, session, steps, done } = makeSession();
    session.handle({ v: 1, type: 'setConfig', config });
    session.handle({ v: 1, type: 'start' });
    await until(() => steps().some((s) => s > 20));
    session.handle({ v: 1, type: 'pageVisibility', hidden: true });
    // The chunk under way finishes (≈ 50 ms); then the loop waits at the next slice boundary.
    await sleep(150);
    const held = events.length;
    const heldStep = steps().at(-1)!;
    expect(heldStep).toBeLessThan(500);
    await sleep(400);
    expect(events.length).toBe(held);
    session.handle({ v: 1, type: 'pageVisibility', hidden: false });
    await until(done);
    expect(steps().at(-1)).toBe(500);
    expect(Math.max(...steps())).toBe(500);
    // Visibility messages are the kit's, never refused as commands.
    expect(events.some((e) => e.type === 'error')).toBe(false);
    const snaps = events.flatMap((e) => (e.type === 'snapshot' ? [e.snapshot.step] : []));
    expect(snaps.at(-1)).toBe(500);
    session.dispose();
  });

  it('told hidden before a run starts, takes the initial snapshot but no step until shown', async () => {
    const { events, session, steps, done } = makeSession();
    session.handle({ v: 1, type: 'pageVisibility', hidden: true });
    session.handle({ v: 1, type: 'setConfig', config: SMALL });
    session.handle({ v: 1, type: 'start' });
    await until(() => events.some((e) => e.type === 'snapshot'));
    await sleep(300);
    expect(steps()).toEqual([]);
    expect(events.flatMap((e) => (e.type === 'snapshot' ? [e.snapshot.step] : []))).toEqual([0]);
    session.handle({ v: 1, type: 'pageVisibility', hidden: false });
    await until(done);
    expect(events.flatMap((e) => (e.type === 'snapshot' ? [e.snapshot.step] : []))).toEqual([0, 1, 2, 3, 5, 10, 30]);
    session.dispose();
  });
});
