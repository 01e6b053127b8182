/**
 * What the toy trainer's session tests share: a `TrainerSession` on the tfjs CPU backend (already set by the test)
 * whose events are collected (and `until`, in until.ts, to wait for a condition on them).
 */
import { TrainerSession } from '../../../src/worker/trainerSession';
import type { TrainerEvent } from '../../../src/worker/protocol';

/** A session whose events are collected; its backend choice answers the CPU backend, and no device is watched. */
export function cpuTrainerSession(): { events: TrainerEvent[]; session: TrainerSession } {
  const events: TrainerEvent[] = [];
  const session = new TrainerSession(
    (e) => events.push(e),
    async () => ({ backend: 'cpu', reason: 'test', probes: [{ name: 'cpu', ok: true, reason: 'test' }] }),
    () => undefined,
  );
  return { events, session };
}
