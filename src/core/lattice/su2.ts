/**
 * SU(2) links behind the lattice's `GaugeGroup` interface. The element, its matrix, product and Haar measure are
 * those of core/groups/su2.ts (U = a₀·1 + i a⃗·σ⃗, stored as the 4-number slice (a₀, a₁, a₂, a₃)); this file only
 * adapts them to slices of the link array. Frobenius norm: ‖U‖_F² = 2|a|², so ‖U − V‖_F = √2 |a − b|.
 */
import type { GaugeGroup } from './gaugeGroup';
import { haarSU2Into, su2MatrixOfQuaternion, su2MulInto } from '../groups/su2';
import { productsOf, unitSliceAdjoint, unitSliceIdentity, unitSliceNormalize } from './unitSlice';

export const SU2: GaugeGroup = {
  name: 'SU2',
  N: 2,
  stride: 4,
  identity: unitSliceIdentity(4),
  ...productsOf(su2MulInto),
  adjoint: unitSliceAdjoint(4),
  traceRe(a, ao) {
    return 2 * a[ao];
  },
  traceIm() {
    return 0;
  },
  distance(a, ao, b, bo) {
    const d0 = a[ao] - b[bo], d1 = a[ao + 1] - b[bo + 1], d2 = a[ao + 2] - b[bo + 2], d3 = a[ao + 3] - b[bo + 3];
    return Math.SQRT2 * Math.sqrt(d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3);
  },
  normalize: unitSliceNormalize(4),
  haar: haarSU2Into,
  toMatrix(a, ao) {
    return su2MatrixOfQuaternion(a, ao);
  },
  eigenphase(a, ao) {
    // Clamp: rounding can push |a₀| a hair above 1, where arccos is NaN.
    return Math.acos(Math.max(-1, Math.min(1, a[ao])));
  },
};
