/**
 * The orbit view of a 2D vector field on the polar grid: a probe x at angle index j₀ on one ring, and the same probe
 * rotated by θ = 2π·shift/nAngles. At the rotated probe it draws what the mean and the member predict, f(ρ(θ)x)
 * (solid), and what an equivariant field would give, π(θ)f(x) (dashed). Arrows are scaled to the longest of the four.
 */
import type { PolarGrid } from '../../core/data/polarGrid';
import { outputRotationAngle, type OutputRepresentation } from '../../core/equivariance/representation';
import { ArrowHeadMarkers, arrowHeadUrl } from './ArrowHeadMarkers';
import { MEAN_COLOR, MEMBER_COLOR } from './meanMemberSeries';
import { QUIVER_SIZE, toSvg } from './Quiver';

export function VectorOrbitView({
  mean,
  member,
  grid,
  ring,
  probeAngle,
  shift,
  rep,
}: {
  /** Fields on the grid, interleaved (f_x, f_y) per grid point. */
  mean: Float32Array | undefined;
  member: Float32Array | undefined;
  grid: PolarGrid;
  ring: number;
  /** j₀: the angle index of the unrotated probe on its ring. */
  probeAngle: number;
  /** Rotation in grid angle steps. */
  shift: number;
  rep: OutputRepresentation;
}) {
  const nA = grid.nAngles;
  const p0 = ring * nA + probeAngle;
  const p = ring * nA + ((probeAngle + shift) % nA);
  const phi = outputRotationAngle(rep, (2 * Math.PI * shift) / nA);
  const turn = (v: ArrayLike<number>, q: number): [number, number] => [Math.cos(phi) * v[2 * q] - Math.sin(phi) * v[2 * q + 1], Math.sin(phi) * v[2 * q] + Math.cos(phi) * v[2 * q + 1]];
  const [sx, sy] = toSvg(grid.points[2 * p], grid.points[2 * p + 1]);
  const [x0, y0] = toSvg(grid.points[2 * p0], grid.points[2 * p0 + 1]);
  let scale = 1e-9;
  for (const f of [mean, member]) if (f) scale = Math.max(scale, Math.hypot(f[2 * p0], f[2 * p0 + 1]), Math.hypot(f[2 * p], f[2 * p + 1]));
  const L = 60 / scale;
  const arrow = (v: [number, number], color: string, dash?: string, testId?: string) => (
    <line data-testid={testId} x1={sx} y1={sy} x2={sx + v[0] * L} y2={sy - v[1] * L} stroke={color} strokeWidth={2.5} strokeDasharray={dash} markerEnd={arrowHeadUrl('orbit-head', color)} />
  );
  return (
    <svg viewBox={`0 0 ${QUIVER_SIZE} ${QUIVER_SIZE}`} width="100%" style={{ maxWidth: QUIVER_SIZE }} role="img" aria-label="Orbit view: the probe rotated by θ, with the mean's and the member's predicted arrows and the equivariant expectations (dashed)">
      <ArrowHeadMarkers prefix="orbit-head" colors={[MEAN_COLOR, MEMBER_COLOR]} />
      <rect x={0} y={0} width={QUIVER_SIZE} height={QUIVER_SIZE} fill="#fbfbfb" stroke="#ddd" />
      <circle cx={QUIVER_SIZE / 2} cy={QUIVER_SIZE / 2} r={(grid.radii[ring] * QUIVER_SIZE) / 6.4} fill="none" stroke="#ccc" strokeDasharray="3 3" />
      <circle cx={x0} cy={y0} r={3} fill="#999" />
      <circle cx={sx} cy={sy} r={4} fill="#111" />
      {mean && arrow(turn(mean, p0), MEAN_COLOR, '4 3')}
      {member && arrow(turn(member, p0), MEMBER_COLOR, '4 3')}
      {mean && arrow([mean[2 * p], mean[2 * p + 1]], MEAN_COLOR, undefined, 'orbit-arrow-mean')}
      {member && arrow([member[2 * p], member[2 * p + 1]], MEMBER_COLOR, undefined, 'orbit-arrow-member')}
      <text x={6} y={14} fontSize={10} fill={MEAN_COLOR}>
        mean (solid: predicted, dashed: π(θ)f̄(x))
      </text>
      <text x={6} y={28} fontSize={10} fill={MEMBER_COLOR}>
        member
      </text>
    </svg>
  );
}
