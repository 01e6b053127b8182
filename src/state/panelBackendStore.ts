/**
 * Which compute backend each mounted panel worker uses, for the header's backend badge. The toy trainer reports
 * through the training store; panels with their own worker (vector, images, NTK, lattice) report here while they
 * are mounted, so the badge describes the panel on screen rather than the toy trainer that may not have started.
 */
import { useEffect } from 'react';
import { create } from 'zustand';

export interface PanelBackend {
  /** The worker, as the user knows it: "vector lab worker". */
  owner: string;
  /** The backend name ("wasm", "webgl", …) or a description for workers without tfjs. */
  name: string;
  /** Why this backend was chosen, including every skipped candidate's reason. */
  reason: string;
}

interface PanelBackendState {
  /** Most recently reported last; removed when the panel unmounts. */
  entries: PanelBackend[];
  report(entry: PanelBackend): void;
  clear(owner: string): void;
}

export const usePanelBackendStore = create<PanelBackendState>((set) => ({
  entries: [],
  report: (entry) => set((s) => ({ entries: [...s.entries.filter((e) => e.owner !== entry.owner), entry] })),
  clear: (owner) => set((s) => ({ entries: s.entries.filter((e) => e.owner !== owner) })),
}));

/** Report `entry` while the calling component is mounted (and whenever it changes); null reports nothing. */
export function useReportPanelBackend(entry: PanelBackend | null): void {
  const owner = entry?.owner;
  const name = entry?.name;
  const reason = entry?.reason;
  useEffect(() => {
    if (!owner || !name) return;
    usePanelBackendStore.getState().report({ owner, name, reason: reason ?? '' });
    return () => usePanelBackendStore.getState().clear(owner);
  }, [owner, name, reason]);
}
