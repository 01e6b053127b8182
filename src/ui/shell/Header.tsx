import { lazy, Suspense, useState } from 'react';
import type { PanelEntry } from '../lab/panelRegistry';
import { BadgeNotStarted } from './BadgeNotStarted';
import { formatHash, type HashRoute } from '../../state/hashRoute';
import { withoutSettings } from '../../state/withoutSettings';

interface Props {
  activePanel: string | undefined;
  panels: PanelEntry[];
  route: HashRoute;
}

// The badge reads the training store (and through it the toy config): its own chunk, so the first paint needs neither.
const BackendBadge = lazy(() => import('./BackendBadge').then((m) => ({ default: m.BackendBadge })));

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API refused (insecure context or no permission): fall back to a selected textarea.
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.appendChild(ta);
    ta.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    ta.remove();
    return ok;
  }
}

export function Header({ activePanel, panels, route }: Props) {
  const [copied, setCopied] = useState<string>('');
  const hasSettings = [...route.params.keys()].some((k) => !withoutSettings(route.params).has(k));
  return (
    <header className="site-header">
      <a className="brand" href="#/">
        Symmetry Lab
      </a>
      <nav aria-label="Panels">
        <ul>
          {panels.map((p) => (
            <li key={p.id}>
              <a href={`#/lab/${p.id}`} aria-current={p.id === activePanel ? 'page' : undefined}>
                {p.title}
              </a>
            </li>
          ))}
          <li>
            <a href="#/slides">Slides</a>
          </li>
        </ul>
      </nav>
      <div className="header-actions">
        <button
          type="button"
          data-testid="copy-link"
          onClick={async () => {
            const ok = await copyText(window.location.href);
            setCopied(ok ? 'Link copied' : 'Copy failed: select the address bar');
            window.setTimeout(() => setCopied(''), 3000);
          }}
        >
          Copy link
        </button>
        <button
          type="button"
          data-testid="reset-defaults"
          disabled={!hasSettings}
          onClick={() => window.location.replace(formatHash({ path: route.path, params: withoutSettings(route.params) }))}
        >
          Reset to defaults
        </button>
        <span role="status" className="copy-status">
          {copied}
        </span>
      </div>
      <Suspense fallback={<BadgeNotStarted />}>
        <BackendBadge />
      </Suspense>
    </header>
  );
}
