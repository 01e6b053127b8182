/**
 * A planar molecule before and after a 2×2 matrix ρ acts on it: the original faded in grey, the transformed one in
 * colour, each atom with the force on it as an arrow (x ↦ ρx, F ↦ ρF). A yellow handle on a circle shows the
 * rotation angle; dragging anywhere after grabbing it reports the pointer's angle, and the panel decides what that
 * angle selects. The group's rotation angles are marked on the circle, and a reflection's axis (the x-axis) dashed.
 */
import { useRef } from 'react';
import { Arrow } from './Arrow';

export interface Atom {
  name: string;
  pos: readonly [number, number];
  force: readonly [number, number];
  radius: number;
  color: string;
}

const SCALE = 80;
const HALF = 1.7;
const HANDLE_RADIUS = 1.45;
const FORCE_SCALE = 1.2;

export function MoleculeView({
  atoms,
  bonds,
  rho,
  handleAngle,
  marks,
  reflected,
  label,
  onDragAngle,
}: {
  atoms: readonly Atom[];
  bonds: readonly (readonly [number, number])[];
  rho: readonly (readonly number[])[];
  /** Where the handle sits, in radians. */
  handleAngle: number;
  /** How many equally spaced rotation angles to mark on the handle's circle (0: none, a continuous group). */
  marks: number;
  reflected: boolean;
  label: string;
  onDragAngle: (radians: number) => void;
}) {
  const svgRef = useRef<SVGSVGElement>(null);
  const dragging = useRef(false);
  const toSvg = ([x, y]: readonly number[]): [number, number] => [x * SCALE, -y * SCALE];
  const act = (v: readonly number[]) => [rho[0][0] * v[0] + rho[0][1] * v[1], rho[1][0] * v[0] + rho[1][1] * v[1]];
  const onPointer = (e: React.PointerEvent<SVGSVGElement>) => {
    if (!dragging.current || !svgRef.current) return;
    const box = svgRef.current.getBoundingClientRect();
    const x = ((e.clientX - box.left) / box.width) * 2 * HALF - HALF;
    const y = HALF - ((e.clientY - box.top) / box.height) * 2 * HALF;
    onDragAngle(Math.atan2(y, x));
  };
  const onCircle = (angle: number) => toSvg([HANDLE_RADIUS * Math.cos(angle), HANDLE_RADIUS * Math.sin(angle)]);
  const handle = onCircle(handleAngle);
  return (
    <svg
      ref={svgRef}
      viewBox={`${-HALF * SCALE} ${-HALF * SCALE} ${2 * HALF * SCALE} ${2 * HALF * SCALE}`}
      width="100%"
      style={{ maxWidth: 300, touchAction: 'none' }}
      role="img"
      aria-label={label}
      onPointerMove={onPointer}
      onPointerUp={() => (dragging.current = false)}
      onPointerLeave={() => (dragging.current = false)}
    >
      <line x1={-HALF * SCALE} x2={HALF * SCALE} y1={0} y2={0} stroke="#ddd" />
      <line y1={-HALF * SCALE} y2={HALF * SCALE} x1={0} x2={0} stroke="#ddd" />
      <circle r={HANDLE_RADIUS * SCALE} fill="none" stroke="#eee" />
      {Array.from({ length: marks }, (_, m) => {
        const p = onCircle((2 * Math.PI * m) / marks);
        return <circle key={m} cx={p[0]} cy={p[1]} r={2.5} fill="#bbb" />;
      })}
      {reflected && <line x1={-HALF * SCALE} x2={HALF * SCALE} y1={0} y2={0} stroke="#d9a400" strokeDasharray="4 3" />}
      {/* Original, faded. */}
      <g opacity={0.3}>
        {bonds.map(([a, b]) => {
          const p = toSvg(atoms[a].pos);
          const q = toSvg(atoms[b].pos);
          return <line key={`o${a}${b}`} x1={p[0]} y1={p[1]} x2={q[0]} y2={q[1]} stroke="#777" strokeWidth={3} />;
        })}
        {atoms.map((atom, i) => {
          const p = toSvg(atom.pos);
          const f = toSvg(atom.force);
          return (
            <g key={`o${i}`}>
              <circle cx={p[0]} cy={p[1]} r={atom.radius * SCALE} fill="#999" />
              <Arrow x={p[0]} y={p[1]} dx={f[0] * FORCE_SCALE} dy={f[1] * FORCE_SCALE} color="#777" />
            </g>
          );
        })}
      </g>
      {/* Transformed. */}
      {bonds.map(([a, b]) => {
        const p = toSvg(act(atoms[a].pos));
        const q = toSvg(act(atoms[b].pos));
        return <line key={`t${a}${b}`} x1={p[0]} y1={p[1]} x2={q[0]} y2={q[1]} stroke="#333" strokeWidth={3} />;
      })}
      {atoms.map((atom, i) => {
        const p = toSvg(act(atom.pos));
        const f = toSvg(act(atom.force));
        return (
          <g key={`t${i}`}>
            <circle cx={p[0]} cy={p[1]} r={atom.radius * SCALE} fill={atom.color} stroke="#222" />
            <text x={p[0]} y={p[1] + 4} fontSize="11" textAnchor="middle" fill="#fff">
              {atom.name}
            </text>
            <Arrow x={p[0]} y={p[1]} dx={f[0] * FORCE_SCALE} dy={f[1] * FORCE_SCALE} color="#e67e00" width={2.2} />
          </g>
        );
      })}
      <circle
        cx={handle[0]}
        cy={handle[1]}
        r={9}
        fill="#f2c200"
        stroke="#8a6d00"
        style={{ cursor: 'grab' }}
        aria-hidden="true"
        onPointerDown={(e) => {
          dragging.current = true;
          (e.currentTarget.ownerSVGElement as SVGSVGElement).setPointerCapture(e.pointerId);
        }}
      />
    </svg>
  );
}
