/**
 * U(1) and SU(2) elements are both stored as unit vectors: e^{iθ} as (cos θ, sin θ) ∈ S¹, U = a₀·1 + i a⃗·σ⃗ as the
 * unit quaternion a ∈ S³. Their identity, conjugate (= inverse) and projection back onto the group are therefore one
 * operation each on a slice of `stride` numbers, and their products AB, AB†, A†B one signed product each: written here
 * once for both `GaugeGroup`s.
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

/**
 * out = a† = (a₀, −a₁, …): the conjugate, which is the inverse on the unit sphere (e^{−iθ} for U(1), the adjoint
 * a₀·1 − i a⃗·σ⃗ for SU(2)). Safe when out aliases a.
 */
export function unitSliceAdjoint(stride: number): (a: Float64Array, ao: number, out: Float64Array, o: number) => void {
  return (a, ao, out, o) => {
    out[o] = a[ao];
    for (let k = 1; k < stride; k++) out[o + k] = -a[ao + k];
  };
}

/** A group product with conjugation signs: out = a^{sa} b^{sb}, s = −1 taking the conjugate (a₀, −a⃗) first. */
export type SignedProduct = (a: Float64Array, ao: number, sa: 1 | -1, b: Float64Array, bo: number, sb: 1 | -1, out: Float64Array, o: number) => void;

type Product = (a: Float64Array, ao: number, b: Float64Array, bo: number, out: Float64Array, o: number) => void;

/** The three products a group offers, AB, AB† and A†B, from its one signed product. */
export function productsOf(mulInto: SignedProduct): { mul: Product; mulAdj: Product; adjMul: Product } {
  return {
    mul: (a, ao, b, bo, out, o) => mulInto(a, ao, 1, b, bo, 1, out, o),
    mulAdj: (a, ao, b, bo, out, o) => mulInto(a, ao, 1, b, bo, -1, out, o),
    adjMul: (a, ao, b, bo, out, o) => mulInto(a, ao, -1, b, bo, 1, out, o),
  };
}
