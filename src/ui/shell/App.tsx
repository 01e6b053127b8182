import { Suspense } from 'react';
import { useHashRoute } from './useHashRoute';
import { ErrorBoundary } from './ErrorBoundary';
import { Header } from './Header';
import { PANELS, findPanel } from '../lab/panelRegistry';
import { Article } from '../article/Article';

/** The app: a header and one route. `embed=1` drops the chrome. */
export function App() {
  const route = useHashRoute();
  const embed = route.params.get('embed') === '1';
  const [first, second] = route.path;

  let body;
  if (first === 'lab') {
    const panel = findPanel(second) ?? findPanel('toy')!;
    const Panel = panel.component;
    body = (
      <ErrorBoundary what={`the ${panel.title} panel`} key={panel.id}>
        {second && !findPanel(second) && (
          <p role="status" className="notice">
            There is no panel called “{second}”; showing the toy example instead.
          </p>
        )}
        <Suspense fallback={<p role="status">Loading the {panel.title} panel…</p>}>
          <Panel />
        </Suspense>
      </ErrorBoundary>
    );
  } else {
    body = (
      <ErrorBoundary what="the article">
        <Article />
      </ErrorBoundary>
    );
  }

  return (
    <div className={embed ? 'app app-embed' : 'app'}>
      {!embed && <Header activePanel={first === 'lab' ? second : undefined} panels={PANELS} />}
      <main id="main">{body}</main>
    </div>
  );
}
