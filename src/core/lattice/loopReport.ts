/**
 * A closed loop before and after gauge transformations, as the loops lab shows it: the loop matrix, its predicted
 * conjugate, its trace, a product of two loops at the base point and a spectral map of it, each with the error of
 * the equivariance statement it illustrates.
 */
import { complexConjugation, complexDistance, complexMatMul, type ComplexMatrix } from '../groups/complexMatrix';
import { applySpectralMap, sineSpectralMap } from './eigenphase';
import type { GaugeField } from './lattice';
import { pathProduct, plaquette, type PathStep } from './loops';

export interface LoopReport {
  /** W at the reference configuration and now. */
  before: ComplexMatrix;
  now: ComplexMatrix;
  /** Ω(x₀) W_before Ω(x₀)†: what conjugation predicts W now to be. */
  predicted: ComplexMatrix;
  /** ‖W_now − Ω W_before Ω†‖_F (rounding level). */
  conjugationError: number;
  /** ‖W_now − W_before‖_F: how far W itself moved. */
  change: number;
  /** tr W as [Re, Im], before and now (equal up to rounding). */
  traceBefore: [number, number];
  traceNow: [number, number];
  /** ‖W_now U_p,now(x₀) − Ω (W U_p)_before Ω†‖_F for the (0,1) plaquette at x₀. */
  productError: number;
  /** Eigenphase θ of W now, and f_ε(θ). */
  theta: number;
  mappedTheta: number;
  /** f_ε(W now) as a matrix, Re tr f_ε(W now), and ‖f(W_now) − Ω f(W_before) Ω†‖_F. */
  mapped: ComplexMatrix;
  mappedTrace: number;
  mappedError: number;
}

/**
 * The loop W = ∏ U along `steps` from `start`, at `reference` and at `field` = reference transformed by Ω (whose
 * element at each site is `omega`). Closed loops transform by conjugation at their base point x₀:
 *
 *   W → Ω(x₀) W Ω(x₀)†,   so tr W is invariant,
 *
 * and so does any product of loops at x₀ (here W·U_p(x₀)) and any spectral map f(W) = V diag(e^{i f(θ_k)}) V† of it
 * (here f_ε(θ) = θ − (ε/2) sin 2θ), because f keeps W's eigenvectors. Each `…Error` is the Frobenius norm of the
 * difference between the two sides of one of these statements.
 */
export function loopReport(
  reference: GaugeField,
  field: GaugeField,
  omega: Float64Array,
  start: number,
  steps: readonly PathStep[],
  epsilon: number,
): LoopReport {
  const g = field.group;
  const wBefore = pathProduct(reference, start, steps).element;
  const wNow = pathProduct(field, start, steps).element;
  const om = g.toMatrix(omega, start * g.stride);
  const before = g.toMatrix(wBefore, 0);
  const now = g.toMatrix(wNow, 0);
  const predicted = complexConjugation(om, before);
  const prodBefore = complexMatMul(before, g.toMatrix(plaquette(reference, start, 0, 1), 0));
  const prodNow = complexMatMul(now, g.toMatrix(plaquette(field, start, 0, 1), 0));
  const f = sineSpectralMap(epsilon);
  const mappedBefore = g.toMatrix(applySpectralMap(g, wBefore, 0, f), 0);
  const mapped = g.toMatrix(applySpectralMap(g, wNow, 0, f), 0);
  const theta = g.eigenphase(wNow, 0);
  return {
    before,
    now,
    predicted,
    conjugationError: complexDistance(now, predicted),
    change: complexDistance(now, before),
    traceBefore: [g.traceRe(wBefore, 0), g.traceIm(wBefore, 0)],
    traceNow: [g.traceRe(wNow, 0), g.traceIm(wNow, 0)],
    productError: complexDistance(prodNow, complexConjugation(om, prodBefore)),
    theta,
    mappedTheta: f(theta),
    mapped,
    mappedTrace: mapped.data[0] + (mapped.n === 2 ? mapped.data[6] : 0),
    mappedError: complexDistance(mapped, complexConjugation(om, mappedBefore)),
  };
}
