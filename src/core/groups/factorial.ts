/** Factorials as exact doubles (exact up to 22!, correctly rounded beyond), for the angular-momentum formulas. */

const TABLE: number[] = [1];
for (let i = 1; i <= 170; i++) TABLE.push(TABLE[i - 1] * i);

/** n! for an integer 0 ≤ n ≤ 170. Accepts values like 2.0000000001 produced by half-integer arithmetic. */
export function factorial(n: number): number {
  const k = Math.round(n);
  if (Math.abs(n - k) > 1e-9 || k < 0 || k > 170) throw new RangeError(`factorial of ${n} is not defined here`);
  return TABLE[k];
}
