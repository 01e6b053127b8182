/**
 * SU(2) as unit quaternions, SO(3) as rotation matrices, and the 2-to-1 covering map SU(2) → SO(3).
 *
 * The quaternion q = (w, x, y, z), w² + x² + y² + z² = 1, is the SU(2) matrix
 * U(q) = w·I − i(x σ_x + y σ_y + z σ_z) = [[w − iz, −y − ix], [y − ix, w + iz]];
 * q = (cos θ/2, sin θ/2 · n) is U = exp(−iθ n·σ/2), the rotation by θ about the unit axis n.
 */
import type { Rng } from '../rng';
import type { ContinuousGroup } from './group';
import type { SplitComplexMatrix } from './complex';
import { adjoint, complexMatMul } from './complex';
import { matMul, transpose, maxAbsDifference, type RealMatrix } from './matrix';

/** A unit quaternion (w, x, y, z). */
export type UnitQuaternion = readonly [number, number, number, number];

/** Hamilton product: (w₁, v₁)(w₂, v₂) = (w₁w₂ − v₁·v₂, w₁v₂ + w₂v₁ + v₁ × v₂). Matches U(pq) = U(p)U(q). */
export function multiplyUnitQuaternions(p: UnitQuaternion, q: UnitQuaternion): UnitQuaternion {
  const [w1, x1, y1, z1] = p;
  const [w2, x2, y2, z2] = q;
  return [
    w1 * w2 - x1 * x2 - y1 * y2 - z1 * z2,
    w1 * x2 + x1 * w2 + y1 * z2 - z1 * y2,
    w1 * y2 - x1 * z2 + y1 * w2 + z1 * x2,
    w1 * z2 + x1 * y2 - y1 * x2 + z1 * w2,
  ];
}

/** Conjugate q* = (w, −v), the inverse of a unit quaternion. */
export function inverseUnitQuaternion(q: UnitQuaternion): UnitQuaternion {
  return [q[0], -q[1], -q[2], -q[3]];
}

/** q/|q|. */
export function normalizeUnitQuaternion(q: UnitQuaternion): UnitQuaternion {
  const n = Math.hypot(q[0], q[1], q[2], q[3]);
  if (n === 0) throw new RangeError('cannot normalise the zero quaternion');
  return [q[0] / n, q[1] / n, q[2] / n, q[3] / n];
}

/** q = (cos θ/2, sin θ/2 · n̂): rotation by θ about the axis n (normalised here). θ ∈ [0, 4π) covers SU(2). */
export function unitQuaternionFromAxisAngle(axis: readonly [number, number, number], theta: number): UnitQuaternion {
  const n = Math.hypot(axis[0], axis[1], axis[2]);
  if (n === 0) throw new RangeError('rotation axis must be nonzero');
  const s = Math.sin(theta / 2) / n;
  return [Math.cos(theta / 2), s * axis[0], s * axis[1], s * axis[2]];
}

/** A Haar-random unit quaternion: a standard Gaussian 4-vector, normalised (uniform on the 3-sphere). */
export function haarRandomUnitQuaternion(rng: Rng): UnitQuaternion {
  return normalizeUnitQuaternion([rng.normal(), rng.normal(), rng.normal(), rng.normal()]);
}

/** U(q) = [[w − iz, −y − ix], [y − ix, w + iz]], the defining (spin-½) representation of SU(2). */
export function su2MatrixOfQuaternion(q: UnitQuaternion): SplitComplexMatrix {
  const [w, x, y, z] = q;
  return {
    re: [
      [w, -y],
      [y, w],
    ],
    im: [
      [-z, -x],
      [-x, z],
    ],
  };
}

/**
 * The covering map SU(2) → SO(3), q ↦ R(q) with R(q)v = q v q* (v a pure quaternion):
 * R = [[1−2(y²+z²), 2(xy−wz), 2(xz+wy)], [2(xy+wz), 1−2(x²+z²), 2(yz−wx)], [2(xz−wy), 2(yz+wx), 1−2(x²+y²)]].
 * It is quadratic in q, so R(−q) = R(q): two elements of SU(2) for every rotation.
 */
export function so3MatrixOfQuaternion(q: UnitQuaternion): RealMatrix {
  const [w, x, y, z] = q;
  return [
    [1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)],
    [2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)],
    [2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)],
  ];
}

const PAULI: SplitComplexMatrix[] = [
  { re: [[0, 1], [1, 0]], im: [[0, 0], [0, 0]] },
  { re: [[0, 0], [0, 0]], im: [[0, -1], [1, 0]] },
  { re: [[1, 0], [0, -1]], im: [[0, 0], [0, 0]] },
];

/**
 * The same covering map computed from the matrix: R_ij = ½ tr(σ_i U σ_j U†), i.e. U (v·σ) U† = (Rv)·σ.
 * Used to check `so3MatrixOfQuaternion` and to show the map on matrices.
 */
export function so3FromSu2Matrix(u: SplitComplexMatrix): RealMatrix {
  const uDagger = adjoint(u);
  return [0, 1, 2].map((i) =>
    [0, 1, 2].map((j) => {
      const m = complexMatMul(complexMatMul(PAULI[i], u), complexMatMul(PAULI[j], uDagger));
      return 0.5 * (m.re[0][0] + m.re[1][1]);
    }),
  );
}

/** SU(2) as unit quaternions under the Hamilton product; Haar samples via `haarRandomUnitQuaternion`. */
export const SU2_GROUP: ContinuousGroup<UnitQuaternion> = {
  kind: 'continuous',
  name: 'SU(2)',
  identity: [1, 0, 0, 0],
  multiply: multiplyUnitQuaternions,
  inverse: inverseUnitQuaternion,
  equals: (p, q) => Math.max(...p.map((pi, i) => Math.abs(pi - q[i]))) < 1e-12,
  label: (q) => `(${q.map((c) => c.toFixed(3)).join(', ')})`,
  sample: haarRandomUnitQuaternion,
};

/** SO(3) as 3×3 rotation matrices under matrix multiplication; samples are images of Haar samples of SU(2). */
export const SO3_GROUP: ContinuousGroup<RealMatrix> = {
  kind: 'continuous',
  name: 'SO(3)',
  identity: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  multiply: matMul,
  // Orthogonal: R⁻¹ = Rᵀ.
  inverse: transpose,
  equals: (a, b) => maxAbsDifference(a, b) < 1e-12,
  label: (r) => r.map((row) => row.map((x) => x.toFixed(2)).join(' ')).join(' | '),
  sample: (rng) => so3MatrixOfQuaternion(haarRandomUnitQuaternion(rng)),
};
