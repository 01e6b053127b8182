import { useEffect, useRef } from 'react';
import { interpolateGreys, interpolateRdBu } from 'd3';

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
