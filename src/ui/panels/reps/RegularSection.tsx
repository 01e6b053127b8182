/**
 * Section 2: the regular representation. ρ_reg(g) permutes the basis e_h ↦ e_{gh}; on a function f: G → ℝ it acts
 * as (ρ_reg(g)f)(h) = f(g⁻¹h), so the bars shift.
 */
import { actRegular, regularRepresentation } from '../../../core/groups';
import { BarChart } from '../../charts/BarChart';
import { MatrixTable } from '../../charts/MatrixTable';
import { planarElementOf, planarGroupOf, useRepsStore } from './repsStore';
import { Tex } from '../../common/LazyTex';

/** A fixed function on G with distinct values, so that every shift is visible. */
export function exampleFunctionOnGroup(order: number): number[] {
  return Array.from({ length: order }, (_, i) => 1 + 0.9 * Math.sin(1.3 * i + 0.4) + 0.5 * Math.cos(2.1 * i) + 0.04 * i);
}

export function RegularSection() {
  const s = useRepsStore();
  const group = planarGroupOf(s.family, s.n);
  return (
    <section className="reps-section" aria-labelledby="reps-regular">
      <h3 id="reps-regular">2. Regular representation: G acting on functions on G</h3>
      <p>
        A group acts on itself by left multiplication <Tex>{'h \\mapsto gh'}</Tex>. On <Tex>{'\\mathbb{R}^{|G|}'}</Tex> this is the permutation matrix{' '}
        <Tex>{'\\rho_{\\text{reg}}(g)\\,e_h = e_{gh}'}</Tex>; on functions <Tex>{'f: G \\to \\mathbb{R}'}</Tex> it is{' '}
        <Tex>{'(\\rho_{\\text{reg}}(g)f)(h) = f(g^{-1}h)'}</Tex>.
      </p>
      {!group ? (
        <p role="status" className="notice">
          SO(2) is continuous: its regular representation acts on functions on the circle and has no finite matrix. Pick
          C_n or D_n above to see the |G|×|G| permutation matrix.
        </p>
      ) : (
        <RegularFigures />
      )}
    </section>
  );
}

function RegularFigures() {
  const s = useRepsStore();
  const group = planarGroupOf(s.family, s.n)!;
  const g = planarElementOf(s);
  const p = regularRepresentation(group).matrix(g);
  const labels = group.elements.map((h) => group.label(h));
  const f = exampleFunctionOnGroup(group.order);
  const shifted = actRegular(group, g, f);
  const yMax = Math.ceil(Math.max(...f) + 0.2);
  const gInverse = group.inverse(g);
  return (
    <div className="figure-grid">
      <div className="scroll-x">
        <MatrixTable matrix={p} caption={`ρ_reg(${group.label(g)}), a ${group.order}×${group.order} permutation matrix`} digits={0} rowLabels={labels} colLabels={labels} compact testId="regular-matrix" />
      </div>
      <div>
        <BarChart values={f} labels={labels} title="f(h)" yMax={yMax} />
        <BarChart values={shifted} labels={labels} title={`(ρ_reg(g)f)(h) = f(g⁻¹h), g = ${group.label(g)}`} highlight={group.indexOf(g)} yMax={yMax} />
        <p className="readout">
          <Tex>{'(\\rho_{\\text{reg}}(g)f)'}</Tex>({labels[0]}) = <Tex>{'f(g^{-1})'}</Tex> = f({group.label(gInverse)}) = <span data-testid="regular-value">{shifted[0].toFixed(3)}</span>. The
          highlighted bar at h = g carries f(e) = {f[0].toFixed(3)}.
        </p>
      </div>
    </div>
  );
}
