/**
 * #/slides/<n>: talk mode. One figure per slide in the talk's order, keyboard-driven: Space/→ next, ← back,
 * Home/End, P play/pause the probe sweep, R rotate the probe by 45°, T train live, F fullscreen. The toy sequence shows one
 * recorded run (seed 1), so the pictures are identical on every showing; "Recompute live" retrains it here.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { HashRoute } from '../../state/hashRoute';
import { DEFAULT_CONFIG } from '../../core/ensemble/config';
import { stepLabel } from '../../core/ensemble/schedule';
import { ToyTimeline } from '../common/figure/toyTimeline';
import { frameAtStep, InvarianceChart, ProbeChart, ToyPair } from '../common/figure/ToyFigures';
import { OrbitDiagram } from '../common/figure/OrbitDiagram';
import { prefersReducedMotion, usePageVisible } from '../common/figure/usePageVisibility';
import { OspTable } from '../common/figure/OspTable';
import { Tex } from '../common/Tex';
import { SLIDES, type SlideDef } from './slideList';
import '../common/figure/figures.css';
import './slides.css';

const SWEEP_DEG_PER_S = 30;

function slideIndex(route: HashRoute): { index: number; notice: string | null } {
  const raw = route.path[1];
  if (raw === undefined) return { index: 0, notice: null };
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > SLIDES.length) {
    const clamped = Number.isFinite(n) ? Math.min(SLIDES.length, Math.max(1, Math.round(n))) : 1;
    return { index: clamped - 1, notice: `there is no slide “${raw.slice(0, 20)}”; showing slide ${clamped} of ${SLIDES.length}` };
  }
  return { index: n - 1, notice: null };
}

function go(index: number, route: HashRoute) {
  const q = route.params.toString();
  window.location.replace(`#/slides/${index + 1}${q ? `?${q}` : ''}`);
}

export default function Slides({ route }: { route: HashRoute }) {
  const { index, notice } = slideIndex(route);
  const slide = SLIDES[index];
  const timeline = useMemo(() => new ToyTimeline(DEFAULT_CONFIG, 0), []);
  useEffect(() => () => timeline.dispose(), [timeline]);
  const [sweeping, setSweeping] = useState(false);
  const [message, setMessage] = useState('');
  const visible = usePageVisible();
  const routeRef = useRef(route);
  routeRef.current = route;
  // The slide keys read the index from this ref. It follows the route only when the route's index changes, so a
  // render that happens before a key's hash change has arrived cannot undo the key (see `move` below).
  const indexRef = useRef(index);
  const routedIndex = useRef(index);
  if (routedIndex.current !== index) {
    routedIndex.current = index;
    indexRef.current = index;
  }
  const headingRef = useRef<HTMLHeadingElement>(null);

  // The probe sweep: anything that moves has P to pause it, stops in a hidden tab, and never starts by itself.
  useEffect(() => {
    if (!sweeping || !visible) return;
    let last = performance.now();
    let raf = requestAnimationFrame(function tick(now) {
      const dt = (now - last) / 1000;
      last = now;
      timeline.rotate(timeline.state.theta + (dt * SWEEP_DEG_PER_S * Math.PI) / 180);
      raf = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(raf);
  }, [sweeping, visible, timeline]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const el = e.target as HTMLElement | null;
      const tag = el?.tagName;
      if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') return;
      const onControl = tag === 'BUTTON' || tag === 'A';
      const i = indexRef.current;
      const r = routeRef.current;
      // The hash changes at once but the re-render that updates indexRef comes later: record the target now, so a
      // second key pressed in between counts from the new slide (a fast ArrowRight, ArrowLeft went back two).
      const move = (target: number) => {
        indexRef.current = target;
        go(target, r);
      };
      switch (e.key) {
        case ' ':
        case 'Spacebar':
          if (onControl) return;
          e.preventDefault();
          if (i < SLIDES.length - 1) move(i + 1);
          return;
        case 'ArrowRight':
        case 'PageDown':
          e.preventDefault();
          if (i < SLIDES.length - 1) move(i + 1);
          return;
        case 'ArrowLeft':
        case 'PageUp':
          e.preventDefault();
          if (i > 0) move(i - 1);
          return;
        case 'Home':
          e.preventDefault();
          move(0);
          return;
        case 'End':
          e.preventDefault();
          move(SLIDES.length - 1);
          return;
        case 'p':
        case 'P':
          if (prefersReducedMotion()) {
            timeline.rotate(timeline.state.theta + Math.PI / 8);
            setMessage('Reduced motion is on: P rotates the probe one step instead of sweeping.');
            return;
          }
          setSweeping((v) => {
            setMessage(v ? 'Probe sweep paused' : 'Probe sweep playing');
            return !v;
          });
          return;
        case 'r':
        case 'R':
          timeline.rotate(timeline.state.theta + Math.PI / 4);
          setMessage(`Probe rotated to ${Math.round((timeline.state.theta * 180) / Math.PI)}°`);
          return;
        case 't':
        case 'T':
          // Talk mode: train the recorded run live, here, from step 0 (the figures fill in as snapshots arrive).
          if (timeline.state.source === 'recorded') {
            timeline.recomputeLive();
            setMessage('Training live');
          } else if (timeline.state.source === 'live') {
            if (timeline.state.status === 'running') timeline.pause();
            else timeline.play();
          }
          return;
        case 'f':
        case 'F':
          if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
          else void document.documentElement.requestFullscreen?.().catch(() => setMessage('Fullscreen is not available here'));
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [timeline]);

  return (
    <div className="slides" data-testid="slides" data-slide={index + 1} data-slide-id={slide.id}>
      {notice && (
        <p role="status" className="notice" data-testid="slide-notice">
          {notice}
        </p>
      )}
      <section className="slide" aria-roledescription="slide" aria-labelledby="slide-title" data-testid="slide">
        <h1 id="slide-title" ref={headingRef} data-testid="slide-title">
          {slide.title}
        </h1>
        <SlideBody slide={slide} timeline={timeline} />
      </section>
      <nav className="slide-nav" aria-label="Slides">
        <button type="button" onClick={() => go(Math.max(0, index - 1), route)} disabled={index === 0} aria-keyshortcuts="ArrowLeft">
          ← Back
        </button>
        <span className="slide-number" data-testid="slide-number" aria-live="polite">
          {index + 1} / {SLIDES.length}
        </span>
        <button type="button" onClick={() => go(Math.min(SLIDES.length - 1, index + 1), route)} disabled={index === SLIDES.length - 1} aria-keyshortcuts="ArrowRight Space">
          Next →
        </button>
        <button type="button" onClick={() => setSweeping((v) => !v)} aria-pressed={sweeping} aria-keyshortcuts="P" data-testid="sweep-toggle" disabled={prefersReducedMotion()}>
          {sweeping ? 'Pause probe sweep' : 'Play probe sweep'}
        </button>
        <button type="button" onClick={() => timeline.rotate(timeline.state.theta + Math.PI / 4)} aria-keyshortcuts="R">
          Rotate probe
        </button>
        <a href="#/">Leave the slides</a>
        <span className="slide-help">Keys: Space/→ next · ← back · Home/End · P sweep · R rotate · T train live · F fullscreen</span>
        <span role="status" className="slide-message">
          {message}
        </span>
      </nav>
    </div>
  );
}

function SlideBody({ slide, timeline }: { slide: SlideDef; timeline: ToyTimeline }) {
  const s = useStore(timeline.store);
  switch (slide.kind) {
    case 'title':
      return (
        <div className="slide-body slide-title-body">
          <p className="slide-lead">Train many networks on rotated data. None of them is rotation-invariant; their average is, for the rotations in the data, up to noise that shrinks like 1/√E.</p>
          <p>Symmetry Lab · after J. E. Gerken &amp; P. Kessel, ICML 2024</p>
        </div>
      );
    case 'orbit':
      return (
        <div className="slide-body slide-split">
          <OrbitDiagram n={8} theta={s.theta} size={360} />
          <div>
            {slide.tex?.map((t) => <Tex key={t} block>{t}</Tex>)}
            <p>Press R to rotate the probe, P to sweep it.</p>
          </div>
        </div>
      );
    case 'tex':
      return (
        <div className="slide-body">
          {slide.tex?.map((t) => <Tex key={t} block>{t}</Tex>)}
          {slide.bullets && (
            <ul>
              {slide.bullets.map((b, i) => (
                <li key={i}>{b}</li>
              ))}
            </ul>
          )}
        </div>
      );
    case 'list':
      return (
        <div className="slide-body">
          <ul className="slide-list">
            {slide.bullets?.map((b, i) => (
              <li key={i}>{b}</li>
            ))}
          </ul>
        </div>
      );
    case 'toy': {
      const frame = frameAtStep(s, slide.toyStep!);
      return (
        <div className="slide-body" data-testid="toy-frame" data-step={frame?.step ?? -1} data-label={slide.title}>
          <ToyPair timeline={timeline} step={slide.toyStep} idPrefix="slide-toy" />
          <SourceLine timeline={timeline} step={slide.toyStep!} />
        </div>
      );
    }
    case 'probe':
      return (
        <div className="slide-body slide-split">
          <ToyPair timeline={timeline} step={2000} idPrefix="slide-probe-pair" />
          <ProbeChart timeline={timeline} idPrefix="slide-probe" step={2000} />
          <SourceLine timeline={timeline} step={2000} />
        </div>
      );
    case 'invariance':
      return (
        <div className="slide-body">
          <InvarianceChart timeline={timeline} idPrefix="slide-inv" showAll />
          <SourceLine timeline={timeline} />
        </div>
      );
    case 'table':
      return (
        <div className="slide-body">
          <OspTable caption="Orbit same predictions out of distribution (higher is better; the maximum is |G|)" talkStyle className="numbers slide-table" />
          <p data-testid="slide-table-note">
            From the talk (Gerken &amp; Kessel, ICML 2024). The images lab reproduces the ordering DeepEns+DA above augmentation alone at browser scale. It
            does not reproduce the canonicalisation row: its canonicaliser is built from image moments, not the paper's learned one, so that comparison does
            not carry over. The lab computes its own numbers beside the published ones.
          </p>
        </div>
      );
  }
}

function SourceLine({ timeline, step }: { timeline: ToyTimeline; step?: number }) {
  const s = useStore(timeline.store);
  return (
    <p className="slide-source" data-testid="slide-source" data-source={s.source} data-step={s.source === 'live' ? s.step : ''}>
      {s.source === 'recorded' && (
        <>
          <span className="badge recorded-badge">Recorded run</span> C8, {s.config.ensembleSize} members, seed {s.config.seed}, {s.frames.filter((f) => !f.light).length} snapshots and {s.frames.filter((f) => f.light).length} light frames to step{' '}
          {s.frames[s.frames.length - 1]?.step ?? '–'}.{' '}
          <button type="button" onClick={() => timeline.recomputeLive()} data-testid="slide-play-training" aria-keyshortcuts="T">
            Play training (live)
          </button>
        </>
      )}
      {s.source === 'live' && (
        <>
          <span className="badge live-badge">Live</span> step {s.step} of {s.totalSteps}
          {step !== undefined && !frameAtStep(s, step) && ` — ${stepLabel(step)} is not computed yet`}{' '}
          <button type="button" onClick={() => (s.status === 'running' ? timeline.pause() : timeline.play())}>
            {s.status === 'running' ? 'Pause training' : 'Train'}
          </button>
        </>
      )}
      {s.source === 'loading' && 'Loading the recorded run…'}
    </p>
  );
}
