/**
 * U(1) and SU(2) elements are both stored as unit vectors: e^{iθ} as (cos θ, sin θ) ∈ S¹, U = a₀·1 + i a⃗·σ⃗ as the
 * unit quaternion a ∈ S³. Their identity and the projection back onto the group are therefore one operation each on
 * a slice of `stride` numbers, written here once for both `GaugeGroup`s.
 */

/** out[o … o + stride) = (1, 0, …, 0): the identity element 1 = e^{i0} = (1, 0⃗). */
export function unitSliceIdentity(stride: number): (out: Float64Array, o: number) => void {
  return (out, o) => {
    out.fill(0, o + 1, o + stride);
    out[o] = 1;
  };
}

/**
 * a ← a / |a| with |a| = hypot(a_0, …, a_{stride−1}): the projection onto the unit sphere, which removes the rounding
 * drift of many products. A zero slice (no direction to keep) becomes (1, 0, …, 0).
 */
export function unitSliceNormalize(stride: number): (a: Float64Array, ao: number) => void {
  return (a, ao) => {
    const r = Math.hypot(...a.subarray(ao, ao + stride));
    if (r > 0) {
      for (let k = 0; k < stride; k++) a[ao + k] /= r;
    } else {
      a[ao] = 1;
    }
  };
}
