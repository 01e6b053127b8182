// AssemblyScript, not TypeScript: compiled to WebAssembly (SIMD128, and relaxed SIMD) by scripts/build-kernels.mjs
// into src/kernels/build/crossEntropyStep.wasm and crossEntropyStep-relaxed.wasm. Excluded from tsc;
// src/core/images/fusedCrossEntropyStep.ts is its host.
//
// One minibatch SGD step of softmax cross-entropy for a whole ensemble of ReLU classifier MLPs in one call, on the tfjs
// wasm backend's own memory: the images lab's step (crossEntropySgdStep in src/core/images/classifier.ts, ~40 tfjs
// ops whose products run at ≈ 1.4 GFLOP/s there, docs/PERFORMANCE.md). The products, the layer table and the
// backward pass are the regression kernel's (src/kernels/ensembleSgdStep.ts forwardMember, backwardMember, in the
// same scratch layout: trainScratchBytes, forwardInScratch, backwardInScratch);
// only the loss differs:
//   forward   a_0 = X_e,  z_{l+1} = a_l W̃_l + b̃_l,  a_{l+1} = relu(z_{l+1}),  logits z = z_L
//   loss      L_e = −(1/N) Σ_n Σ_c y_nc log softmax(z_n)_c
//   backward  δ_L = (softmax(z) − y)/N,  δ_{l−1} = (δ_l W̃_lᵀ) ⊙ 1[a_l > 0]
//   update    W̃_l ← W̃_l + αW_l · a_lᵀ δ_l,  b̃_l ← b̃_l + αb · Σ_n δ_l   (αW_l = −η s_l², αb = −η σ_b²)
// Each member may have its own minibatch (the lab draws one per member): X_e = x + e·xStride, y likewise (stride 0
// shares one batch).
//
// No data segments (the host's contract), so no libm tables: exp and log are written out below.

// The layer table (32 bytes per layer) is the regression kernel's; src/core/ensemble/fusedSgdStep.ts writes it.
import { T_N_OUT, backwardInScratch, clearZeroRow, forwardInScratch, scratchDeltaL, trainScratchBytes } from './ensembleSgdStep';

/**
 * e^y for y ≤ 0 (y is a logit minus the row's maximum), clamped at −87 where e^y leaves the normal floats:
 * y = k ln 2 + r with |r| ≤ ln 2 / 2, e^r by its Taylor series to r⁷ (truncation < 1e-8 relative), 2^k from the
 * exponent bits. In f64, so the result is float32's correctly rounded value almost always.
 */
function expNonPositive(y: f64): f64 {
  if (y < -87) y = -87;
  const k = Math.floor(y * 1.4426950408889634 + 0.5);
  const r = y - k * 0.6931471805599453;
  let p = 1.0 / 5040;
  p = p * r + 1.0 / 720;
  p = p * r + 1.0 / 120;
  p = p * r + 1.0 / 24;
  p = p * r + 1.0 / 6;
  p = p * r + 0.5;
  p = p * r + 1;
  p = p * r + 1;
  return p * reinterpret<f64>((<i64>k + 1023) << 52);
}

/**
 * ln s for s ≥ 1 (a softmax denominator after subtracting the maximum): s = 2^k m with m ∈ [1, 2), and
 * ln m = 2 atanh(t), t = (m − 1)/(m + 1) ≤ 1/3, by its series to t¹⁷ (truncation < 1e-10).
 */
function logAtLeastOne(s: f64): f64 {
  const bits = reinterpret<i64>(s);
  const k = <f64>((bits >> 52) - 1023);
  const m = reinterpret<f64>((bits & 0x000fffffffffffff) | 0x3ff0000000000000);
  const t = (m - 1) / (m + 1);
  const t2 = t * t;
  let p = 1.0 / 17;
  for (let j = 15; j >= 1; j -= 2) p = p * t2 + 1.0 / <f64>j;
  return 2 * t * p + k * 0.6931471805599453;
}

/** Widest layer output (the activations and δ buffers are sized by it; the input width never needs a buffer). */
function widest(L: i32, table: usize): i32 {
  let w = 0;
  for (let l = 0; l < L; l++) w = max(w, load<i32>(table + (<usize>l << 5), T_N_OUT));
  return w;
}

/**
 * Bytes of scratch `trainStep` needs for N images, w the widest layer output (max n_{l+1}): zeros, a transposed W̃,
 * two δ buffers and every layer's output.
 */
export function scratchBytes(L: i32, N: i32, w: i32): i32 {
  return trainScratchBytes(L, N, w);
}

/**
 * δ = (softmax(z) − y)/N row by row for z, y [N, c], and −(1/N) Σ y log softmax(z) (the member's loss, returned).
 * The maximum is subtracted first, so no exponent overflows.
 */
function softmaxCrossEntropy(N: i32, c: i32, z: usize, y: usize, delta: usize): f32 {
  const invN: f64 = 1 / <f64>N;
  let loss: f64 = 0;
  for (let n = 0; n < N; n++) {
    const row = <usize>(n * c) << 2;
    let top = load<f32>(z + row);
    for (let j = 1; j < c; j++) top = max(top, load<f32>(z + row + (<usize>j << 2)));
    let s: f64 = 0;
    for (let j = 0; j < c; j++) {
      const e = expNonPositive(<f64>(load<f32>(z + row + (<usize>j << 2)) - top));
      store<f32>(delta + row + (<usize>j << 2), <f32>e);
      s += e;
    }
    const logS = logAtLeastOne(s);
    for (let j = 0; j < c; j++) {
      const o = row + (<usize>j << 2);
      const target = <f64>load<f32>(y + o);
      loss -= target * (<f64>(load<f32>(z + o) - top) - logS);
      store<f32>(delta + o, <f32>((<f64>load<f32>(delta + o) / s - target) * invN));
    }
  }
  return <f32>(loss * invN);
}

/**
 * One cross-entropy SGD step of E members on their minibatches of N images. Member e reads x + e·xStride [N, n_0]
 * and the one-hot labels y + e·yStride [N, n_L] (strides in floats; 0 shares one batch); `table` describes the L layers
 * (T_*); `scratch` holds scratchBytes(L, N, max n_{l+1}) bytes; the loss before the update goes to loss[e].
 */
export function trainStep(E: i32, L: i32, N: i32, x: usize, xStride: i32, y: usize, yStride: i32, table: usize, scratch: usize, loss: usize): void {
  const maxWidth = widest(L, table);
  clearZeroRow(scratch, maxWidth);
  const deltaL = scratchDeltaL(scratch, maxWidth);
  const outDim = load<i32>(table + (<usize>(L - 1) << 5), T_N_OUT);

  for (let e = 0; e < E; e++) {
    const xe = x + ((<usize>e * <usize>xStride) << 2);
    const logits = forwardInScratch(e, L, N, xe, table, scratch, maxWidth, 0);
    const ye = y + ((<usize>e * <usize>yStride) << 2);
    store<f32>(loss + (<usize>e << 2), softmaxCrossEntropy(N, outDim, logits, ye, deltaL));
    backwardInScratch(e, L, N, xe, table, scratch, maxWidth, 0);
  }
}
