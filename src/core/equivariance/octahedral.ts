/**
 * Rotations of 3D space used by the cross-product experiment: the octahedral group O ⊂ SO(3) (the 24 rotations of
 * a cube) for augmentation, and Haar-random rotations for evaluation. Matrices are row-major Float64Array(9).
 */
import type { Rng } from '../rng';
import { haarRandomRotation } from '../groups/su2';

/** A 3×3 rotation matrix, row-major. */
export type Rotation3 = Float64Array;

/**
 * The octahedral rotation group O: every signed permutation matrix with determinant +1, i.e. R e_j = s_j e_{σ(j)}
 * with σ ∈ S₃, s ∈ {±1}³ and sgn(σ)·s₁s₂s₃ = +1. |O| = 3!·2³/2 = 24. The identity comes first.
 */
export function octahedralRotations(): Rotation3[] {
  const perms = [
    [0, 1, 2],
    [0, 2, 1],
    [1, 0, 2],
    [1, 2, 0],
    [2, 0, 1],
    [2, 1, 0],
  ];
  const permSign = [1, -1, -1, 1, 1, -1];
  const out: Rotation3[] = [];
  perms.forEach((sigma, pi) => {
    for (let mask = 0; mask < 8; mask++) {
      const s = [mask & 1 ? -1 : 1, mask & 2 ? -1 : 1, mask & 4 ? -1 : 1];
      if (permSign[pi] * s[0] * s[1] * s[2] !== 1) continue;
      const R = new Float64Array(9);
      // Row i, column j: R[σ(j)][j] = s_j.
      for (let j = 0; j < 3; j++) R[sigma[j] * 3 + j] = s[j];
      out.push(R);
    }
  });
  return out;
}

/** A Haar-random rotation from the seeded stream (`haarRandomRotation`), as a row-major Float64Array. */
export function randomRotation3(rng: Rng): Rotation3 {
  const m = haarRandomRotation(rng);
  return Float64Array.from([m[0][0], m[0][1], m[0][2], m[1][0], m[1][1], m[1][2], m[2][0], m[2][1], m[2][2]]);
}

/**
 * out_i = Σ_j M_ij v_j for the 3×3 matrix with M_ij = R[i·rowStride + j·colStride]: (3, 1) reads R, (1, 3) reads Rᵀ.
 */
function applyMatrix3(
  R: ArrayLike<number>,
  rowStride: number,
  colStride: number,
  v: ArrayLike<number>,
  out: { [i: number]: number },
  vo: number,
  oo: number,
): void {
  const x = v[vo];
  const y = v[vo + 1];
  const z = v[vo + 2];
  for (let i = 0; i < 3; i++) {
    const r = i * rowStride;
    out[oo + i] = R[r] * x + R[r + colStride] * y + R[r + 2 * colStride] * z;
  }
}

/** out = R v (v, out of length 3 at the given offsets). */
export function rotate3(R: ArrayLike<number>, v: ArrayLike<number>, out: { [i: number]: number }, vo = 0, oo = 0): void {
  applyMatrix3(R, 3, 1, v, out, vo, oo);
}

/** out = Rᵀ v = R⁻¹ v. */
export function rotate3Inverse(R: ArrayLike<number>, v: ArrayLike<number>, out: { [i: number]: number }, vo = 0, oo = 0): void {
  applyMatrix3(R, 1, 3, v, out, vo, oo);
}

/** The cross product a × b = (a₂b₃ − a₃b₂, a₃b₁ − a₁b₃, a₁b₂ − a₂b₁). For R ∈ SO(3), Ra × Rb = R(a × b). */
export function cross3(a: ArrayLike<number>, b: ArrayLike<number>, ao = 0, bo = 0): [number, number, number] {
  return [
    a[ao + 1] * b[bo + 2] - a[ao + 2] * b[bo + 1],
    a[ao + 2] * b[bo] - a[ao] * b[bo + 2],
    a[ao] * b[bo + 1] - a[ao + 1] * b[bo],
  ];
}
