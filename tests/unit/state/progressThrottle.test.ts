import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProgressThrottle } from '../../../src/state/progressThrottle';

describe('ProgressThrottle', () => {
  let clock = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    clock = 0;
  });
  afterEach(() => vi.useRealTimers());
  const advance = (ms: number) => {
    clock += ms;
    vi.advanceTimersByTime(ms);
  };

  it('applies at most one report per interval, always the newest, and never loses the last one', () => {
    const seen: number[] = [];
    const t = new ProgressThrottle<number>((v) => seen.push(v), 100, () => clock);
    t.offer(1, false); // first: at once
    advance(20);
    t.offer(2, false);
    advance(20);
    t.offer(3, false); // 2 and 3 held back: 3 is delivered when the interval ends
    expect(seen).toEqual([1]);
    advance(60);
    expect(seen).toEqual([1, 3]);
    advance(500);
    expect(seen).toEqual([1, 3]);
    t.offer(4, false); // after a quiet interval: at once
    expect(seen).toEqual([1, 3, 4]);
  });

  it('applies an urgent report (a status change) at once and drops what it supersedes', () => {
    const seen: string[] = [];
    const t = new ProgressThrottle<string>((v) => seen.push(v), 100, () => clock);
    t.offer('running 10', false);
    advance(10);
    t.offer('running 20', false);
    t.offer('done', true);
    advance(200);
    expect(seen).toEqual(['running 10', 'done']);
  });

  it('cancel drops a held-back report (a new run, or an error that must not be covered)', () => {
    const seen: string[] = [];
    const t = new ProgressThrottle<string>((v) => seen.push(v), 100, () => clock);
    t.offer('a', false);
    t.offer('b', false);
    t.cancel();
    advance(200);
    expect(seen).toEqual(['a']);
  });
});
