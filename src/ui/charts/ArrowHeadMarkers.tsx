/**
 * SVG arrowheads for `<line markerEnd>`: one filled triangle marker per colour, so each arrow's head has its line's
 * colour. Ids are `${prefix}-${hex}`; the prefix keeps two figures on one page from sharing (and overriding) ids.
 */
export function arrowHeadUrl(prefix: string, color: string): string {
  return `url(#${prefix}-${color.slice(1)})`;
}

export function ArrowHeadMarkers({ prefix, colors }: { prefix: string; colors: readonly string[] }) {
  return (
    <defs>
      {[...new Set(colors)].map((c) => (
        <marker key={c} id={`${prefix}-${c.slice(1)}`} viewBox="0 0 10 10" refX={9} refY={5} markerWidth={5} markerHeight={5} orient="auto-start-reverse">
          <path d="M0,0L10,5L0,10z" fill={c} />
        </marker>
      ))}
    </defs>
  );
}
