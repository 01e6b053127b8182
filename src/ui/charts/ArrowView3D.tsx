/**
 * Arrows from the origin in 3D, drawn in an orthographic projection: rotate by the azimuth about z, then by the
 * elevation about x, and show the (x, z) plane. The axes are drawn faintly through the origin, and everything is
 * scaled so the longest arrow reaches 42% of the view.
 */
import { ArrowHeadMarkers, arrowHeadUrl } from './ArrowHeadMarkers';

export interface Arrow3D {
  v: readonly number[];
  color: string;
  label: string;
  dash?: string;
  testId: string;
}

const VIEW = 300;

export function ArrowView3D({ arrows, azimuthDeg, elevationDeg, label, testId }: { arrows: readonly Arrow3D[]; azimuthDeg: number; elevationDeg: number; label: string; testId: string }) {
  const ca = Math.cos((azimuthDeg * Math.PI) / 180);
  const sa = Math.sin((azimuthDeg * Math.PI) / 180);
  const ce = Math.cos((elevationDeg * Math.PI) / 180);
  const se = Math.sin((elevationDeg * Math.PI) / 180);
  let extent = 1e-6;
  for (const { v } of arrows) extent = Math.max(extent, Math.hypot(v[0], v[1], v[2]));
  const project = (v: readonly number[]): [number, number] => {
    const x1 = ca * v[0] - sa * v[1];
    const y1 = sa * v[0] + ca * v[1];
    const z2 = se * y1 + ce * v[2];
    const s = (0.42 * VIEW) / extent;
    return [VIEW / 2 + s * x1, VIEW / 2 - s * z2];
  };
  const axes = [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ].map((e) => e.map((c) => c * extent * 0.9));
  return (
    <svg viewBox={`0 0 ${VIEW} ${VIEW}`} width="100%" style={{ maxWidth: VIEW }} role="img" data-testid={testId} aria-label={label}>
      <ArrowHeadMarkers prefix="head3" colors={arrows.map((a) => a.color)} />
      <rect x={0} y={0} width={VIEW} height={VIEW} fill="#fbfbfb" stroke="#ddd" />
      {axes.map((e, i) => {
        const [x2, y2] = project(e);
        const [x1, y1] = project(e.map((c) => -c));
        return (
          <g key={i}>
            <line x1={x1} y1={y1} x2={x2} y2={y2} stroke="#ddd" />
            <text x={x2} y={y2} fontSize={10} fill="#aaa">
              {'xyz'[i]}
            </text>
          </g>
        );
      })}
      {arrows.map((a) => {
        const [x2, y2] = project(a.v);
        return (
          <g key={a.label} data-testid={a.testId}>
            <line className="arrow3d" x1={VIEW / 2} y1={VIEW / 2} x2={x2} y2={y2} stroke={a.color} strokeWidth={2.2} strokeDasharray={a.dash} markerEnd={arrowHeadUrl('head3', a.color)} />
            <text x={x2 + 4} y={y2 - 4} fontSize={11} fill={a.color}>
              {a.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
