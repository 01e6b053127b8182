/**
 * How many training workers the toy lab uses: `workers=` in the link, else one per core but one (the page keeps a
 * core), and at least 2 where there are 2 cores. The typed field clamps a link's value to 1 … hardwareConcurrency
 * and says so in a notice.
 */
import { numberField, readTable, type UrlTable } from './urlTable';

/** The default pool size on a machine with `cores` logical cores: max(2, cores − 1), or 1 on one core. */
export function defaultWorkerCount(cores: number): number {
  return cores <= 1 ? 1 : Math.max(2, cores - 1);
}

/** The pool's URL table on a machine with `cores` cores. */
export function poolUrlTable(cores: number): UrlTable<{ workers: number }> {
  const max = Math.max(1, Math.floor(cores));
  return { name: 'pool', fields: { workers: numberField('workers', 'training workers', defaultWorkerCount(max), 1, max, true) } };
}

/** The logical cores this browser reports (1 where it does not say). */
export function logicalCores(): number {
  const n = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency : undefined;
  return Number.isInteger(n) && n! > 0 ? n! : 1;
}

/** The worker count a link asks for, clamped, with the notice (if any) in the user's words. */
export function workersFromParams(params: URLSearchParams, cores = logicalCores()): { workers: number; notices: string[] } {
  const { values, notices } = readTable(poolUrlTable(cores), params);
  return { workers: values.workers, notices };
}

/**
 * The pool size of a panel whose workers train on `backend`: `workers=` clamped, but one worker on a named GPU
 * backend unless the link gives `workers=` (a GPU is one device shared by every worker: splitting the members there
 * only adds copies of the weights and contexts). The toy lab's getTrainerClient applies the same rule.
 */
export function poolSizeFromParams(params: URLSearchParams, backend: string, cores = logicalCores()): { workers: number; notices: string[] } {
  const asked = workersFromParams(params, cores);
  const gpu = backend === 'webgl' || backend === 'webgpu';
  return gpu && !params.has('workers') ? { workers: 1, notices: asked.notices } : asked;
}
