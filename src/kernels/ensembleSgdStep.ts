// AssemblyScript, not TypeScript: compiled to WebAssembly (SIMD128) by scripts/build-kernels.mjs into
// src/kernels/build/ensembleSgdStep.wasm, and with relaxed SIMD (fused multiply-add) into ensembleSgdStep-relaxed.wasm.
// Excluded from tsc; src/core/ensemble/fusedSgdStep.ts is its host.
//
// One full-batch gradient-descent step of a whole ensemble of MLPs in one call, on the tfjs wasm backend's own
// memory (the module imports it, so tensors are read and written in place: no copies).
//
// Why a hand-written kernel: on tfjs-backend-wasm the step is ~60 ops. Its three per-member products run through
// XNNPACK's depthwise convolution at ≈ 12.6 GFLOP/s, and the transposes, broadcasts and elementwise ops around them
// cost as much again (docs/PERFORMANCE.md). Here each member's activations (N × W floats) stay in cache between
// the forward pass, the backward pass and the update, and bias, ReLU and the update are fused into the products.
//
// The maths is batchedSgdStep's, in the pre-scaled parameters W̃_l, b̃_l (src/core/ensemble/batchedMlp.ts):
//   forward   a_0 = X,  z_{l+1} = a_l W̃_l + b̃_l,  a_{l+1} = φ(z_{l+1}),  f = z_L
//   backward  δ_L = (f − y)/N,  δ_{l−1} = (δ_l W̃_lᵀ) ⊙ φ′(a_l)
//   update    W̃_l ← W̃_l + αW_l · a_lᵀ δ_l,  b̃_l ← b̃_l + αb · Σ_n δ_l   (αW_l = −η s_l², αb = −η σ_b²)
// All members are one call: the loop over members is this kernel's batch loop, as in any batched matMul.
//
// Pointers are byte offsets into the imported memory; matrices are row-major float32. The module has no data
// segments and no allocator: it only touches the buffers it is given.

/** Epilogue of a product: what happens to c0 + α·acc before it is stored. */
const LINEAR = 0;
/** max(v, 0): a ReLU layer's forward pass. */
const RELU = 1;
/** v · 1[aux > 0]: the ReLU derivative through the stored activation. */
const RELU_MASK = 2;
/** v · (1 − aux²): the tanh derivative through the stored activation. */
const TANH_MASK = 3;

/**
 * a·b + c lane-wise. Built twice (scripts/build-kernels.mjs): with relaxed SIMD this is one fused multiply-add
 * (f32x4.relaxed_madd, an FMA instruction where the CPU has one, rounded once); without, a multiply then an add.
 * The products are bound by this instruction, so the relaxed build is the faster one where the browser has it.
 */
@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(f32x4.mul(a, b), c);
}

@inline function epilogue(v: v128, mode: i32, auxp: usize): v128 {
  if (mode == RELU) return f32x4.max(v, f32x4.splat(0));
  if (mode == RELU_MASK) return v128.and(v, f32x4.gt(v128.load(auxp), f32x4.splat(0)));
  if (mode == TANH_MASK) {
    const x = v128.load(auxp);
    return f32x4.mul(v, f32x4.sub(f32x4.splat(1), f32x4.mul(x, x)));
  }
  return v;
}

@inline function epilogueScalar(v: f32, mode: i32, auxp: usize): f32 {
  if (mode == RELU) return v > 0 ? v : 0;
  if (mode == RELU_MASK) return load<f32>(auxp) > 0 ? v : 0;
  if (mode == TANH_MASK) {
    const x = load<f32>(auxp);
    return v * (1 - x * x);
  }
  return v;
}

@inline function store2(
  i: i32, m: i32, v0: v128, v1: v128, c0: usize, ldc: i32, al: v128, out: usize, ldo: i32, mode: i32, aux: usize, ldx: i32,
): void {
  const cp = c0 + ((<usize>i * <usize>ldc + <usize>m) << 2);
  const op = out + ((<usize>i * <usize>ldo + <usize>m) << 2);
  const xp = aux + ((<usize>i * <usize>ldx + <usize>m) << 2);
  v128.store(op, epilogue(f32x4.add(v128.load(cp), f32x4.mul(al, v0)), mode, xp));
  v128.store(op, epilogue(f32x4.add(v128.load(cp, 16), f32x4.mul(al, v1)), mode, xp + 16), 16);
}

/** One output row i from column m on: 4 columns at a time, then one at a time. */
function productRow(
  i: i32, m: i32, cols: i32, red: i32, a: usize, aRow: i32, aRed: i32, b: usize, ldb: i32,
  c0: usize, ldc: i32, alpha: f32, out: usize, ldo: i32, mode: i32, aux: usize, ldx: i32,
): void {
  const ap = a + ((<usize>i * <usize>aRow) << 2);
  const aRedB = <usize>aRed << 2;
  const ldbB = <usize>ldb << 2;
  const cp = c0 + ((<usize>i * <usize>ldc) << 2);
  const op = out + ((<usize>i * <usize>ldo) << 2);
  const xp = aux + ((<usize>i * <usize>ldx) << 2);
  for (; m + 4 <= cols; m += 4) {
    let acc = f32x4.splat(0);
    let bp = b + (<usize>m << 2);
    let off: usize = 0;
    for (let j = 0; j < red; j++) {
      acc = madd(v128.load32_splat(ap + off), v128.load(bp), acc);
      bp += ldbB;
      off += aRedB;
    }
    const mo = <usize>m << 2;
    v128.store(op + mo, epilogue(f32x4.add(v128.load(cp + mo), f32x4.mul(f32x4.splat(alpha), acc)), mode, xp + mo));
  }
  for (; m < cols; m++) {
    let acc: f32 = 0;
    let bp = b + (<usize>m << 2);
    let off: usize = 0;
    for (let j = 0; j < red; j++) {
      acc += load<f32>(ap + off) * load<f32>(bp);
      bp += ldbB;
      off += aRedB;
    }
    const mo = <usize>m << 2;
    store<f32>(op + mo, epilogueScalar(load<f32>(cp + mo) + alpha * acc, mode, xp + mo));
  }
}

/**
 * out[i, m] = epilogue(c0[i, m] + α Σ_j A(i, j) B[j, m]) for i < rows, m < cols, j < red, with
 * A(i, j) = a[i·aRow + j·aRed] (strides in floats, so Aᵀ is free), B[j, m] = b[j·ldb + m], c0 with row stride ldc
 * (0 broadcasts one row: a bias), and aux (row stride ldx) the activation the masks read.
 * Register tile: 4 rows × 8 columns, 8 f32x4 accumulators, one splat load per row and two vector loads per j.
 * (Columns outermost, to keep a B panel in L1, measured no faster: 2.3 vs 2.4 ms at 64 × 64, slower at 64 × 512.)
 */
export function product(
  rows: i32, cols: i32, red: i32, a: usize, aRow: i32, aRed: i32, b: usize, ldb: i32,
  c0: usize, ldc: i32, alpha: f32, out: usize, ldo: i32, mode: i32, aux: usize, ldx: i32,
): void {
  const al = f32x4.splat(alpha);
  const aRowB = <usize>aRow << 2;
  const aRedB = <usize>aRed << 2;
  const ldbB = <usize>ldb << 2;
  let i = 0;
  for (; i + 4 <= rows; i += 4) {
    const a0 = a + <usize>i * aRowB;
    const a1 = a0 + aRowB;
    const a2 = a1 + aRowB;
    const a3 = a2 + aRowB;
    let m = 0;
    for (; m + 8 <= cols; m += 8) {
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
      let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
      let bp = b + (<usize>m << 2);
      let off: usize = 0;
      for (let j = 0; j < red; j++) {
        const b0 = v128.load(bp);
        const b1 = v128.load(bp, 16);
        const x0 = v128.load32_splat(a0 + off);
        const x1 = v128.load32_splat(a1 + off);
        const x2 = v128.load32_splat(a2 + off);
        const x3 = v128.load32_splat(a3 + off);
        c00 = madd(x0, b0, c00);
        c01 = madd(x0, b1, c01);
        c10 = madd(x1, b0, c10);
        c11 = madd(x1, b1, c11);
        c20 = madd(x2, b0, c20);
        c21 = madd(x2, b1, c21);
        c30 = madd(x3, b0, c30);
        c31 = madd(x3, b1, c31);
        bp += ldbB;
        off += aRedB;
      }
      store2(i, m, c00, c01, c0, ldc, al, out, ldo, mode, aux, ldx);
      store2(i + 1, m, c10, c11, c0, ldc, al, out, ldo, mode, aux, ldx);
      store2(i + 2, m, c20, c21, c0, ldc, al, out, ldo, mode, aux, ldx);
      store2(i + 3, m, c30, c31, c0, ldc, al, out, ldo, mode, aux, ldx);
    }
    for (let r = 0; r < 4; r++) productRow(i + r, m, cols, red, a, aRow, aRed, b, ldb, c0, ldc, alpha, out, ldo, mode, aux, ldx);
  }
  for (; i < rows; i++) productRow(i, 0, cols, red, a, aRow, aRed, b, ldb, c0, ldc, alpha, out, ldo, mode, aux, ldx);
}

@inline function horizontalSum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

/** Σ_j a[j] b[j] for j < red, from j0 on (the scalar tail of productTransposedB). */
@inline function dotTail(a: usize, b: usize, j0: i32, red: i32): f32 {
  let s: f32 = 0;
  for (let j = j0; j < red; j++) s += load<f32>(a + (<usize>j << 2)) * load<f32>(b + (<usize>j << 2));
  return s;
}

@inline function storeScalar(
  i: i32, c: i32, v: f32, c0: usize, ldc: i32, alpha: f32, out: usize, ldo: i32, mode: i32, aux: usize, ldx: i32,
): void {
  const cp = c0 + ((<usize>i * <usize>ldc + <usize>c) << 2);
  const xp = aux + ((<usize>i * <usize>ldx + <usize>c) << 2);
  store<f32>(out + ((<usize>i * <usize>ldo + <usize>c) << 2), epilogueScalar(load<f32>(cp) + alpha * v, mode, xp));
}

/**
 * out[i, c] = epilogue(c0[i, c] + α Σ_j a[i·lda + j] b[c·ldb + j]): a product with Bᵀ, both operands read along
 * their rows, so the backward pass δ W̃ᵀ needs no transposed copy of W̃. Tile: 4 rows × 2 columns, 8 accumulators
 * over j in f32x4, summed across lanes once at the end.
 */
// The row pointers and the eight madd lines repeat `product`'s tile on purpose: the tile is eight v128 locals that
// must stay in registers across the reduction loop, and AssemblyScript can hand a helper several v128s only through
// memory (no multiple returns, no references to locals), which would store and reload the accumulators every step.
// Why only for long sums: the cross-lane sums and scalar stores cost a fixed ~25 instructions per output, which a
// 64-long sum does not amortise (the step at 64 × 64 took 4.4 ms this way against 2.3 ms with a transposed copy;
// 64 × 128: 12.0 against 8.5–8.6 ms), while a wide W̃ is cheaper to read in place than to copy (64 × 512: 133–135
// against 151–158 ms a step; 16 × 256: equal within noise). Node 20, this machine, docs/PERFORMANCE.md.
const LONG_REDUCTION = 256;
function productTransposedB(
  rows: i32, cols: i32, red: i32, a: usize, lda: i32, b: usize, ldb: i32,
  c0: usize, ldc: i32, alpha: f32, out: usize, ldo: i32, mode: i32, aux: usize, ldx: i32,
): void {
  const red4 = red & ~3;
  const ldaB = <usize>lda << 2;
  const ldbB = <usize>ldb << 2;
  let i = 0;
  for (; i + 4 <= rows; i += 4) {
    const a0 = a + <usize>i * ldaB;
    const a1 = a0 + ldaB;
    const a2 = a1 + ldaB;
    const a3 = a2 + ldaB;
    let c = 0;
    for (; c + 2 <= cols; c += 2) {
      const b0 = b + <usize>c * ldbB;
      const b1 = b0 + ldbB;
      let s00 = f32x4.splat(0), s01 = f32x4.splat(0), s10 = f32x4.splat(0), s11 = f32x4.splat(0);
      let s20 = f32x4.splat(0), s21 = f32x4.splat(0), s30 = f32x4.splat(0), s31 = f32x4.splat(0);
      for (let j = 0; j < red4; j += 4) {
        const o = <usize>j << 2;
        const w0 = v128.load(b0 + o);
        const w1 = v128.load(b1 + o);
        const x0 = v128.load(a0 + o);
        const x1 = v128.load(a1 + o);
        const x2 = v128.load(a2 + o);
        const x3 = v128.load(a3 + o);
        s00 = madd(x0, w0, s00);
        s01 = madd(x0, w1, s01);
        s10 = madd(x1, w0, s10);
        s11 = madd(x1, w1, s11);
        s20 = madd(x2, w0, s20);
        s21 = madd(x2, w1, s21);
        s30 = madd(x3, w0, s30);
        s31 = madd(x3, w1, s31);
      }
      storeScalar(i, c, horizontalSum(s00) + dotTail(a0, b0, red4, red), c0, ldc, alpha, out, ldo, mode, aux, ldx);
      storeScalar(i, c + 1, horizontalSum(s01) + dotTail(a0, b1, red4, red), c0, ldc, alpha, out, ldo, mode, aux, ldx);
      storeScalar(i + 1, c, horizontalSum(s10) + dotTail(a1, b0, red4, red), c0, ldc, alpha, out, ldo, mode, aux, ldx);
      storeScalar(i + 1, c + 1, horizontalSum(s11) + dotTail(a1, b1, red4, red), c0, ldc, alpha, out, ldo, mode, aux, ldx);
      storeScalar(i + 2, c, horizontalSum(s20) + dotTail(a2, b0, red4, red), c0, ldc, alpha, out, ldo, mode, aux, ldx);
      storeScalar(i + 2, c + 1, horizontalSum(s21) + dotTail(a2, b1, red4, red), c0, ldc, alpha, out, ldo, mode, aux, ldx);
      storeScalar(i + 3, c, horizontalSum(s30) + dotTail(a3, b0, red4, red), c0, ldc, alpha, out, ldo, mode, aux, ldx);
      storeScalar(i + 3, c + 1, horizontalSum(s31) + dotTail(a3, b1, red4, red), c0, ldc, alpha, out, ldo, mode, aux, ldx);
    }
    for (; c < cols; c++) {
      const bc = b + <usize>c * ldbB;
      for (let r = 0; r < 4; r++) {
        const ar = a + <usize>(i + r) * ldaB;
        storeScalar(i + r, c, dotTail(ar, bc, 0, red), c0, ldc, alpha, out, ldo, mode, aux, ldx);
      }
    }
  }
  for (; i < rows; i++) {
    const ai = a + <usize>i * ldaB;
    for (let c = 0; c < cols; c++) {
      const bc = b + <usize>c * ldbB;
      let s = f32x4.splat(0);
      for (let j = 0; j < red4; j += 4) s = madd(v128.load(ai + (<usize>j << 2)), v128.load(bc + (<usize>j << 2)), s);
      storeScalar(i, c, horizontalSum(s) + dotTail(ai, bc, red4, red), c0, ldc, alpha, out, ldo, mode, aux, ldx);
    }
  }
}

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
function tanhInPlace(p: usize, count: i32): void {
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

/**
 * dst[c, r] = src[r, c] for a rows × cols matrix: Wᵀ, so the backward product reads its rows contiguously.
 * In 4 × 4 blocks through registers: element by element, the strided stores made this transpose 1.7 of the 10 ms
 * step at 64 × 128.
 */
function transpose(rows: i32, cols: i32, src: usize, dst: usize): void {
  const rowB = <usize>cols << 2;
  const colB = <usize>rows << 2;
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const s0 = src + <usize>r * rowB;
    let c = 0;
    for (; c + 4 <= cols; c += 4) {
      const sp = s0 + (<usize>c << 2);
      const r0 = v128.load(sp);
      const r1 = v128.load(sp + rowB);
      const r2 = v128.load(sp + 2 * rowB);
      const r3 = v128.load(sp + 3 * rowB);
      const t0 = v128.shuffle<i32>(r0, r1, 0, 4, 1, 5);
      const t1 = v128.shuffle<i32>(r0, r1, 2, 6, 3, 7);
      const t2 = v128.shuffle<i32>(r2, r3, 0, 4, 1, 5);
      const t3 = v128.shuffle<i32>(r2, r3, 2, 6, 3, 7);
      const dp = dst + <usize>c * colB + (<usize>r << 2);
      v128.store(dp, v128.shuffle<i32>(t0, t2, 0, 1, 4, 5));
      v128.store(dp + colB, v128.shuffle<i32>(t0, t2, 2, 3, 6, 7));
      v128.store(dp + 2 * colB, v128.shuffle<i32>(t1, t3, 0, 1, 4, 5));
      v128.store(dp + 3 * colB, v128.shuffle<i32>(t1, t3, 2, 3, 6, 7));
    }
    for (; c < cols; c++) {
      for (let k = 0; k < 4; k++) store<f32>(dst + <usize>c * colB + (<usize>(r + k) << 2), load<f32>(s0 + <usize>k * rowB + (<usize>c << 2)));
    }
  }
  for (; r < rows; r++) {
    for (let c = 0; c < cols; c++) store<f32>(dst + <usize>c * colB + (<usize>r << 2), load<f32>(src + <usize>r * rowB + (<usize>c << 2)));
  }
}

/**
 * out[e] = a[e] · b[e] for e < E: a [E, N, K], b [E, K, M], out [E, N, M]. The benchmark's ceiling for this
 * kernel's own products.
 */
export function batchedProduct(E: i32, N: i32, K: i32, M: i32, a: usize, b: usize, zeros: usize, out: usize): void {
  for (let e = 0; e < E; e++) {
    product(
      N, M, K,
      a + ((<usize>e * <usize>(N * K)) << 2), K, 1,
      b + ((<usize>e * <usize>(K * M)) << 2), M,
      zeros, 0, 1,
      out + ((<usize>e * <usize>(N * M)) << 2), M,
      LINEAR, 0, 0,
    );
  }
}

// The layer table: 32 bytes per layer.
const T_W = 0; //      W̃_l [E, n_l, n_{l+1}]
const T_B = 4; //      b̃_l [E, 1, n_{l+1}]
const T_W_OUT = 8; //  the updated W̃_l
const T_B_OUT = 12; // the updated b̃_l
export const T_N_IN = 16;
export const T_N_OUT = 20;
const T_ALPHA_W = 24; // f32: −η s_l²
const T_ALPHA_B = 28; // f32: −η σ_b²

/**
 * The training scratch of both training kernels (this one and src/kernels/crossEntropyStep.ts), for N points and w
 * the widest layer, in floats: a row of w zeros, room for one w × w transpose, two δ buffers of N·w, then every
 * layer's output, N·w each. Its size in bytes; `clearZeroRow`, `scratchDeltaL`, `forwardInScratch` and
 * `backwardInScratch` address its parts, so the two kernels share one layout.
 */
@inline export function trainScratchBytes(L: i32, N: i32, w: i32): i32 {
  return (w + w * w + 2 * N * w + L * N * w) << 2;
}

/** Bytes of scratch `trainStep` needs (w = max n_l over inputs and outputs): see trainScratchBytes. */
export function scratchBytes(L: i32, N: i32, maxWidth: i32): i32 {
  return trainScratchBytes(L, N, maxWidth);
}

/** Zero the scratch's first w floats: the zero "bias" of the δ products. Once per call. */
@inline export function clearZeroRow(scratch: usize, w: i32): void {
  for (let i = 0; i < w; i++) store<f32>(scratch + (<usize>i << 2), 0);
}

@inline function scratchTranspose(scratch: usize, w: i32): usize {
  return scratch + (<usize>w << 2);
}

/** Where a loss writes δ_L [N, n_L] before backwardInScratch (the first δ buffer). */
@inline export function scratchDeltaL(scratch: usize, w: i32): usize {
  return scratchTranspose(scratch, w) + (<usize>(w * w) << 2);
}

@inline function scratchLayerStride(N: i32, w: i32): usize {
  return <usize>(N * w) << 2;
}

@inline function scratchOutputs(scratch: usize, N: i32, w: i32): usize {
  return scratchDeltaL(scratch, w) + 2 * scratchLayerStride(N, w);
}

/** forwardMember with its outputs in the scratch; returns the address of the last layer's output f [N, n_L]. */
@inline export function forwardInScratch(e: i32, L: i32, N: i32, x: usize, table: usize, scratch: usize, w: i32, tanh: i32): usize {
  const stride = scratchLayerStride(N, w);
  const outputs = scratchOutputs(scratch, N, w);
  forwardMember(e, L, N, x, table, outputs, stride, tanh);
  return outputs + <usize>(L - 1) * stride;
}

/** backwardMember from δ_L at scratchDeltaL and the outputs of forwardInScratch, on the same x. */
@inline export function backwardInScratch(e: i32, L: i32, N: i32, x: usize, table: usize, scratch: usize, w: i32, tanh: i32): void {
  const stride = scratchLayerStride(N, w);
  const deltaA = scratchDeltaL(scratch, w);
  backwardMember(e, L, N, x, table, scratchOutputs(scratch, N, w), stride, deltaA, deltaA + stride, scratch, scratchTranspose(scratch, w), tanh);
}

/**
 * One gradient-descent step of E members. x [N, n_0] and y [N, n_L] are shared by all members; `table` describes
 * the L layers (see T_*); `scratch` holds scratchBytes(L, N, max n_l) bytes; tanh = 1 for φ = tanh, else ReLU.
 */
export function trainStep(E: i32, L: i32, N: i32, x: usize, y: usize, table: usize, scratch: usize, tanh: i32): void {
  let maxWidth = 0;
  for (let l = 0; l < L; l++) {
    const t = table + (<usize>l << 5);
    maxWidth = max(maxWidth, max(load<i32>(t, T_N_IN), load<i32>(t, T_N_OUT)));
  }
  clearZeroRow(scratch, maxWidth);
  const deltaL = scratchDeltaL(scratch, maxWidth);
  const invN: f32 = 1 / <f32>N;

  for (let e = 0; e < E; e++) {
    const f = forwardInScratch(e, L, N, x, table, scratch, maxWidth, tanh);

    // δ_L = (f − y)/N
    const outDim = load<i32>(table + (<usize>(L - 1) << 5), T_N_OUT);
    for (let i = 0; i < N * outDim; i++) {
      const o = <usize>i << 2;
      store<f32>(deltaL + o, (load<f32>(f + o) - load<f32>(y + o)) * invN);
    }

    backwardInScratch(e, L, N, x, table, scratch, maxWidth, tanh);
  }
}

/**
 * Member e's forward pass on x [N, n_0] through the L layers of `table`: layer l's output z_{l+1} (after φ for hidden
 * layers, φ = tanh if tanh, else ReLU; the last layer linear) stays at outputs + l·stride for the backward pass.
 * Shared by trainStep and the cross-entropy kernel (src/kernels/crossEntropyStep.ts).
 */
export function forwardMember(e: i32, L: i32, N: i32, x: usize, table: usize, outputs: usize, stride: usize, tanh: i32): void {
  let a = x;
  let lda = load<i32>(table, T_N_IN);
  for (let l = 0; l < L; l++) {
    const t = table + (<usize>l << 5);
    const nIn = load<i32>(t, T_N_IN);
    const nOut = load<i32>(t, T_N_OUT);
    const w = load<usize>(t, T_W) + ((<usize>e * <usize>(nIn * nOut)) << 2);
    const bias = load<usize>(t, T_B) + ((<usize>e * <usize>nOut) << 2);
    const z = outputs + <usize>l * stride;
    const hidden = l < L - 1;
    product(N, nOut, nIn, a, lda, 1, w, nOut, bias, 0, 1, z, nOut, hidden && !tanh ? RELU : LINEAR, 0, 0);
    if (hidden && tanh) tanhInPlace(z, N * nOut);
    a = z;
    lda = nOut;
  }
}

/**
 * Member e's backward pass and update, from δ_L [N, n_L] in `delta` (overwritten; `next` is the other δ buffer, both
 * N × max n_l floats), the forward pass's outputs (forwardMember) and its input x: for l = L−1 … 0,
 * δ_{l−1} = (δ_l W̃_lᵀ) ⊙ φ′(a_l) from the old W̃_l, then W̃_l + αW a_lᵀ δ_l and b̃_l + αb Σ_n δ_l into the
 * table's output buffers. zeros: max n_l floats of 0; wT: room for one n_l × n_{l+1} transpose.
 */
export function backwardMember(
  e: i32, L: i32, N: i32, x: usize, table: usize, outputs: usize, stride: usize, delta: usize, next: usize, zeros: usize, wT: usize, tanh: i32,
): void {
  for (let l = L - 1; l >= 0; l--) {
    const t = table + (<usize>l << 5);
    const nIn = load<i32>(t, T_N_IN);
    const nOut = load<i32>(t, T_N_OUT);
    const wOff = (<usize>e * <usize>(nIn * nOut)) << 2;
    const bOff = (<usize>e * <usize>nOut) << 2;
    const w = load<usize>(t, T_W) + wOff;
    const bias = load<usize>(t, T_B) + bOff;
    const input = l == 0 ? x : outputs + <usize>(l - 1) * stride;
    // δ_{l−1} from the old W̃_l (the update writes to a separate output, so it is still intact).
    if (l > 0) {
      const mask = tanh ? TANH_MASK : RELU_MASK;
      if (nOut >= LONG_REDUCTION) {
        productTransposedB(N, nIn, nOut, delta, nOut, w, nOut, zeros, 0, 1, next, nIn, mask, input, nIn);
      } else {
        transpose(nIn, nOut, w, wT);
        product(N, nIn, nOut, delta, nOut, 1, wT, nIn, zeros, 0, 1, next, nIn, mask, input, nIn);
      }
    }
    // W̃_l + αW a_lᵀ δ_l: A(i = k, j = n) = a_l[n, k], i.e. row stride 1 and reduction stride n_l.
    product(nIn, nOut, N, input, 1, nIn, delta, nOut, w, nOut, load<f32>(t, T_ALPHA_W), load<usize>(t, T_W_OUT) + wOff, nOut, LINEAR, 0, 0);
    const alphaB = load<f32>(t, T_ALPHA_B);
    const biasOut = load<usize>(t, T_B_OUT) + bOff;
    for (let m = 0; m < nOut; m++) {
      let s: f32 = 0;
      for (let n = 0; n < N; n++) s += load<f32>(delta + (<usize>(n * nOut + m) << 2));
      const mo = <usize>m << 2;
      store<f32>(biasOut + mo, load<f32>(bias + mo) + alphaB * s);
    }
    const used = delta;
    delta = next;
    next = used;
  }
}

/** Points per block of the forward pass: a block's activations (CHUNK × width floats) stay in cache across layers. */
const CHUNK = 128;

/** Bytes of scratch `forward` needs: two blocks of activations. */
export function forwardScratchBytes(maxWidth: i32): i32 {
  return (2 * CHUNK * maxWidth) << 2;
}

/**
 * The ensemble's outputs f_e(x_n) into out [E, N, n_L], for x [N, n_0] shared by all members (the snapshot grid):
 * the forward half of trainStep, block by block of CHUNK points. Reads W and b from `table`.
 */
export function forward(E: i32, L: i32, N: i32, x: usize, table: usize, out: usize, scratch: usize, tanh: i32): void {
  let maxWidth = 0;
  for (let l = 0; l < L; l++) maxWidth = max(maxWidth, load<i32>(table + (<usize>l << 5), T_N_OUT));
  const bufA = scratch;
  const bufB = scratch + (<usize>(CHUNK * maxWidth) << 2);
  const inDim = load<i32>(table, T_N_IN);
  const outDim = load<i32>(table + (<usize>(L - 1) << 5), T_N_OUT);
  for (let e = 0; e < E; e++) {
    for (let n0 = 0; n0 < N; n0 += CHUNK) {
      const rows = min(CHUNK, N - n0);
      let a = x + ((<usize>n0 * <usize>inDim) << 2);
      let lda = inDim;
      let dst = bufA;
      for (let l = 0; l < L; l++) {
        const t = table + (<usize>l << 5);
        const nIn = load<i32>(t, T_N_IN);
        const nOut = load<i32>(t, T_N_OUT);
        const w = load<usize>(t, T_W) + ((<usize>e * <usize>(nIn * nOut)) << 2);
        const bias = load<usize>(t, T_B) + ((<usize>e * <usize>nOut) << 2);
        const last = l == L - 1;
        const z = last ? out + ((<usize>(e * N + n0) * <usize>outDim) << 2) : dst;
        product(rows, nOut, nIn, a, lda, 1, w, nOut, bias, 0, 1, z, nOut, !last && !tanh ? RELU : LINEAR, 0, 0);
        if (!last && tanh) tanhInPlace(z, rows * nOut);
        a = z;
        lda = nOut;
        dst = dst == bufA ? bufB : bufA;
      }
    }
  }
}

