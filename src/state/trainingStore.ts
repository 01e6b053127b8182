/**
 * The training timeline on the page: what the worker reported, and which snapshot the scrubber shows.
 * Panels read this store, never the worker.
 */
import { create } from 'zustand';
import { DEFAULT_CONFIG, type EnsembleConfig } from '../core/ensemble/config';
import type { Snapshot } from '../core/ensemble/snapshot';
import type { ToyCheckpoint } from '../core/ensemble/toyRun';
import type { BackendName, BackendProbe, ErrorKind, RunStatus, TrainerEvent } from '../worker/protocol';

export interface BackendInfo {
  name: BackendName;
  reason: string;
  probes: BackendProbe[];
}

export interface TrainingError {
  kind: ErrorKind;
  message: string;
  step?: number;
}

export interface TrainingState {
  backend: BackendInfo | null;
  config: EnsembleConfig;
  /** Clamp and fallback notices for the current config. */
  notices: string[];
  schedule: number[];
  runId: number;
  /** Stored snapshots in step order. Scrubbing only ever reads these. */
  snapshots: Snapshot[];
  /** The scrubber's position in `snapshots`, or null to follow the newest. */
  viewIndex: number | null;
  status: RunStatus;
  step: number;
  totalSteps: number;
  stepsPerSecond: number;
  loss: number | undefined;
  error: TrainingError | null;
  /** Messages about recoveries (fallback backend, restarted worker): shown, not fatal. */
  recoveries: string[];
  /** tf.memory().numTensors in the worker at the last status report (the soak test watches it stay flat). */
  workerTensors: number | undefined;
  /** The newest checkpoint: parameters to resume from after a fault. */
  checkpoint: ToyCheckpoint | null;
  /** How many workers train the ensemble (the pool's size, fewer after one failed for good). */
  workers: number;
  setWorkers: (n: number) => void;
  setViewIndex: (i: number | null) => void;
  applyEvent: (e: TrainerEvent) => void;
  addRecovery: (message: string) => void;
  clearError: () => void;
}

export const useTrainingStore = create<TrainingState>((set, get) => ({
  backend: null,
  config: DEFAULT_CONFIG,
  notices: [],
  schedule: [],
  runId: 0,
  snapshots: [],
  viewIndex: null,
  status: 'idle',
  step: 0,
  totalSteps: DEFAULT_CONFIG.steps,
  stepsPerSecond: 0,
  loss: undefined,
  error: null,
  recoveries: [],
  workerTensors: undefined,
  checkpoint: null,
  workers: 1,
  setWorkers: (n) => set({ workers: n }),
  setViewIndex: (i) => set({ viewIndex: i }),
  addRecovery: (message) => set({ recoveries: [...get().recoveries.slice(-4), message] }),
  clearError: () => set({ error: null }),
  applyEvent: (e) => {
    const s = get();
    switch (e.type) {
      case 'backend':
        set({ backend: { name: e.backend, reason: e.reason, probes: e.probes } });
        return;
      case 'config': {
        // A resumed run keeps the snapshots computed before the fault (same config, earlier steps); any other new
        // config or reset starts a fresh timeline.
        const sameRun = e.resumedFrom !== undefined && JSON.stringify(e.config) === JSON.stringify(s.config);
        set({
          config: e.config,
          notices: e.notices,
          schedule: e.schedule,
          runId: e.runId,
          snapshots: sameRun ? s.snapshots : [],
          viewIndex: sameRun ? s.viewIndex : null,
          checkpoint: sameRun ? s.checkpoint : null,
          step: sameRun ? s.step : 0,
          totalSteps: e.config.steps,
          status: 'idle',
          error: null,
          loss: undefined,
        });
        return;
      }
      case 'snapshot': {
        if (e.runId !== s.runId) return;
        const others = s.snapshots.filter((x) => x.step !== e.snapshot.step);
        const snapshots = [...others, e.snapshot].sort((a, b) => a.step - b.step);
        set({ snapshots, step: Math.max(s.step, e.snapshot.step), loss: e.snapshot.metrics.loss });
        return;
      }
      case 'progress':
        if (e.runId !== s.runId) return;
        set({
          step: e.step,
          totalSteps: e.totalSteps,
          stepsPerSecond: e.stepsPerSecond > 0 ? e.stepsPerSecond : s.stepsPerSecond,
          loss: e.loss ?? s.loss,
          status: e.status,
          workerTensors: e.tensors ?? s.workerTensors,
        });
        return;
      case 'checkpoint':
        if (e.runId !== s.runId) return;
        set({ checkpoint: e.checkpoint });
        return;
      case 'error':
        if (e.kind === 'invalid-command') {
          console.warn(`[symmetry-lab] ${e.message}`);
          return;
        }
        set({ error: { kind: e.kind, message: e.message, step: e.step }, status: e.kind === 'device-lost' ? s.status : 'error' });
        return;
    }
  },
}));

/** The snapshot the scrubber shows: the chosen one, or the newest. */
export function selectViewedSnapshot(s: TrainingState): Snapshot | undefined {
  if (s.snapshots.length === 0) return undefined;
  const i = s.viewIndex === null ? s.snapshots.length - 1 : Math.min(s.viewIndex, s.snapshots.length - 1);
  return s.snapshots[i];
}
