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

import { LINEAR, LONG_REDUCTION, RELU, RELU_MASK, TANH_MASK, product, productTransposedB, transpose } from './products';
import { tanhInPlace } from './tanh';

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
    biasUpdate(N, nOut, delta, bias, alphaB, biasOut);
    const used = delta;
    delta = next;
    next = used;
  }
}

/**
 * b̃ + αb Σ_n δ[n, m] for m < nOut into biasOut: four columns a lane each, every lane summing over n in order, so the
 * result is the scalar loop's to the bit (that loop, one dependent add after another, took ~8% of a 64 × 64 step).
 */
function biasUpdate(N: i32, nOut: i32, delta: usize, bias: usize, alphaB: f32, biasOut: usize): void {
  const rowB = <usize>nOut << 2;
  const ab = f32x4.splat(alphaB);
  let m = 0;
  for (; m + 4 <= nOut; m += 4) {
    const mo = <usize>m << 2;
    let s = f32x4.splat(0);
    for (let n = 0; n < N; n++) s = f32x4.add(s, v128.load(delta + <usize>n * rowB + mo));
    v128.store(biasOut + mo, f32x4.add(v128.load(bias + mo), f32x4.mul(ab, s)));
  }
  for (; m < nOut; m++) {
    let s: f32 = 0;
    for (let n = 0; n < N; n++) s += load<f32>(delta + (<usize>(n * nOut + m) << 2));
    const mo = <usize>m << 2;
    store<f32>(biasOut + mo, load<f32>(bias + mo) + alphaB * s);
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

