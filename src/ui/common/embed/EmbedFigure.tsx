/**
 * `embed=1&panel=<figure>`: one compact figure that fits its iframe, driven by its parent through postMessage.
 * Figures: toy (mean and member with controls), mean, member, probe (the probe's orbit), invariance.
 */
import { useEffect, useMemo, useRef } from 'react';
import { configFromParams } from '../../../state/urlConfig';
import { ToyTimeline } from '../figure/toyTimeline';
import { InvarianceChart, ProbeChart, ThetaSlider, TimelineControls, ToyPair } from '../figure/ToyFigures';
import { startBridge, timelineTarget } from './embedBridge';
import '../figure/figures.css';

export const EMBED_FIGURES = ['toy', 'mean', 'member', 'probe', 'invariance'] as const;
export type EmbedFigureId = (typeof EMBED_FIGURES)[number];

export function isEmbedFigure(id: string | null): id is EmbedFigureId {
  return (EMBED_FIGURES as readonly (string | null)[]).includes(id);
}

export default function EmbedFigure({ panel, params }: { panel: EmbedFigureId; params: URLSearchParams }) {
  const key = params.toString();
  const timeline = useMemo(() => {
    const { config } = configFromParams(params);
    const member = Math.max(0, Math.round(Number(params.get('member') ?? 0)) || 0);
    const t = new ToyTimeline(config, member, { forceLive: params.get('live') === '1' });
    const theta = Number(params.get('theta'));
    if (Number.isFinite(theta)) t.rotate(theta);
    return t;
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const stop = startBridge(timelineTarget(panel, timeline), params, () => Math.ceil(box.current?.getBoundingClientRect().height ?? 0));
    const onVis = () => timeline.setShown(!document.hidden);
    document.addEventListener('visibilitychange', onVis);
    const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    if (params.get('autoplay') === '1' && !reduced) {
      const unsub = timeline.store.subscribe((s) => {
        if (s.status === 'idle') {
          unsub();
          timeline.play();
        }
      });
    }
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVis);
      timeline.dispose();
    };
  }, [timeline]); // eslint-disable-line react-hooks/exhaustive-deps

  const controls = params.get('controls') !== '0';
  const id = `embed-${panel}`;
  return (
    <div ref={box} className={`embed-figure embed-${panel}`} data-testid="embed-figure" data-panel={panel}>
      {(panel === 'toy' || panel === 'mean' || panel === 'member') && <ToyPair timeline={timeline} idPrefix={id} showProbe only={panel === 'toy' ? undefined : panel} />}
      {panel === 'probe' && <ProbeChart timeline={timeline} idPrefix={id} />}
      {panel === 'invariance' && <InvarianceChart timeline={timeline} idPrefix={id} />}
      {(panel === 'probe' || panel === 'toy') && controls && <ThetaSlider timeline={timeline} idPrefix={id} />}
      {controls && <TimelineControls timeline={timeline} idPrefix={id} compact />}
    </div>
  );
}
