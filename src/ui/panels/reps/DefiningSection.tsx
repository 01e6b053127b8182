/**
 * Section 1: the defining representation. ρ(g) is a 2×2 matrix acting on atom positions and on the force vectors
 * attached to them: x ↦ ρ(g)x, F ↦ ρ(g)F.
 */
import { definingRepresentation, so2DefiningRepresentation, repMatrix } from '../../../core/groups';
import { MoleculeView, type Atom } from '../../charts/MoleculeView';
import { MatrixTable } from '../../charts/MatrixTable';
import { formatError, planarElementOf, planarGroupOf, useRepsStore } from './repsStore';
import { Tex } from '../../common/LazyTex';

/** A small, deliberately asymmetric molecule: positions and the forces on each atom. */
const ATOMS: Atom[] = [
  { name: 'C', pos: [0, 0], force: [0.1, -0.25], radius: 0.17, color: '#555' },
  { name: 'O', pos: [0.95, 0.3], force: [0.35, 0.25], radius: 0.15, color: '#c0392b' },
  { name: 'H', pos: [-0.55, 0.7], force: [-0.2, 0.2], radius: 0.1, color: '#8aa' },
  { name: 'H', pos: [-0.45, -0.8], force: [0.05, -0.35], radius: 0.1, color: '#8aa' },
  { name: 'N', pos: [0.55, -0.75], force: [0.3, -0.05], radius: 0.14, color: '#2a5db0' },
];
const BONDS: (readonly [number, number])[] = [
  [0, 1],
  [0, 2],
  [0, 3],
  [0, 4],
];

export function DefiningSection() {
  const s = useRepsStore();
  const group = planarGroupOf(s.family, s.n);
  const element = planarElementOf(s);
  const rho = group ? definingRepresentation(group).matrix(element) : so2DefiningRepresentation().matrix((s.angleDeg * Math.PI) / 180);
  const rotationAngle = group ? (2 * Math.PI * element.rotation) / s.n : (s.angleDeg * Math.PI) / 180;
  const act = (v: readonly number[]) => repMatrix.matVec(rho, v);
  const det = rho[0][0] * rho[1][1] - rho[0][1] * rho[1][0];
  const orthogonalityError = repMatrix.maxAbsDifference(repMatrix.matMul(rho, repMatrix.transpose(rho)), repMatrix.identityMatrix(2));

  return (
    <section className="reps-section" aria-labelledby="reps-defining">
      <h3 id="reps-defining">1. Defining representation: ρ(g) acts on positions and forces</h3>
      <p>
        A group acts on vectors through matrices, <Tex>{'\\rho: G \\to \\mathbb{R}^{2 \\times 2}'}</Tex>. Atom positions and the forces on the
        atoms are both vectors, so both transform as <Tex>{'x \\mapsto \\rho(g)\\,x'}</Tex>. Drag the yellow handle, or use the controls above.
      </p>
      <div className="figure-grid">
        <figure>
          <MoleculeView
            atoms={ATOMS}
            bonds={BONDS}
            rho={rho}
            handleAngle={rotationAngle}
            marks={group ? s.n : 0}
            reflected={element.reflected}
            label={`Molecule: grey is the original, coloured is after g = ${group ? group.label(element) : `${s.angleDeg}°`}`}
            onDragAngle={(angle) => (group ? s.setRotation(Math.round(angle / ((2 * Math.PI) / s.n))) : s.setAngleDeg((angle * 180) / Math.PI))}
          />
          <figcaption>Grey: the molecule and its forces (orange arrows) before; coloured: after ρ(g).</figcaption>
        </figure>
        <div>
          <MatrixTable matrix={rho} caption="ρ(g), the defining representation" testId="defining-matrix" digits={4} />
          <p className="readout">
            <Tex>{'\\det \\rho(g)'}</Tex> = <span data-testid="defining-det">{det.toFixed(4)}</span> ({det > 0 ? 'a rotation' : 'a reflection'}); <Tex>{'\\max\\,|\\rho(g)\\rho(g)^{\\mathsf T} - I|'}</Tex> ={' '}
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
