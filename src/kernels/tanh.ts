// AssemblyScript, not TypeScript (excluded from tsc; compiled into the kernels by scripts/build-kernels.mjs).
//
// tanh in f32x4, for the kernels' tanh layers: four lanes per instruction instead of AssemblyScript's scalar Mathf.tanh
// (a tanh step at 64 × 64 took 5.6 ms with it, 2.2–2.3 ms with this; docs/PERFORMANCE.md).

/**
 * tanh(x) = sign(x) (1 − t)/(1 + t) with t = e^{−2|x|}, four lanes at a time. e^y for y ∈ [−20, 0] (tanh is 1 in
 * float32 beyond |x| = 10): y = k ln 2 + r with k = round(y / ln 2) and ln 2 split in two so r is exact
 * (|r| ≤ ln 2 / 2), e^r by its Taylor series to r⁷ (truncation < 1e-8 relative), 2^k from the exponent bits. The
 * absolute error is a few float32 ulps of 1 (about 1e-7); near 0 that is larger relative to tanh(x) itself than
 * libm's, which training does not notice (the unit tests compare with tfjs's tanh to 1e-5).
 */
@inline function tanh4(x: v128): v128 {
  const y = f32x4.max(f32x4.mul(f32x4.abs(x), f32x4.splat(-2)), f32x4.splat(-20));
  const k = f32x4.nearest(f32x4.mul(y, f32x4.splat(1.4426950408889634)));
  let r = f32x4.sub(y, f32x4.mul(k, f32x4.splat(0.693359375)));
  r = f32x4.sub(r, f32x4.mul(k, f32x4.splat(-2.12194440e-4)));
  let p = f32x4.add(f32x4.mul(r, f32x4.splat(<f32>(1.0 / 5040))), f32x4.splat(<f32>(1.0 / 720)));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(<f32>(1.0 / 120)));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(<f32>(1.0 / 24)));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(<f32>(1.0 / 6)));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(0.5));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1));
  p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1));
  const twoK = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(k), i32x4.splat(127)), 23);
  const t = f32x4.mul(p, twoK);
  const magnitude = f32x4.div(f32x4.sub(f32x4.splat(1), t), f32x4.add(f32x4.splat(1), t));
  return v128.or(magnitude, v128.and(x, i32x4.splat(0x80000000)));
}

/** p[i] = tanh(p[i]) for i < count: four at a time, the tail one lane of the same formula. */
export function tanhInPlace(p: usize, count: i32): void {
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    const q = p + (<usize>i << 2);
    v128.store(q, tanh4(v128.load(q)));
  }
  for (; i < count; i++) {
    const q = p + (<usize>i << 2);
    store<f32>(q, f32x4.extract_lane(tanh4(f32x4.splat(load<f32>(q))), 0));
  }
}
