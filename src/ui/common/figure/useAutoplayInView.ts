/**
 * Distill-style figures: a timeline starts playing only when its figure is scrolled into view, pauses when the
 * figure leaves the screen or the tab is hidden, and resumes when it comes back. With prefers-reduced-motion it
 * never starts by itself (Play still works).
 */
import { useEffect, useState, type RefObject } from 'react';
import type { ToyTimeline } from './toyTimeline';
import { prefersReducedMotion } from './usePageVisibility';

export function useAutoplayInView(ref: RefObject<Element | null>, timeline: ToyTimeline, threshold = 0.4): boolean {
  const [inView, setInView] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    let started = false;
    let shown = false;
    const reduced = prefersReducedMotion();
    const update = () => {
      const visible = shown && !document.hidden;
      setInView(visible);
      if (visible && !started && !reduced) {
        const s = timeline.state;
        if (s.status === 'idle') {
          started = true;
          timeline.play();
          return;
        }
        if (s.status === 'loading') {
          const unsub = timeline.store.subscribe((st) => {
            if (st.status !== 'loading') {
              unsub();
              if (shown && !document.hidden && !started && st.status === 'idle') {
                started = true;
                timeline.play();
              }
            }
          });
          return;
        }
      }
      timeline.setShown(visible);
    };
    const io = new IntersectionObserver(
      (entries) => {
        for (const e of entries) shown = e.isIntersecting && e.intersectionRatio >= threshold;
        update();
      },
      { threshold: [0, threshold, 1] },
    );
    io.observe(el);
    document.addEventListener('visibilitychange', update);
    return () => {
      io.disconnect();
      document.removeEventListener('visibilitychange', update);
    };
  }, [ref, timeline, threshold]);
  return inView;
}
