/** A small SVG line chart with d3 scales: linear or log axes, a legend, and an optional vertical marker. */
import { scaleLinear, scaleLog, line as d3line } from 'd3';

export interface Series {
  label: string;
  points: [number, number][];
  color: string;
  dash?: string;
  /** Draw dots at the points as well. */
  dots?: boolean;
  width?: number;
  /** Leave out of the legend (e.g. the faint member lines). */
  hideInLegend?: boolean;
}

export interface LineChartProps {
  title: string;
  series: Series[];
  xLabel: string;
  yLabel: string;
  logX?: boolean;
  logY?: boolean;
  /** Draw a vertical line at this x (the scrubber position). */
  markerX?: number;
  /** Offset added to x before a log scale, so step 0 can be shown: plotted at x + xOffset. */
  xOffset?: number;
  summary: string;
  testId?: string;
  width?: number;
  height?: number;
  /**
   * Marked x positions, e.g. the group angles 2πm/n of C_n on an orbit chart: a dashed vertical line and a triangle
   * on the x axis at each, and a legend entry. `testId` names the group; it carries data-count = values.length.
   */
  xMarks?: { values: number[]; label: string; testId?: string };
}

const M = { top: 10, right: 12, bottom: 34, left: 48 };

export function LineChart({ title, series, xLabel, yLabel, logX, logY, markerX, xOffset = 0, summary, testId, width = 420, height = 240, xMarks }: LineChartProps) {
  const pts = series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && (!logY || y > 0));
  const xs = pts.map(([x]) => x + xOffset);
  const ys = pts.map(([, y]) => y);
  const xmin = xs.length ? Math.min(...xs) : 1;
  const xmax = xs.length ? Math.max(...xs) : 10;
  const ymin = ys.length ? Math.min(...ys) : 0.01;
  const ymax = ys.length ? Math.max(...ys) : 1;
  const x = (logX ? scaleLog() : scaleLinear()).domain(logX ? [Math.max(xmin, 1e-9), Math.max(xmax, xmin * 10)] : [xmin, xmax === xmin ? xmin + 1 : xmax]).range([M.left, width - M.right]);
  const y = (logY ? scaleLog() : scaleLinear())
    .domain(logY ? [Math.max(ymin, 1e-9) / 1.5, ymax * 1.5] : [Math.min(0, ymin), ymax === 0 ? 1 : ymax * 1.1])
    .range([height - M.bottom, M.top]);
  if (!logY) y.nice();
  const path = d3line<[number, number]>()
    .defined(([px, py]) => Number.isFinite(px) && Number.isFinite(py) && (!logY || py > 0))
    .x(([px]) => x(px + xOffset))
    .y(([, py]) => y(py));
  // On log axes keep only 1-2-5 ticks (or powers of ten when there are many), so labels never overlap.
  const logTicks = (ticks: number[]) => {
    const f125 = ticks.filter((t) => [1, 2, 5].includes(Math.round(t / 10 ** Math.floor(Math.log10(t) + 1e-9))));
    return f125.length > 7 ? ticks.filter((t) => Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9) : f125;
  };
  const xTicks = logX ? logTicks(x.ticks()) : x.ticks(5);
  const yTicks = logY ? logTicks(y.ticks()) : y.ticks(5);
  const fmt = (v: number) => (Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0) ? v.toExponential(0) : String(+v.toPrecision(3)));
  return (
    <figure className="line-chart" data-testid={testId}>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }} role="img" aria-label={`${title}: ${summary}`}>
        <g fontSize="10" fill="#333">
          {xTicks.map((t) => (
            <g key={`x${t}`}>
              <line x1={x(t)} x2={x(t)} y1={M.top} y2={height - M.bottom} stroke="#eee" />
              <text x={x(t)} y={height - M.bottom + 12} textAnchor="middle">
                {fmt(t - xOffset)}
              </text>
            </g>
          ))}
          {yTicks.map((t) => (
            <g key={`y${t}`}>
              <line x1={M.left} x2={width - M.right} y1={y(t)} y2={y(t)} stroke="#eee" />
              <text x={M.left - 4} y={y(t) + 3} textAnchor="end">
                {fmt(t)}
              </text>
            </g>
          ))}
          <text x={(M.left + width - M.right) / 2} y={height - 4} textAnchor="middle">
            {xLabel}
          </text>
          <text transform={`translate(11 ${(M.top + height - M.bottom) / 2}) rotate(-90)`} textAnchor="middle">
            {yLabel}
          </text>
        </g>
        <rect x={M.left} y={M.top} width={width - M.left - M.right} height={height - M.top - M.bottom} fill="none" stroke="#999" />
        {xMarks && (
          <g className="x-marks" data-testid={xMarks.testId} data-count={xMarks.values.length} data-values={xMarks.values.map((v) => v.toFixed(4)).join(' ')}>
            {xMarks.values.map((v) => (
              <g key={v}>
                <line x1={x(v + xOffset)} x2={x(v + xOffset)} y1={M.top} y2={height - M.bottom} stroke="#555" strokeDasharray="2 3" strokeWidth={1} />
                <path d={`M${x(v + xOffset)},${height - M.bottom} l-4,6 l8,0 z`} fill="#333" />
              </g>
            ))}
          </g>
        )}
        {markerX !== undefined && Number.isFinite(markerX) && (
          <line className="marker" x1={x(markerX + xOffset)} x2={x(markerX + xOffset)} y1={M.top} y2={height - M.bottom} stroke="#f2a900" strokeWidth={2} />
        )}
        {series.map((s) => (
          <g key={s.label} className="series" data-label={s.label}>
            <path d={path(s.points) ?? ''} fill="none" stroke={s.color} strokeWidth={s.width ?? 2} strokeDasharray={s.dash} />
            {s.dots &&
              s.points
                .filter(([px, py]) => Number.isFinite(px) && Number.isFinite(py) && (!logY || py > 0))
                .map(([px, py], i) => <circle key={i} cx={x(px + xOffset)} cy={y(py)} r={2.5} fill={s.color} />)}
          </g>
        ))}
      </svg>
      <ul className="legend">
        {series.filter((s) => !s.hideInLegend).map((s) => (
          <li key={s.label}>
            <svg width="22" height="8" aria-hidden="true">
              <line x1="0" x2="22" y1="4" y2="4" stroke={s.color} strokeWidth="2" strokeDasharray={s.dash} />
            </svg>{' '}
            {s.label}
          </li>
        ))}
        {xMarks && (
          <li>
            <svg width="22" height="8" aria-hidden="true">
              <path d="M11,1 l-4,6 l8,0 z" fill="#333" />
            </svg>{' '}
            {xMarks.label}
          </li>
        )}
      </ul>
    </figure>
  );
}

/**
 * A quantity against training step, as every lab draws it: log–log axes with x = step + 1 (so step 0, the
 * initialisation, has a place on the log axis), and a vertical marker at the step the timeline shows.
 */
export function StepChart({ step, ...chart }: Omit<LineChartProps, 'xLabel' | 'logX' | 'logY' | 'xOffset' | 'markerX'> & { step: number | undefined }) {
  return <LineChart {...chart} xLabel="training step + 1 (log)" logX logY xOffset={1} markerX={step} />;
}
