/**
 * A quiver plot (SVG) of a planar vector field sampled on the polar evaluation grid, with the training points'
 * arrows and their transformed copies along each orbit. ψ₂ fields are drawn as headless rods (a director at half
 * the vector's angle); everything else as arrows.
 */
import type { PolarGrid } from '../../core/data/polarGrid';
import type { OutputRepresentation } from '../../core/equivariance/representation';
import { outputRotationAngle } from '../../core/equivariance/representation';

export const QUIVER_SIZE = 300;
const EXTENT = 3.2;

/** Grid points shown as arrows: every other ring, and about one arrow per 0.45 of arc (a divisor of 64 per ring). */
export function quiverSample(grid: PolarGrid): number[] {
  const out: number[] = [];
  const nA = grid.nAngles;
  for (let i = 1; i < grid.radii.length; i += 2) {
    const want = (2 * Math.PI * grid.radii[i]) / 0.45;
    let count = 4;
    while (count * 2 <= want && count * 2 <= nA) count *= 2;
    const stride = nA / count;
    for (let j = 0; j < nA; j += stride) out.push(i * nA + j);
  }
  return out;
}

export function toSvg(x: number, y: number): [number, number] {
  const s = QUIVER_SIZE / (2 * EXTENT);
  return [QUIVER_SIZE / 2 + x * s, QUIVER_SIZE / 2 - y * s];
}

interface Glyph {
  x: number;
  y: number;
  vx: number;
  vy: number;
}

function arrowPath(g: Glyph, len: number, headless: boolean): string {
  const [sx, sy] = toSvg(g.x, g.y);
  const norm = Math.hypot(g.vx, g.vy);
  if (headless) {
    // Director: the ψ₂ vector (cos 2α, sin 2α)·m is a rod at angle α, centred on the point.
    const a = Math.atan2(g.vy, g.vx) / 2;
    const dx = (Math.cos(a) * len) / 2;
    const dy = (Math.sin(a) * len) / 2;
    return `M${(sx - dx).toFixed(1)},${(sy + dy).toFixed(1)}L${(sx + dx).toFixed(1)},${(sy - dy).toFixed(1)}`;
  }
  const ux = norm > 0 ? g.vx / norm : 0;
  const uy = norm > 0 ? g.vy / norm : 0;
  const ex = sx + ux * len;
  const ey = sy - uy * len;
  const h = Math.min(5, 0.35 * len + 1.5);
  const lx = ex - ux * h - uy * h * 0.5;
  const ly = ey + uy * h - ux * h * 0.5;
  const rx = ex - ux * h + uy * h * 0.5;
  const ry = ey + uy * h + ux * h * 0.5;
  return `M${sx.toFixed(1)},${sy.toFixed(1)}L${ex.toFixed(1)},${ey.toFixed(1)}M${lx.toFixed(1)},${ly.toFixed(1)}L${ex.toFixed(1)},${ey.toFixed(1)}L${rx.toFixed(1)},${ry.toFixed(1)}`;
}

interface Props {
  label: string;
  testId: string;
  /** Field, point-major [P × 2]. */
  values: ArrayLike<number> | undefined;
  grid: PolarGrid;
  sample: readonly number[];
  rep: OutputRepresentation;
  color: string;
  /** Training arrows: input, label, drawn with copies (ρ(g)x, π(g)y) for g ∈ C_n. */
  points?: readonly { x: [number, number]; y: number[] }[];
  orbitOrder?: number;
  labelRep?: OutputRepresentation;
  /** Extra SVG on top (probe marker). */
  children?: React.ReactNode;
}

/** Maximum arrow length in pixels; arrows scale linearly with |v| up to the field's largest norm. */
const MAX_LEN = 16;

export function Quiver({ label, testId, values, grid, sample, rep, color, points, orbitOrder = 1, labelRep, children }: Props) {
  const headless = rep.kind === 'psi' && rep.k === 2;
  let maxNorm = 0;
  if (values) for (const p of sample) maxNorm = Math.max(maxNorm, Math.hypot(values[2 * p], values[2 * p + 1]));
  const glyphs: string[] = [];
  if (values && maxNorm > 0) {
    for (const p of sample) {
      const vx = values[2 * p];
      const vy = values[2 * p + 1];
      const len = (MAX_LEN * Math.hypot(vx, vy)) / maxNorm;
      glyphs.push(arrowPath({ x: grid.points[2 * p], y: grid.points[2 * p + 1], vx, vy }, Math.max(len, 0.5), headless));
    }
  }
  const trainGlyphs: { d: string; original: boolean }[] = [];
  if (points && points.every((p) => p.y.length === 2)) {
    const lr = labelRep ?? rep;
    for (const p of points) {
      for (let m = 0; m < orbitOrder; m++) {
        const t = (2 * Math.PI * m) / orbitOrder;
        const x = Math.cos(t) * p.x[0] - Math.sin(t) * p.x[1];
        const y = Math.sin(t) * p.x[0] + Math.cos(t) * p.x[1];
        const phi = outputRotationAngle(lr, t);
        const vx = Math.cos(phi) * p.y[0] - Math.sin(phi) * p.y[1];
        const vy = Math.sin(phi) * p.y[0] + Math.cos(phi) * p.y[1];
        trainGlyphs.push({ d: arrowPath({ x, y, vx, vy }, 8 + 16 * Math.min(1, Math.hypot(vx, vy)), headless), original: m === 0 });
      }
    }
  }
  const ringR = (r: number) => (r * QUIVER_SIZE) / (2 * EXTENT);
  return (
    <figure className="quiver" data-testid={testId} data-arrow-count={glyphs.length} data-max-norm={maxNorm}>
      <svg viewBox={`0 0 ${QUIVER_SIZE} ${QUIVER_SIZE}`} width="100%" style={{ maxWidth: QUIVER_SIZE }} role="img" aria-label={`${label}: ${glyphs.length} ${headless ? 'rods' : 'arrows'}, largest norm ${maxNorm.toPrecision(3)}`}>
        <rect x={0} y={0} width={QUIVER_SIZE} height={QUIVER_SIZE} fill="#fbfbfb" stroke="#ddd" />
        {[1, 2, 3].map((r) => (
          <circle key={r} cx={QUIVER_SIZE / 2} cy={QUIVER_SIZE / 2} r={ringR(r)} fill="none" stroke="#eee" />
        ))}
        <line x1={0} x2={QUIVER_SIZE} y1={QUIVER_SIZE / 2} y2={QUIVER_SIZE / 2} stroke="#eee" />
        <line y1={0} y2={QUIVER_SIZE} x1={QUIVER_SIZE / 2} x2={QUIVER_SIZE / 2} stroke="#eee" />
        <g stroke={color} strokeWidth={1.2} fill="none" strokeLinecap="round">
          {glyphs.map((d, i) => (
            <path key={i} className="quiver-arrow" d={d} />
          ))}
        </g>
        <g fill="none" strokeLinecap="round">
          {trainGlyphs.map((g, i) => (
            <path key={i} className="training-arrow" d={g.d} stroke={g.original ? '#111' : '#555'} strokeWidth={g.original ? 2.6 : 1.6} opacity={g.original ? 1 : 0.8} />
          ))}
        </g>
        {children}
      </svg>
    </figure>
  );
}
