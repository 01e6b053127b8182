/**
 * The training timeline on the page: what the worker reported, and which snapshot the scrubber shows.
 * Panels read this store, never the worker.
 */
import { create } from 'zustand';
import { DEFAULT_CONFIG, type EnsembleConfig } from '../core/ensemble/config';
import type { Snapshot } from '../core/ensemble/snapshot';
import type { LightFrame } from '../core/ensemble/snapshot';
import type { RunTimings, ToyCheckpoint } from '../core/ensemble/toyRun';
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

/**
 * One frame of the animation: a full snapshot (every member on the full grid, with the metrics) or a light frame
 * (the means and a few members on the coarse grid). `snapshot` is the last full snapshot at or before this step,
 * whose metrics a light frame shows.
 */
export interface TimelineFrame {
  step: number;
  light?: LightFrame;
  snapshot: Snapshot;
}

export interface TrainingState {
  backend: BackendInfo | null;
  config: EnsembleConfig;
  /** Clamp and fallback notices for the current config. */
  notices: string[];
  schedule: number[];
  runId: number;
  /** Stored full snapshots in step order: every metric reads these. */
  snapshots: Snapshot[];
  /** Light frames in step order (between the full snapshots). */
  lightFrames: LightFrame[];
  /** The run's frame steps (frameSchedule): full snapshots and light frames together. */
  frameSteps: number[];
  /** Every frame so far, full and light, in step order. Scrubbing and playback only ever read these. */
  timeline: TimelineFrame[];
  /** The step the scrubber shows (the last frame at or before it), or null to follow the newest. */
  viewStep: number | null;
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
  /** The backend each training worker reported, in worker order (each chooses its own; they can differ). */
  workerBackends: string[];
  /** Where each worker's time went in the run so far, reported when it stopped (done or paused); [] while running. */
  runTimings: RunTimings[];
  setRunTimings: (t: RunTimings[]) => void;
  setWorkers: (n: number) => void;
  setWorkerBackends: (names: string[]) => void;
  setViewStep: (step: number | null) => void;
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
  lightFrames: [],
  frameSteps: [],
  timeline: [],
  viewStep: null,
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
  workerBackends: [],
  runTimings: [],
  setRunTimings: (t) => set({ runTimings: t }),
  setWorkers: (n) => set({ workers: n }),
  setWorkerBackends: (names) => set({ workerBackends: names }),
  setViewStep: (step) => set({ viewStep: step }),
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
          lightFrames: sameRun ? s.lightFrames : [],
          timeline: sameRun ? s.timeline : [],
          frameSteps: e.frames ?? e.schedule,
          viewStep: sameRun ? s.viewStep : null,
          checkpoint: sameRun ? s.checkpoint : null,
          step: sameRun ? s.step : 0,
          totalSteps: e.config.steps,
          status: 'idle',
          error: null,
          loss: undefined,
          runTimings: [],
        });
        return;
      }
      case 'snapshot': {
        if (e.runId !== s.runId) return;
        const others = s.snapshots.filter((x) => x.step !== e.snapshot.step);
        const snapshots = [...others, e.snapshot].sort((a, b) => a.step - b.step);
        set({ snapshots, timeline: buildTimeline(snapshots, s.lightFrames), step: Math.max(s.step, e.snapshot.step), loss: e.snapshot.metrics.loss });
        return;
      }
      case 'frame': {
        if (e.runId !== s.runId) return;
        const lightFrames = [...s.lightFrames.filter((x) => x.step !== e.frame.step), e.frame].sort((a, b) => a.step - b.step);
        set({ lightFrames, timeline: buildTimeline(s.snapshots, lightFrames), step: Math.max(s.step, e.frame.step) });
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

/**
 * The frames in step order: each full snapshot, and each light frame that follows a full snapshot (a light frame
 * needs one for its metrics; step 0 is always full, so none is dropped once step 0 has arrived).
 */
function buildTimeline(snapshots: Snapshot[], lightFrames: LightFrame[]): TimelineFrame[] {
  const out: TimelineFrame[] = [];
  let i = 0;
  let last: Snapshot | undefined;
  for (const f of lightFrames) {
    while (i < snapshots.length && snapshots[i].step < f.step) out.push({ step: snapshots[i].step, snapshot: (last = snapshots[i++]) });
    if (i < snapshots.length && snapshots[i].step === f.step) continue;
    if (last) out.push({ step: f.step, light: f, snapshot: last });
  }
  while (i < snapshots.length) out.push({ step: snapshots[i].step, snapshot: snapshots[i++] });
  return out;
}

/** Index in `timeline` of the frame shown: the last at or before `viewStep`, or the newest. −1 when there is none. */
export function viewedFrameIndex(s: Pick<TrainingState, 'timeline' | 'viewStep'>): number {
  const n = s.timeline.length;
  if (n === 0 || s.viewStep === null) return n - 1;
  let i = 0;
  while (i + 1 < n && s.timeline[i + 1].step <= s.viewStep) i++;
  return i;
}

/** The frame the scrubber shows (full or light), or the newest. */
export function selectViewedFrame(s: TrainingState): TimelineFrame | undefined {
  return s.timeline[viewedFrameIndex(s)];
}

/** The full snapshot the metrics show: the one on screen, or for a light frame the last full snapshot before it. */
export function selectViewedSnapshot(s: TrainingState): Snapshot | undefined {
  return selectViewedFrame(s)?.snapshot;
}
