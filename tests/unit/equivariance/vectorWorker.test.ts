/**
 * The vector worker on the worker kit, driven in Node with a fake `post` and a BackendHost on the tfjs CPU backend:
 * a configured plane run plays to its end with snapshots, checkpoints from step 1 on and a final 'done'; it stops
 * while the page is hidden and goes on when it is shown; a malformed command is answered without touching the run.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { BackendHost } from '../../../src/worker/backendHost';
import { createVectorWorkerHandler } from '../../../src/worker/vector.worker';
import type { VectorEvent } from '../../../src/worker/vectorProtocol';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const CONFIG = { ensembleSize: 4, width: 8, steps: 5, seed: 3 };

function worker() {
  const events: VectorEvent[] = [];
  const host = new BackendHost(
    {
      announce: (c) => events.push({ v: 1, type: 'backend', backend: c.backend, reason: c.reason }),
      failed: (message) => events.push({ v: 1, type: 'error', message }),
      lost: (message) => events.push({ v: 1, type: 'error', kind: 'device-lost', message }),
    },
    async () => ({ backend: 'cpu', reason: 'cpu for the test', probes: [] }),
    () => undefined,
  );
  const handle = createVectorWorkerHandler((e) => events.push(e), host);
  const settle = async (until: () => boolean, ms = 20_000) => {
    const t0 = Date.now();
    while (!until() && Date.now() - t0 < ms) await new Promise((r) => setTimeout(r, 5));
  };
  const last = () => events.filter((e) => e.type === 'progress').at(-1);
  return { events, handle, settle, last };
}

describe('vector worker (RunSession on the kit)', () => {
  it('plays a configured run to its end: snapshots at the schedule, a checkpoint after each from step 1, status done', async () => {
    const { events, handle, settle, last } = worker();
    handle({ v: 1, type: 'init', backend: 'auto' });
    handle({ v: 1, type: 'configure', lab: 'plane', config: CONFIG, autoplay: true });
    await settle(() => last()?.type === 'progress' && (last() as { status: string }).status === 'done');
    // The config is answered at once; the backend when chosen, before any snapshot.
    expect(events.map((e) => e.type).slice(0, 3)).toEqual(['config', 'backend', 'planeSnapshot']);
    expect(events[1]).toEqual({ v: 1, type: 'backend', backend: 'cpu', reason: 'cpu for the test' });
    const config = events.find((e) => e.type === 'config');
    expect(config && config.type === 'config' && config.schedule).toEqual([0, 1, 2, 3, 5]);
    const snapshots = events.filter((e) => e.type === 'planeSnapshot').map((e) => (e.type === 'planeSnapshot' ? e.snapshot.step : -1));
    expect(snapshots).toEqual([0, 1, 2, 3, 5]);
    const checkpoints = events.filter((e) => e.type === 'checkpoint').map((e) => (e.type === 'checkpoint' ? e.checkpoint.step : -1));
    expect(checkpoints).toEqual([1, 2, 3, 5]);
    const done = last();
    expect(done && done.type === 'progress' && [done.step, done.totalSteps]).toEqual([5, 5]);
    handle({ v: 7, type: 'start', lab: 'plane' });
    expect(events.at(-1)).toEqual({ v: 1, type: 'error', message: 'ignored a malformed command: unsupported protocol version 7' });
  }, 60_000);

  it('stops between chunks while the page is hidden and finishes once it is shown', async () => {
    const { events, handle, settle, last } = worker();
    handle({ v: 1, type: 'pageVisibility', hidden: true });
    handle({ v: 1, type: 'configure', lab: 'plane', config: { ...CONFIG, steps: 30 }, autoplay: true });
    await settle(() => events.some((e) => e.type === 'planeSnapshot'));
    await new Promise((r) => setTimeout(r, 300));
    const stepsWhileHidden = events.filter((e) => e.type === 'planeSnapshot').length;
    // Step 0's snapshot is taken before the first chunk boundary; nothing after it while hidden.
    expect(stepsWhileHidden).toBe(1);
    handle({ v: 1, type: 'pageVisibility', hidden: false });
    await settle(() => last()?.type === 'progress' && (last() as { status: string }).status === 'done');
    const done = last();
    expect(done && done.type === 'progress' && done.step).toBe(30);
    expect(events.filter((e) => e.type === 'planeSnapshot').length).toBe(7); // 0, 1, 2, 3, 5, 10, 30
  }, 60_000);

  it('as a pool worker trains only its slice and posts raw rows and the slice\'s checkpoints', async () => {
    const { events, handle, settle, last } = worker();
    handle({ v: 1, type: 'init', backend: 'auto' });
    handle({ v: 1, type: 'configure', lab: 'cross', config: { ...CONFIG, trainPairs: 2 }, autoplay: true, slice: { start: 1, count: 2 } });
    await settle(() => last()?.type === 'progress' && (last() as { status: string }).status === 'done');
    expect(events.some((e) => e.type === 'crossSnapshot')).toBe(false);
    const raws = events.flatMap((e) => (e.type === 'rawSlice' ? [e] : []));
    expect(raws.map((e) => [e.lab, e.start, e.raw.step, e.raw.losses.length])).toEqual([0, 1, 2, 3, 5].map((s) => ['cross', 1, s, 2]));
    // Predictions on the evaluation set: T(M+1) rows of 3 per member (32 test pairs × 17 rotations).
    expect(raws[0].raw.members.length).toBe(2 * 32 * 17 * 3);
    const cps = events.flatMap((e) => (e.type === 'checkpoint' ? [e.checkpoint] : []));
    expect(cps.map((c) => [c.step, c.params.length])).toEqual([1, 2, 3, 5].map((s) => [s, 2]));
    // A slice outside the ensemble is refused with the reason.
    handle({ v: 1, type: 'configure', lab: 'cross', config: CONFIG, autoplay: true, slice: { start: 3, count: 2 } });
    await settle(() => events.at(-1)?.type === 'progress' && (events.at(-1) as { status: string }).status === 'error');
    expect(events.find((e) => e.type === 'error')).toMatchObject({ lab: 'cross', message: 'cannot train this slice: members 3 … 4 are not members of an ensemble of 4' });
  }, 60_000);
});
