// AssemblyScript, not TypeScript (excluded from tsc; compiled into both kernels by scripts/build-kernels.mjs).
//
// The dense products the training kernels are made of (src/kernels/ensembleSgdStep.ts and crossEntropyStep.ts):
// C = epilogue(C0 + α A B) with any strides for A (so Aᵀ is free), the same with Bᵀ read in place for long sums, and
// a register-blocked transpose. Row-major float32; pointers are byte offsets into the imported memory.

/** Epilogue of a product: what happens to c0 + α·acc before it is stored. */
export const LINEAR = 0;
/** max(v, 0): a ReLU layer's forward pass. */
export const RELU = 1;
/** v · 1[aux > 0]: the ReLU derivative through the stored activation. */
export const RELU_MASK = 2;
/** v · (1 − aux²): the tanh derivative through the stored activation. */
export const TANH_MASK = 3;

/**
 * a·b + c lane-wise. Built twice (scripts/build-kernels.mjs): with relaxed SIMD this is one fused multiply-add
 * (f32x4.relaxed_madd, an FMA instruction where the CPU has one, rounded once); without, a multiply then an add.
 * The products are bound by this instruction, so the relaxed build is the faster one where the browser has it.
 */
@inline export function madd(a: v128, b: v128, c: v128): v128 {
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

@inline function storeRow4(op: usize, cp: usize, xp: usize, mo: usize, al: v128, acc: v128, mode: i32): void {
  v128.store(op + mo, epilogue(f32x4.add(v128.load(cp + mo), f32x4.mul(al, acc)), mode, xp + mo));
}

/**
 * One output row i from column m on: 16 columns at a time (four independent accumulators), then 4, then one at a
 * time. Each lane sums over j in order, so the blocking changes speed, not a bit of the result.
 * Why 16 at a time: a row is what is left of `product`'s 4-row tiles (the no-augmentation twin trains on N = 3
 * points, so all its rows land here), and one accumulator makes every madd wait for the previous one.
 */
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
  const al = f32x4.splat(alpha);
  for (; m + 16 <= cols; m += 16) {
    let c0v = f32x4.splat(0), c1v = f32x4.splat(0), c2v = f32x4.splat(0), c3v = f32x4.splat(0);
    let bp = b + (<usize>m << 2);
    let off: usize = 0;
    for (let j = 0; j < red; j++) {
      const x = v128.load32_splat(ap + off);
      c0v = madd(x, v128.load(bp), c0v);
      c1v = madd(x, v128.load(bp, 16), c1v);
      c2v = madd(x, v128.load(bp, 32), c2v);
      c3v = madd(x, v128.load(bp, 48), c3v);
      bp += ldbB;
      off += aRedB;
    }
    const mo = <usize>m << 2;
    storeRow4(op, cp, xp, mo, al, c0v, mode);
    storeRow4(op, cp, xp, mo + 16, al, c1v, mode);
    storeRow4(op, cp, xp, mo + 32, al, c2v, mode);
    storeRow4(op, cp, xp, mo + 48, al, c3v, mode);
  }
  for (; m + 4 <= cols; m += 4) {
    let acc = f32x4.splat(0);
    let bp = b + (<usize>m << 2);
    let off: usize = 0;
    for (let j = 0; j < red; j++) {
      acc = madd(v128.load32_splat(ap + off), v128.load(bp), acc);
      bp += ldbB;
      off += aRedB;
    }
    storeRow4(op, cp, xp, <usize>m << 2, al, acc, mode);
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
 * Rows i … i+3 from column m on, one column at a time, the four rows' sums in the four lanes of one f32x4: each lane
 * is exactly productRow's scalar sum (a product, then a sum, in order of j), four at once. This is the single output
 * column of a regression network: its forward product (A's rows read along j) and its update (A = a_lᵀ, whose four
 * rows are one vector load).
 */
function productColumns4(
  i: i32, m: i32, cols: i32, red: i32, a: usize, aRow: i32, aRed: i32, b: usize, ldb: i32,
  c0: usize, ldc: i32, alpha: f32, out: usize, ldo: i32, mode: i32, aux: usize, ldx: i32,
): void {
  const aRowB = <usize>aRow << 2;
  const aRedB = <usize>aRed << 2;
  const ldbB = <usize>ldb << 2;
  const a0 = a + <usize>i * aRowB;
  for (; m < cols; m++) {
    let acc = f32x4.splat(0);
    let bp = b + (<usize>m << 2);
    let off: usize = 0;
    if (aRow == 1) {
      for (let j = 0; j < red; j++) {
        acc = f32x4.add(acc, f32x4.mul(v128.load(a0 + off), v128.load32_splat(bp)));
        bp += ldbB;
        off += aRedB;
      }
    } else {
      for (let j = 0; j < red; j++) {
        let x = f32x4.splat(load<f32>(a0 + off));
        x = f32x4.replace_lane(x, 1, load<f32>(a0 + off + aRowB));
        x = f32x4.replace_lane(x, 2, load<f32>(a0 + off + 2 * aRowB));
        x = f32x4.replace_lane(x, 3, load<f32>(a0 + off + 3 * aRowB));
        acc = f32x4.add(acc, f32x4.mul(x, v128.load32_splat(bp)));
        bp += ldbB;
        off += aRedB;
      }
    }
    storeScalar(i, m, f32x4.extract_lane(acc, 0), c0, ldc, alpha, out, ldo, mode, aux, ldx);
    storeScalar(i + 1, m, f32x4.extract_lane(acc, 1), c0, ldc, alpha, out, ldo, mode, aux, ldx);
    storeScalar(i + 2, m, f32x4.extract_lane(acc, 2), c0, ldc, alpha, out, ldo, mode, aux, ldx);
    storeScalar(i + 3, m, f32x4.extract_lane(acc, 3), c0, ldc, alpha, out, ldo, mode, aux, ldx);
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
    for (; m + 4 <= cols; m += 4) for (let r = 0; r < 4; r++) productRow(i + r, m, m + 4, red, a, aRow, aRed, b, ldb, c0, ldc, alpha, out, ldo, mode, aux, ldx);
    productColumns4(i, m, cols, red, a, aRow, aRed, b, ldb, c0, ldc, alpha, out, ldo, mode, aux, ldx);
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
export const LONG_REDUCTION = 256;
export function productTransposedB(
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
 * dst[c, r] = src[r, c] for a rows × cols matrix: Wᵀ, so the backward product reads its rows contiguously.
 * In 4 × 4 blocks through registers: element by element, the strided stores made this transpose 1.7 of the 10 ms
 * step at 64 × 128.
 */
export function transpose(rows: i32, cols: i32, src: usize, dst: usize): void {
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
