import { describe, expect, it } from 'vitest';
import { PoolCheckpoints } from '../../../src/state/poolCheckpoints';
import { combineProgress } from '../../../src/state/poolProgress';
import { defaultWorkerCount, workersFromParams } from '../../../src/state/poolUrl';
import type { ToyCheckpoint } from '../../../src/core/ensemble/toyRun';

/** A checkpoint of `count` one-layer members whose weights are their member index (to check member order). */
function cp(step: number, start: number, count: number, twin = true): ToyCheckpoint {
  const member = (k: number) => ({ layers: [{ nIn: 1, nOut: 1, W: new Float32Array([k]), b: new Float32Array([step]) }] });
  const params = Array.from({ length: count }, (_, i) => member(start + i));
  return { step, params, noAugParams: twin ? Array.from({ length: count }, (_, i) => member(100 + start + i)) : undefined };
}

describe('pool checkpoints', () => {
  it('a replaced worker resumes from its own slice’s latest checkpoint', () => {
    const c = new PoolCheckpoints();
    c.add(0, cp(10, 0, 3), [0, 3]);
    c.add(0, cp(30, 0, 3), [0, 3]);
    c.add(3, cp(10, 3, 2), [0, 3]);
    expect(c.latest(0)?.step).toBe(30);
    expect(c.latest(3)?.step).toBe(10);
    expect(c.latest(7)).toBeUndefined();
  });

  it('joins a failed slice with its neighbour at their latest common step, members in order', () => {
    const c = new PoolCheckpoints();
    for (const s of [10, 30, 100]) c.add(0, cp(s, 0, 3), [0, 3]);
    c.add(3, cp(10, 3, 2), [0, 3]);
    c.add(3, cp(30, 3, 2), [0, 3]);
    const j = c.join({ start: 3, count: 2 }, { start: 0, count: 3 });
    expect(j.slice).toEqual({ start: 0, count: 5 });
    expect(j.step).toBe(30);
    expect(j.checkpoint!.params.map((m) => m.layers[0].W[0])).toEqual([0, 1, 2, 3, 4]);
    expect(j.checkpoint!.noAugParams!.map((m) => m.layers[0].W[0])).toEqual([100, 101, 102, 103, 104]);
    expect(j.checkpoint!.params.every((m) => m.layers[0].b[0] === 30)).toBe(true);
    // The joined checkpoint is now the joined slice's.
    expect(c.latest(0)?.params.length).toBe(5);
  });

  it('with no common checkpoint the joined slice starts again from step 0', () => {
    const c = new PoolCheckpoints();
    c.add(0, cp(10, 0, 2), [0, 2]);
    const j = c.join({ start: 0, count: 2 }, { start: 2, count: 2 });
    expect(j).toEqual({ slice: { start: 0, count: 4 }, step: 0 });
  });

  it('drops steps older than the latest one every slice has', () => {
    const c = new PoolCheckpoints();
    c.add(0, cp(10, 0, 1), [0, 1]);
    c.add(1, cp(10, 1, 1), [0, 1]);
    c.add(0, cp(30, 0, 1), [0, 1]);
    c.add(1, cp(30, 1, 1), [0, 1]);
    // Step 10 is gone: joining now can only use step 30.
    expect(c.join({ start: 0, count: 1 }, { start: 1, count: 1 }).step).toBe(30);
  });
});

describe('pool progress', () => {
  const p = (step: number, status: 'running' | 'paused' | 'done' | 'idle' | 'error', members: number, loss?: number) => ({
    step,
    stepsPerSecond: step,
    status,
    members,
    loss,
    tensors: 10,
  });
  it('is as far as the slowest slice, with the member-weighted mean loss', () => {
    const c = combineProgress([p(300, 'running', 3, 0.1), p(100, 'running', 1, 0.5)]);
    expect(c.step).toBe(100);
    expect(c.stepsPerSecond).toBe(100);
    expect(c.loss).toBeCloseTo((3 * 0.1 + 0.5) / 4, 12);
    expect(c.tensors).toBe(20);
    expect(c.status).toBe('running');
  });
  it('is done only when every slice is, and an error anywhere is an error', () => {
    expect(combineProgress([p(2000, 'done', 1), p(1000, 'running', 1)]).status).toBe('running');
    expect(combineProgress([p(2000, 'done', 1), p(2000, 'done', 1)]).status).toBe('done');
    expect(combineProgress([p(2000, 'done', 1), p(10, 'paused', 1)]).status).toBe('paused');
    expect(combineProgress([p(20, 'error', 1), p(10, 'running', 1)]).status).toBe('error');
    expect(combineProgress([null, p(10, 'running', 1, 0.2)]).loss).toBeUndefined();
  });
});

describe('workers=', () => {
  it('defaults to one per core but one, at least 2 on 2 cores, 1 on one core', () => {
    expect([1, 2, 3, 4, 16].map(defaultWorkerCount)).toEqual([1, 2, 2, 3, 15]);
    expect(workersFromParams(new URLSearchParams(''), 8)).toEqual({ workers: 7, notices: [] });
  });
  it('is clamped to 1 … cores with a notice in the user’s words', () => {
    expect(workersFromParams(new URLSearchParams('workers=3'), 4)).toEqual({ workers: 3, notices: [] });
    expect(workersFromParams(new URLSearchParams('workers=99'), 4)).toEqual({ workers: 4, notices: ['training workers 99 is above 4; using 4'] });
    expect(workersFromParams(new URLSearchParams('workers=0'), 4)).toEqual({ workers: 1, notices: ['training workers 0 is below 1; using 1'] });
    expect(workersFromParams(new URLSearchParams('workers=two'), 2).notices).toEqual(['training workers “two” is not a number; using 2']);
  });
});
