/**
 * What a panel's store holds about the workers that train for it, the same for every worker panel (vector, images):
 * the backend the (first) worker announced, the last fault and how the panel recovered from it, how many recoveries
 * so far, and how many workers train. One definition, so the stores and the badge lines that read them agree.
 */
import type { BackendName } from '../worker/protocol';

export interface WorkerFacts {
  backend: { name: BackendName; reason: string } | null;
  /** What went wrong with a worker and how the panel resumed (null: nothing did). */
  recovery: string | null;
  /** How many times a worker was replaced or dropped in this page (each rewrites `recovery`). */
  recoveries: number;
  /** How many workers train (a pool's size, fewer after one failed for good). */
  workers: number;
  /** The store's update for a worker's `backend` event. */
  setBackend: (e: { backend: BackendName; reason: string }) => void;
  setRecovery: (message: string | null) => void;
  setWorkers: (count: number) => void;
}

/** The worker facts of a fresh store and their setters, for `create((set, get) => ({ ...workerFacts(set, get), … }))`. */
export function workerFacts(set: (partial: Partial<WorkerFacts>) => void, get: () => WorkerFacts): WorkerFacts {
  return {
    backend: null,
    recovery: null,
    recoveries: 0,
    workers: 1,
    setBackend: (e) => set({ backend: { name: e.backend, reason: e.reason } }),
    setRecovery: (message) => set({ recovery: message, recoveries: get().recoveries + (message === null ? 0 : 1) }),
    setWorkers: (count) => set({ workers: count }),
  };
}
