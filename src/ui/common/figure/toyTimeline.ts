/**
 * A toy-figure timeline: the snapshots a compact figure shows, from a recorded run (instant, identical every time)
 * or from the live training worker ("Recompute live"). One controller per figure group; the article, the slides
 * and embedded figures all drive figures through it, so play/pause/step/reset/seek/set/rotate mean the same
 * everywhere.
 *
 * Only one controller at a time drives the page's training worker; when another one goes live, the previous one
 * falls back to its recording.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { clampConfig, DEFAULT_CONFIG, type EnsembleConfig } from '../../../core/ensemble/config';
import { framesFromRecording, framesFromTimeline, type FigureFrame } from './figureFrames';
import { configFromParams, configToParams } from '../../../state/urlConfig';
import { useTrainingStore } from '../../../state/trainingStore';
import { loadRecording } from '../recordings/loadRecording';
import { recordingForConfig, type RecordingSpec } from '../recordings/manifest';
import type { TrainingLock } from '../../../state/liveTrainingLock';

/** Shown by a copy of a figure that may not train because another copy (a presenter view) holds the lock. */
export const TRAINING_ELSEWHERE = 'another copy of this figure (a presenter view or another window) is training it live; this copy does not train';

export type { FigureFrame } from './figureFrames';
// The grids and the coarse sampling, for the toy lab's panel: one chunk with the timeline (no extra entry in the page's preload map).
export { atCoarsePoints, COARSE_GRID, FULL_GRID } from './figureFrames';

export type TimelineStatus = 'loading' | 'idle' | 'running' | 'paused' | 'done' | 'error';

export interface TimelineState {
  source: 'recorded' | 'live' | 'loading';
  recording: RecordingSpec | null;
  config: EnsembleConfig;
  memberIndex: number;
  frames: FigureFrame[];
  /** Index into frames of the frame on screen, or null to follow the newest (live). */
  index: number | null;
  status: TimelineStatus;
  /** Steps trained (live) or the shown step (recorded). */
  step: number;
  totalSteps: number;
  /** Probe rotation angle, radians in [0, 2π). */
  theta: number;
  notices: string[];
  error: string | null;
}

/** Time per recorded frame during playback: the 64 frames of 0 → 2000 play in about 8 s. */
export const FRAME_MILLIS = 125;

const TWO_PI = 2 * Math.PI;
let liveOwner: ToyTimeline | null = null;
type TrainerModule = typeof import('../../../state/trainerClient');
let trainerModule: Promise<TrainerModule> | null = null;
/** The worker client is imported lazily: a recorded figure never loads the worker or tfjs. */
function trainer(): Promise<ReturnType<TrainerModule['getTrainerClient']>> {
  trainerModule ??= import('../../../state/trainerClient');
  return trainerModule.then((m) => m.getTrainerClient());
}

export function currentFrame(s: TimelineState): FigureFrame | undefined {
  if (s.frames.length === 0) return undefined;
  const i = s.index === null ? s.frames.length - 1 : Math.min(s.index, s.frames.length - 1);
  return s.frames[i];
}

export class ToyTimeline {
  readonly store: StoreApi<TimelineState>;
  private timer: ReturnType<typeof setInterval> | null = null;
  private unsubscribeLive: (() => void) | null = null;
  private resumeWhenShown = false;
  private loadToken = 0;
  /** Embedded copies share one live run across windows (src/state/liveTrainingLock.ts); null: no lock. */
  private readonly lock: TrainingLock | null;
  private blocked = false;

  constructor(config: EnsembleConfig = DEFAULT_CONFIG, memberIndex = 0, opts: { forceLive?: boolean; trainingLock?: TrainingLock | null } = {}) {
    this.lock = opts.trainingLock ?? null;
    this.store = createStore<TimelineState>(() => ({
      source: 'loading',
      recording: null,
      config,
      memberIndex,
      frames: [],
      index: 0,
      status: 'loading',
      step: 0,
      totalSteps: config.steps,
      theta: 0,
      notices: [],
      error: null,
    }));
    this.configure(config, memberIndex, opts.forceLive ?? false);
  }

  get state(): TimelineState {
    return this.store.getState();
  }

  private set(patch: Partial<TimelineState>): void {
    this.store.setState(patch);
  }

  /** Show `config`: its recording when one matches (unless forceLive), else a live run. */
  configure(config: EnsembleConfig, memberIndex = this.state.memberIndex, forceLive = false): void {
    this.stopTimer();
    const rec = forceLive ? undefined : recordingForConfig(config);
    const m = Math.min(Math.max(0, memberIndex), config.ensembleSize - 1);
    if (rec && rec.memberIndex === m) {
      this.releaseLive();
      const token = ++this.loadToken;
      this.set({ source: 'loading', recording: rec, config, memberIndex: m, frames: [], index: 0, status: 'loading', step: 0, totalSteps: config.steps, error: null });
      loadRecording(rec).then(
        (r) => {
          if (token !== this.loadToken) return;
          this.set({ source: 'recorded', frames: framesFromRecording(r.snapshots), index: 0, status: 'idle', step: 0 });
        },
        (e: unknown) => {
          if (token !== this.loadToken) return;
          // No recording: train live instead.
          this.set({ notices: [...this.state.notices, `${e instanceof Error ? e.message : String(e)}; training live instead`] });
          this.goLive(config, m);
        },
      );
    } else {
      this.loadToken++;
      this.goLive(config, m);
    }
  }

  /** "Recompute live": retrain the shown config in this page and replace the recording. */
  recomputeLive(autoplay = true): void {
    this.goLive(this.state.config, this.state.memberIndex);
    if (autoplay) this.play();
  }

  private goLive(config: EnsembleConfig, memberIndex: number): void {
    if (liveOwner && liveOwner !== this) liveOwner.fallBackToRecording();
    liveOwner = this;
    this.unsubscribeLive?.();
    this.set({ source: 'live', recording: null, config, memberIndex, frames: [], index: null, status: 'idle', step: 0, totalSteps: config.steps, error: null });
    void trainer().then((client) => {
      if (liveOwner !== this) return;
      client.setConfig(config);
      client.send({ type: 'selectMember', member: memberIndex });
    });
    let seen: unknown = null;
    let frames: FigureFrame[] = [];
    const sync = (t: ReturnType<typeof useTrainingStore.getState>) => {
      if (liveOwner !== this) return;
      // Every frame so far, full and light, rebuilt only when the store's timeline changed.
      if (t.timeline !== seen) {
        seen = t.timeline;
        frames = framesFromTimeline(t.timeline, memberIndex);
      }
      this.set({
        frames,
        step: t.step,
        totalSteps: t.totalSteps,
        status: t.status === 'idle' && t.step > 0 ? 'paused' : t.status,
        error: t.error ? t.error.message : this.blocked ? TRAINING_ELSEWHERE : null,
        notices: t.notices,
      });
    };
    this.unsubscribeLive = useTrainingStore.subscribe(sync);
  }

  private fallBackToRecording(): void {
    this.releaseLive();
    const rec = recordingForConfig(this.state.config);
    if (rec) this.configure(this.state.config, this.state.memberIndex);
    else this.set({ status: 'paused', error: 'another figure on this page is training now' });
  }

  private releaseLive(): void {
    this.unsubscribeLive?.();
    this.unsubscribeLive = null;
    if (liveOwner === this) {
      liveOwner = null;
      void trainer().then((c) => c.pause());
    }
    this.lock?.release();
    this.blocked = false;
  }

  /** Run a training command, once this copy holds the cross-window lock (when it has one). */
  private train(fn: (c: Awaited<ReturnType<typeof trainer>>) => void): void {
    if (!this.lock) {
      void trainer().then(fn);
      return;
    }
    void this.lock.acquire().then((ok) => {
      if (liveOwner !== this) return;
      this.blocked = !ok;
      if (!ok) {
        this.set({ error: TRAINING_ELSEWHERE });
        return;
      }
      if (this.state.error === TRAINING_ELSEWHERE) this.set({ error: null });
      void trainer().then(fn);
    });
  }

  private stopTimer(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  // ---- commands -------------------------------------------------------------------------------------------

  play(): void {
    const s = this.state;
    if (s.source === 'live') {
      this.train((c) => c.play());
      this.set({ index: null });
      return;
    }
    if (s.source !== 'recorded' || s.frames.length === 0) return;
    this.stopTimer();
    let i = s.index ?? 0;
    if (i >= s.frames.length - 1) i = 0;
    this.set({ index: i, step: s.frames[i].step, status: 'running' });
    this.timer = setInterval(() => {
      const st = this.state;
      const next = (st.index ?? 0) + 1;
      if (next >= st.frames.length) {
        this.stopTimer();
        this.set({ status: 'done' });
        return;
      }
      this.set({ index: next, step: st.frames[next].step, status: next === st.frames.length - 1 ? 'done' : 'running' });
      if (next === st.frames.length - 1) this.stopTimer();
    }, FRAME_MILLIS);
  }

  pause(): void {
    const s = this.state;
    if (s.source === 'live') {
      void trainer().then((c) => c.pause());
      return;
    }
    this.stopTimer();
    if (s.status === 'running') this.set({ status: 'paused' });
  }

  /** Live: train `count` more steps. Recorded: show the next recorded snapshot. */
  step(count = 1): void {
    const s = this.state;
    if (s.source === 'live') {
      this.train((c) => c.step(count));
      this.set({ index: null });
      return;
    }
    this.stopTimer();
    const i = Math.min((s.index ?? 0) + 1, s.frames.length - 1);
    if (i < 0) return;
    this.set({ index: i, step: s.frames[i].step, status: i === s.frames.length - 1 ? 'done' : 'paused' });
  }

  reset(): void {
    const s = this.state;
    if (s.source === 'live') {
      void trainer().then((c) => c.reset());
      this.set({ index: null });
      return;
    }
    this.stopTimer();
    this.set({ index: 0, step: 0, status: 'idle' });
  }

  /** Show the last snapshot at or before `step`; live, train up to it first when it is ahead. */
  seek(step: number): void {
    const s = this.state;
    const target = Math.min(Math.max(0, Math.round(step)), s.config.steps);
    if (s.source === 'live') {
      const trained = useTrainingStore.getState().step;
      if (target > trained) {
        this.train((c) => c.step(Math.min(2000, target - trained)));
        this.set({ index: null });
        return;
      }
    } else this.stopTimer();
    let i = 0;
    s.frames.forEach((f, k) => {
      if (f.step <= target) i = k;
    });
    if (s.frames.length === 0) return;
    if (s.source === 'live') {
      useTrainingStore.getState().setViewStep(s.frames[i].step);
      this.set({ index: i });
    } else this.set({ index: i, step: s.frames[i].step, status: i === s.frames.length - 1 ? 'done' : 'paused' });
  }

  /** Show the frame at `index` (the timeline control). */
  showIndex(index: number): void {
    const s = this.state;
    if (s.frames.length === 0) return;
    const i = Math.min(Math.max(0, index), s.frames.length - 1);
    if (s.source === 'live') {
      useTrainingStore.getState().setViewStep(s.frames[i].step);
      this.set({ index: i });
      return;
    }
    this.stopTimer();
    this.set({ index: i, step: s.frames[i].step, status: i === s.frames.length - 1 ? 'done' : 'paused' });
  }

  rotate(theta: number): void {
    const t = ((theta % TWO_PI) + TWO_PI) % TWO_PI;
    this.set({ theta: t });
  }

  /** Apply URL-table parameters (E, width, seed, …) on top of the current config. Returns the clamp notices. */
  setParams(values: Record<string, string | number | boolean>): string[] {
    const params = configToParams(this.state.config);
    let member = this.state.memberIndex;
    for (const [k, v] of Object.entries(values)) {
      const str = typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
      if (k === 'member') member = Math.max(0, Math.round(Number(str)) || 0);
      else params.set(k, str);
    }
    const { config, notices } = configFromParams(params);
    this.set({ notices });
    this.configure(clampConfig(config).config, member);
    return notices;
  }

  /** Called by the visibility observer: pause off screen or in a hidden tab, resume when shown again. */
  setShown(shown: boolean): void {
    const s = this.state;
    if (!shown) {
      if (s.status === 'running') {
        this.resumeWhenShown = true;
        this.pause();
      }
    } else if (this.resumeWhenShown) {
      this.resumeWhenShown = false;
      this.play();
    }
  }

  dispose(): void {
    this.stopTimer();
    this.loadToken++;
    this.releaseLive();
  }
}
