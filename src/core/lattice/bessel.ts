/**
 * Modified Bessel functions of the first kind, I_n(x), for integer n ≥ 0 and x ≥ 0, in float64.
 *
 *   I_n(x) = Σ_{k≥0} (x/2)^{2k+n} / (k! (k+n)!).
 *
 * Every term is positive, so the sum has no cancellation and its relative error is a few ulps for any x where it does
 * not overflow (x ≲ 700). Terms are built by the ratio t_{k+1}/t_k = (x/2)² / ((k+1)(k+1+n)), and the sum stops once
 * a term no longer changes it.
 */
export function besselI(n: number, x: number): number {
  if (!Number.isInteger(n) || n < 0) throw new Error(`besselI needs an integer order n ≥ 0, got ${n}`);
  if (!(x >= 0)) throw new Error(`besselI needs x ≥ 0, got ${x}`);
  if (x === 0) return n === 0 ? 1 : 0;
  const h = x / 2;
  // First term (x/2)^n / n!, built as a product so that it never overflows early.
  let term = 1;
  for (let k = 1; k <= n; k++) term *= h / k;
  const q = h * h;
  let sum = term;
  for (let k = 0; k < 100000; k++) {
    term *= q / ((k + 1) * (k + 1 + n));
    const next = sum + term;
    // Past the peak of the terms (k + 1 > h), a term that no longer changes the sum means the rest cannot either.
    if (next === sum && k + 1 > h) break;
    sum = next;
  }
  return sum;
}

/**
 * The ratio I_{n+1}(x)/I_n(x), x ≥ 0. Computed from the two series; for x = 0 it is 0. Used for the exact 2D plaquette:
 * U(1) ⟨cos θ_p⟩ = I₁(β)/I₀(β), SU(2) ⟨½ tr U_p⟩ = I₂(β)/I₁(β).
 */
export function besselIRatio(n: number, x: number): number {
  if (x === 0) return 0;
  return besselI(n + 1, x) / besselI(n, x);
}
