/**
 * One heatmap figure as the labs lay it out: a card with its heading, the polar heatmap, the colour legend of the same
 * scale (so the legend can never disagree with the colours), and an optional caption.
 */
import type { ReactNode } from 'react';
import { ColorLegend } from './ColorLegend';
import { PolarHeatmap, type PolarHeatmapProps } from './PolarHeatmap';

export function HeatmapCard({
  heading,
  level = 3,
  legend,
  caption,
  ...heatmap
}: PolarHeatmapProps & {
  heading: ReactNode;
  /** The heading's level: 4 inside a lab section that has its own h3. */
  level?: 3 | 4;
  /** The colour legend's label, e.g. "Output" or "Deviation". */
  legend: string;
  caption?: ReactNode;
}) {
  const Heading = level === 4 ? 'h4' : 'h3';
  return (
    <div className="figure-card">
      <Heading>{heading}</Heading>
      <PolarHeatmap {...heatmap} />
      <ColorLegend scale={heatmap.scale} label={legend} />
      {caption && <figcaption>{caption}</figcaption>}
    </div>
  );
}
