/**
 * The loops lab's Monte Carlo and network comparison: the lattice worker's client (state/useLatticeWorker) fed from
 * the store. Sampling restarts by itself when the group, L, β or seed change; each new sampled configuration is
 * handed to the L-CNN comparison.
 */
import { useCallback, useEffect, useRef } from 'react';
import { useLoopsStore } from '../../../state/loopsStore';
import { wilsonOptions } from '../../../state/loopsSettings';
import { useLatticeWorker } from '../../../state/useLatticeWorker';

/** Dragging the β slider must not queue a run per pixel. */
const RESTART_DELAY_MS = 250;

export function useLoopsRuns() {
  const { sampling, lcnn, workerError, recovery, run, cancel, compareNetworks } = useLatticeWorker(useLoopsStore.getState().acceptSample);
  const view = useLoopsStore((s) => s.view);
  const reference = useLoopsStore((s) => s.config.reference);

  const startRun = useCallback(() => run(wilsonOptions(useLoopsStore.getState().view)), [run]);

  useEffect(() => {
    const id = window.setTimeout(startRun, RESTART_DELAY_MS);
    return () => window.clearTimeout(id);
    // Only these four restart sampling by themselves; sweep counts and loop extent apply on the next run.
  }, [view.group, view.L, view.beta, view.seed, startRun]);

  const requests = useRef(0);
  const requestNetworks = useCallback(() => {
    requests.current++;
    const { config, view: v } = useLoopsStore.getState();
    const f = config.field;
    compareNetworks(f.group.name, f.geom.dims[0], f.links, v.seed * 1000 + requests.current);
  }, [compareNetworks]);

  useEffect(() => {
    // Keyed on the reference only: gauge transformations of the view must not re-trigger the comparison.
    if (useLoopsStore.getState().config.field === reference) requestNetworks();
  }, [reference, requestNetworks]);

  return { sampling, lcnn, workerError, recovery, startRun, cancel, requestNetworks };
}
