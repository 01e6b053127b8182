/**
 * A square matrix as a heatmap: one canvas pixel per entry, scaled up without smoothing, with block separators in SVG.
 * Linear viridis scale from the matrix minimum to its maximum. Hover (or focus and the arrow keys) reads out an entry.
 */
import { useEffect, useRef, useState } from 'react';
import { SEQUENTIAL_TABLE } from './colorMaps';

interface Props {
  label: string;
  /** n×n row-major. */
  values: Float64Array | undefined;
  n: number;
  /** Draw separators every `block` rows and columns (0: none). */
  block: number;
  /** Row/column label for index k (for the readout). */
  indexLabel: (k: number) => string;
  summary: string;
  testId?: string;
}

const SIZE = 300;

export function matrixRange(values: ArrayLike<number>): { lo: number; hi: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  return { lo, hi: hi > lo ? hi : lo + 1 };
}

export function SquareMatrixHeatmap({ label, values, n, block, indexLabel, summary, testId }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [cell, setCell] = useState<[number, number] | null>(null);
  const range = values && values.length ? matrixRange(values) : { lo: 0, hi: 1 };

  useEffect(() => {
    const ctx = canvasRef.current?.getContext('2d');
    if (!ctx || n === 0) return;
    const img = ctx.createImageData(n, n);
    if (values) {
      for (let p = 0; p < n * n; p++) {
        const t = (values[p] - range.lo) / (range.hi - range.lo);
        const k = 3 * Math.round(Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * 255);
        img.data.set([SEQUENTIAL_TABLE[k], SEQUENTIAL_TABLE[k + 1], SEQUENTIAL_TABLE[k + 2], 255], 4 * p);
      }
    }
    ctx.putImageData(img, 0, 0);
  }, [values, n, range.lo, range.hi]);

  const at = (i: number, j: number) => (values ? values[i * n + j] : NaN);
  const readout =
    cell && values
      ? `Θ(${indexLabel(cell[0])}, ${indexLabel(cell[1])}) = ${at(cell[0], cell[1]).toPrecision(6)}`
      : 'Hover or focus the matrix and use the arrow keys to read an entry.';
  const lines = block > 0 && block < n ? Array.from({ length: Math.floor((n - 1) / block) }, (_, k) => ((k + 1) * block * SIZE) / n) : [];

  return (
    <figure className="matrix-heatmap" data-testid={testId} aria-label={label}>
      <div style={{ position: 'relative', width: '100%', maxWidth: SIZE, aspectRatio: '1' }}>
        <canvas
          ref={canvasRef}
          width={Math.max(1, n)}
          height={Math.max(1, n)}
          role="img"
          aria-label={`${label}: ${summary}`}
          style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', imageRendering: 'pixelated' }}
        />
        <svg
          viewBox={`0 0 ${SIZE} ${SIZE}`}
          style={{ position: 'absolute', inset: 0, width: '100%', height: '100%' }}
          tabIndex={0}
          role="application"
          aria-label={`${label}: entry readout. Arrow keys move the selected entry.`}
          onPointerMove={(e) => {
            const rect = e.currentTarget.getBoundingClientRect();
            const j = Math.floor(((e.clientX - rect.left) / rect.width) * n);
            const i = Math.floor(((e.clientY - rect.top) / rect.height) * n);
            if (i >= 0 && i < n && j >= 0 && j < n) setCell([i, j]);
          }}
          onKeyDown={(e) => {
            const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
            const m = moves[e.key];
            if (!m || n === 0) return;
            e.preventDefault();
            const [i, j] = cell ?? [0, 0];
            setCell([Math.min(n - 1, Math.max(0, i + m[0])), Math.min(n - 1, Math.max(0, j + m[1]))]);
          }}
        >
          {lines.map((x) => (
            <g key={x} stroke="white" strokeWidth={1} opacity={0.8}>
              <line x1={x} x2={x} y1={0} y2={SIZE} />
              <line x1={0} x2={SIZE} y1={x} y2={x} />
            </g>
          ))}
          {cell && (
            <rect
              x={(cell[1] * SIZE) / n}
              y={(cell[0] * SIZE) / n}
              width={SIZE / n}
              height={SIZE / n}
              fill="none"
              stroke="#f2a900"
              strokeWidth={2}
            />
          )}
        </svg>
      </div>
      <div className="readout" aria-live="polite">
        {readout}
      </div>
      <div className="readout">
        colour: linear, {range.lo.toPrecision(3)} (dark) to {range.hi.toPrecision(3)} (yellow)
      </div>
    </figure>
  );
}
