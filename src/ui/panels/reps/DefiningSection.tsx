/**
 * Section 1: the defining representation. ρ(g) is a 2×2 matrix acting on atom positions and on the force vectors
 * attached to them: x ↦ ρ(g)x, F ↦ ρ(g)F.
 */
import { useRef } from 'react';
import { definingRepresentation, so2DefiningRepresentation, repMatrix } from '../../../core/groups';
import { Arrow } from '../../charts/Arrow';
import { MatrixTable } from '../../charts/MatrixTable';
import { formatError, planarElementOf, planarGroupOf, useRepsStore } from './repsStore';

/** A small, deliberately asymmetric molecule: positions and the forces on each atom. */
const ATOMS: { name: string; pos: [number, number]; force: [number, number]; radius: number; color: string }[] = [
  { name: 'C', pos: [0, 0], force: [0.1, -0.25], radius: 0.17, color: '#555' },
  { name: 'O', pos: [0.95, 0.3], force: [0.35, 0.25], radius: 0.15, color: '#c0392b' },
  { name: 'H', pos: [-0.55, 0.7], force: [-0.2, 0.2], radius: 0.1, color: '#8aa' },
  { name: 'H', pos: [-0.45, -0.8], force: [0.05, -0.35], radius: 0.1, color: '#8aa' },
  { name: 'N', pos: [0.55, -0.75], force: [0.3, -0.05], radius: 0.14, color: '#2a5db0' },
];
const BONDS: [number, number][] = [
  [0, 1],
  [0, 2],
  [0, 3],
  [0, 4],
];
const SCALE = 80;
const HALF = 1.7;
const HANDLE_RADIUS = 1.45;
const FORCE_SCALE = 1.2;

export function DefiningSection() {
  const s = useRepsStore();
  const group = planarGroupOf(s.family, s.n);
  const element = planarElementOf(s);
  const rho = group ? definingRepresentation(group).matrix(element) : so2DefiningRepresentation().matrix((s.angleDeg * Math.PI) / 180);
  const rotationAngle = group ? (2 * Math.PI * element.rotation) / s.n : (s.angleDeg * Math.PI) / 180;
  const svgRef = useRef<SVGSVGElement>(null);
  const dragging = useRef(false);

  const toSvg = ([x, y]: readonly number[]): [number, number] => [x * SCALE, -y * SCALE];
  const act = (v: readonly number[]) => repMatrix.matVec(rho, v);
  const det = rho[0][0] * rho[1][1] - rho[0][1] * rho[1][0];
  const orthogonalityError = repMatrix.maxAbsDifference(repMatrix.matMul(rho, repMatrix.transpose(rho)), repMatrix.identityMatrix(2));

  const onPointer = (e: React.PointerEvent<SVGSVGElement>) => {
    if (!dragging.current || !svgRef.current) return;
    const box = svgRef.current.getBoundingClientRect();
    const x = ((e.clientX - box.left) / box.width) * 2 * HALF - HALF;
    const y = HALF - ((e.clientY - box.top) / box.height) * 2 * HALF;
    const angle = Math.atan2(y, x);
    if (group) s.setRotation(Math.round(angle / ((2 * Math.PI) / s.n)));
    else s.setAngleDeg((angle * 180) / Math.PI);
  };

  const handle = toSvg([HANDLE_RADIUS * Math.cos(rotationAngle), HANDLE_RADIUS * Math.sin(rotationAngle)]);
  return (
    <section className="reps-section" aria-labelledby="reps-defining">
      <h3 id="reps-defining">1. Defining representation: ρ(g) acts on positions and forces</h3>
      <p>
        A group acts on vectors through matrices, ρ: G → ℝ²ˣ². Atom positions and the forces on the atoms are
        both vectors, so both transform as x ↦ ρ(g)x. Drag the yellow handle, or use the controls above.
      </p>
      <div className="figure-grid">
        <figure>
          <svg
            ref={svgRef}
            viewBox={`${-HALF * SCALE} ${-HALF * SCALE} ${2 * HALF * SCALE} ${2 * HALF * SCALE}`}
            width="100%"
            style={{ maxWidth: 300, touchAction: 'none' }}
            role="img"
            aria-label={`Molecule: grey is the original, coloured is after g = ${group ? group.label(element) : `${s.angleDeg}°`}`}
            onPointerMove={onPointer}
            onPointerUp={() => (dragging.current = false)}
            onPointerLeave={() => (dragging.current = false)}
          >
            <line x1={-HALF * SCALE} x2={HALF * SCALE} y1={0} y2={0} stroke="#ddd" />
            <line y1={-HALF * SCALE} y2={HALF * SCALE} x1={0} x2={0} stroke="#ddd" />
            <circle r={HANDLE_RADIUS * SCALE} fill="none" stroke="#eee" />
            {group &&
              Array.from({ length: s.n }, (_, m) => {
                const p = toSvg([HANDLE_RADIUS * Math.cos((2 * Math.PI * m) / s.n), HANDLE_RADIUS * Math.sin((2 * Math.PI * m) / s.n)]);
                return <circle key={m} cx={p[0]} cy={p[1]} r={2.5} fill="#bbb" />;
              })}
            {element.reflected && <line x1={-HALF * SCALE} x2={HALF * SCALE} y1={0} y2={0} stroke="#d9a400" strokeDasharray="4 3" />}
            {/* Original, faded. */}
            <g opacity={0.3}>
              {BONDS.map(([a, b]) => {
                const p = toSvg(ATOMS[a].pos);
                const q = toSvg(ATOMS[b].pos);
                return <line key={`o${a}${b}`} x1={p[0]} y1={p[1]} x2={q[0]} y2={q[1]} stroke="#777" strokeWidth={3} />;
              })}
              {ATOMS.map((atom, i) => {
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
            {BONDS.map(([a, b]) => {
              const p = toSvg(act(ATOMS[a].pos));
              const q = toSvg(act(ATOMS[b].pos));
              return <line key={`t${a}${b}`} x1={p[0]} y1={p[1]} x2={q[0]} y2={q[1]} stroke="#333" strokeWidth={3} />;
            })}
            {ATOMS.map((atom, i) => {
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
          <figcaption>Grey: the molecule and its forces (orange arrows) before; coloured: after ρ(g).</figcaption>
        </figure>
        <div>
          <MatrixTable matrix={rho} caption="ρ(g), the defining representation" testId="defining-matrix" digits={4} />
          <p className="readout">
            det ρ(g) = <span data-testid="defining-det">{det.toFixed(4)}</span> ({det > 0 ? 'a rotation' : 'a reflection'}); max |ρ(g)ρ(g)ᵀ − I| ={' '}
            {formatError(orthogonalityError)}
          </p>
          <p className="readout">
            Atom O: ({ATOMS[1].pos.map((v) => v.toFixed(2)).join(', ')}) ↦ ({act(ATOMS[1].pos).map((v) => v.toFixed(2)).join(', ')}); its force (
            {ATOMS[1].force.map((v) => v.toFixed(2)).join(', ')}) ↦ ({act(ATOMS[1].force).map((v) => v.toFixed(2)).join(', ')}).
          </p>
        </div>
      </div>
    </section>
  );
}
