/**
 * Maths in the lab panels: Tex (KaTeX) loaded on demand, so a panel paints its controls and figures without waiting
 * for KaTeX's chunk (about 270 kB of script and its stylesheet). Until it arrives the formula's TeX source stands in,
 * in the same place, for the few milliseconds a local chunk takes.
 */
import { lazy, Suspense } from 'react';

const KatexTex = lazy(() => import('./Tex').then((m) => ({ default: m.Tex })));

export function Tex({ children, block = false }: { children: string; block?: boolean }) {
  const Tag = block ? 'div' : 'span';
  return (
    <Suspense fallback={<Tag className="tex tex-pending">{children}</Tag>}>
      <KatexTex block={block}>{children}</KatexTex>
    </Suspense>
  );
}
