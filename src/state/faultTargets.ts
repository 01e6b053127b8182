/**
 * The page side of fault injection: pages opened with `faults=1` (in the hash query or the search string) expose
 * `window.symlabFaults[name]` for each worker, so the reliability tests can lose a device, crash or terminate it on
 * purpose. Pages opened without it expose nothing.
 */

export interface FaultHandle {
  /** Lose the worker's GPU device (WebGL context loss or WebGPU device.destroy()). */
  loseDevice(): void;
  /** Make the worker throw an uncaught error. */
  crashWorker(): void;
  /** Terminate the worker as the browser would kill it. */
  terminateWorker(): void;
}

/** Whether this page was opened with `faults=1`. Read on each call: the hash can change. */
export function faultsEnabled(): boolean {
  if (typeof window === 'undefined') return false;
  const fromHash = new URLSearchParams(window.location.hash.split('?')[1] ?? '');
  const fromSearch = new URLSearchParams(window.location.search);
  return fromHash.get('faults') === '1' || fromSearch.get('faults') === '1';
}

type FaultRegistry = Record<string, FaultHandle>;

/** Expose `handle` as `window.symlabFaults[name]` when faults are enabled. Returns an unregister function. */
export function registerFaultTarget(name: string, handle: FaultHandle): () => void {
  if (!faultsEnabled()) return () => undefined;
  const w = window as unknown as { symlabFaults?: FaultRegistry };
  w.symlabFaults ??= {};
  w.symlabFaults[name] = handle;
  return () => {
    if (w.symlabFaults?.[name] === handle) delete w.symlabFaults[name];
  };
}
