import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import {
  dihedralGroup,
  definingRepresentation,
  transformScalarField,
  transformVectorField,
  transformVectorFieldWithoutRotatingArrows,
  type ScalarField,
  type VectorField,
} from '../../../src/core/groups';

// An asymmetric scalar field and its analytic gradient.
const f: ScalarField = (x, y) => Math.exp(-((x - 0.5) ** 2) - 2 * (y - 0.2) ** 2) + 0.3 * x * y;
const gradF: VectorField = (x, y) => {
  const e = Math.exp(-((x - 0.5) ** 2) - 2 * (y - 0.2) ** 2);
  return [-2 * (x - 0.5) * e + 0.3 * y, -4 * (y - 0.2) * e + 0.3 * x];
};

function numericalGradient(s: ScalarField, x: number, y: number): [number, number] {
  const h = 1e-5;
  return [(s(x + h, y) - s(x - h, y)) / (2 * h), (s(x, y + h) - s(x, y - h)) / (2 * h)];
}

describe('scalar and vector fields', () => {
  const d6 = dihedralGroup(6);
  const rho = definingRepresentation(d6);
  const rng = new Rng(31, 1);
  const points = Array.from({ length: 20 }, () => [rng.uniformIn(-2, 2), rng.uniformIn(-2, 2)] as const);

  it('both actions are group actions: g·(h·f) = (gh)·f at sample points, for all pairs in D_6', () => {
    let worst = 0;
    for (const g of d6.elements)
      for (const h of d6.elements) {
        const gh = rho.matrix(d6.multiply(g, h));
        const scalarTwice = transformScalarField(transformScalarField(f, rho.matrix(h)), rho.matrix(g));
        const vectorTwice = transformVectorField(transformVectorField(gradF, rho.matrix(h)), rho.matrix(g));
        for (const [x, y] of points) {
          worst = Math.max(worst, Math.abs(scalarTwice(x, y) - transformScalarField(f, gh)(x, y)));
          const a = vectorTwice(x, y);
          const b = transformVectorField(gradF, gh)(x, y);
          worst = Math.max(worst, Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]));
        }
      }
    expect(worst).toBeLessThan(1e-12);
  });

  it('only the vector rule commutes with taking gradients: ∇(g·f) = g·∇f (error < 1e-8); moving arrows without rotating gives order-1 errors', () => {
    let correct = 0;
    let wrong = 0;
    for (const g of d6.elements.filter((e) => e.rotation !== 0 || e.reflected)) {
      const m = rho.matrix(g);
      const rotatedScalar = transformScalarField(f, m);
      for (const [x, y] of points) {
        const grad = numericalGradient(rotatedScalar, x, y);
        const good = transformVectorField(gradF, m)(x, y);
        const bad = transformVectorFieldWithoutRotatingArrows(gradF, m)(x, y);
        correct = Math.max(correct, Math.hypot(grad[0] - good[0], grad[1] - good[1]));
        wrong = Math.max(wrong, Math.hypot(grad[0] - bad[0], grad[1] - bad[1]));
      }
    }
    expect(correct).toBeLessThan(1e-8);
    expect(wrong).toBeGreaterThan(0.1);
  });
});
