/**
 * The shell's notice for a link it had to adjust: an unknown page, and every parameter the route's URL table (or the
 * route-level checks) clamped or ignored. A lazy chunk of its own: the checks need every panel's URL table, the toy
 * config and the embedding's parsers (about 10 kB), which the first paint does not; the notice follows a moment later.
 */
import type { HashRoute } from '../../state/hashRoute';
import { urlNotices } from '../../state/urlNotices';
import { shellLinkCheck } from '../../state/urlTables';
import { UrlNotice } from '../common/UrlNotice';
import { PANELS } from '../lab/panelRegistry';
import { EMBED_FIGURE_IDS } from './embedFigureIds';

export default function ShellNotices({ route }: { route: HashRoute }) {
  const embed = route.params.get('embed') === '1';
  const panelParam = route.params.get('panel');
  const [first] = route.path;
  const knownRoute = first === undefined || first === 'lab' || first === 'slides';
  const notices = urlNotices(route.params, {
    panels: [...EMBED_FIGURE_IDS, ...PANELS.map((p) => p.id)],
    // A figure embed (panel=mean…) shows the toy run; a lab embed (panel=vector…) reads that lab's table.
    ...shellLinkCheck(route.path, embed && panelParam && !EMBED_FIGURE_IDS.includes(panelParam) ? panelParam : null),
  });
  if (!knownRoute) notices.unshift(`there is no page “#/${route.path.join('/')}”; showing the article`);
  return <UrlNotice notices={notices} />;
}
