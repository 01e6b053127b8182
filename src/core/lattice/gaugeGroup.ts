/**
 * The gauge groups the lattice supports, behind one interface so that loops, gauge transformations and the action
 * are written once. Elements are fixed-size slices of a Float64Array:
 * - U(1): 2 numbers, the complex phase (Re U, Im U) = (cos θ, sin θ);
 * - SU(2): 4 numbers, the unit quaternion a with U = a₀·1 + i a⃗·σ⃗ (see core/groups/su2.ts).
 */
import type { Rng } from '../rng';
import type { ComplexMatrix } from '../groups/complexMatrix';

export type GaugeGroupName = 'U1' | 'SU2';

/** Operations on group elements stored at offsets of Float64Arrays. All products are safe under aliasing. */
export interface GaugeGroup {
  readonly name: GaugeGroupName;
  /** Matrix size N: the element is an N×N unitary matrix. */
  readonly N: number;
  /** Numbers per stored element. */
  readonly stride: number;
  /** out = 1. */
  identity(out: Float64Array, o: number): void;
  /** out = A B. */
  mul(a: Float64Array, ao: number, b: Float64Array, bo: number, out: Float64Array, o: number): void;
  /** out = A B†. */
  mulAdj(a: Float64Array, ao: number, b: Float64Array, bo: number, out: Float64Array, o: number): void;
  /** out = A† B. */
  adjMul(a: Float64Array, ao: number, b: Float64Array, bo: number, out: Float64Array, o: number): void;
  /** out = A†. */
  adjoint(a: Float64Array, ao: number, out: Float64Array, o: number): void;
  /** Re tr A. */
  traceRe(a: Float64Array, ao: number): number;
  /** Im tr A. */
  traceIm(a: Float64Array, ao: number): number;
  /** Frobenius distance ‖A − B‖_F between two elements. */
  distance(a: Float64Array, ao: number, b: Float64Array, bo: number): number;
  /** Project back onto the group (removes rounding drift after many products). */
  normalize(a: Float64Array, ao: number): void;
  /** A Haar-random element. */
  haar(rng: Rng, out: Float64Array, o: number): void;
  /** The N×N complex matrix of an element. */
  toMatrix(a: Float64Array, ao: number): ComplexMatrix;
  /**
   * The eigenphase θ of an element, U = P diag(e^{iθ}, …) P†:
   * U(1): θ = arg U ∈ (−π, π]; SU(2): eigenvalues e^{±iθ} with θ = arccos(½ tr U) ∈ [0, π].
   */
  eigenphase(a: Float64Array, ao: number): number;
}
