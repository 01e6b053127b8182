/** The vector worker's protocol: versioned, validated; malformed messages rejected with a reason. */
import { describe, expect, it } from 'vitest';
import { validateVectorCommand, validateVectorEvent } from '../../../src/worker/vectorProtocol';

describe('vector worker protocol', () => {
  it('accepts well-formed commands', () => {
    expect(validateVectorCommand({ v: 1, type: 'init', backend: 'wasm' }).ok).toBe(true);
    expect(validateVectorCommand({ v: 1, type: 'configure', lab: 'plane', config: { ensembleSize: 8 } }).ok).toBe(true);
    expect(validateVectorCommand({ v: 1, type: 'step', lab: 'cross', count: 10 })).toEqual({ ok: true, message: { v: 1, type: 'step', lab: 'cross', count: 10 } });
    expect(validateVectorCommand({ v: 1, type: 'start', lab: 'plane' }).ok).toBe(true);
  });

  it('rejects wrong versions, unknown types and malformed fields with reasons', () => {
    const bad: [unknown, RegExp][] = [
      [null, /not an object/],
      [{ v: 2, type: 'start', lab: 'plane' }, /version 2/],
      [{ v: 1, type: 'explode', lab: 'plane' }, /unknown command explode/],
      [{ v: 1, type: 'start', lab: 'moon' }, /lab must be/],
      [{ v: 1, type: 'configure', lab: 'plane', config: [1] }, /config object/],
      [{ v: 1, type: 'step', lab: 'plane', count: 0 }, /whole number from 1 to 2000/],
      [{ v: 1, type: 'step', lab: 'plane', count: 2.5 }, /whole number/],
      [{ v: 1, type: 'init', backend: 'quantum' }, /unknown backend/],
      [{ v: 1, type: 'selectMember', member: -1 }, /member/],
    ];
    for (const [msg, re] of bad) {
      const r = validateVectorCommand(msg);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(re);
    }
  });

  it('validates events on the page side', () => {
    expect(validateVectorEvent({ v: 1, type: 'progress', lab: 'plane', runId: 1, step: 3, totalSteps: 10, stepsPerSecond: 5, status: 'running' }).ok).toBe(true);
    expect(validateVectorEvent({ v: 1, type: 'planeSnapshot', runId: 1, snapshot: { step: 0, mean: [1] } }).ok).toBe(false);
    expect(validateVectorEvent({ v: 1, type: 'error', message: 'x' }).ok).toBe(true);
    expect(validateVectorEvent({ v: 0, type: 'error', message: 'x' }).ok).toBe(false);
  });
});

describe('vector protocol: fault recovery messages', () => {
  const checkpoint = { step: 30, params: [{ layers: [{ nIn: 2, nOut: 1, W: new Float32Array(2), b: new Float32Array(1) }] }] };
  it('accepts init with exclusions, resume with a checkpoint, and checkpoint and device-lost events', () => {
    expect(validateVectorCommand({ v: 1, type: 'init', backend: 'auto', exclude: ['webgl'] }).ok).toBe(true);
    const resume = validateVectorCommand({ v: 1, type: 'resume', lab: 'plane', config: { steps: 100 }, checkpoint, autoplay: true });
    expect(resume.ok && resume.message.type === 'resume' && resume.message.checkpoint.step).toBe(30);
    expect(validateVectorEvent({ v: 1, type: 'checkpoint', lab: 'cross', runId: 2, checkpoint }).ok).toBe(true);
    expect(validateVectorEvent({ v: 1, type: 'error', kind: 'device-lost', message: 'the WebGL context was lost' }).ok).toBe(true);
  });
  it('rejects malformed exclusions and checkpoints with a reason', () => {
    const bad = [
      { v: 1, type: 'init', exclude: ['gpu'] },
      { v: 1, type: 'resume', lab: 'plane', config: {}, checkpoint: { step: 3, params: [{ layers: [{ W: [1, 2], b: new Float32Array(1) }] }] } },
      { v: 1, type: 'resume', lab: 'plane', config: {}, checkpoint: { params: [] } },
      { v: 1, type: 'resume', lab: 'plane', checkpoint },
      { v: 1, type: 'resume', lab: 'moon', config: {}, checkpoint },
    ];
    for (const b of bad) {
      const r = validateVectorCommand(b);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.length).toBeGreaterThan(5);
    }
    expect(validateVectorEvent({ v: 1, type: 'checkpoint', lab: 'plane', runId: 1, checkpoint: {} }).ok).toBe(false);
  });
});

describe('vector protocol: a pool worker’s slice', () => {
  it('carries a slice on configure and resume, and rejects a malformed one', () => {
    const slice = { start: 3, count: 2 };
    const r = validateVectorCommand({ v: 1, type: 'configure', lab: 'plane', config: {}, slice });
    expect(r).toEqual({ ok: true, message: { v: 1, type: 'configure', lab: 'plane', config: {}, autoplay: undefined, slice } });
    for (const bad of [{ start: -1, count: 2 }, { start: 0, count: 0 }, { start: 1.5, count: 2 }, 'all']) {
      expect(validateVectorCommand({ v: 1, type: 'configure', lab: 'cross', config: {}, slice: bad })).toEqual({
        ok: false,
        error: 'slice must be a first member and a count of at least 1',
      });
    }
  });

  it('validates a raw slice event on the page side', () => {
    const raw = { step: 5, members: new Float32Array(6), losses: new Float32Array(2) };
    expect(validateVectorEvent({ v: 1, type: 'rawSlice', lab: 'plane', runId: 1, start: 2, raw }).ok).toBe(true);
    expect(validateVectorEvent({ v: 1, type: 'rawSlice', lab: 'plane', runId: 1, start: 2, raw: { ...raw, losses: [0, 0] } })).toEqual({ ok: false, error: 'raw slice is malformed' });
    expect(validateVectorEvent({ v: 1, type: 'rawSlice', lab: 'plane', runId: 1, raw }).ok).toBe(false);
  });
});
