/**
 * One progress line for a pool of training workers: the run is as far as its slowest slice, and its status is
 * the pool's: an error anywhere is an error, done when every slice is done, running while any slice runs.
 */
import type { RunStatus } from '../worker/protocol';

/** A worker's latest progress report, with the number of members it trains. */
export interface WorkerProgress {
  step: number;
  stepsPerSecond: number;
  loss?: number;
  status: RunStatus;
  tensors?: number;
  members: number;
}

/**
 * step = min over workers; steps per second = min over those that report one; loss = the member-weighted mean
 * Σ_i c_i L_i / Σ_i c_i of the slices' mean losses; tensors = the sum. A worker that has not reported is at step 0, idle.
 */
export function combineProgress(list: readonly (WorkerProgress | null)[]): {
  step: number;
  stepsPerSecond: number;
  loss?: number;
  status: RunStatus;
  tensors?: number;
} {
  const ps = list.map((p) => p ?? { step: 0, stepsPerSecond: 0, status: 'idle' as RunStatus, members: 0 });
  const statuses = new Set(ps.map((p) => p.status));
  const status: RunStatus = statuses.has('error')
    ? 'error'
    : statuses.size === 1
      ? ps[0].status
      : statuses.has('running')
        ? 'running'
        : statuses.has('paused') || statuses.has('done')
          ? 'paused'
          : 'idle';
  const rates = ps.map((p) => p.stepsPerSecond).filter((r) => r > 0);
  const withLoss = ps.filter((p) => p.loss !== undefined && p.members > 0);
  const weight = withLoss.reduce((a, p) => a + p.members, 0);
  return {
    step: Math.min(...ps.map((p) => p.step)),
    stepsPerSecond: rates.length ? Math.min(...rates) : 0,
    loss: withLoss.length === ps.length && weight > 0 ? withLoss.reduce((a, p) => a + p.members * p.loss!, 0) / weight : undefined,
    status,
    tensors: ps.every((p) => p.tensors !== undefined) ? ps.reduce((a, p) => a + p.tensors!, 0) : undefined,
  };
}
