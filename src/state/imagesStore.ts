/**
 * State of the rotated-images lab. Results are kept per group (C4, C8, C16) so that runs for different groups fill
 * different columns of the results table. They live on the page, so a worker crash loses none of them. The worker's
 * backend and the last recovery (shown until the next run starts) are the shared WorkerFacts.
 */
import { create } from 'zustand';
import type { ImageEvaluation, ImageProbe, ImageRunConfig } from '../core/images/imageRun';
import type { ImagesEvent, ImagesPhase } from '../worker/imagesProtocol';
import type { BackendName } from '../worker/protocol';
import { workerFacts, type WorkerFacts } from './workerFacts';

export interface ImagesResult {
  config: ImageRunConfig;
  evaluation: ImageEvaluation;
  trainSeconds: number;
  evalSeconds: number;
  backend: BackendName;
  imagesPerSecondPerMember: number;
  runId: number;
}

export interface ImagesState extends WorkerFacts {
  data: { train: number; test: number; ood: number; classes: string[]; oodClasses: string[]; size: number; loadMs: number } | null;
  benchmark: { flopsPerSecond: number; imagesPerSecondPerMember: number; backend: BackendName } | null;
  runId: number;
  running: boolean;
  phase: ImagesPhase | 'idle' | 'cancelled';
  progress: { step: number; totalSteps: number; fraction: number; etaSeconds: number; imagesPerSecondPerMember: number; loss?: number; canonLoss?: number } | null;
  results: Record<number, ImagesResult>;
  lastResult: ImagesResult | null;
  probe: { probe: ImageProbe; set: 'test' | 'ood'; index: number; theta: number } | null;
  error: string | null;
  /** What the link asked that was clamped (e.g. `workers=` above the cores), in the user's words. */
  notices: string[];
  apply: (e: ImagesEvent) => void;
}

export const useImagesStore = create<ImagesState>((set, get) => ({
  ...workerFacts(set, get),
  data: null,
  benchmark: null,
  runId: 0,
  running: false,
  phase: 'idle',
  progress: null,
  results: {},
  lastResult: null,
  probe: null,
  error: null,
  notices: [],
  apply: (e) => {
    const s = get();
    switch (e.type) {
      case 'backend':
        return s.setBackend(e);
      case 'data':
        set({ data: { train: e.train, test: e.test, ood: e.ood, classes: e.classes, oodClasses: e.oodClasses, size: e.size, loadMs: e.loadMs } });
        return;
      case 'benchmark':
        set({ benchmark: { flopsPerSecond: e.flopsPerSecond, imagesPerSecondPerMember: e.imagesPerSecondPerMember, backend: e.backend } });
        return;
      case 'progress':
        if (e.runId !== s.runId) return;
        set({
          phase: e.phase,
          progress: {
            step: e.step,
            totalSteps: e.totalSteps,
            fraction: e.fraction,
            etaSeconds: e.etaSeconds,
            imagesPerSecondPerMember: e.imagesPerSecondPerMember,
            loss: e.loss,
            canonLoss: e.canonLoss,
          },
        });
        return;
      case 'result': {
        if (e.runId !== s.runId) return;
        const r: ImagesResult = {
          config: e.config,
          evaluation: e.evaluation,
          trainSeconds: e.trainSeconds,
          evalSeconds: e.evalSeconds,
          backend: e.backend,
          imagesPerSecondPerMember: e.imagesPerSecondPerMember,
          runId: e.runId,
        };
        set({
          running: false,
          phase: 'done',
          results: { ...s.results, [e.config.group]: r },
          lastResult: r,
          progress: s.progress ? { ...s.progress, fraction: 1, etaSeconds: 0 } : null,
        });
        return;
      }
      case 'checkpoint':
      case 'trained':
        return; // the client keeps checkpoints and joins the slices; nothing to show
      case 'probe':
        if (e.runId !== s.lastResult?.runId) return;
        set({ probe: { probe: e.probe, set: e.set, index: e.index, theta: e.theta } });
        return;
      case 'cancelled':
        if (e.runId !== s.runId) return;
        set({ running: false, phase: 'cancelled' });
        return;
      case 'error':
        if (e.kind === 'invalid-command') {
          console.warn(`[symmetry-lab] ${e.message}`);
          return;
        }
        set({ error: e.message, running: e.runId === undefined || e.runId === s.runId ? false : s.running });
        return;
    }
  },
}));
