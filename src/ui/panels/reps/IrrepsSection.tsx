/**
 * Section 4: irreps. The character table of C_n or D_n, the regular representation decomposed by characters
 * (multiplicity = dimension), and for C_n the real DFT as the change of basis that block-diagonalises it.
 */
import { useMemo } from 'react';
import {
  characterTable,
  cyclicIrrepBlocks,
  decomposeByCharacters,
  endomorphismDimension,
  planarIrreps,
  realDftMatrix,
  regularRepresentation,
  repMatrix,
  type PlanarGroup,
} from '../../../core/groups';
import { MatrixHeatmap } from '../../charts/MatrixHeatmap';
import { formatEntry, formatError, planarElementOf, planarGroupOf, useRepsStore } from './repsStore';
import { ColumnHeads } from '../../common/ColumnHeads';
import { Tex } from '../../common/LazyTex';

export function IrrepsSection() {
  const s = useRepsStore();
  const group = planarGroupOf(s.family, s.n);
  return (
    <section className="reps-section" aria-labelledby="reps-irreps">
      <h3 id="reps-irreps">4. Irreducible representations and characters</h3>
      <p>
        Every finite-dimensional representation of a compact group is a direct sum of irreps. Characters{' '}
        <Tex>{'\\chi(g) = \\operatorname{tr} \\rho(g)'}</Tex> find the multiplicities:{' '}
        <Tex>{'m_\\lambda = \\langle \\chi_\\rho, \\chi_\\lambda \\rangle / \\langle \\chi_\\lambda, \\chi_\\lambda \\rangle'}</Tex> with{' '}
        <Tex>{'\\langle a, b \\rangle = \\tfrac{1}{|G|} \\sum_g a(g)\\, b(g)'}</Tex>.
      </p>
      {group ? (
        <IrrepFigures group={group} />
      ) : (
        <p role="status" className="notice">
          SO(2) has infinitely many irreps <Tex>{'\\psi_k(\\theta) = R(k\\theta)'}</Tex>, <Tex>{'k = 0, 1, 2, \\dots'}</Tex>, and no finite character table. Pick C_n or D_n
          above; SO(2) tensor products are in section 5 and its intertwiners in section 6.
        </p>
      )}
    </section>
  );
}

function IrrepFigures({ group }: { group: PlanarGroup }) {
  const s = useRepsStore();
  const g = planarElementOf(s);
  // The group object is rebuilt on every render; its name ("D_6") identifies it, so memoise on that.
  const table = useMemo(() => characterTable(group), [group.name]);
  const parts = useMemo(() => decomposeByCharacters(group, regularRepresentation(group), planarIrreps(group)), [group.name]);
  const isCyclic = group.family === 'cyclic';
  const q = useMemo(() => (isCyclic ? realDftMatrix(group.n) : null), [isCyclic, group.n]);
  const blocks = q ? repMatrix.matMul(repMatrix.matMul(repMatrix.transpose(q), regularRepresentation(group).matrix(g)), q) : null;
  const blockError = q && blocks ? repMatrix.maxAbsDifference(blocks, cyclicIrrepBlocks(group, g)) : 0;

  return (
    <>
      <div className="scroll-x">
        <table className="numbers" data-testid="character-table">
          <caption>Character table of {group.name} (real irreps × conjugacy classes)</caption>
          <thead>
            <tr>
              <th scope="col">irrep</th>
              <th scope="col">dim</th>
              <th scope="col">type</th>
              {table.classes.map((c) => (
                <th key={c.label} scope="col" title={`class of size ${c.size}`}>
                  {c.size > 1 ? `${c.size}×` : ''}
                  {group.label(c.representative)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.irrep.rep.name}>
                <th scope="row">{row.irrep.rep.name}</th>
                <td>{row.irrep.rep.dim}</td>
                <td>{row.irrep.type}</td>
                {row.values.map((v, i) => (
                  <td key={i}>{formatEntry(v, 3)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <table className="numbers" data-testid="regular-decomposition">
        <caption>
          <Tex>{'\\rho_{\\text{reg}}'}</Tex> of {group.name} decomposed by characters
        </caption>
        <ColumnHeads columns={['irrep λ', 'dim λ', 'multiplicity over ℝ', 'multiplicity over ℂ of each complex piece']} />
        <tbody>
          {parts.map(({ irrep, multiplicity }) => (
            <tr key={irrep.rep.name}>
              <th scope="row">{irrep.rep.name}</th>
              <td>{irrep.rep.dim}</td>
              <td data-testid={`mult-${irrep.rep.name}`}>{multiplicity}</td>
              <td>{irrep.type === 'complex' ? `χ_±${irrep.frequency}: 1 each = dim` : `${multiplicity} = dim`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {isCyclic ? (
          <>
            Over <Tex>{'\\mathbb{C}'}</Tex> the regular representation contains every irrep as often as its dimension. The real 2D irreps{' '}
            <Tex>{'\\psi_k'}</Tex> of <Tex>{'C_n'}</Tex> are of complex type (<Tex>{'\\psi_k = \\chi_k \\oplus \\chi_{-k}'}</Tex> over{' '}
            <Tex>{'\\mathbb{C}'}</Tex>), so over <Tex>{'\\mathbb{R}'}</Tex> each appears dim/2 = 1 time.
          </>
        ) : (
          <>
            All real irreps of <Tex>{'D_n'}</Tex> are of real type, so each appears in <Tex>{'\\rho_{\\text{reg}}'}</Tex> exactly{' '}
            <Tex>{'\\dim \\lambda'}</Tex> times: 1D irreps once, the 2D <Tex>{'\\psi_k'}</Tex> twice.
          </>
        )}{' '}
        Check: <Tex>{'\\sum_\\lambda m_\\lambda \\dim \\lambda'}</Tex> = {parts.reduce((a, p) => a + p.multiplicity * p.irrep.rep.dim, 0)} = |G| = {group.order}; <Tex>{'\\sum_\\lambda (\\dim \\lambda)^2 / e_\\lambda'}</Tex> ={' '}
        {parts.reduce((a, p) => a + (p.irrep.rep.dim * p.irrep.rep.dim) / endomorphismDimension(p.irrep.type), 0)}.
      </p>
      {q && blocks ? (
        <div className="figure-grid">
          <MatrixHeatmap matrix={q} title="Change of basis Q: the real DFT" summary="columns are the constant, alternating, cos and sin waves" testId="dft-matrix" />
          <MatrixHeatmap matrix={repMatrix.cleanMatrix(blocks)} title={`Qᵀ ρ_reg(${group.label(g)}) Q: block diagonal`} summary="blocks are the irreps at g" />
          <p className="readout">
            <Tex>{'\\max\\,|Q^{\\mathsf T}\\rho_{\\text{reg}}(g)\\,Q - \\textstyle\\bigoplus_\\lambda \\lambda(g)|'}</Tex> = <span data-testid="dft-error" data-value={blockError}>{formatError(blockError)}</span>
          </p>
        </div>
      ) : (
        <p role="status" className="notice">
          The change-of-basis matrix is shown for C_n (where it is the real DFT). For D_n, the table above gives the
          multiplicities; section 6 solves for the maps between irreps.
        </p>
      )}
    </>
  );
}
