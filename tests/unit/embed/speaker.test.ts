/**
 * The speaker's path (issue 19), the parts without a browser: what an embedded figure opens on from its URL (with
 * clamping and notices), which keys belong to the deck, and the cross-window lease that lets one copy train.
 */
import { describe, expect, it } from 'vitest';
import { parseEmbedOpening } from '../../../src/state/embedUrl';
import { isDeckKey } from '../../../src/state/embedKeys';
import { channelLease, ASK_MILLIS, LEASE_MILLIS, type ChannelLike, type LockEnv } from '../../../src/state/liveTrainingLock';
import { urlNotices } from '../../../src/state/urlNotices';

const CONFIG = { steps: 2000, ensembleSize: 64 };
const open = (q: string) => parseEmbedOpening(new URLSearchParams(q), CONFIG);

describe('parseEmbedOpening', () => {
  it('reads step, autoplay, theta and member; defaults to the initial snapshot, paused, θ = 0, member 0', () => {
    expect(open('')).toEqual({ step: null, autoplay: false, theta: 0, member: 0, forwardKeys: true, notices: [] });
    const o = open('step=2000&autoplay=1&theta=0.785398&member=5&keys=0');
    expect(o).toMatchObject({ step: 2000, autoplay: true, member: 5, forwardKeys: false, notices: [] });
    expect(o.theta).toBeCloseTo(Math.PI / 4, 6);
  });
  it('clamps out-of-range values and says so in words', () => {
    const o = open('step=99999&member=70');
    expect(o.step).toBe(2000);
    expect(o.member).toBe(63);
    expect(o.notices).toEqual([
      "step 99999 is beyond this run's 2000 steps; opening at step 2000",
      'member 70 does not exist in an ensemble of 64; showing member 63',
    ]);
  });
  it('ignores a step that is not a whole number, and reduces θ modulo 2π', () => {
    for (const bad of ['-3', '1.5', 'abc', '', '1e3']) {
      const o = open(`step=${encodeURIComponent(bad)}`);
      expect(o.step).toBeNull();
      expect(o.notices[0]).toContain('is not a whole number of training steps');
    }
    expect(open('theta=-1.5707963').theta).toBeCloseTo((3 * Math.PI) / 2, 6);
    expect(open('theta=7').theta).toBeCloseTo(7 - 2 * Math.PI, 9);
    expect(open('theta=NaN').theta).toBe(0);
  });
  it('feeds the route notices of an embed, and step/keys are known parameters (no "unknown parameter")', () => {
    const ctx = { panels: ['toy'], flagUnknown: true };
    expect(urlNotices(new URLSearchParams('embed=1&panel=toy&step=2000&keys=1'), ctx)).toEqual([]);
    expect(urlNotices(new URLSearchParams('embed=1&panel=toy&step=5000&keys=2'), ctx)).toEqual([
      'keys “2” must be 0 or 1; ignoring it',
      "step 5000 is beyond this run's 2000 steps; opening at step 2000",
    ]);
    // steps=30 makes step=100 out of range for that run
    expect(urlNotices(new URLSearchParams('embed=1&panel=toy&steps=30&step=100'), ctx)).toContain("step 100 is beyond this run's 30 steps; opening at step 30");
  });
});

describe('isDeckKey', () => {
  const body = { tag: 'body' };
  it('forwards navigation keys when nothing in the figure is focused', () => {
    for (const key of ['ArrowRight', 'ArrowLeft', 'PageDown', 'PageUp', ' ', 'Home', 'End', 'b', '.']) expect(isDeckKey({ key }, body)).toBe(true);
  });
  it('keeps other keys and browser shortcuts in the figure', () => {
    expect(isDeckKey({ key: 'a' }, body)).toBe(false);
    expect(isDeckKey({ key: 'Tab' }, body)).toBe(false);
    expect(isDeckKey({ key: 'ArrowRight', ctrlKey: true }, body)).toBe(false);
    expect(isDeckKey({ key: 'PageDown', metaKey: true }, body)).toBe(false);
  });
  it('leaves a focused control the keys it uses, and forwards the rest', () => {
    const range = { tag: 'input', inputType: 'range' };
    expect(isDeckKey({ key: 'ArrowRight' }, range)).toBe(false);
    expect(isDeckKey({ key: 'PageDown' }, range)).toBe(false);
    expect(isDeckKey({ key: ' ' }, range)).toBe(true);
    const button = { tag: 'button' };
    expect(isDeckKey({ key: ' ' }, button)).toBe(false);
    expect(isDeckKey({ key: 'ArrowRight' }, button)).toBe(true);
    expect(isDeckKey({ key: 'PageDown' }, button)).toBe(true);
    expect(isDeckKey({ key: 'ArrowLeft' }, { tag: 'input', inputType: 'number' })).toBe(false);
    expect(isDeckKey({ key: ' ' }, { tag: 'select' })).toBe(false);
    expect(isDeckKey({ key: 'ArrowDown' }, { tag: 'input', inputType: 'radio' })).toBe(false);
  });
});

/** Copies of a figure in separate windows: one shared fake BroadcastChannel bus and a manual clock. */
function bus() {
  const members: ChannelLike[] = [];
  let now = 0;
  let timers: { at: number; fn: () => void; every?: number; id: number }[] = [];
  let nextId = 1;
  const make = (id: string): LockEnv => {
    const ch: ChannelLike = {
      onmessage: null,
      postMessage: (m) => {
        if (!members.includes(ch)) return; // closed
        for (const o of members) if (o !== ch && o.onmessage) o.onmessage({ data: structuredClone(m) });
      },
      close: () => members.splice(members.indexOf(ch), 1),
    };
    members.push(ch);
    return {
      channel: ch,
      id,
      now: () => now,
      setTimeout: (fn, ms) => timers.push({ at: now + ms, fn, id: nextId++ }),
      setInterval: (fn, ms) => {
        const t = { at: now + ms, fn, every: ms, id: nextId++ };
        timers.push(t);
        return t.id;
      },
      clearInterval: (h) => {
        timers = timers.filter((t) => t.id !== h);
      },
    };
  };
  const advance = async (ms: number) => {
    const end = now + ms;
    for (;;) {
      const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      now = due.at;
      if (due.every) due.at += due.every;
      else timers = timers.filter((t) => t !== due);
      due.fn();
      await Promise.resolve();
    }
    now = end;
  };
  return { make, advance };
}

describe('channelLease (one live run across presenter windows)', () => {
  it('gives the lease to the first copy only, keeps it while renewed, and frees it on release', async () => {
    const b = bus();
    const main = channelLease(b.make('main'));
    const speaker = channelLease(b.make('speaker'));
    const first = main.acquire();
    await b.advance(ASK_MILLIS);
    expect(await first).toBe(true);
    await b.advance(10_000); // renewed every second
    const second = speaker.acquire();
    await b.advance(ASK_MILLIS);
    expect(await second).toBe(false);
    expect(await main.acquire()).toBe(true);
    main.release();
    const third = speaker.acquire();
    await b.advance(ASK_MILLIS);
    expect(await third).toBe(true);
  });
  it('a copy that opens later hears the holder through its query, even between renewals', async () => {
    const b = bus();
    const main = channelLease(b.make('main'));
    const p = main.acquire();
    await b.advance(ASK_MILLIS);
    expect(await p).toBe(true);
    const late = channelLease(b.make('late')); // never heard a renewal yet
    const q = late.acquire();
    await b.advance(ASK_MILLIS);
    expect(await q).toBe(false);
  });
  it('a holder that vanished without a word (closed, crashed) loses the lease after LEASE_MILLIS', async () => {
    const b = bus();
    const envMain = b.make('main');
    const main = channelLease(envMain);
    const speaker = channelLease(b.make('speaker'));
    const p = main.acquire();
    await b.advance(ASK_MILLIS);
    expect(await p).toBe(true);
    envMain.channel.close(); // the window is gone: no more renewals reach anyone
    await b.advance(LEASE_MILLIS - 1100);
    const early = speaker.acquire();
    expect(await early).toBe(false);
    await b.advance(1200);
    const later = speaker.acquire();
    await b.advance(ASK_MILLIS);
    expect(await later).toBe(true);
  });
});
