/** Maths typeset with KaTeX, bundled locally (its fonts ship with the build; no network). */
import katex from 'katex';
import 'katex/dist/katex.min.css';

export function Tex({ children, block = false }: { children: string; block?: boolean }) {
  const html = katex.renderToString(children, { displayMode: block, throwOnError: false, output: 'htmlAndMathml', strict: 'ignore' });
  const Tag = block ? 'div' : 'span';
  return <Tag className={block ? 'tex tex-block' : 'tex'} dangerouslySetInnerHTML={{ __html: html }} />;
}
