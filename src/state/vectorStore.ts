/**
 * The vector lab's page-side state: what its worker pool reported, per lab (plane, cross), and which snapshot each
 * scrubber shows. Separate from the scalar toy's training store.
 */
import { create } from 'zustand';
import { DEFAULT_CROSS_CONFIG, type CrossConfig, type CrossSnapshot } from '../core/equivariance/crossProduct';
import { DEFAULT_VECTOR_CONFIG, type VectorConfig } from '../core/equivariance/vectorConfig';
import type { VectorSnapshot } from '../core/equivariance/vectorTrainer';
import type { VectorEvent, VectorLab, VectorRunStatus } from '../worker/vectorProtocol';
import { workerFacts, type WorkerFacts } from './workerFacts';

export interface LabState<C, S> {
  config: C;
  notices: string[];
  schedule: number[];
  runId: number;
  snapshots: S[];
  /** Scrubber position in `snapshots`, or null to follow the newest. */
  viewIndex: number | null;
  status: VectorRunStatus;
  step: number;
  totalSteps: number;
  stepsPerSecond: number;
  loss: number | undefined;
  error: string | null;
}

function emptyLab<C extends { steps: number }, S>(config: C): LabState<C, S> {
  return { config, notices: [], schedule: [], runId: 0, snapshots: [], viewIndex: null, status: 'idle', step: 0, totalSteps: config.steps, stepsPerSecond: 0, loss: undefined, error: null };
}

export interface VectorStoreState extends WorkerFacts {
  workerError: string | null;
  plane: LabState<VectorConfig, VectorSnapshot>;
  cross: LabState<CrossConfig, CrossSnapshot>;
  setView: (lab: VectorLab, index: number | null) => void;
  setWorkerError: (message: string | null) => void;
  apply: (e: VectorEvent) => void;
}

export const useVectorStore = create<VectorStoreState>((set, get) => ({
  ...workerFacts(set, get),
  workerError: null,
  plane: emptyLab<VectorConfig, VectorSnapshot>(DEFAULT_VECTOR_CONFIG),
  cross: emptyLab<CrossConfig, CrossSnapshot>(DEFAULT_CROSS_CONFIG),
  setView: (lab, index) => set({ [lab]: { ...get()[lab], viewIndex: index } } as Partial<VectorStoreState>),
  setWorkerError: (message) => set({ workerError: message }),
  apply: (e) => {
    const s = get();
    switch (e.type) {
      case 'backend':
        return s.setBackend(e);
      case 'config': {
        // A run resumed from a checkpoint keeps the timeline computed before the fault (snapshots up to that step).
        const from = e.resumedFrom;
        if (e.lab === 'plane') {
          const kept = from === undefined ? [] : s.plane.snapshots.filter((x) => x.step <= from);
          set({ plane: { ...emptyLab<VectorConfig, VectorSnapshot>(e.config), notices: e.notices, schedule: e.schedule, runId: e.runId, snapshots: kept, viewIndex: from === undefined ? null : s.plane.viewIndex, step: from ?? 0 } });
        } else {
          const kept = from === undefined ? [] : s.cross.snapshots.filter((x) => x.step <= from);
          set({ cross: { ...emptyLab<CrossConfig, CrossSnapshot>(e.config), notices: e.notices, schedule: e.schedule, runId: e.runId, snapshots: kept, viewIndex: from === undefined ? null : s.cross.viewIndex, step: from ?? 0 } });
        }
        return;
      }
      case 'planeSnapshot':
        if (e.runId !== s.plane.runId) return;
        set({ plane: { ...s.plane, snapshots: [...s.plane.snapshots.filter((x) => x.step !== e.snapshot.step), e.snapshot].sort((a, b) => a.step - b.step) } });
        return;
      case 'crossSnapshot':
        if (e.runId !== s.cross.runId) return;
        set({ cross: { ...s.cross, snapshots: [...s.cross.snapshots.filter((x) => x.step !== e.snapshot.step), e.snapshot].sort((a, b) => a.step - b.step) } });
        return;
      case 'progress': {
        const lab = s[e.lab];
        if (e.runId !== lab.runId) return;
        set({
          [e.lab]: { ...lab, step: e.step, totalSteps: e.totalSteps, stepsPerSecond: e.stepsPerSecond || lab.stepsPerSecond, loss: e.loss ?? lab.loss, status: e.status },
        } as Partial<VectorStoreState>);
        return;
      }
      case 'error':
        // A lost device is handled by the worker client (restart on the next backend), not shown as a lab error.
        if (e.kind === 'device-lost') return;
        if (e.lab) {
          const lab = s[e.lab];
          if (e.runId !== undefined && e.runId !== lab.runId) return;
          set({ [e.lab]: { ...lab, status: 'error', error: e.message } } as Partial<VectorStoreState>);
        } else set({ workerError: e.message });
        return;
    }
  },
}));

/** The snapshot a lab's scrubber shows (the newest unless the user scrubbed back). */
export function viewedSnapshot<S>(lab: LabState<unknown, S>): S | undefined {
  const n = lab.snapshots.length;
  if (n === 0) return undefined;
  return lab.snapshots[lab.viewIndex === null ? n - 1 : Math.min(lab.viewIndex, n - 1)];
}
export type { VectorLab } from '../worker/vectorProtocol';
