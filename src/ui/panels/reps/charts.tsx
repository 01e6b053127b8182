/**
 * Small chart components for the representations panel: matrices as tables and heatmaps, bar charts, quivers,
 * scalar fields and images. Each is a plain function of its data.
 */
import { useEffect, useRef } from 'react';
import { interpolateRdBu, interpolateGreys, rgb, scaleBand, scaleLinear } from 'd3';
import { formatEntry } from './repsStore';

/** A matrix shown as a table of numbers, shaded by value, with a caption naming it. */
export function MatrixTable({
  matrix,
  caption,
  testId,
  digits = 3,
  rowLabels,
  colLabels,
  compact = false,
}: {
  matrix: number[][];
  caption: string;
  testId?: string;
  digits?: number;
  rowLabels?: string[];
  colLabels?: string[];
  compact?: boolean;
}) {
  const limit = Math.max(1e-12, ...matrix.flat().map(Math.abs));
  return (
    <table className={`numbers matrix-table${compact ? ' compact' : ''}`} data-testid={testId}>
      <caption>{caption}</caption>
      {colLabels && (
        <thead>
          <tr>
            {rowLabels && <th scope="col" aria-label="row" />}
            {colLabels.map((c, j) => (
              <th key={j} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
      )}
      <tbody>
        {matrix.map((row, i) => (
          <tr key={i}>
            {rowLabels && <th scope="row">{rowLabels[i]}</th>}
            {row.map((x, j) => (
              <td key={j} style={{ background: cellColor(x, limit) }}>
                {formatEntry(x, digits)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function cellColor(x: number, limit: number): string {
  if (Math.abs(x) < 1e-12) return 'transparent';
  // Light tints only, so the black numbers on top keep WCAG AA contrast.
  const c = rgb(interpolateRdBu(0.5 + 0.2 * (x / limit)));
  return c.formatRgb();
}

/**
 * A matrix as a canvas heatmap: diverging RdBu on [−limit, limit] (red negative, blue positive), or grey on
 * [0, limit] when `magnitude` is set. The accessible name carries the title and a summary.
 */
export function MatrixHeatmap({
  matrix,
  title,
  summary,
  cell = 0,
  magnitude = false,
  testId,
}: {
  matrix: number[][];
  title: string;
  summary: string;
  cell?: number;
  magnitude?: boolean;
  testId?: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const rows = matrix.length;
  const cols = rows === 0 ? 0 : matrix[0].length;
  const size = cell || Math.max(3, Math.min(36, Math.floor(260 / Math.max(rows, cols, 1))));
  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const limit = Math.max(1e-12, ...matrix.flat().map(Math.abs));
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) {
        const v = matrix[i][j];
        ctx.fillStyle = magnitude ? interpolateGreys(Math.min(1, Math.abs(v) / limit)) : interpolateRdBu(0.5 + 0.5 * (v / limit));
        ctx.fillRect(j * size, i * size, size, size);
      }
    ctx.strokeStyle = '#c8ccd4';
    ctx.strokeRect(0.5, 0.5, cols * size - 1, rows * size - 1);
  }, [matrix, rows, cols, size, magnitude]);
  return (
    <figure className="matrix-heatmap" data-testid={testId}>
      <canvas ref={ref} width={cols * size} height={rows * size} role="img" aria-label={`${title}: ${summary}`} />
      <figcaption>
        {title} ({rows}×{cols})
      </figcaption>
    </figure>
  );
}

/** Bars for a function on a finite group, labelled by element. */
export function BarChart({ values, labels, title, highlight, yMax }: { values: number[]; labels: string[]; title: string; highlight?: number; yMax: number }) {
  const width = 320;
  const height = 150;
  const x = scaleBand<number>()
    .domain(values.map((_, i) => i))
    .range([30, width - 8])
    .padding(0.15);
  const y = scaleLinear().domain([0, yMax]).range([height - 28, 8]);
  return (
    <figure className="bar-chart">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" style={{ maxWidth: width }} role="img" aria-label={`${title}: ${values.map((v, i) => `${labels[i]} ${v.toFixed(2)}`).join(', ')}`}>
        <line x1={30} x2={width - 8} y1={y(0)} y2={y(0)} stroke="#888" />
        {y.ticks(3).map((t) => (
          <text key={t} x={26} y={y(t) + 3} fontSize="9" textAnchor="end" fill="#555">
            {t}
          </text>
        ))}
        {values.map((v, i) => (
          <g key={i}>
            <rect x={x(i)} y={y(v)} width={x.bandwidth()} height={y(0) - y(v)} fill={i === highlight ? '#d9a400' : '#2a5db0'} />
            <text x={(x(i) ?? 0) + x.bandwidth() / 2} y={height - 14} fontSize={labels.length > 12 ? 7 : 9} textAnchor="middle" fill="#333">
              {labels[i]}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}

/** Arrow from (x, y) along (dx, dy) in SVG units. */
export function Arrow({ x, y, dx, dy, color, width = 1.5 }: { x: number; y: number; dx: number; dy: number; color: string; width?: number }) {
  const len = Math.hypot(dx, dy);
  if (len < 1e-9) return null;
  const ux = dx / len;
  const uy = dy / len;
  const head = Math.min(6, 0.45 * len);
  const hx = x + dx;
  const hy = y + dy;
  return (
    <g stroke={color} fill={color} strokeWidth={width}>
      <line x1={x} y1={y} x2={hx - ux * head * 0.6} y2={hy - uy * head * 0.6} />
      <polygon
        points={`${hx},${hy} ${hx - ux * head - uy * head * 0.5},${hy - uy * head + ux * head * 0.5} ${hx - ux * head + uy * head * 0.5},${hy - uy * head - ux * head * 0.5}`}
        stroke="none"
      />
    </g>
  );
}

/** RdBu sampled at 256 points, so that per-pixel colouring is a table lookup rather than a colour parse. */
const RDBU_TABLE: Uint8ClampedArray = (() => {
  const table = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const c = rgb(interpolateRdBu(i / 255));
    table[3 * i] = c.r;
    table[3 * i + 1] = c.g;
    table[3 * i + 2] = c.b;
  }
  return table;
})();

/** A scalar field on a square grid (row 0 at the top), drawn to canvas with the diverging map (blue positive). */
export function GridImage({ values, size, title, limit, testId, pixels = 120 }: { values: ArrayLike<number>; size: number; title: string; limit?: number; testId?: string; pixels?: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    let lim = limit ?? 0;
    if (!limit) for (let i = 0; i < values.length; i++) lim = Math.max(lim, Math.abs(values[i]));
    lim = Math.max(lim, 1e-12);
    const img = ctx.createImageData(size, size);
    for (let i = 0; i < size * size; i++) {
      const t = Math.round(255 * Math.min(1, Math.max(0, 0.5 + 0.5 * (values[i] / lim))));
      img.data[4 * i] = RDBU_TABLE[3 * t];
      img.data[4 * i + 1] = RDBU_TABLE[3 * t + 1];
      img.data[4 * i + 2] = RDBU_TABLE[3 * t + 2];
      img.data[4 * i + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [values, size, limit]);
  return (
    <figure className="grid-image" data-testid={testId}>
      <canvas ref={ref} width={size} height={size} style={{ width: pixels, height: pixels, imageRendering: 'pixelated' }} role="img" aria-label={title} />
      <figcaption>{title}</figcaption>
    </figure>
  );
}
