/**
 * The article's first screen: the phenomenon before any reading. The ensemble mean and one member of the default run
 * side by side, replaying the recorded run (seed 1) as soon as it is on screen, with "Recompute live" to retrain it
 * here. Same figures and controller as the article's later toy figures, in compact form.
 */
import { useEffect, useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import { DEFAULT_CONFIG } from '../../core/ensemble/config';
import { ToyTimeline } from '../common/figure/toyTimeline';
import { TimelineControls, ToyPair } from '../common/figure/ToyFigures';
import { useAutoplayInView } from '../common/figure/useAutoplayInView';
import { groupLabel } from '../../core/ensemble/groupSpec';

export function HeroFigure() {
  const timeline = useMemo(() => new ToyTimeline(DEFAULT_CONFIG, 0), []);
  useEffect(() => () => timeline.dispose(), [timeline]);
  const ref = useRef<HTMLElement>(null);
  const inView = useAutoplayInView(ref, timeline, 0.25);
  const s = useStore(timeline.store);
  const E = s.config.ensembleSize;
  const G = groupLabel(s.config.group);
  return (
    <figure ref={ref} className="article-figure hero-figure" data-testid="article-fig-hero" data-in-view={inView ? '1' : '0'} data-status={s.status}>
      <ToyPair timeline={timeline} idPrefix="art-hero" showProbe={false} />
      <TimelineControls timeline={timeline} idPrefix="art-hero" compact />
      <figcaption>
        Left: the average of {E} networks, each trained on the points rotated by every element of {G}. Right: one of them. As training goes on, the
        mean&apos;s orbit relative deviation (printed under the maps) falls far below the member&apos;s: the
        mean becomes {G}-invariant, the member does not. At initialisation both are noise, the mean about 1/√E smaller in absolute
        terms but not relatively; what the mean keeps later is finite-ensemble noise of that order.
      </figcaption>
    </figure>
  );
}
