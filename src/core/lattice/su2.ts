/**
 * SU(2) as unit quaternions. a = (a₀, a₁, a₂, a₃) with |a| = 1 stands for
 *   U = a₀·1 + i(a₁σ₁ + a₂σ₂ + a₃σ₃) = [[a₀ + i a₃, a₂ + i a₁], [−a₂ + i a₁, a₀ − i a₃]].
 * Product: (a b)₀ = a₀b₀ − a⃗·b⃗, (a b)⃗ = a₀b⃗ + b₀a⃗ − a⃗×b⃗ (from (a⃗·σ⃗)(b⃗·σ⃗) = a⃗·b⃗ + i(a⃗×b⃗)·σ⃗).
 * Adjoint: (a₀, −a⃗). Trace: tr U = 2a₀. Frobenius norm: ‖U‖_F² = 2|a|².
 */
import type { GaugeGroup } from './gaugeGroup';
import { haarSU2Into } from './haar';
import type { ComplexMatrix } from './complexMatrix';

/** Quaternion product out = a·b with optional adjoints (sa, sb = −1 flips the vector part). Alias-safe. */
function qmul(
  a: Float64Array,
  ao: number,
  sa: number,
  b: Float64Array,
  bo: number,
  sb: number,
  out: Float64Array,
  o: number,
): void {
  const a0 = a[ao], a1 = sa * a[ao + 1], a2 = sa * a[ao + 2], a3 = sa * a[ao + 3];
  const b0 = b[bo], b1 = sb * b[bo + 1], b2 = sb * b[bo + 2], b3 = sb * b[bo + 3];
  out[o] = a0 * b0 - a1 * b1 - a2 * b2 - a3 * b3;
  out[o + 1] = a0 * b1 + b0 * a1 - (a2 * b3 - a3 * b2);
  out[o + 2] = a0 * b2 + b0 * a2 - (a3 * b1 - a1 * b3);
  out[o + 3] = a0 * b3 + b0 * a3 - (a1 * b2 - a2 * b1);
}

export const SU2: GaugeGroup = {
  name: 'SU2',
  N: 2,
  stride: 4,
  identity(out, o) {
    out[o] = 1;
    out[o + 1] = 0;
    out[o + 2] = 0;
    out[o + 3] = 0;
  },
  mul(a, ao, b, bo, out, o) {
    qmul(a, ao, 1, b, bo, 1, out, o);
  },
  mulAdj(a, ao, b, bo, out, o) {
    qmul(a, ao, 1, b, bo, -1, out, o);
  },
  adjMul(a, ao, b, bo, out, o) {
    qmul(a, ao, -1, b, bo, 1, out, o);
  },
  adjoint(a, ao, out, o) {
    out[o] = a[ao];
    out[o + 1] = -a[ao + 1];
    out[o + 2] = -a[ao + 2];
    out[o + 3] = -a[ao + 3];
  },
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
  normalize(a, ao) {
    const r = Math.hypot(a[ao], a[ao + 1], a[ao + 2], a[ao + 3]);
    if (r > 0) {
      for (let k = 0; k < 4; k++) a[ao + k] /= r;
    } else {
      a[ao] = 1;
    }
  },
  haar: haarSU2Into,
  toMatrix(a, ao) {
    return su2ToMatrix(a[ao], a[ao + 1], a[ao + 2], a[ao + 3]);
  },
  eigenphase(a, ao) {
    // Clamp: rounding can push |a₀| a hair above 1, where arccos is NaN.
    return Math.acos(Math.max(-1, Math.min(1, a[ao])));
  },
};

/** U = [[a₀ + i a₃, a₂ + i a₁], [−a₂ + i a₁, a₀ − i a₃]] as a 2×2 complex matrix. */
export function su2ToMatrix(a0: number, a1: number, a2: number, a3: number): ComplexMatrix {
  return { n: 2, data: Float64Array.of(a0, a3, a2, a1, -a2, a1, a0, -a3) };
}

/**
 * The SU(2) element exp(i (α/2) n̂·σ⃗) = cos(α/2) + i sin(α/2) n̂·σ⃗: a rotation by angle α about the axis n̂
 * (n̂ is normalised here). Its eigenphase is α/2.
 */
export function su2FromAxisAngle(alpha: number, nx: number, ny: number, nz: number): Float64Array {
  const r = Math.hypot(nx, ny, nz) || 1;
  const s = Math.sin(alpha / 2) / r;
  return Float64Array.of(Math.cos(alpha / 2), s * nx, s * ny, s * nz);
}
