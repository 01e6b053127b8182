/**
 * A heatmap of a field on the polar evaluation grid: pixels on a canvas, axes, training points and their orbits in
 * SVG on top. Given the same values it draws the same pixels. Hovering reads out the value at the cursor.
 */
import { useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { PolarGrid } from '../../core/data/polarGrid';
import { paintPolar } from './paintPolar';
import { cachedPolarRasterLookup, planeToPixel, sampleField, pixelToPlane } from './polarRaster';

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
  const kind = scale.kind;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const imageRef = useRef<ImageData | null>(null);
  const [hover, setHover] = useState<{ x: number; y: number; v: number } | null>(null);
  // Cached across renders and instances: the live timeline alternates between the coarse frame grid and the full grid.
  const lookup = useMemo(() => cachedPolarRasterLookup(grid, resolution, extent), [grid, resolution, extent]);
  // The scale by value, not identity: a parent that builds `{ kind, limit }` in its render must not cause a redraw
  // on every render (during a run that was every progress event, four heatmaps each time).
  const scaleA = scale.kind === 'diverging' ? scale.limit : scale.lo;
  const scaleB = scale.kind === 'diverging' ? 0 : scale.hi;

  // In the commit itself, not after it: a figure whose attributes say which frame it shows has those pixels (the toy
  // lab renders its figures in an interruptible render, so a later task could otherwise find the new frame's
  // attributes over the old frame's pixels).
  useLayoutEffect(() => {
    const scale: HeatmapScale = kind === 'diverging' ? { kind, limit: scaleA } : { kind, lo: scaleA, hi: scaleB };
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    // One ImageData per canvas size, kept between draws; painted in one pass (paintPolar).
    let img = imageRef.current;
    if (!img || img.width !== resolution) img = imageRef.current = ctx.createImageData(resolution, resolution);
    const pixels = new Uint32Array(img.data.buffer);
    if (values) paintPolar(values, lookup, scale, pixels);
    else pixels.fill(0);
    ctx.putImageData(img, 0, 0);
  }, [values, lookup, kind, scaleA, scaleB, resolution]);

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
