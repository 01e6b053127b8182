/**
 * Float64 orbit deviation: given f evaluated on the orbit of each point, values[g][p] = f(ρ(g)x_p) for the |G| group
 * elements, returns dev(x_p) = std_g f(ρ(g)x_p), the population standard deviation over the orbit.
 *
 * Why a separate routine: the one-pass form √(E f² − (E f)²) cancels catastrophically and cannot report anything
 * below ~1e-8·|f|, while the closed form's deviation sits at ~1e-16. This uses two passes (mean, then squared
 * deviations).
 */
export function orbitStdFloat64(values: readonly ArrayLike<number>[]): Float64Array {
  const order = values.length;
  if (order === 0) return new Float64Array(0);
  const size = values[0].length;
  const out = new Float64Array(size);
  for (let p = 0; p < size; p++) {
    let sum = 0;
    for (let g = 0; g < order; g++) sum += values[g][p];
    const mean = sum / order;
    let sq = 0;
    for (let g = 0; g < order; g++) {
      const e = values[g][p] - mean;
      sq += e * e;
    }
    out[p] = Math.sqrt(sq / order);
  }
  return out;
}
