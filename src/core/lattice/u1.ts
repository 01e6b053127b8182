/** U(1): unit complex numbers U = e^{iθ}, stored as (Re U, Im U). N = 1, so tr U = U. */
import type { GaugeGroup } from './gaugeGroup';
import { haarU1Into } from './haar';
import { productsOf, unitSliceAdjoint, unitSliceIdentity, unitSliceNormalize } from './unitSlice';

/**
 * out = a^{sa} b^{sb} for phases stored as (Re, Im) (s = −1 takes the conjugate a* = a⁻¹ = a† first):
 * (a_r + i a_i)(b_r + i b_i) = (a_r b_r − a_i b_i) + i(a_r b_i + a_i b_r). Safe when out aliases a or b.
 */
function u1MulInto(a: Float64Array, ao: number, sa: 1 | -1, b: Float64Array, bo: number, sb: 1 | -1, out: Float64Array, o: number): void {
  const ar = a[ao], ai = sa * a[ao + 1], br = b[bo], bi = sb * b[bo + 1];
  out[o] = ar * br - ai * bi;
  out[o + 1] = ar * bi + ai * br;
}

export const U1: GaugeGroup = {
  name: 'U1',
  N: 1,
  stride: 2,
  identity: unitSliceIdentity(2),
  ...productsOf(u1MulInto),
  adjoint: unitSliceAdjoint(2),
  traceRe(a, ao) {
    return a[ao];
  },
  traceIm(a, ao) {
    return a[ao + 1];
  },
  distance(a, ao, b, bo) {
    return Math.hypot(a[ao] - b[bo], a[ao + 1] - b[bo + 1]);
  },
  normalize: unitSliceNormalize(2),
  haar: haarU1Into,
  toMatrix(a, ao) {
    return { n: 1, data: Float64Array.of(a[ao], a[ao + 1]) };
  },
  eigenphase(a, ao) {
    return Math.atan2(a[ao + 1], a[ao]);
  },
};

/** e^{iθ} as a stored U(1) element. */
export function u1FromAngle(theta: number): Float64Array {
  return Float64Array.of(Math.cos(theta), Math.sin(theta));
}
