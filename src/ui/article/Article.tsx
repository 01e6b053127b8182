/**
 * #/: the article. The talk's story in the project's own words, one idea per section. Its figures are compact, live
 * versions of the lab panels: they play a recorded run when scrolled into view (and pause off screen), retrain on
 * "Recompute live", and open the full panel with the same settings.
 */
import { Suspense, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { DEFAULT_CONFIG } from '../../core/ensemble/config';
import { ToyTimeline } from '../common/figure/toyTimeline';
import { InvarianceChart, ProbeChart, ThetaSlider, TimelineControls, ToyPair } from '../common/figure/ToyFigures';
import { OrbitDiagram } from '../common/figure/OrbitDiagram';
import { useAutoplayInView } from '../common/figure/useAutoplayInView';
import { Tex } from '../common/Tex';
import { ErrorBoundary } from '../shell/ErrorBoundary';
import { findPanel } from '../lab/panelRegistry';
import { ExportButtons } from '../common/ExportButtons';
import { OspTable } from '../common/figure/OspTable';
import { HeroFigure } from './HeroFigure';
import '../common/figure/figures.css';
import './article.css';

/** The article's sections in order, id → title: the table of contents and every section's numbered heading read this. */
const SECTION_TITLES = {
  symmetries: 'Symmetries',
  representations: 'Representations',
  layers: 'Equivariant layers',
  lattice: 'Gauge symmetry on a lattice',
  routes: 'Other routes to equivariance',
  emergence: 'Emergent equivariance in deep ensembles',
  ntk: 'Why: the neural tangent kernel',
  toy: 'The toy example, step by step',
  images: 'Rotated images',
  takeaways: 'Takeaways',
} as const;
type SectionId = keyof typeof SECTION_TITLES;

export const ARTICLE_SECTIONS = (Object.keys(SECTION_TITLES) as SectionId[]).map((id) => ({ id, title: SECTION_TITLES[id] }));

/** One section of the article: its anchor (`#sec-<id>`, the contents' target), and its heading numbered by its place in the list. */
function ArticleSection({ id, children }: { id: SectionId; children: ReactNode }) {
  const number = ARTICLE_SECTIONS.findIndex((s) => s.id === id) + 1;
  return (
    <section id={`sec-${id}`} aria-labelledby={`h-${id}`} data-section={id}>
      <h2 id={`h-${id}`}>
        {number}. {SECTION_TITLES[id]}
      </h2>
      {children}
    </section>
  );
}

function useTimeline() {
  const t = useMemo(() => new ToyTimeline(DEFAULT_CONFIG, 0), []);
  useEffect(() => () => t.dispose(), [t]);
  return t;
}

/** A toy figure that starts when scrolled into view. */
function ToyFigure({ id, caption, noAug = false, probe = false, invariance = false }: { id: string; caption: string; noAug?: boolean; probe?: boolean; invariance?: boolean }) {
  const timeline = useTimeline();
  const ref = useRef<HTMLElement>(null);
  const inView = useAutoplayInView(ref, timeline);
  const s = useStore(timeline.store);
  return (
    <figure ref={ref} className="article-figure" data-testid={`article-fig-${id}`} data-in-view={inView ? '1' : '0'} data-status={s.status}>
      <ToyPair timeline={timeline} idPrefix={`art-${id}`} showNoAug={noAug} showProbe={probe} />
      {probe && (
        <>
          <ProbeChart timeline={timeline} idPrefix={`art-${id}`} />
          <ThetaSlider timeline={timeline} idPrefix={`art-${id}`} />
        </>
      )}
      {invariance && <InvarianceChart timeline={timeline} idPrefix={`art-${id}`} />}
      <TimelineControls timeline={timeline} idPrefix={`art-${id}`} />
      <ExportButtons name={`symmetry-lab-${id}`} target={() => ref.current} data={() => timelineExport(timeline)} />
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

function timelineExport(t: ToyTimeline) {
  const s = t.state;
  const frame = s.index === null ? s.frames[s.frames.length - 1] : s.frames[s.index];
  return {
    series: {
      columns: ['step', 'loss', 'mean_rstd_off', 'member_rstd_off', 'selected_rstd_off', 'noaug_mean_rstd_off'],
      rows: s.frames.map((f) => [f.step, f.metrics.loss, f.metrics.mean.off.relativeStd, f.metrics.member.off.relativeStd, f.metrics.selected.off.relativeStd, f.metrics.noAugMean?.off.relativeStd ?? NaN]),
    },
    snapshot: frame ? { source: s.source, config: s.config, memberIndex: s.memberIndex, step: frame.step, metrics: frame.metrics, mean: Array.from(frame.mean), member: Array.from(frame.member) } : null,
  };
}

/** The symmetry figure: an orbit under C_n, rotated by hand (no motion of its own). */
function OrbitFigure() {
  const [deg, setDeg] = useState(30);
  const [n, setN] = useState(8);
  return (
    <figure className="article-figure" data-testid="article-fig-orbit">
      <OrbitDiagram n={n} theta={(deg * Math.PI) / 180} />
      <div className="controls">
        <label>
          Rotate the probe <input type="range" min={0} max={359} value={deg} onChange={(e) => setDeg(Number(e.target.value))} aria-valuetext={`${deg} degrees`} /> <output>{deg}°</output>
        </label>
        <label>
          Group{' '}
          <select value={n} onChange={(e) => setN(Number(e.target.value))}>
            {[2, 4, 8, 16].map((k) => (
              <option key={k} value={k}>
                C{k}
              </option>
            ))}
          </select>
        </label>
        <a href="#/lab/orbit">Open in lab</a>
      </div>
      <figcaption>An invariant function takes one value on the whole orbit: at x, at its {n} rotated copies, and (for SO(2)) on the whole dashed circle.</figcaption>
    </figure>
  );
}

/** A full lab panel, loaded only when asked for (heavy panels are their own lazy chunks). */
function PanelOnDemand({ id, what }: { id: string; what: string }) {
  const [open, setOpen] = useState(false);
  const panel = findPanel(id);
  if (!panel) return null;
  const Panel = panel.component;
  return (
    <div className="panel-on-demand" data-testid={`article-panel-${id}`}>
      <div className="controls">
        <button type="button" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
          {open ? `Hide the ${what}` : `Show the ${what} here`}
        </button>
        <a href={`#/lab/${id}`}>Open in lab</a>
      </div>
      {open && (
        <div className="panel-embed-box">
          <ErrorBoundary what={`the ${panel.title} panel`}>
            <Suspense fallback={<p role="status">Loading the {panel.title} panel…</p>}>
              <Panel />
            </Suspense>
          </ErrorBoundary>
        </div>
      )}
    </div>
  );
}

export default function Article() {
  return (
    <article className="article" data-testid="article">
      <header>
        <h1>Emergent equivariance in deep ensembles</h1>
        <HeroFigure />
        <p className="lede">
          Train many networks on data rotated by every element of a symmetry group. None of them learns to ignore the rotation. Their average does, everywhere
          in the plane: exactly in the limit of infinitely many members, at every step of training, and up to noise that shrinks like 1/√E for E members. This page shows why, with figures that train or replay in your browser.
        </p>
        <nav aria-label="Sections" className="toc">
          <ol>
            {ARTICLE_SECTIONS.map((s) => (
              <li key={s.id}>
                <a href={`#/`} onClick={(e) => { e.preventDefault(); document.getElementById(`sec-${s.id}`)?.scrollIntoView({ behavior: 'auto' }); }}>
                  {s.title}
                </a>
              </li>
            ))}
          </ol>
        </nav>
        <p>
          Giving a talk? Open the <a href="#/slides/1">slides</a>. Embedding a figure? See the <a href="./embed-demo.html">embedding demo</a>.
        </p>
      </header>

      <ArticleSection id="symmetries">
        <p>
          A symmetry is a transformation that should not change the answer. Rotate a picture of a cell, and it is still the same cell. A function f is{' '}
          <em>invariant</em> under a group G when <Tex>{'f(\\rho(g)\\,x) = f(x)'}</Tex> for every g in G: it takes one value on each orbit.
        </p>
        <OrbitFigure />
      </ArticleSection>

      <ArticleSection id="representations">
        <p>
          Groups act on data through representations, matrices <Tex>{'\\rho: G\\to\\mathbb{R}^{n\\times n}'}</Tex>. Positions and forces use the defining
          representation; a scalar field moves its argument, <Tex>{'(\\rho_{\\mathrm{reg}}(g)f)(x) = f(\\rho(g^{-1})x)'}</Tex>; a vector field does both,
          <Tex>{'\\;f(x)\\to\\pi(g)f(\\rho^{-1}(g)x)'}</Tex>.
        </p>
        <PanelOnDemand id="reps" what="representations panel" />
      </ArticleSection>

      <ArticleSection id="layers">
        <p>A linear layer M commutes with the symmetry exactly when it is an intertwiner:</p>
        <Tex block>{'M\\rho_{\\mathrm{in}}(g) = \\rho_{\\mathrm{out}}(g)M\\qquad\\forall g\\in G.'}</Tex>
        <p>
          Schur's lemma fixes M on irreducible blocks; for the regular representation the solutions are group convolutions. Building such layers by hand is
          the classical route to equivariance.
        </p>
      </ArticleSection>

      <ArticleSection id="lattice">
        <p>
          In lattice field theory the group element may change from site to site. Links transform as{' '}
          <Tex>{'U_\\mu(x)\\to\\rho(g(x))U_\\mu(x)\\rho^\\dagger(g(x+\\hat\\mu))'}</Tex>, so closed loops W transform at one site only and their traces are
          invariant: the raw material of gauge-equivariant networks.
        </p>
        <PanelOnDemand id="loops" what="loop observables panel" />
      </ArticleSection>

      <ArticleSection id="routes">
        <ul>
          <li>Average the model over the group: exact, at the price of |G| evaluations.</li>
          <li>Canonicalise the input first: exact, but it needs an equivariant map to the group.</li>
          <li>Augment the data with transformed copies: easy and architecture-free, but no single model becomes exactly equivariant.</li>
        </ul>
        <p>The last route looks like the weakest. The rest of this page shows when it is exact.</p>
        <PanelOnDemand id="ways" what="routes comparison panel" />
      </ArticleSection>

      <ArticleSection id="emergence">
        <p>
          Train an ensemble of E networks from independent random initialisations on data augmented with the rotations C8. Then compare one member with the
          ensemble mean <Tex>{'\\bar f(x) = \\tfrac1E\\sum_k f_k(x)'}</Tex>. The member is lopsided; the mean has the eight-fold symmetry up to noise that
          shrinks like 1/√E, even away from the three training points.
        </p>
        <ToyFigure id="emergence" caption="Left: the mean of 64 networks, trained on the three points and their C8 rotations (dots). Right: member 0 of the same ensemble. Third: the same ensemble trained without augmentation. Colour: network output." noAug />
      </ArticleSection>

      <ArticleSection id="ntk">
        <p>In the infinite-width limit the ensemble mean follows a closed-form trajectory:</p>
        <Tex block>{'\\mu_t(x) = \\Theta(x, X)\\,\\Theta(X,X)^{-1}\\bigl(\\mathbb{I}-e^{-\\eta\\Theta(X,X)t/N}\\bigr)Y.'}</Tex>
        <p>
          Here the loss is <Tex>{'L = \\tfrac{1}{2N}\\sum_i (f(x_i) - y_i)^2'}</Tex> over the N augmented points, hence the 1/N in the exponent. With full
          augmentation, rotating x permutes the training set: ρ(g) induces an index permutation Π(g) of the N points, so{' '}
          <Tex>{'\\Theta(\\rho(g)x, X) = \\Theta(x, X)\\,\\Pi(g)^{\\top}'}</Tex>. The labels are permuted, not rotated, and invariant labels do not change
          under that permutation, <Tex>{'\\Pi(g)^{\\top}Y = Y'}</Tex>; Π(g) commutes with Θ(X, X), so <Tex>{'\\mu_t(\\rho(g)x) = \\mu_t(x)'}</Tex> for every g in the
          group the data were augmented with. This holds at every training time and away from the data, for the infinite ensemble. Infinitely many members
          matter: E members estimate <Tex>{'\\mu_t'}</Tex> with noise that shrinks like <Tex>{'1/\\sqrt{E}'}</Tex>, so their mean is invariant only up to that noise.
          Infinite width enters differently: a finite-width ensemble's mean drifts away from the NTK formula above, but its infinite ensemble stays exactly
          invariant, because the initial distribution of the weights is itself invariant and, with full augmentation, training commutes with the rotation.
          Orbit-closed ensembles show this at finite width.
        </p>
        <PanelOnDemand id="ntk" what="NTK theory panel" />
      </ArticleSection>

      <ArticleSection id="toy">
        <p>
          Scrub the timeline, or rotate the probe (the ringed point) around its orbit. The curve below the maps reads the output along the whole SO(2) orbit,
          while the ensemble was trained with C8 only. The claim is about the eight marked group angles: there the mean agrees up to 1/√E noise, and the
          member does not. Between them the mean is 2π/8-periodic, not flat. At initialisation the mean looks flat only because it is small, about 1/√E of a
          member; the numbers under the deviation chart say so.
        </p>
        <ToyFigure id="toy" caption="The same recorded run (seed 1, C8): ensemble mean and member 0, the outputs along the probe's orbit (group angles marked), and the orbit relative deviation against training step." probe invariance />
        <p data-testid="orbit-closed-paragraph">
          <strong>Orbit-closed ensembles: the exact finite version.</strong> Why is the infinite ensemble invariant? Because its initial distribution is:
          rotating the first layer's weights, <Tex>{'\\theta \\mapsto g\\cdot\\theta'}</Tex> with <Tex>{'f_{g\\cdot\\theta}(x) = f_\\theta(\\rho(g)^{-1}x)'}</Tex>,
          leaves the Gaussian initialisation unchanged, and the loss on fully augmented data is unchanged too, so gradient descent commutes with the rotation:
          a network started at <Tex>{'g\\cdot\\theta'}</Tex> stays <Tex>{'g\\cdot\\theta_t'}</Tex> at every step. An ensemble that holds, for every drawn
          network, all its <Tex>{'|G|'}</Tex> rotations therefore has a mean that is exactly <Tex>{'C_n'}</Tex>-invariant at every step, at any width, for any E
          that is a multiple of <Tex>{'|G|'}</Tex>. Choose “orbit-closed (exact)” under “Members drawn” in the toy, orbit or vector lab to see it: in
          float32 the mean's orbit deviation stays at rounding level, 1e-7 (measured to step 2000 with tanh at width 64 for C4, C8 and C16: at most
          7e-7, against 0.03–0.7 for an independent ensemble of the same size). With ReLU the rounding between orbit partners occasionally lands on
          opposite sides of a kink at a training point; after step 100 that leaves about 3e-4 (C8, width 64), still a few hundred times below the
          independent ensemble. An ensemble of independent members approximates this symmetric distribution by sampling it, so its mean deviates by
          noise of order <Tex>{'1/\\sqrt{E}'}</Tex>. Finite width moves the mean away from the NTK prediction; it does not break the invariance of the
          infinite ensemble: the orbit-closed runs are invariant at width 64, far from infinite. (Narrower networks trained long amplify the float32
          rounding itself: tanh, width 32, C8 reached 4e-2 at step 2000, a property of the arithmetic, not of the symmetry.)
        </p>
      </ArticleSection>

      <ArticleSection id="images">
        <p>
          The effect is not a toy artefact. On rotated FashionMNIST, an augmented deep ensemble predicts the same class on nearly every rotated copy of an
          out-of-distribution image (orbit same predictions out of |G|). The images lab below reproduces the ordering DeepEns+DA above augmentation alone at
          browser scale; it does not reproduce the canonicalisation row, because its canonicaliser (image moments) is not the paper's learned one:
        </p>
        <OspTable caption="Orbit same predictions (from the talk; higher is better)" />
        <PanelOnDemand id="images" what="rotated images panel" />
      </ArticleSection>

      <ArticleSection id="takeaways">
        <ul>
          <li>If you need an ensemble anyway, augment the data: the ensemble becomes equivariant for free.</li>
          <li>If you augment the data anyway, ensemble: averaging boosts the equivariance.</li>
          <li>The neural tangent kernel turns a training trick into a theorem, and tells you when to trust it.</li>
        </ul>
        <p className="small">After J. E. Gerken and P. Kessel, “Emergent Equivariance in Deep Ensembles”, ICML 2024.</p>
      </ArticleSection>
    </article>
  );
}
