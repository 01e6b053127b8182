/**
 * A heatmap of a field on the polar evaluation grid: pixels on a canvas, axes, training points and their orbits in
 * SVG on top. Given the same values it draws the same pixels. Hovering reads out the value at the cursor.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { PolarGrid } from '../../core/data/polarGrid';
import {
  DIVERGING_TABLE,
  SEQUENTIAL_TABLE,
  divergingIndex,
  logSequentialIndex,
} from './colorMaps';
import { buildPolarRasterLookup, planeToPixel, rasterizePolar, sampleField, pixelToPlane } from './polarRaster';

export type HeatmapScale = { kind: 'diverging'; limit: number } | { kind: 'log'; lo: number; hi: number };

export interface HeatmapPoint {
  x: [number, number];
  y: number;
}

export interface PolarHeatmapProps {
  /** Accessible name of the figure, e.g. "Ensemble mean". */
  label: string;
  values: ArrayLike<number> | undefined;
  grid: PolarGrid;
  scale: HeatmapScale;
  extent?: number;
  /** Canvas resolution in pixels (square). */
  resolution?: number;
  points?: readonly HeatmapPoint[];
  /** Orbit order to draw the training points' orbits with (1 = no orbits). */
  orbitOrder?: number;
  /** A text summary of the figure's numbers, for screen readers. */
  summary: string;
  /** Extra SVG drawn in plane coordinates through the `toSvg` mapping. */
  overlay?: (toSvg: (x: number, y: number) => [number, number]) => ReactNode;
  onPlaneClick?: (x: number, y: number) => void;
  /** Forwarded SVG pointer handlers for editing (drag). */
  onPlanePointerDown?: (x: number, y: number, e: React.PointerEvent) => void;
  onPlanePointerMove?: (x: number, y: number, e: React.PointerEvent) => void;
  onPlanePointerUp?: () => void;
  testId?: string;
}

const SVG_SIZE = 300;

export function PolarHeatmap(props: PolarHeatmapProps) {
  const { grid, values, scale, extent = 3, resolution = 150 } = props;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<{ x: number; y: number; v: number } | null>(null);
  const lookup = useMemo(() => buildPolarRasterLookup(grid, resolution, extent), [grid, resolution, extent]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const img = ctx.createImageData(resolution, resolution);
    if (values) {
      const px = rasterizePolar(values, lookup);
      const table = scale.kind === 'diverging' ? DIVERGING_TABLE : SEQUENTIAL_TABLE;
      for (let p = 0; p < px.length; p++) {
        const v = px[p];
        const o = 4 * p;
        if (Number.isNaN(v)) {
          img.data[o] = 238;
          img.data[o + 1] = 238;
          img.data[o + 2] = 238;
          img.data[o + 3] = 255;
          continue;
        }
        const k = 3 * (scale.kind === 'diverging' ? divergingIndex(v, scale.limit) : logSequentialIndex(v, scale.lo, scale.hi));
        img.data[o] = table[k];
        img.data[o + 1] = table[k + 1];
        img.data[o + 2] = table[k + 2];
        img.data[o + 3] = 255;
      }
    }
    ctx.putImageData(img, 0, 0);
  }, [values, lookup, scale, resolution]);

  const toSvg = (x: number, y: number): [number, number] => {
    const [px, py] = planeToPixel(x, y, SVG_SIZE, extent);
    return [px + 0.5, py + 0.5];
  };
  const fromEvent = (e: React.PointerEvent | React.MouseEvent): [number, number] => {
    const rect = (e.currentTarget as SVGSVGElement).getBoundingClientRect();
    const sx = ((e.clientX - rect.left) / rect.width) * SVG_SIZE;
    const sy = ((e.clientY - rect.top) / rect.height) * SVG_SIZE;
    return pixelToPlane(sx - 0.5, sy - 0.5, SVG_SIZE, extent);
  };

  const order = props.orbitOrder ?? 1;
  const ticks = [-extent, -extent / 2, 0, extent / 2, extent];

  return (
    <figure className="heatmap" data-testid={props.testId} aria-label={props.label}>
      <div className="heatmap-stack" style={{ position: 'relative', width: '100%', maxWidth: SVG_SIZE, aspectRatio: '1' }}>
        <canvas
          ref={canvasRef}
          width={resolution}
          height={resolution}
          role="img"
          aria-label={`${props.label}: ${props.summary}`}
          style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', imageRendering: 'auto' }}
        />
        <svg
          viewBox={`0 0 ${SVG_SIZE} ${SVG_SIZE}`}
          style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', touchAction: 'none' }}
          aria-hidden="true"
          onPointerMove={(e) => {
            const [x, y] = fromEvent(e);
            setHover(values ? { x, y, v: sampleField(values, grid, x, y) } : null);
            props.onPlanePointerMove?.(x, y, e);
          }}
          onPointerLeave={() => {
            setHover(null);
            props.onPlanePointerUp?.();
          }}
          onPointerDown={(e) => {
            const [x, y] = fromEvent(e);
            props.onPlanePointerDown?.(x, y, e);
          }}
          onPointerUp={() => props.onPlanePointerUp?.()}
          onClick={(e) => {
            const [x, y] = fromEvent(e);
            props.onPlaneClick?.(x, y);
          }}
        >
          {ticks.map((t) => {
            const [sx] = toSvg(t, 0);
            const [, sy] = toSvg(0, t);
            return (
              <g key={t} className="axis-ticks" fontSize="9" fill="#444">
                <line x1={sx} x2={sx} y1={SVG_SIZE - 4} y2={SVG_SIZE} stroke="#444" />
                <line x1={0} x2={4} y1={sy} y2={sy} stroke="#444" />
                {t !== -extent && t !== extent && (
                  <>
                    <text x={sx} y={SVG_SIZE - 6} textAnchor="middle">
                      {t}
                    </text>
                    <text x={6} y={sy + 3}>
                      {t}
                    </text>
                  </>
                )}
              </g>
            );
          })}
          {props.points?.map((p, i) =>
            Array.from({ length: order }, (_, m) => {
              const t = (2 * Math.PI * m) / order;
              const x = Math.cos(t) * p.x[0] - Math.sin(t) * p.x[1];
              const y = Math.sin(t) * p.x[0] + Math.cos(t) * p.x[1];
              const [sx, sy] = toSvg(x, y);
              return (
                <circle
                  key={`${i}-${m}`}
                  cx={sx}
                  cy={sy}
                  r={m === 0 ? 5 : 3}
                  fill={p.y > 0 ? '#08306b' : p.y < 0 ? '#67000d' : '#777'}
                  stroke="white"
                  strokeWidth={m === 0 ? 1.5 : 1}
                  opacity={m === 0 ? 1 : 0.75}
                />
              );
            }),
          )}
          {props.overlay?.(toSvg)}
        </svg>
      </div>
      <div className="readout heatmap-hover" aria-live="off">
        {hover && Number.isFinite(hover.v)
          ? `at (${hover.x.toFixed(2)}, ${hover.y.toFixed(2)}): ${hover.v.toPrecision(3)}`
          : '\u00a0'}
      </div>
    </figure>
  );
}
