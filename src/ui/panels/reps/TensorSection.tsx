/**
 * Section 5: tensor products. D^{j₁} ⊗ D^{j₂} = ⊕_J D^J for SU(2), with the Clebsch–Gordan matrix as the change of
 * basis; ψ_{k₁} ⊗ ψ_{k₂} = ψ_{k₁+k₂} ⊕ ψ_{|k₁−k₂|} for SO(2). The check that the change of basis block-diagonalises
 * the product is shown as a number.
 */
import { useMemo, useState } from 'react';
import {
  MAX_SPIN,
  clebschGordan,
  clebschGordanMatrix,
  coupledDirectSum,
  formatSpin,
  so2BlockDiagonalised,
  so2TensorBlockError,
  so2TensorDecomposition,
  so2TensorProductMatrix,
  spinProjections,
  complexMatrix,
  tensorProductSpins,
  unitQuaternionFromAxisAngle,
  wignerTensorProduct,
  repMatrix,
} from '../../../core/groups';
import { MatrixHeatmap } from '../../charts/MatrixHeatmap';
import { clampInteger, clampSpin, type Clamped } from './inputs';
import { DraftNumberInput } from './DraftNumberInput';
import { SelectField } from '../../common/SelectField';
import { formatError } from './repsStore';
import { Tex } from '../../common/LazyTex';

/** Highest SO(2) frequency offered: keeps ψ_{k₁+k₂} well inside what the character quadrature resolves. */
export const MAX_SO2_FREQUENCY = 8;

const AXES: Record<string, [number, number, number]> = {
  z: [0, 0, 1],
  x: [1, 0, 0],
  tilted: [1, 2, 3],
};

export function TensorSection() {
  const [mode, setMode] = useState<'su2' | 'so2'>('su2');
  const [j1, setJ1] = useState(1);
  const [j2, setJ2] = useState(0.5);
  const [k1, setK1] = useState(1);
  const [k2, setK2] = useState(2);
  const [messages, setMessages] = useState<Record<string, string | null>>({});
  const [angleDeg, setAngleDeg] = useState(60);
  const [axis, setAxis] = useState<keyof typeof AXES>('tilted');

  // Each field's clamp message is kept by name; only the current mode's messages are shown.
  const entry = (name: string, value: number, setValue: (v: number) => void, clamp: (raw: string, previous: number) => Clamped) => (raw: string) => {
    const c = clamp(raw, value);
    setValue(c.value);
    setMessages((m) => ({ ...m, [name]: c.message }));
    return c.value;
  };
  const spinInput = (name: string, value: number, setValue: (v: number) => void) => (
    <DraftNumberInput label={name} value={value} min={0} max={MAX_SPIN} step={0.5} onEntry={entry(name, value, setValue, (raw, prev) => clampSpin(raw, prev, name))} />
  );
  const freqInput = (name: string, value: number, setValue: (v: number) => void) => (
    <DraftNumberInput
      label={name}
      value={value}
      min={0}
      max={MAX_SO2_FREQUENCY}
      step={1}
      onEntry={entry(name, value, setValue, (raw, prev) => clampInteger(raw, prev, 0, MAX_SO2_FREQUENCY, name, ' offered here'))}
    />
  );
  const shownMessages = Object.entries(messages).filter(([name, m]) => m && (mode === 'su2' ? name.startsWith('j') : name.startsWith('k')));

  return (
    <section className="reps-section" aria-labelledby="reps-tensor">
      <h3 id="reps-tensor">5. Tensor products and Clebsch–Gordan coefficients</h3>
      <p>
        A tensor product of irreps is again a representation, and it splits into irreps. The change of basis that shows this
        is the Clebsch–Gordan matrix C: <Tex>{'C^{\\mathsf T}(\\rho_1 \\otimes \\rho_2)(g)\\,C'}</Tex> is block diagonal.
      </p>
      <div className="controls" role="group" aria-label="Tensor product settings">
        <label>
          Tensor product of
          <select value={mode} onChange={(e) => setMode(e.target.value as 'su2' | 'so2')}>
            <option value="su2">SU(2): spins j₁, j₂</option>
            <option value="so2">SO(2): frequencies k₁, k₂</option>
          </select>
        </label>
        {mode === 'su2' ? (
          <>
            {spinInput('j1', j1, setJ1)}
            {spinInput('j2', j2, setJ2)}
            <label>
              Rotation axis
              <select value={axis} onChange={(e) => setAxis(e.target.value as keyof typeof AXES)}>
                <option value="tilted">tilted (1, 2, 3)</option>
                <option value="z">z</option>
                <option value="x">x</option>
              </select>
            </label>
            <label>
              Rotation angle (degrees, 0–720: SU(2) covers SO(3) twice)
              <input type="range" min={0} max={720} step={5} value={angleDeg} onChange={(e) => setAngleDeg(Number(e.target.value))} />
            </label>
          </>
        ) : (
          <>
            {freqInput('k1', k1, setK1)}
            {freqInput('k2', k2, setK2)}
            <label>
              Angle θ (degrees)
              <input type="range" min={0} max={359} step={1} value={angleDeg % 360} onChange={(e) => setAngleDeg(Number(e.target.value))} />
            </label>
          </>
        )}
        <span className="readout">angle = {mode === 'su2' ? angleDeg : angleDeg % 360}°</span>
      </div>
      {shownMessages.length > 0 && (
        <div role="alert" className="error-box" data-testid="tensor-notice">
          {shownMessages.map(([name, m]) => (
            <p key={name}>{m}</p>
          ))}
        </div>
      )}
      {mode === 'su2' ? <Su2Figures j1={j1} j2={j2} angleDeg={angleDeg} axis={AXES[axis]} /> : <So2Figures k1={k1} k2={k2} angleDeg={angleDeg % 360} />}
    </section>
  );
}

function Su2Figures({ j1, j2, angleDeg, axis }: { j1: number; j2: number; angleDeg: number; axis: [number, number, number] }) {
  const q = unitQuaternionFromAxisAngle(axis, (angleDeg * Math.PI) / 180);
  const spins = tensorProductSpins(j1, j2);
  const c = useMemo(() => clebschGordanMatrix(j1, j2), [j1, j2]);
  // Each matrix once per render (j = 3 ⊗ 3 is 49×49 complex): Cᵀ(D ⊗ D)C and ⊕_J D^J, then their difference.
  const { product, coupled, target, error } = useMemo(() => {
    const product = wignerTensorProduct(j1, j2, q);
    const cc = complexMatrix.complexFromReal(c);
    const coupled = complexMatrix.complexMatMul(complexMatrix.complexMatMul(complexMatrix.complexFromReal(repMatrix.transpose(c)), product), cc);
    const target = coupledDirectSum(j1, j2, q);
    return { product, coupled, target, error: complexMatrix.complexMaxAbsDifference(coupled, target) };
  }, [c, j1, j2, q[0], q[1], q[2], q[3]]);
  const d1 = 2 * j1 + 1;
  const d2 = 2 * j2 + 1;
  const [m1, setM1] = useState<number | null>(null);
  const [m2, setM2] = useState<number | null>(null);
  const [bigJ, setBigJ] = useState<number | null>(null);
  // Lookup defaults follow j1, j2 until the user picks; stale picks outside the new ranges fall back too.
  const m1v = m1 !== null && spinProjections(j1).includes(m1) ? m1 : j1;
  const m2v = m2 !== null && spinProjections(j2).includes(m2) ? m2 : -j2;
  const jv = bigJ !== null && spins.includes(bigJ) ? bigJ : spins[spins.length - 1];
  const mBig = m1v + m2v;
  const lookup = clebschGordan(j1, m1v, j2, m2v, jv, mBig);
  return (
    <>
      <p className="readout" data-testid="su2-decomposition">
        D^{formatSpin(j1)} ⊗ D^{formatSpin(j2)} = {spins.map((J) => `D^${formatSpin(J)}`).join(' ⊕ ')}; dimensions {d1} × {d2} = {d1 * d2} ={' '}
        {spins.map((J) => 2 * J + 1).join(' + ')}.
      </p>
      <div className="figure-grid">
        <MatrixHeatmap matrix={c} title="Clebsch–Gordan matrix C, rows (m₁, m₂), columns (J, M)" summary={`real orthogonal ${d1 * d2}×${d1 * d2}`} testId="cg-heatmap" />
        <MatrixHeatmap matrix={complexMatrix.complexAbs(product)} magnitude title="|D^j₁(g) ⊗ D^j₂(g)|, uncoupled basis" summary="entries mix across all of the space" />
        <MatrixHeatmap matrix={complexMatrix.complexAbs(coupled)} magnitude title="|Cᵀ(D^j₁ ⊗ D^j₂)(g)C|, coupled basis" summary={`blocks of sizes ${spins.map((J) => 2 * J + 1).join(', ')}`} />
      </div>
      <p className="readout">
        Block-diagonalisation check:{' '}
        <Tex>{'\\max\\,|C^{\\mathsf T}(D^{j_1} \\otimes D^{j_2})(g)\\,C - \\textstyle\\bigoplus_J D^J(g)|'}</Tex> ={' '}
        <strong data-testid="cg-error" data-value={error}>
          {formatError(error)}
        </strong>{' '}
        (the largest entry of <Tex>{'\\bigoplus_J D^J(g)'}</Tex> is {Math.max(...complexMatrix.complexAbs(target).flat()).toFixed(3)}).
      </p>
      <div className="controls" role="group" aria-label="Look up a Clebsch–Gordan coefficient">
        <SelectField label="m₁" value={m1v} options={spinProjections(j1)} format={formatSpin} onChange={setM1} />
        <SelectField label="m₂" value={m2v} options={spinProjections(j2)} format={formatSpin} onChange={setM2} />
        <SelectField label="J" value={jv} options={spins} format={formatSpin} onChange={setBigJ} />
        <span className="readout" data-testid="cg-lookup" data-value={lookup}>
          ⟨{formatSpin(j1)} {formatSpin(m1v)}; {formatSpin(j2)} {formatSpin(m2v)} | {formatSpin(jv)} {formatSpin(mBig)}⟩ = {lookup.toFixed(6)}
          {Math.abs(mBig) > jv ? ' (|M| > J)' : ''}
        </span>
      </div>
    </>
  );
}

function So2Figures({ k1, k2, angleDeg }: { k1: number; k2: number; angleDeg: number }) {
  const theta = (angleDeg * Math.PI) / 180;
  const { frequencies, changeOfBasis } = so2TensorDecomposition(k1, k2);
  const product = so2TensorProductMatrix(k1, k2, theta);
  const coupled = so2BlockDiagonalised(k1, k2, theta);
  const error = so2TensorBlockError(k1, k2, theta);
  const name = (k: number) => (k === 0 ? 'trivial' : `ψ${k}`);
  const rhs = k1 > 0 && k2 > 0 && k1 === k2 ? `ψ${k1 + k2} ⊕ trivial ⊕ trivial` : frequencies.map(name).join(' ⊕ ');
  const texName = (k: number) => (k === 0 ? '\\text{trivial}' : `\\psi_{${k}}`);
  const rhsTex = k1 > 0 && k2 > 0 && k1 === k2 ? `\\psi_{${k1 + k2}} \\oplus \\text{trivial} \\oplus \\text{trivial}` : frequencies.map(texName).join(' \\oplus ');
  return (
    <>
      <p className="readout" data-testid="so2-decomposition">
        {name(k1)} ⊗ {name(k2)} = {rhs}
        {k1 > 0 && k2 > 0 && k1 === k2 ? ' (ψ₀ = R(0θ) = I is trivial ⊕ trivial)' : ''}; dimensions {product.length} = {frequencies.map((k) => (k === 0 ? 1 : 2)).join(' + ')}.
      </p>
      <div className="figure-grid">
        <MatrixHeatmap matrix={changeOfBasis} title="Change of basis Q" summary="orthogonal; built from z₁z₂ and z₁z̄₂" testId="so2-q" />
        <MatrixHeatmap matrix={product} title={`${name(k1)}(θ) ⊗ ${name(k2)}(θ)`} summary="uncoupled" />
        <MatrixHeatmap matrix={repMatrix.cleanMatrix(coupled)} title="Qᵀ(ψ ⊗ ψ)(θ)Q: block diagonal" summary={`blocks ${frequencies.map(name).join(', ')}`} />
      </div>
      <p className="readout">
        Block-diagonalisation check:{' '}
        <Tex>{`\\max\\,|Q^{\\mathsf T}(\\psi_{${k1}} \\otimes \\psi_{${k2}})(\\theta)\\,Q - (${rhsTex})(\\theta)|`}</Tex> ={' '}
        <strong data-testid="so2-error" data-value={error}>
          {formatError(error)}
        </strong>
      </p>
    </>
  );
}
