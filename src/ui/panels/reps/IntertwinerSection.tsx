/**
 * Section 6: Schur's lemma and intertwiners. Solve M ρ_in(g) = ρ_out(g) M numerically (null space via SVD, in a
 * worker) and set the dimension beside Schur's prediction Σ_λ m_in(λ) m_out(λ) dim End(λ).
 */
import { useState } from 'react';
import { repMatrix } from '../../../core/groups';
import { MatrixHeatmap } from '../../charts/MatrixHeatmap';
import { menuIds, repFor } from '../../../core/groups/repMenu';
import { formatError, planarGroupOf, useRepsStore } from './repsStore';
import type { SolvedIntertwiners } from '../../../core/groups/solveIntertwiner';
import { useIntertwinerSolver } from '../../../state/useIntertwinerSolver';
import { ColumnHeads } from '../../common/ColumnHeads';
import { Tex } from '../../common/LazyTex';

const MAX_BASIS_SHOWN = 16;

export function IntertwinerSection() {
  const s = useRepsStore();
  const group = planarGroupOf(s.family, s.n);
  const [inId, setInId] = useState('regular');
  const [outId, setOutId] = useState('regular');
  const menu = menuIds(group);
  const groupName = group ? group.name : 'SO(2)';
  const { answer, pending, recovery } = useIntertwinerSolver({ family: s.family, n: s.n, inId, outId });

  const showComplexCase = () => {
    if (s.family === 'dihedral') s.setFamily('cyclic');
    if (s.family !== 'so2' && s.n < 3) s.requestN(6);
    setInId('psi1');
    setOutId('psi1');
  };

  const select = (label: string, value: string, set: (v: string) => void) => (
    <label>
      {label}
      <select value={value} onChange={(e) => set(e.target.value)}>
        {menu.map((entry) => {
          const ok = repFor(group, entry.id).ok;
          return (
            <option key={entry.id} value={entry.id} disabled={!ok && entry.id !== value}>
              {entry.label}
              {ok ? '' : ` (not in ${groupName})`}
            </option>
          );
        })}
      </select>
    </label>
  );

  return (
    <section className="reps-section" aria-labelledby="reps-schur" aria-busy={pending}>
      <h3 id="reps-schur">6. Schur's lemma and intertwiners</h3>
      <p>
        An equivariant linear map M must be an intertwiner: <Tex>{'M\\rho_{\\text{in}}(g) = \\rho_{\\text{out}}(g)M'}</Tex> for every g. Schur's lemma says a map
        between irreps is zero unless they are equivalent, and then lies in <Tex>{'\\operatorname{End}(\\lambda)'}</Tex>. So{' '}
        <Tex>{'\\dim = \\sum_\\lambda m_{\\text{in}}(\\lambda)\\, m_{\\text{out}}(\\lambda) \\dim \\operatorname{End}(\\lambda)'}</Tex>.
        The panel solves the constraint over {group ? `the generators of ${groupName}` : '8 random rotations (a dense sample of SO(2))'} as a null space (SVD).
      </p>
      <div className="controls" role="group" aria-label="Intertwiner settings">
        <span className="readout">Group: {groupName} (change it at the top)</span>
        {select('ρ_in', inId, setInId)}
        {select('ρ_out', outId, setOutId)}
        <button type="button" onClick={showComplexCase}>
          Show the complex-type case (ψ₁ → ψ₁)
        </button>
        {pending && (
          <span role="status" className="readout">
            Solving…
          </span>
        )}
      </div>
      {recovery && (
        <p role="status" className="notice" data-testid="reps-recovery">
          {recovery}
        </p>
      )}
      {answer && answer.problems.length > 0 && (
        <div role="alert" className="error-box" data-testid="intertwiner-notice">
          {answer.problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      )}
      {answer?.kind === 'error' && (
        <p role="alert" className="error-box" data-testid="intertwiner-error">
          {answer.message}
        </p>
      )}
      {answer?.kind === 'ok' && <SolvedView solved={answer} />}
      <details className="reps-explain" open={inId === 'psi1' && outId === 'psi1'}>
        <summary>Why ψ_k → ψ_k gives 2 for C_n and SO(2) but 1 for D_n</summary>
        <p>
          <Tex>{'\\psi_k(g)'}</Tex> is a rotation matrix <Tex>{'R(\\varphi)'}</Tex>. Both the identity I and the quarter turn{' '}
          <Tex>{'J = R(90^\\circ)'}</Tex> commute with every rotation, so every <Tex>{'M = aI + bJ'}</Tex> is an intertwiner: a copy of{' '}
          <Tex>{'\\mathbb{C}'}</Tex>, dimension 2. The real irrep <Tex>{'\\psi_k'}</Tex> is of <em>complex type</em>: over{' '}
          <Tex>{'\\mathbb{C}'}</Tex> it splits into <Tex>{'e^{ik\\theta} \\oplus e^{-ik\\theta}'}</Tex>, and Schur's lemma counts 1 + 1. In{' '}
          <Tex>{'D_n'}</Tex> the reflection <Tex>{'S = \\operatorname{diag}(1, -1)'}</Tex> anticommutes with J (<Tex>{'SJ = -JS'}</Tex>), so
          only <Tex>{'M = aI'}</Tex> survives: real type, dimension 1.
        </p>
      </details>
    </section>
  );
}

function SolvedView({ solved }: { solved: SolvedIntertwiners }) {
  const agree = solved.dimension === solved.prediction;
  return (
    <>
      <div className="reps-verdict" role="status" data-testid="intertwiner-verdict">
        <span className="readout">
          Solved dimension: <strong data-testid="intertwiner-dimension" data-value={solved.dimension}>{solved.dimension}</strong>
        </span>
        <span className="readout">
          Schur's prediction: <strong data-testid="schur-prediction" data-value={solved.prediction}>{solved.prediction}</strong>
        </span>
        <span className={agree ? 'reps-agree' : 'reps-disagree'}>{agree ? '✓ they agree' : '✗ they disagree'}</span>
      </div>
      <table className="numbers" data-testid="schur-table">
        <caption>
          Schur's count for {solved.inName} → {solved.outName} in {solved.groupName}
        </caption>
        <ColumnHeads columns={['irrep λ', 'type', 'm_in', 'm_out', 'dim End(λ)', 'm_in·m_out·dim End']} />
        <tbody>
          {solved.rows.map((r) => (
            <tr key={r.name}>
              <th scope="row">{r.name}</th>
              <td>{r.type}</td>
              <td>{r.mIn}</td>
              <td>{r.mOut}</td>
              <td>{r.endDim}</td>
              <td>{r.mIn * r.mOut * r.endDim}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="readout">
        {solved.outDim}×{solved.inDim} = {solved.inDim * solved.outDim} unknowns, constraints on {solved.constraintElements}{' '}
        {solved.continuous ? 'sampled rotations' : solved.constraintElements === 1 ? 'generator' : 'generators'}; <Tex>{'\\max\\,|M\\rho_{\\text{in}}(g) - \\rho_{\\text{out}}(g)M|'}</Tex> over the
        basis = {formatError(solved.maxResidual)}; smallest nonzero singular value ={' '}
        {Number.isFinite(solved.spectralGap) ? solved.spectralGap.toFixed(3) : '—'} (zero ones are below 1e−10).
      </p>
      {solved.dimension > 0 ? (
        <div className="basis-grid">
          {solved.basis.slice(0, MAX_BASIS_SHOWN).map((m, i) => (
            <MatrixHeatmap
              key={i}
              matrix={repMatrix.cleanMatrix(m, 1e-10)}
              title={`M${i + 1}`}
              summary="an equivariant matrix, orthonormal basis element"
              cell={Math.max(4, Math.min(18, Math.floor(120 / Math.max(m.length, m[0].length))))}
            />
          ))}
          {solved.basis.length > MAX_BASIS_SHOWN && <p>… and {solved.basis.length - MAX_BASIS_SHOWN} more.</p>}
        </div>
      ) : (
        <p>
          No nonzero equivariant map exists: <Tex>{'\\rho_{\\text{in}}'}</Tex> and <Tex>{'\\rho_{\\text{out}}'}</Tex> share no irrep.
        </p>
      )}
    </>
  );
}
