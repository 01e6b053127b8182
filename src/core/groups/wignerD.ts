/**
 * The spin-j irreducible representations of SU(2), as complex Wigner-D matrices in the standard
 * (Condon–Shortley) basis |j, m⟩, m = j, j−1, …, −j.
 */
import { factorial } from './factorial';
import { complexZeros, type ComplexMatrix } from './complexMatrix';
import type { UnitQuaternion } from './su2';
import type { RealMatrix } from './matrix';

/** The largest spin j₁, j₂ a user may choose for a tensor product factor (dimension 2j + 1 = 7). */
export const MAX_SPIN = 3;

/** The largest spin `wignerD` computes: enough for every J in D^{j₁} ⊗ D^{j₂} with j₁, j₂ ≤ MAX_SPIN. */
export const MAX_WIGNER_SPIN = 2 * MAX_SPIN;

/** Whether j is a non-negative multiple of ½. */
export function isHalfInteger(j: number): boolean {
  return Number.isFinite(j) && Number.isInteger(2 * j);
}

/**
 * Throw a RangeError unless j ∈ {0, ½, 1, …, limit}: spins are non-negative multiples of ½, and Wigner-D
 * matrices are computed only up to MAX_SPIN.
 */
export function assertSpin(j: number, limit = MAX_SPIN): void {
  if (!isHalfInteger(j) || j < 0) throw new RangeError(`spin j must be a non-negative multiple of ½, got ${j}`);
  if (j > limit) throw new RangeError(`spin j = ${j} is above the supported limit ${limit}`);
}

/** The projections m = j, j − 1, …, −j: the row/column order of every spin-j matrix here. */
export function spinProjections(j: number): number[] {
  return Array.from({ length: Math.round(2 * j) + 1 }, (_, i) => j - i);
}

/** Format a spin or projection as a fraction: 1.5 → "3/2", −0.5 → "−1/2", 2 → "2". */
export function formatSpin(x: number): string {
  const sign = x < 0 ? '−' : '';
  const a = Math.abs(x);
  return Number.isInteger(a) ? `${sign}${a}` : `${sign}${Math.round(2 * a)}/2`;
}

/**
 * Wigner's small d-matrix d^j_{m'm}(β) = ⟨j m'| e^{−iβJ_y} |j m⟩:
 * d^j_{m'm}(β) = Σ_k (−1)^{k−m+m'} √((j+m')!(j−m')!(j+m)!(j−m)!) / ((j+m−k)! k! (j−k−m')! (k−m+m')!)
 *               · cos(β/2)^{2j−2k+m−m'} sin(β/2)^{2k−m+m'},
 * the sum running over the k for which every factorial argument is non-negative.
 */
export function wignerSmallD(j: number, beta: number): RealMatrix {
  assertSpin(j, MAX_WIGNER_SPIN);
  const ms = spinProjections(j);
  const c = Math.cos(beta / 2);
  const s = Math.sin(beta / 2);
  return ms.map((mp) =>
    ms.map((m) => {
      const pre = Math.sqrt(factorial(j + mp) * factorial(j - mp) * factorial(j + m) * factorial(j - m));
      let sum = 0;
      const kMin = Math.max(0, m - mp);
      const kMax = Math.min(j + m, j - mp);
      for (let k = kMin; k <= kMax + 1e-9; k++) {
        const sign = Math.round(k - m + mp) % 2 === 0 ? 1 : -1;
        const denominator = factorial(j + m - k) * factorial(k) * factorial(j - k - mp) * factorial(k - m + mp);
        sum +=
          (sign * Math.pow(c, Math.round(2 * j - 2 * k + m - mp)) * Math.pow(s, Math.round(2 * k - m + mp))) /
          denominator;
      }
      return pre * sum;
    }),
  );
}

/** ZYZ Euler angles of an SU(2) element: U = e^{−iαJ_z} e^{−iβJ_y} e^{−iγJ_z} with J = σ/2. */
export interface EulerAngles {
  alpha: number;
  beta: number;
  gamma: number;
}

/**
 * Euler angles of U(a) = [[A, −B̄], [B, Ā]] with A = a₀ + i a₃, B = −a₂ + i a₁ (the convention of su2.ts).
 * Comparing with the spin-½ Wigner matrix, A = e^{−i(α+γ)/2} cos(β/2) and B = e^{i(α−γ)/2} sin(β/2), so
 * β = 2 atan2(|B|, |A|), α = arg B − arg A, γ = −arg A − arg B. The angles are kept in (−2π, 2π) rather than
 * reduced mod 2π: for half-integer spin the sign of e^{−imα} matters (SU(2) is the double cover).
 */
export function su2EulerAngles(q: UnitQuaternion): EulerAngles {
  const [a0, a1, a2, a3] = q;
  const argA = Math.atan2(a3, a0);
  const argB = Math.atan2(a1, -a2);
  const beta = 2 * Math.atan2(Math.hypot(a1, a2), Math.hypot(a0, a3));
  return { alpha: argB - argA, beta, gamma: -argA - argB };
}

/**
 * The spin-j Wigner-D matrix D^j_{m'm}(q) = e^{−im'α} d^j_{m'm}(β) e^{−imγ}, with (α, β, γ) the Euler angles of
 * q. D^j is a (2j+1)-dimensional unitary irrep of SU(2): D^j(p∘q) = D^j(p)D^j(q), and D^{1/2}(q) = U(q); for the
 * element over the rotation by θ about n̂ (`unitQuaternionFromAxisAngle`), D^j = exp(−iθ n̂·J⃗).
 * For integer j it factors through SO(3) (D^j(−q) = D^j(q)); for half-integer j, D^j(−q) = −D^j(q).
 * @throws RangeError for j above MAX_WIGNER_SPIN or not a multiple of ½.
 */
export function wignerD(j: number, q: UnitQuaternion): ComplexMatrix {
  assertSpin(j, MAX_WIGNER_SPIN);
  const { alpha, beta, gamma } = su2EulerAngles(q);
  const d = wignerSmallD(j, beta);
  const ms = spinProjections(j);
  const out = complexZeros(ms.length);
  ms.forEach((mp, r) => {
    ms.forEach((m, col) => {
      const phase = -(mp * alpha + m * gamma);
      out.data[2 * (r * ms.length + col)] = Math.cos(phase) * d[r][col];
      out.data[2 * (r * ms.length + col) + 1] = Math.sin(phase) * d[r][col];
    });
  });
  return out;
}
