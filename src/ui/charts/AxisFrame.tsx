/**
 * The frame every hand-drawn SVG chart of the loops lab shares: an `role="img"` svg named by its one-line summary (as
 * aria-label and as a hover title), the x and y axis lines along the plot margins, and the x-axis label centred under
 * the plot. The chart draws its ticks, marks and legend inside, in the same pixel coordinates.
 */
import type { ReactNode } from 'react';

export interface ChartMargin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** What every loops-lab chart is drawn for: the sampled ensemble's gauge group and coupling β, and its size in pixels. */
export interface LoopsChartProps {
  group: 'U1' | 'SU2';
  beta: number;
  width?: number;
  height?: number;
}

export function AxisFrame({
  width,
  height,
  margin: M,
  summary,
  testId,
  xLabel,
  children,
}: {
  width: number;
  height: number;
  margin: ChartMargin;
  summary: string;
  testId: string;
  /** Text, or text with an SVG tspan (a subscript), set under the x axis. */
  xLabel: ReactNode;
  children: ReactNode;
}) {
  return (
    <svg width={width} height={height} role="img" aria-label={summary} data-testid={testId} className="loops-chart">
      <title>{summary}</title>
      <line x1={M.left} x2={width - M.right} y1={height - M.bottom} y2={height - M.bottom} stroke="#888" />
      <line x1={M.left} x2={M.left} y1={M.top} y2={height - M.bottom} stroke="#888" />
      <text x={(M.left + width - M.right) / 2} y={height - 6} textAnchor="middle" fontSize={12}>
        {xLabel}
      </text>
      {children}
    </svg>
  );
}
