/**
 * Connects the postMessage channel (src/state/embed.ts) to whatever the embedded page shows: a toy figure's
 * timeline, or a lab panel that uses the training worker. Emits ready, state (deduplicated), snapshot(step) and
 * resize(height) events.
 */
import { openEmbedChannel, parseParentOrigin, type EmbedChannel, type EmbedCommand, type EmbedState, type SnapshotSummary } from '../../../state/embed';
import { installKeyForwarding } from '../../../state/embedKeys';
import { configToParams } from '../../../state/urlConfig';
import { currentFrame, type ToyTimeline } from '../figure/toyTimeline';

export interface BridgeTarget {
  panel: string;
  /** Apply a command; return an error message when it is not supported here. */
  run: (c: EmbedCommand) => string | void;
  /** The state to report, less height. */
  state: () => Omit<EmbedState, 'height'>;
  /** The snapshot on screen, for snapshot events. */
  snapshot: () => SnapshotSummary | undefined;
  /** Subscribe to changes; returns the unsubscribe. */
  subscribe: (fn: () => void) => () => void;
  /** Whether commands can run yet (the recording has loaded). */
  ready: () => boolean;
}

export function startBridge(target: BridgeTarget, params: URLSearchParams, measure: () => number): () => void {
  if (window.parent === window) return () => {};
  const po = parseParentOrigin(params.get('parentOrigin'));
  const queue: EmbedCommand[] = [];
  let readySent = false;
  let lastState = '';
  let lastSnapshot = -1;
  let lastHeight = -1;
  let lastId: string | number | undefined;

  const exec = (c: EmbedCommand) => {
    const err = target.run(c);
    if (err) channel.post({ type: 'error', message: err, id: c.id });
    lastId = c.id;
    emit(true);
  };
  const channel: EmbedChannel = openEmbedChannel({
    parent: window.parent,
    self: window,
    parentOrigin: po.origin,
    closed: !po.valid,
    onCommand: (c) => {
      if (!target.ready()) queue.push(c);
      else exec(c);
    },
  });
  const emit = (force = false) => {
    const height = measure();
    if (height !== lastHeight) {
      lastHeight = height;
      if (readySent) channel.post({ type: 'resize', height });
    }
    if (!target.ready()) return;
    if (!readySent) {
      readySent = true;
      channel.post({ type: 'ready', panel: target.panel, commands: ['play', 'pause', 'step', 'reset', 'seek', 'set', 'rotate'], height });
      while (queue.length) exec(queue.shift()!);
    }
    const state: EmbedState = { ...target.state(), height };
    const key = JSON.stringify(state);
    if (key !== lastState || force) {
      lastState = key;
      channel.post({ type: 'state', state, ...(lastId !== undefined ? { id: lastId } : {}) });
    }
    const snap = target.snapshot();
    if (snap && snap.step !== lastSnapshot) {
      lastSnapshot = snap.step;
      channel.post({ type: 'snapshot', step: snap.step, summary: snap });
    }
  };
  const unsub = target.subscribe(() => emit());
  // Navigation keys pressed inside the figure go to the deck (keys=0 turns this off).
  const stopKeys = params.get('keys') === '0' ? () => {} : installKeyForwarding({ win: window, post: channel.post });
  const ro = new ResizeObserver(() => emit());
  ro.observe(document.body);
  emit();
  if (!po.valid) console.warn('[symmetry-lab embed] parentOrigin= is not a valid origin; commands are disabled');
  return () => {
    unsub();
    stopKeys();
    ro.disconnect();
    channel.stop();
  };
}

/** A bridge target for a toy figure's timeline. */
export function timelineTarget(panel: string, t: ToyTimeline): BridgeTarget {
  return {
    panel,
    run: (c) => {
      switch (c.type) {
        case 'play':
          return t.play();
        case 'pause':
          return t.pause();
        case 'step':
          return t.step(c.count ?? 1);
        case 'reset':
          return t.reset();
        case 'seek':
          return t.seek(c.step);
        case 'rotate':
          return t.rotate(c.theta);
        case 'set': {
          const notices = t.setParams(c.config);
          return notices.length ? `set: ${notices.join('; ')}` : undefined;
        }
      }
    },
    state: () => {
      const s = t.state;
      const f = currentFrame(s);
      return {
        panel,
        source: s.source,
        status: s.status,
        step: s.source === 'recorded' ? (f?.step ?? 0) : s.step,
        viewStep: f?.step ?? -1,
        totalSteps: s.totalSteps,
        theta: Number(s.theta.toFixed(6)),
        config: configToParams(s.config).toString(),
        notices: s.notices,
      };
    },
    snapshot: () => {
      const f = currentFrame(t.state);
      if (!f) return undefined;
      // The step the numbers belong to: a light frame shows the last full snapshot's metrics, so it sends no new event.
      return {
        step: f.metricsStep,
        meanRstd: f.metrics.mean.off.relativeStd,
        memberRstd: f.metrics.selected.off.relativeStd,
        membersRstd: f.metrics.member.off.relativeStd,
        loss: f.metrics.loss,
      };
    },
    subscribe: (fn) => t.store.subscribe(fn),
    ready: () => t.state.status !== 'loading',
  };
}
