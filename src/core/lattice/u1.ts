/** U(1): unit complex numbers U = e^{iθ}, stored as (Re U, Im U). N = 1, so tr U = U. */
import type { GaugeGroup } from './gaugeGroup';
import { haarU1Into } from './haar';
import { unitSliceIdentity, unitSliceNormalize } from './unitSlice';

export const U1: GaugeGroup = {
  name: 'U1',
  N: 1,
  stride: 2,
  identity: unitSliceIdentity(2),
  mul(a, ao, b, bo, out, o) {
    const ar = a[ao], ai = a[ao + 1], br = b[bo], bi = b[bo + 1];
    out[o] = ar * br - ai * bi;
    out[o + 1] = ar * bi + ai * br;
  },
  mulAdj(a, ao, b, bo, out, o) {
    const ar = a[ao], ai = a[ao + 1], br = b[bo], bi = -b[bo + 1];
    out[o] = ar * br - ai * bi;
    out[o + 1] = ar * bi + ai * br;
  },
  adjMul(a, ao, b, bo, out, o) {
    const ar = a[ao], ai = -a[ao + 1], br = b[bo], bi = b[bo + 1];
    out[o] = ar * br - ai * bi;
    out[o + 1] = ar * bi + ai * br;
  },
  adjoint(a, ao, out, o) {
    out[o] = a[ao];
    out[o + 1] = -a[ao + 1];
  },
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
