import { lazy, Suspense } from 'react';
import { useHashRoute } from '../../state/useHashRoute';
import { ErrorBoundary } from './ErrorBoundary';
import { Header } from './Header';
import { SkipLink } from './SkipLink';
import { PANELS, findPanel } from '../lab/panelRegistry';
import { EMBED_FIGURE_IDS } from './embedFigureIds';

// Every route is its own lazy chunk: the first paint needs only React and this shell.
const Article = lazy(() => import('../article/Article'));
const Slides = lazy(() => import('../slides/Slides'));
const EmbedFigure = lazy(() => import('../common/embed/EmbedFigure'));
const LabEmbed = lazy(() => import('../common/embed/LabEmbed'));
// The link check needs every URL table; it loads beside the route's chunk and never delays the first paint.
const ShellNotices = lazy(() => import('./ShellNotices'));

/** The app: a header and one route. `embed=1` drops the chrome; `panel=` picks one figure. */
export function App() {
  const route = useHashRoute();
  const embed = route.params.get('embed') === '1';
  const panelParam = route.params.get('panel');
  const [first, second] = route.path;
  const isLab = first === 'lab';

  let body;
  if (embed && panelParam && EMBED_FIGURE_IDS.includes(panelParam)) {
    body = (
      <ErrorBoundary what="the embedded figure" key={`embed-${panelParam}`}>
        <Suspense fallback={<p role="status">Loading the figure…</p>}>
          <EmbedFigure panel={panelParam as 'toy'} params={route.params} />
        </Suspense>
      </ErrorBoundary>
    );
  } else if (isLab || (embed && panelParam && findPanel(panelParam))) {
    const id = isLab ? second : panelParam!;
    const panel = findPanel(id) ?? findPanel('toy')!;
    const Panel = panel.component;
    body = (
      <ErrorBoundary what={`the ${panel.title} panel`} key={panel.id}>
        {id && !findPanel(id) && (
          <p role="status" className="notice">
            There is no panel called “{id}”; showing the toy example instead.
          </p>
        )}
        <Suspense fallback={<p role="status">Loading the {panel.title} panel…</p>}>
          <Panel />
          {embed && <LabEmbed panel={panel.id} params={route.params} />}
        </Suspense>
      </ErrorBoundary>
    );
  } else if (first === 'slides') {
    body = (
      <ErrorBoundary what="the slides">
        <Suspense fallback={<p role="status">Loading the slides…</p>}>
          <Slides route={route} />
        </Suspense>
      </ErrorBoundary>
    );
  } else {
    body = (
      <ErrorBoundary what="the article">
        <Suspense fallback={<p role="status">Loading the article…</p>}>
          <Article />
        </Suspense>
      </ErrorBoundary>
    );
  }

  const slides = first === 'slides';
  return (
    <div className={embed ? 'app app-embed' : slides ? 'app app-slides' : 'app'}>
      {!embed && isLab && <SkipLink />}
      {!embed && !slides && <Header activePanel={isLab ? second : undefined} panels={PANELS} route={route} />}
      <main id="main">
        <Suspense fallback={null}>
          <ShellNotices route={route} />
        </Suspense>
        {body}
      </main>
    </div>
  );
}
