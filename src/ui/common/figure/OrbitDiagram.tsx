/** A point x and its orbit under C_n, with the probe at ρ(θ)x: the picture behind "invariant on every orbit". */
import { PROBE, rotateProbe } from './ToyFigures';

export function OrbitDiagram({ n, theta, size = 260 }: { n: number; theta: number; size?: number }) {
  const s = size / 7;
  const c = size / 2;
  const toSvg = ([x, y]: [number, number]): [number, number] => [c + x * s, c - y * s];
  const r = Math.hypot(...PROBE) * s;
  const pts = Array.from({ length: n }, (_, m) => toSvg(rotateProbe((2 * Math.PI * m) / n)));
  const [px, py] = toSvg(rotateProbe(theta));
  return (
    <svg viewBox={`0 0 ${size} ${size}`} width="100%" style={{ maxWidth: size }} role="img" aria-label={`The orbit of x under C${n}: ${n} rotated copies on a circle; the probe is at θ = ${((theta * 180) / Math.PI).toFixed(0)}°`}>
      <line x1={0} x2={size} y1={c} y2={c} stroke="#bbb" />
      <line x1={c} x2={c} y1={0} y2={size} stroke="#bbb" />
      <circle cx={c} cy={c} r={r} fill="none" stroke="#555" strokeDasharray="4 4" />
      {pts.map(([x, y], m) => (
        <circle key={m} cx={x} cy={y} r={m === 0 ? 7 : 5} fill={m === 0 ? '#0072B2' : '#56B4E9'} stroke="#fff" strokeWidth={1.5} />
      ))}
      <circle cx={px} cy={py} r={10} fill="none" stroke="#D55E00" strokeWidth={3} data-testid="orbit-probe" />
      <text x={pts[0][0] + 10} y={pts[0][1] - 8} fontSize={14}>
        x
      </text>
    </svg>
  );
}
