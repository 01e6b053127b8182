/**
 * `embed=1&panel=<figure>`: one compact figure that lays itself out inside its iframe's box (a slide's box has a
 * fixed size: the maps scale down, the caption shortens to one line with the full text as a tooltip, the controls
 * stay on one row and drop the least needed ones as the box narrows; nothing is cut off and nothing scrolls),
 * driven by its parent through postMessage. The URL says what it opens on (step, autoplay, theta, member; see
 * src/state/embedUrl.ts). Copies of a live figure in other windows (a presenter view) share one training run.
 * In print (a deck exported to PDF) it shows its current snapshot as a still, without controls.
 * Figures: toy (mean and member with controls), mean, member, probe (the probe's orbit), invariance.
 */
import { useEffect, useMemo, useRef } from 'react';
import { configFromParams } from '../../../state/urlConfig';
import { parseEmbedOpening } from '../../../state/embedUrl';
import { pageTrainingLock } from '../../../state/liveTrainingLock';
import { ToyTimeline } from '../figure/toyTimeline';
import { InvarianceChart, ProbeChart, TimelineControls, ToyPair } from '../figure/ToyFigures';
import { startBridge, timelineTarget } from './embedBridge';
import { EmbedCaption, EmbedThetaSlider } from './EmbedParts';
import '../figure/figures.css';
import './embed.css';

export const EMBED_FIGURES = ['toy', 'mean', 'member', 'probe', 'invariance'] as const;
export type EmbedFigureId = (typeof EMBED_FIGURES)[number];

export function isEmbedFigure(id: string | null): id is EmbedFigureId {
  return (EMBED_FIGURES as readonly (string | null)[]).includes(id);
}

export default function EmbedFigure({ panel, params }: { panel: EmbedFigureId; params: URLSearchParams }) {
  const key = params.toString();
  const { timeline, opening } = useMemo(() => {
    const { config } = configFromParams(params);
    const opening = parseEmbedOpening(params, config);
    const t = new ToyTimeline(config, opening.member, { forceLive: params.get('live') === '1', trainingLock: pageTrainingLock() });
    t.rotate(opening.theta);
    return { timeline: t, opening };
  }, [key]); // eslint-disable-line react-hooks/exhaustive-deps
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    // Open where the URL says, before the bridge announces `ready`: subscribed first, so the parent's first state
    // event already shows the requested step.
    const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    let opened = false;
    const open = () => {
      if (opened || timeline.state.status === 'loading') return;
      opened = true;
      if (opening.step !== null && opening.step > 0) timeline.seek(opening.step);
      if (opening.autoplay && !reduced) timeline.play();
    };
    const unsubOpen = timeline.store.subscribe(open);
    open();
    const stop = startBridge(timelineTarget(panel, timeline), params, () => Math.ceil(box.current?.getBoundingClientRect().height ?? 0));
    const onVis = () => timeline.setShown(!document.hidden);
    document.addEventListener('visibilitychange', onVis);
    // Printing (reveal's ?print-pdf, a PDF export): freeze on the snapshot on screen.
    const onPrint = () => timeline.pause();
    window.addEventListener('beforeprint', onPrint);
    return () => {
      unsubOpen();
      stop();
      document.removeEventListener('visibilitychange', onVis);
      window.removeEventListener('beforeprint', onPrint);
      timeline.dispose();
    };
  }, [timeline]); // eslint-disable-line react-hooks/exhaustive-deps

  const controls = params.get('controls') !== '0';
  const id = `embed-${panel}`;
  return (
    <div ref={box} className={`embed-figure embed-fit embed-${panel}`} data-testid="embed-figure" data-panel={panel}>
      <div className="embed-stage">
        {(panel === 'toy' || panel === 'mean' || panel === 'member') && <ToyPair timeline={timeline} idPrefix={id} showProbe only={panel === 'toy' ? undefined : panel} />}
        {panel === 'probe' && <ProbeChart timeline={timeline} idPrefix={id} />}
        {panel === 'invariance' && <InvarianceChart timeline={timeline} idPrefix={id} />}
      </div>
      <EmbedCaption timeline={timeline} panel={panel} idPrefix={id} />
      {controls && (
        <div className="embed-controls">
          {(panel === 'probe' || panel === 'toy') && <EmbedThetaSlider timeline={timeline} idPrefix={id} />}
          <TimelineControls timeline={timeline} idPrefix={id} compact />
        </div>
      )}
    </div>
  );
}
