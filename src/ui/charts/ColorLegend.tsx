/** A colour bar with numeric ticks for a heatmap's scale. */
import type { HeatmapScale } from './PolarHeatmap';
import { interpolateRdBu, interpolateViridis } from 'd3';

export function ColorLegend({ scale, label }: { scale: HeatmapScale; label: string }) {
  const stops = Array.from({ length: 11 }, (_, i) => i / 10);
  const at = scale.kind === 'diverging' ? interpolateRdBu : interpolateViridis;
  const ticks =
    scale.kind === 'diverging'
      ? [-scale.limit, 0, scale.limit]
      : [scale.lo, Math.sqrt(scale.lo * scale.hi), scale.hi];
  const id = `grad-${label.replace(/\W+/g, '-')}-${scale.kind}`;
  return (
    <svg className="color-legend" viewBox="0 0 300 34" width="100%" style={{ maxWidth: 300 }} role="img" aria-label={`${label} colour scale from ${ticks[0].toPrecision(2)} to ${ticks[2].toPrecision(2)}${scale.kind === 'log' ? ', logarithmic' : ''}`}>
      <defs>
        <linearGradient id={id}>
          {stops.map((t) => (
            <stop key={t} offset={t} stopColor={at(t)} />
          ))}
        </linearGradient>
      </defs>
      <rect x={10} y={2} width={280} height={12} fill={`url(#${id})`} />
      {ticks.map((t, i) => (
        <text key={i} x={10 + i * 140} y={28} fontSize="10" textAnchor={i === 0 ? 'start' : i === 2 ? 'end' : 'middle'}>
          {Math.abs(t) < 1e-2 && t !== 0 ? t.toExponential(0) : t.toPrecision(2)}
        </text>
      ))}
    </svg>
  );
}
