/** Maths typeset with KaTeX, bundled locally (its fonts ship with the build; no network). */
import { useMemo } from 'react';
import katex from 'katex';
import 'katex/dist/katex.min.css';

export function Tex({ children, block = false }: { children: string; block?: boolean }) {
  // Panels re-render at every snapshot; the typeset HTML only changes with the formula.
  const html = useMemo(
    () => katex.renderToString(children, { displayMode: block, throwOnError: false, output: 'htmlAndMathml', strict: 'ignore' }),
    [children, block],
  );
  const Tag = block ? 'div' : 'span';
  return <Tag className={block ? 'tex tex-block' : 'tex'} dangerouslySetInnerHTML={{ __html: html }} />;
}
