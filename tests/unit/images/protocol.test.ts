/** The images worker protocol: versioned, validated commands; malformed ones are rejected with a reason. */
import { describe, expect, it } from 'vitest';
import { IMAGE_PRESETS, imageRunFlops, imageRunSteps } from '../../../src/core/images';
import { validateImagesCommand } from '../../../src/worker/imagesProtocol';

describe('images protocol v1', () => {
  it('accepts well-formed commands', () => {
    expect(validateImagesCommand({ v: 1, type: 'init', backend: 'wasm', dataUrl: 'http://x/data/' }).ok).toBe(true);
    const run = validateImagesCommand({ v: 1, type: 'run', runId: 3, config: IMAGE_PRESETS.tiny });
    expect(run.ok && run.message.type === 'run' && run.message.config.ensembleSize).toBe(3);
    expect(validateImagesCommand({ v: 1, type: 'probe', runId: 3, set: 'ood', index: 5, theta: 0.5 }).ok).toBe(true);
    expect(validateImagesCommand({ v: 1, type: 'benchmark', config: IMAGE_PRESETS.quick, seconds: 2 }).ok).toBe(true);
    expect(validateImagesCommand({ v: 1, type: 'cancel', runId: 0 }).ok).toBe(true);
    // A pool worker's part: members 1 … 2 of the tiny preset's 3.
    const part = validateImagesCommand({ v: 1, type: 'run', runId: 3, config: IMAGE_PRESETS.tiny, slice: { start: 1, count: 2 } });
    expect(part.ok && part.message.type === 'run' && part.message.slice).toEqual({ start: 1, count: 2 });
    expect(run.ok && run.message.type === 'run' && 'slice' in run.message).toBe(false);
  });

  it('refuses a slice that is not a slice of the run', () => {
    const err = (slice: unknown) => {
      const r = validateImagesCommand({ v: 1, type: 'run', runId: 1, config: IMAGE_PRESETS.tiny, slice });
      return r.ok ? '' : r.error;
    };
    expect(err({ start: 2, count: 2 })).toBe('members 2 … 3 are not members of an ensemble of 3');
    expect(err({ start: 0, count: 0 })).toMatch(/not members of an ensemble of 3/);
    expect(err({ start: 0.5, count: 1 })).toMatch(/not members/);
    expect(err(7)).toBe('slice must be an object');
  });

  it('rejects wrong versions, unknown types and bad fields, saying why', () => {
    const err = (m: unknown) => {
      const r = validateImagesCommand(m);
      return r.ok ? '' : r.error;
    };
    expect(err({ v: 2, type: 'run' })).toMatch(/version 2/);
    expect(err({ v: 1, type: 'train' })).toMatch(/unknown command train/);
    expect(err({ v: 1, type: 'run', runId: 1, config: { ...IMAGE_PRESETS.tiny, group: 6 } })).toMatch(/group must be 4, 8 or 16/);
    expect(err({ v: 1, type: 'run', runId: 1, config: { ...IMAGE_PRESETS.tiny, ensembleSize: 1000 } })).toMatch(/ensembleSize must be a number in \[1, 32\]/);
    expect(err({ v: 1, type: 'run', runId: 1, config: { ...IMAGE_PRESETS.tiny, epochs: 2.5 } })).toMatch(/epochs must be a whole number/);
    expect(err({ v: 1, type: 'run', runId: -1, config: IMAGE_PRESETS.tiny })).toMatch(/runId/);
    expect(err({ v: 1, type: 'probe', runId: 1, set: 'train', index: 0, theta: 0 })).toMatch(/set must be/);
    expect(err({ v: 1, type: 'probe', runId: 1, set: 'test', index: 0, theta: Infinity })).toMatch(/theta/);
    expect(err({ v: 1, type: 'init', backend: 'cuda' })).toMatch(/unknown backend cuda/);
    expect(err(null)).toMatch(/not an object/);
  });

  it('preset sizes and work: steps = epochs × ⌊N/B⌋, FLOPs grow from tiny to quick to full', () => {
    expect(imageRunSteps(IMAGE_PRESETS.tiny)).toBe(36);
    expect(imageRunSteps(IMAGE_PRESETS.quick)).toBe(200);
    expect(imageRunSteps(IMAGE_PRESETS.full)).toBe(960);
    const f = (id: 'tiny' | 'quick' | 'full') => imageRunFlops(IMAGE_PRESETS[id], 784, 10);
    // tiny, by hand: training 36 steps × 2 ensembles × 2·E·(2·50·784·64 + 3·50·64·10) = 2,209,075,200;
    // evaluation 2·(784·64 + 64·10) FLOPs × 2·(2·3·4·100 + 4²·40) images = 617,922,560.
    expect(f('tiny')).toBe(2_209_075_200 + 617_922_560);
    expect(f('quick') / f('tiny')).toBeGreaterThan(20);
    expect(f('full') / f('quick')).toBeGreaterThan(3);
  });
});
