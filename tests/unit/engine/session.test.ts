import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useCpuBackend } from './setupCpu';
import { DEFAULT_CONFIG, EnsembleTrainer, Rng } from '../../../src/core';
import { cpuTrainerSession as makeSession } from './trainerHarness';
import { until } from './until';
import { frameSchedule, snapshotSchedule } from '../../../src/core/ensemble/schedule';
import { lightFrameShare } from '../../../src/worker/trainerSession';

const SMALL = { ...DEFAULT_CONFIG, ensembleSize: 4, width: 16, steps: 30 };

beforeAll(async () => {
  await useCpuBackend();
});



describe('tensor count', () => {
  it('is the same after 200 steps as after 10', async () => {
    const trainer = new EnsembleTrainer({ ...SMALL, steps: 200 });
    for (let i = 0; i < 10; i++) trainer.trainStep();
    await trainer.snapshot();
    const after10 = tf.memory().numTensors;
    for (let i = 0; i < 190; i++) trainer.trainStep();
    await trainer.snapshot();
    await trainer.losses();
    expect(tf.memory().numTensors).toBe(after10);
    trainer.dispose();
  });

  it('returns to the starting count after a whole session run and reset', async () => {
    const before = tf.memory().numTensors;
    const { events, session } = makeSession();
    session.handle({ v: 1, type: 'setConfig', config: SMALL });
    session.handle({ v: 1, type: 'start' });
    await until(() => events.some((e) => e.type === 'progress' && e.status === 'done'));
    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('light-frame budget (lightFrameShare)', () => {
  it('applies only on a GPU backend, and only to a worker that trains the whole ensemble', () => {
    expect(lightFrameShare('webgl', undefined, 64)).toBe(0.25);
    expect(lightFrameShare('webgpu', { start: 0, count: 64 }, 64)).toBe(0.25);
    // A pool worker with part of the members: its own clock must not decide, or the slices disagree on a frame.
    expect(lightFrameShare('webgl', { start: 0, count: 32 }, 64)).toBeUndefined();
    expect(lightFrameShare('webgpu', { start: 32, count: 32 }, 64)).toBeUndefined();
    // The CPU backends take every frame (a light frame costs about six steps there).
    expect(lightFrameShare('wasm', undefined, 64)).toBeUndefined();
    expect(lightFrameShare('cpu', { start: 0, count: 64 }, 64)).toBeUndefined();
  });
});

describe('training session', () => {
  it('snapshots every scheduled step and finishes', async () => {
    const { events, session } = makeSession();
    session.handle({ v: 1, type: 'setConfig', config: SMALL });
    session.handle({ v: 1, type: 'start' });
    await until(() => events.some((e) => e.type === 'progress' && e.status === 'done'));
    const steps = events.flatMap((e) => (e.type === 'snapshot' ? [e.snapshot.step] : []));
    expect(steps).toEqual([0, 1, 2, 3, 5, 10, 30]);
    const last = events.filter((e) => e.type === 'snapshot').pop();
    expect(last?.type === 'snapshot' && last.snapshot.members.length).toBe(4 * 1536);
    expect(events.some((e) => e.type === 'checkpoint' && e.checkpoint.step === 30)).toBe(true);
    session.dispose();
  });

  it('a pool worker trains its slice of the members and posts raw snapshots and checkpoints of that slice', async () => {
    const { events, session } = makeSession();
    session.handle({ v: 1, type: 'setConfig', config: SMALL, slice: { start: 1, count: 2 } });
    session.handle({ v: 1, type: 'start' });
    await until(() => events.some((e) => e.type === 'progress' && e.status === 'done'));
    expect(events.some((e) => e.type === 'snapshot')).toBe(false);
    const raws = events.flatMap((e) => (e.type === 'rawSnapshot' ? [e] : []));
    expect(raws.map((e) => e.raw.step)).toEqual([0, 1, 2, 3, 5, 10, 30]);
    expect(raws.every((e) => e.start === 1 && e.raw.losses.length === 2 && e.raw.members.length === 2 * 1536)).toBe(true);
    // Each carries a second copy for the page to hand on by transfer: the same numbers, in buffers of its own.
    for (const e of raws) {
      expect(e.copy).toEqual(e.raw);
      expect(e.copy!.members.buffer).not.toBe(e.raw.members.buffer);
      expect(e.copy!.farMembers!.buffer).not.toBe(e.raw.farMembers!.buffer);
    }
    // Every light frame of the schedule, never a clock-dependent subset: the page merges a frame only from every slice.
    const frames = events.flatMap((e) => (e.type === 'rawFrame' ? [e.raw.step] : []));
    expect(frames).toEqual(frameSchedule(30).filter((s) => !snapshotSchedule(30).includes(s)));
    for (const e of events) if (e.type === 'rawFrame') expect([e.copy, e.copy!.members.buffer === e.raw.members.buffer]).toEqual([e.raw, false]);
    const cp = events.find((e) => e.type === 'checkpoint' && e.checkpoint.step === 30);
    expect(cp?.type === 'checkpoint' && [cp.start, cp.checkpoint.params.length]).toEqual([1, 2]);
    // Members 1 and 2 of the slice are members 1 and 2 of the whole ensemble trained in one worker.
    const whole = new EnsembleTrainer(SMALL);
    for (let i = 0; i < 30; i++) whole.trainStep();
    // Checkpoints hold the stored floats (W̃, b̃), which resume bit for bit.
    const [params] = await whole.storedParameters();
    whole.dispose();
    if (cp?.type !== 'checkpoint') throw new Error('no checkpoint');
    expect(cp.checkpoint.params[0].layers[1].W).toEqual(params[1].layers[1].W);
    expect(cp.checkpoint.params[1].layers[0].b).toEqual(params[2].layers[0].b);
    // A slice outside the ensemble is refused with a reason.
    const bad = makeSession();
    bad.session.handle({ v: 1, type: 'setConfig', config: SMALL, slice: { start: 3, count: 2 } });
    await until(() => bad.events.some((e) => e.type === 'error'));
    expect(bad.events.find((e) => e.type === 'error')?.message).toMatch(/members 3 … 4 are not members of an ensemble of 4/);
    session.dispose();
    bad.session.dispose();
  });

  it('reports a diverging learning rate as an error event, not as NaN snapshots', async () => {
    const { events, session } = makeSession();
    session.handle({ v: 1, type: 'setConfig', config: { ...SMALL, lr: 50, steps: 200 } });
    session.handle({ v: 1, type: 'start' });
    await until(() => events.some((e) => e.type === 'error'));
    const err = events.find((e) => e.type === 'error');
    expect(err?.type === 'error' && err.kind).toBe('divergence');
    expect(err?.type === 'error' && err.message).toMatch(/learning rate|finite/);
    // It names the critical learning rate.
    expect(err?.type === 'error' && err.message).toMatch(/critical learning rate for these points is 0\.\d+/);
    for (const e of events) {
      if (e.type !== 'snapshot') continue;
      expect(e.snapshot.mean.every(Number.isFinite)).toBe(true);
    }
    // Earlier snapshots were kept: at least the initialisation was delivered.
    expect(events.filter((e) => e.type === 'snapshot').length).toBeGreaterThan(0);
    session.dispose();
  });

  it('clamps an out-of-range config and reports each clamp', async () => {
    const { events, session } = makeSession();
    session.handle({ v: 1, type: 'setConfig', config: { ...SMALL, width: -3, ensembleSize: 0, group: 'C7', steps: -5, lr: 1e9 } });
    await until(() => events.some((e) => e.type === 'config'));
    const c = events.find((e) => e.type === 'config');
    if (c?.type !== 'config') throw new Error('no config event');
    expect(c.config.width).toBe(2);
    expect(c.config.lr).toBe(50);
    expect(c.config.ensembleSize).toBe(1);
    // An unknown group falls back to the default group (C8), not to an arbitrary other one.
    expect(c.config.group).toEqual({ kind: 'cyclic', n: 8 });
    expect(c.config.steps).toBe(0);
    expect(c.notices.length).toBe(5);
    await until(() => events.some((e) => e.type === 'snapshot'));
    session.dispose();
  });

  it('an empty training set is refused with a clear error', async () => {
    const { events, session } = makeSession();
    session.handle({ v: 1, type: 'setConfig', config: { ...SMALL, points: [] } });
    await until(() => events.some((e) => e.type === 'error'));
    const err = events.find((e) => e.type === 'error');
    expect(err?.type === 'error' && err.message).toMatch(/no training points/i);
    session.dispose();
  });

  it('survives thousands of seeded random messages and still trains correctly afterwards', async () => {
    const { events, session } = makeSession();
    const rng = new Rng(2024);
    const junk = (): unknown => {
      const kinds = ['start', 'pause', 'step', 'reset', 'setConfig', 'init', 'resume', 'selectMember', 'bogus', 42, null];
      const type = kinds[rng.int(kinds.length)];
      const pick = rng.uniform();
      if (pick < 0.1) return type;
      if (pick < 0.2) return { type };
      const msg: Record<string, unknown> = { v: rng.uniform() < 0.9 ? 1 : rng.int(5), type };
      if (type === 'step') msg.count = [1, 0, -3, 2.5, 'x', 5000][rng.int(6)];
      if (type === 'setConfig') // Junk on top of a small config (missing fields fall back to the full-size defaults, too slow here).
        msg.config = [{ ...SMALL, width: rng.int(10) - 2, ensembleSize: rng.int(4), steps: rng.int(4) }, 'x', null, { ...SMALL, lr: 'NaN', group: 'C3' }][rng.int(4)];
      if (type === 'selectMember') msg.member = rng.int(10) - 2;
      if (type === 'init') msg.backend = ['cpu', 'gpu', undefined][rng.int(3)];
      if (type === 'resume') msg.checkpoint = { step: 'no' };
      return msg;
    };
    for (let i = 0; i < 2000; i++) {
      session.handle(junk());
      if (i % 250 === 0) await new Promise((r) => setTimeout(r, 1));
    }
    for (const e of events) {
      expect(e.v).toBe(1);
      expect(['backend', 'config', 'snapshot', 'progress', 'checkpoint', 'error']).toContain(e.type);
    }
    // Afterwards, a clean config trains to the end with finite numbers.
    events.length = 0;
    session.handle({ v: 1, type: 'setConfig', config: SMALL });
    session.handle({ v: 1, type: 'start' });
    await until(() => events.some((e) => e.type === 'progress' && e.status === 'done'));
    const snaps = events.filter((e) => e.type === 'snapshot');
    expect(snaps.map((e) => (e.type === 'snapshot' ? e.snapshot.step : -1))).toEqual([0, 1, 2, 3, 5, 10, 30]);
    const last = snaps[snaps.length - 1];
    expect(last.type === 'snapshot' && last.snapshot.metrics.loss).toBeLessThan(2);
    session.dispose();
  });
});
