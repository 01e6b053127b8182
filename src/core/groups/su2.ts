/**
 * SU(2) — the one SU(2) module of the core (groups, Wigner-D, the cross-product experiment and the lattice links) —
 * and its 2-to-1 image SO(3).
 *
 * Convention (the lattice-QCD one of Creutz 1980): an element is the unit quaternion a = (a₀, a₁, a₂, a₃), |a| = 1,
 * read as the matrix
 *   U(a) = a₀·1 + i(a₁σ₁ + a₂σ₂ + a₃σ₃) = [[a₀ + i a₃, a₂ + i a₁], [−a₂ + i a₁, a₀ − i a₃]],
 * so tr U = 2a₀, det U = |a|² = 1, U† = U(a₀, −a⃗) and ‖U‖_F² = 2|a|².
 * Product, from (a⃗·σ⃗)(b⃗·σ⃗) = (a⃗·b⃗)·1 + i(a⃗×b⃗)·σ⃗: U(a)U(b) = U(a∘b) with
 *   (a∘b)₀ = a₀b₀ − a⃗·b⃗,   (a∘b)⃗ = a₀b⃗ + b₀a⃗ − a⃗×b⃗.
 * (This is the Hamilton product with the cross term reversed: a Hamilton quaternion w + xi + yj + zk corresponds
 * to a = (w, −x, −y, −z).)
 * Rotations: U acts on ℝ³ by U (v⃗·σ⃗) U† = (R v⃗)·σ⃗. The element over the right-handed rotation by θ about the unit
 * axis n̂ is U = exp(−iθ n̂·σ⃗/2), i.e. a = (cos θ/2, −sin θ/2 · n̂); its spin-j matrix is D^j = exp(−iθ n̂·J⃗).
 * Haar measure: uniform on the 3-sphere |a| = 1 (drawn as a normalised Gaussian 4-vector).
 *
 * Storage: four float64 numbers in the order (a₀, a₁, a₂, a₃) — a `UnitQuaternion` tuple for one element, or a
 * 4-number slice at an offset of a Float64Array for lattice fields. The tuple helpers call the slice kernels.
 */
import type { Rng } from '../rng';
import type { ContinuousGroup } from './group';
import { complexAdjoint, complexFromRows, complexMatMul, type ComplexMatrix } from './complexMatrix';
import { matMul, transpose, maxAbsDifference, type RealMatrix } from './matrix';

/** A unit quaternion (a₀, a₁, a₂, a₃), the SU(2) element U = a₀·1 + i a⃗·σ⃗. */
export type UnitQuaternion = readonly [number, number, number, number];

/**
 * out[o…o+3] = a^{sa} ∘ b^{sb} for elements stored in slices (s = −1 takes the adjoint (a₀, −a⃗) first):
 * (a∘b)₀ = a₀b₀ − a⃗·b⃗, (a∘b)⃗ = a₀b⃗ + b₀a⃗ − a⃗×b⃗, so U(a∘b) = U(a)U(b). Safe when out aliases a or b.
 */
export function su2MulInto(
  a: ArrayLike<number>,
  ao: number,
  sa: 1 | -1,
  b: ArrayLike<number>,
  bo: number,
  sb: 1 | -1,
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

/** p∘q, the element with U(p∘q) = U(p)U(q) (see `su2MulInto` for the formula). */
export function multiplyUnitQuaternions(p: UnitQuaternion, q: UnitQuaternion): UnitQuaternion {
  const out = new Float64Array(4);
  su2MulInto(p, 0, 1, q, 0, 1, out, 0);
  return [out[0], out[1], out[2], out[3]];
}

/** The inverse a⁻¹ = (a₀, −a⃗), since U(a)⁻¹ = U(a)†. */
export function inverseUnitQuaternion(q: UnitQuaternion): UnitQuaternion {
  return [q[0], -q[1], -q[2], -q[3]];
}

/** q/|q|. */
export function normalizeUnitQuaternion(q: UnitQuaternion): UnitQuaternion {
  const n = Math.hypot(q[0], q[1], q[2], q[3]);
  if (n === 0) throw new RangeError('cannot normalise the zero quaternion');
  return [q[0] / n, q[1] / n, q[2] / n, q[3] / n];
}

/**
 * The element over the right-handed rotation by θ about the axis n (normalised here):
 * U = exp(−iθ n̂·σ⃗/2) = cos(θ/2)·1 − i sin(θ/2) n̂·σ⃗, i.e. a = (cos θ/2, −sin θ/2 · n̂). θ ∈ [0, 4π) covers SU(2).
 */
export function unitQuaternionFromAxisAngle(axis: readonly [number, number, number], theta: number): UnitQuaternion {
  const n = Math.hypot(axis[0], axis[1], axis[2]);
  if (n === 0) throw new RangeError('rotation axis must be nonzero');
  const s = -Math.sin(theta / 2) / n;
  return [Math.cos(theta / 2), s * axis[0], s * axis[1], s * axis[2]];
}

/**
 * A Haar-random element into out[o…o+3]: a = g/|g| with g ~ N(0, 1₄), uniform on the 3-sphere, which is the Haar
 * measure of SU(2) (and the β = 0 equilibrium of a lattice link).
 */
export function haarSU2Into(rng: Rng, out: Float64Array, o: number): void {
  let n2 = 0;
  let g0 = 0;
  let g1 = 0;
  let g2 = 0;
  let g3 = 0;
  // A zero-length draw has probability zero, but a loop costs nothing and rules out the division by zero.
  while (n2 < 1e-300) {
    g0 = rng.normal();
    g1 = rng.normal();
    g2 = rng.normal();
    g3 = rng.normal();
    n2 = g0 * g0 + g1 * g1 + g2 * g2 + g3 * g3;
  }
  const inv = 1 / Math.sqrt(n2);
  out[o] = g0 * inv;
  out[o + 1] = g1 * inv;
  out[o + 2] = g2 * inv;
  out[o + 3] = g3 * inv;
}

/** A Haar-random unit quaternion (see `haarSU2Into`). */
export function haarRandomUnitQuaternion(rng: Rng): UnitQuaternion {
  const a = new Float64Array(4);
  haarSU2Into(rng, a, 0);
  return [a[0], a[1], a[2], a[3]];
}

/** U(a) = [[a₀ + i a₃, a₂ + i a₁], [−a₂ + i a₁, a₀ − i a₃]] for the element stored at a[o…o+3]: the spin-½ matrix. */
export function su2MatrixOfQuaternion(a: ArrayLike<number>, o = 0): ComplexMatrix {
  const a0 = a[o], a1 = a[o + 1], a2 = a[o + 2], a3 = a[o + 3];
  return { n: 2, data: Float64Array.of(a0, a3, a2, a1, -a2, a1, a0, -a3) };
}

/**
 * The covering map SU(2) → SO(3), a ↦ R(a) with U(a)(v⃗·σ⃗)U(a)† = (R v⃗)·σ⃗:
 * R = [[1−2(a₂²+a₃²), 2(a₁a₂+a₀a₃), 2(a₁a₃−a₀a₂)], [2(a₁a₂−a₀a₃), 1−2(a₁²+a₃²), 2(a₂a₃+a₀a₁)],
 *      [2(a₁a₃+a₀a₂), 2(a₂a₃−a₀a₁), 1−2(a₁²+a₂²)]].
 * It is a homomorphism, R(a∘b) = R(a)R(b), and quadratic in a, so R(−a) = R(a): two elements over every rotation.
 */
export function so3MatrixOfQuaternion(q: UnitQuaternion): RealMatrix {
  const [w, x, y, z] = q;
  return [
    [1 - 2 * (y * y + z * z), 2 * (x * y + w * z), 2 * (x * z - w * y)],
    [2 * (x * y - w * z), 1 - 2 * (x * x + z * z), 2 * (y * z + w * x)],
    [2 * (x * z + w * y), 2 * (y * z - w * x), 1 - 2 * (x * x + y * y)],
  ];
}

/**
 * A Haar-random rotation R(a⁻¹), a Haar-random. The inverse costs nothing in distribution (the Haar measure is
 * inversion-invariant) and keeps the seeded rotations those of the earlier Hamilton-quaternion convention, in which
 * the same four normal draws meant a⁻¹: evaluation sets and figures built from a seed are unchanged.
 */
export function haarRandomRotation(rng: Rng): RealMatrix {
  return so3MatrixOfQuaternion(inverseUnitQuaternion(haarRandomUnitQuaternion(rng)));
}

const PAULI: ComplexMatrix[] = [
  complexFromRows([[[0, 0], [1, 0]], [[1, 0], [0, 0]]]),
  complexFromRows([[[0, 0], [0, -1]], [[0, 1], [0, 0]]]),
  complexFromRows([[[1, 0], [0, 0]], [[0, 0], [-1, 0]]]),
];

/**
 * The same covering map computed from the matrix: R_ij = ½ tr(σ_i U σ_j U†), i.e. U (v⃗·σ⃗) U† = (R v⃗)·σ⃗.
 * Independent of how U is parametrised, so it checks `so3MatrixOfQuaternion`.
 */
export function so3FromSu2Matrix(u: ComplexMatrix): RealMatrix {
  const uDagger = complexAdjoint(u);
  return [0, 1, 2].map((i) =>
    [0, 1, 2].map((j) => {
      const m = complexMatMul(complexMatMul(PAULI[i], u), complexMatMul(PAULI[j], uDagger));
      return 0.5 * (m.data[0] + m.data[6]);
    }),
  );
}

/** SU(2) as unit quaternions under ∘; Haar samples via `haarRandomUnitQuaternion`. */
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

/** SO(3) as 3×3 rotation matrices under matrix multiplication; samples from `haarRandomRotation`. */
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
  sample: haarRandomRotation,
};
