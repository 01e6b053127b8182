/**
 * Section 3: scalar vs vector fields. A scalar field moves, (g·f)(x) = f(ρ(g)⁻¹x); a vector field moves and its
 * arrows rotate, (g·f)(x) = π(g)f(ρ(g)⁻¹x). The wrong variant moves the arrows without rotating them.
 */
import { useMemo } from 'react';
import {
  definingRepresentation,
  so2DefiningRepresentation,
  transformScalarField,
  transformVectorField,
  transformVectorFieldWithoutRotatingArrows,
  type ScalarField,
  type VectorField,
} from '../../../core/groups';
import { FieldQuiver } from '../../charts/FieldQuiver';
import { GridImage } from '../../charts/GridImage';
import { formatError, planarElementOf, planarGroupOf, useRepsStore } from './repsStore';
import { Tex } from '../../common/LazyTex';

/** A lopsided potential: a bump off-centre plus a tilt, so that every rotation changes the picture. */
const potential: ScalarField = (x, y) => Math.exp(-2 * ((x - 0.55) ** 2 + 1.5 * (y - 0.25) ** 2)) - 0.6 * Math.exp(-3 * ((x + 0.4) ** 2 + (y + 0.5) ** 2));
/** Its gradient: a field of forces (up to sign) that must transform as a vector field. */
const gradient: VectorField = (x, y) => {
  const a = Math.exp(-2 * ((x - 0.55) ** 2 + 1.5 * (y - 0.25) ** 2));
  const b = Math.exp(-3 * ((x + 0.4) ** 2 + (y + 0.5) ** 2));
  return [-4 * (x - 0.55) * a + 0.6 * 6 * (x + 0.4) * b, -6 * (y - 0.25) * a + 0.6 * 6 * (y + 0.5) * b];
};

const EXTENT = 1.2;
const RASTER = 48;
/** SVG units per unit of field strength: the strongest arrows stay shorter than the grid spacing. */
const ARROW_SCALE = 11;

function sampleScalar(f: ScalarField): Float32Array {
  const out = new Float32Array(RASTER * RASTER);
  for (let i = 0; i < RASTER; i++)
    for (let j = 0; j < RASTER; j++) {
      const x = -EXTENT + (2 * EXTENT * (j + 0.5)) / RASTER;
      const y = EXTENT - (2 * EXTENT * (i + 0.5)) / RASTER;
      out[i * RASTER + j] = f(x, y);
    }
  return out;
}

export function FieldsSection() {
  const s = useRepsStore();
  const group = planarGroupOf(s.family, s.n);
  const element = planarElementOf(s);
  const rho = group ? definingRepresentation(group).matrix(element) : so2DefiningRepresentation().matrix((s.angleDeg * Math.PI) / 180);
  const key = rho.flat().join(',');
  const { scalar, scalarField, vector, wrong, mismatch } = useMemo(() => {
    const scalarField = transformScalarField(potential, rho);
    const vectorField = transformVectorField(gradient, rho);
    const wrongField = transformVectorFieldWithoutRotatingArrows(gradient, rho);
    // Which rule agrees with the gradient of the transformed scalar field? Central differences at a few points.
    const h = 1e-4;
    let good = 0;
    let bad = 0;
    for (const [x, y] of [[0.3, 0.2], [-0.5, 0.4], [0.1, -0.6], [0.7, -0.3], [-0.2, -0.2]]) {
      const grad = [(scalarField(x + h, y) - scalarField(x - h, y)) / (2 * h), (scalarField(x, y + h) - scalarField(x, y - h)) / (2 * h)];
      const v = vectorField(x, y);
      const w = wrongField(x, y);
      good = Math.max(good, Math.hypot(grad[0] - v[0], grad[1] - v[1]));
      bad = Math.max(bad, Math.hypot(grad[0] - w[0], grad[1] - w[1]));
    }
    return { scalar: sampleScalar(scalarField), scalarField, vector: vectorField, wrong: wrongField, mismatch: { good, bad } };
    // rho is fully described by its entries.
  }, [key]);

  return (
    <section className="reps-section" aria-labelledby="reps-fields">
      <h3 id="reps-fields">3. Scalar fields and vector fields</h3>
      <p>
        A scalar field transforms as <Tex>{'f(x) \\mapsto f(\\rho(g)^{-1}x)'}</Tex>: the picture moves, values ride along. A vector field combines this
        with the defining representation, <Tex>{'f(x) \\mapsto \\pi(g)\\, f(\\rho(g)^{-1}x)'}</Tex>: arrows move <em>and</em> turn. Here the vector field is
        the gradient of the scalar field, so the right rule must agree with the gradient of the moved scalar field.
      </p>
      <div className="figure-grid fields-grid">
        <GridImage values={scalar} size={RASTER} title="Scalar field f(ρ(g)⁻¹x)" pixels={200} testId="scalar-field" />
        <FieldQuiver field={vector} background={scalarField} title="Vector field π(g)f(ρ(g)⁻¹x): right" color="#1b1d21" extent={EXTENT} arrowScale={ARROW_SCALE} />
        <FieldQuiver field={wrong} background={scalarField} title="Wrong: f(ρ(g)⁻¹x), arrows moved but not turned" color="#b03000" extent={EXTENT} arrowScale={ARROW_SCALE} />
      </div>
      <p className="readout" data-testid="field-mismatch">
        Max mismatch with <Tex>{'\\nabla'}</Tex>(moved scalar field): right rule <span data-value={mismatch.good}>{formatError(mismatch.good)}</span> (finite-difference
        error), wrong rule <span data-value={mismatch.bad}>{mismatch.bad.toFixed(3)}</span>
        {mismatch.bad < 1e-6 ? ' (the same here: g does not turn vectors)' : ''}.
      </p>
    </section>
  );
}
