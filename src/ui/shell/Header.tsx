import type { PanelEntry } from '../lab/panelRegistry';
import { BackendBadge } from './BackendBadge';

interface Props {
  activePanel: string | undefined;
  panels: PanelEntry[];
}

export function Header({ activePanel, panels }: Props) {
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
        </ul>
      </nav>
      <BackendBadge />
    </header>
  );
}
