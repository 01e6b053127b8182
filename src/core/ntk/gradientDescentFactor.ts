/**
 * The spectral factor of linearised full-batch gradient descent on L = 1/(2N) Σ_i (f(x_i) − y_i)² (reference §1):
 *
 *     φ_s(λ) = (1 − (1 − ηλ/N)^s) / λ,      with the limit φ_s(0) = sη/N,
 *
 * so that μ_s(x) = Θ(x,X) V diag(φ_s(λ_i)) Vᵀ Y for Θ(X,X) = V diag(λ) Vᵀ.
 *
 * Why not the formula as written: for ηλ/N ≪ 1/s the numerator is 1 − (1 − tiny), which cancels to nothing. For
 * z = ηλ/N < 1 it is evaluated as (η/N)·(−expm1(s·log1p(−z)))/z, accurate for every z down to 0. For z ≥ 1 the
 * power alternates in sign and no cancellation can occur, so the direct form is used; for z > 2 it grows without bound
 * (the linearised dynamics diverge) and the result may overflow to ±Infinity.
 *
 * @param lambda an eigenvalue λ of Θ(X,X) (≥ 0 for a genuine kernel)
 * @param lr the step size η
 * @param n the number of training points N
 * @param steps the step count s (a non-negative integer)
 */
export function gradientDescentFactor(lambda: number, lr: number, n: number, steps: number): number {
  const z = (lr * lambda) / n;
  if (z === 0) return (steps * lr) / n;
  if (z < 1) return ((lr / n) * -Math.expm1(steps * Math.log1p(-z))) / z;
  return (1 - Math.pow(1 - z, steps)) / lambda;
}

/**
 * The fraction of a training-residual mode left after s steps: (1 − ηλ/N)^s, the mode's shrink factor. Computed as
 * exp(s·log1p(−z)) for z = ηλ/N < 1 so that slow modes keep their digits.
 */
export function residualDecay(lambda: number, lr: number, n: number, steps: number): number {
  const z = (lr * lambda) / n;
  if (z < 1) return Math.exp(steps * Math.log1p(-z));
  return Math.pow(1 - z, steps);
}

/**
 * Critical step size of the linearised dynamics, η_c = 2N/λ_max: above it the fastest mode's factor |1 − ηλ_max/N|
 * exceeds 1 and the iterates diverge. Infinity when λ_max ≤ 0 (no mode can diverge).
 */
export function criticalLearningRate(lambdaMax: number, n: number): number {
  return lambdaMax > 0 ? (2 * n) / lambdaMax : Infinity;
}
