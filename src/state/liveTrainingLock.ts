/**
 * One live training run across copies of the same embedded figure. reveal.js's speaker view clones the slide into
 * a second window (and a preview of the next slide), so a figure exists two or three times on one machine; recorded
 * runs replay in every copy, but a live run must train in one only: it is slow, the copies would compete for the
 * same GPU, and they would disagree about where training is.
 *
 * Copies of a figure share its origin, and under storage partitioning also the deck's top-level site, so they share
 * a BroadcastChannel. (Web Locks and localStorage are refused to a cross-site iframe when the browser blocks
 * third-party storage, as Chromium does by default; BroadcastChannel still works there.) The protocol is a lease:
 * the holder says `held` every second and answers `query`; a copy that wants to train asks, waits briefly, and
 * takes the lease only when nobody has said `held` within the last LEASE_MILLIS. A closed window stops renewing,
 * so its lease runs out by itself; a page that is hidden away says `released` at once.
 */

export const LOCK_NAME = 'symmetry-lab-live-training';
/** A holder not heard from for this long has gone (closed window, crashed tab). */
export const LEASE_MILLIS = 3000;
const RENEW_MILLIS = 1000;
/** How long a copy listens for an existing holder before it takes the lease. */
export const ASK_MILLIS = 200;

export interface TrainingLock {
  /** Take the lease if nobody holds it (or we do). Resolves true when this copy may train. Never waits for it. */
  acquire(): Promise<boolean>;
  /** Give it back (a no-op when not held). */
  release(): void;
  held(): boolean;
}

type Message = { type: 'query' | 'held' | 'released'; id: string };

export interface ChannelLike {
  postMessage(m: Message): void;
  onmessage: ((e: { data: unknown }) => void) | null;
  close(): void;
}

export interface LockEnv {
  channel: ChannelLike;
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  setInterval: (fn: () => void, ms: number) => unknown;
  clearInterval: (h: unknown) => void;
  /** Unique id of this copy. */
  id: string;
}

/** The lease over a BroadcastChannel. `env` is injectable for tests. */
export function channelLease(env: LockEnv): TrainingLock {
  let lastHeard = -Infinity;
  let renew: unknown = null;
  const other = () => env.now() - lastHeard < LEASE_MILLIS;
  env.channel.onmessage = (e) => {
    const m = e.data as Partial<Message> | null;
    if (!m || typeof m.id !== 'string' || m.id === env.id) return;
    if (m.type === 'query' && renew !== null) env.channel.postMessage({ type: 'held', id: env.id });
    else if (m.type === 'held') lastHeard = env.now();
    else if (m.type === 'released') lastHeard = -Infinity;
  };
  const lock: TrainingLock = {
    acquire() {
      if (renew !== null) return Promise.resolve(true);
      if (other()) return Promise.resolve(false);
      env.channel.postMessage({ type: 'query', id: env.id });
      return new Promise<boolean>((resolve) =>
        env.setTimeout(() => {
          if (renew !== null) return resolve(true);
          if (other()) return resolve(false);
          env.channel.postMessage({ type: 'held', id: env.id });
          renew = env.setInterval(() => env.channel.postMessage({ type: 'held', id: env.id }), RENEW_MILLIS);
          resolve(true);
        }, ASK_MILLIS),
      );
    },
    release() {
      if (renew === null) return;
      env.clearInterval(renew);
      renew = null;
      env.channel.postMessage({ type: 'released', id: env.id });
    },
    held: () => renew !== null,
  };
  return lock;
}

let pageLock: TrainingLock | null | undefined;

/** The lock shared by this page's figures (one per page), or null where BroadcastChannel is missing. */
export function pageTrainingLock(): TrainingLock | null {
  if (pageLock !== undefined) return pageLock;
  if (typeof BroadcastChannel === 'undefined') return (pageLock = null);
  const channel = new BroadcastChannel(LOCK_NAME) as unknown as ChannelLike;
  const lock = channelLease({
    channel,
    now: () => Date.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
    id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`,
  });
  // A closing window gives its lease back at once instead of letting it run out.
  window.addEventListener('pagehide', () => lock.release());
  return (pageLock = lock);
}
