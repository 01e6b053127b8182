/**
 * The WGSL compute shaders of the fused ensemble step on WebGPU: the GPU twin of src/kernels/ensembleSgdStep.ts.
 * Three shaders, each one dispatch per layer, cover a whole step of every member (L = depth + 1 layers):
 *
 *   forward   a_{l+1}[e, n, j] = φ(Σ_i a_l[e, n, i] W̃_l[e, i, j] + b̃_l[e, j])   (hidden layers)
 *             δ_L[e, n, j]     = (Σ_i a_{L−1} W̃_{L−1} + b̃_{L−1} − y[n, j]) / N     (last layer, training)
 *   delta     δ_{l−1}[e, n, i] = (Σ_j δ_l[e, n, j] W̃_l[e, i, j]) · φ′(a_l[e, n, i])
 *   update    W̃_l[e, i, j] += α_l Σ_n a_l[e, n, i] δ_l[e, n, j],   b̃_l[e, j] += α_b Σ_n δ_l[e, n, j]
 *             with α_l = −η s_l², α_b = −η σ_b² (weightStepSizes).
 *
 * Per step: L forward dispatches, then for l = L−1 … 0 the delta of layer l−1 (which reads the old W̃_l) before the
 * update of W̃_l: dispatches in one pass run in order, so 3L − 1 dispatches make one exact gradient step. One thread
 * per output element; the thread index is spread over a 2-D grid of workgroups because one dimension holds at most
 * 65 535 of them (E = 1024 members × 24 points × width 256 needs ~98 000).
 *
 * φ′ is written through a = φ(z), as in batchedMlp.ts: 1[a > 0] for ReLU, 1 − a² for tanh. tanh's argument is clamped
 * to ±10 (tanh(10) rounds to 1 in f32) because some drivers build tanh from exp and return NaN for large |z|.
 */

/** Threads per workgroup of every shader (a multiple of 32 and 64: every vendor's SIMD width). */
export const WORKGROUP_SIZE = 64;

const INDEX = /* wgsl */ `
fn threadIndex(gid: vec3<u32>, groups: vec3<u32>) -> u32 {
  return gid.x + gid.y * groups.x * ${WORKGROUP_SIZE}u;
}
fn activate(z: f32, act: u32) -> f32 {
  if (act == 1u) { return max(z, 0.0); }
  if (act == 2u) { return tanh(clamp(z, -10.0, 10.0)); }
  return z;
}`;

/**
 * One dense layer for every member and point. `mode`: 0 hidden (store φ(z)), 1 output (store z), 2 output of a
 * training step (store δ_L = (z − y)/N). Source and destination carry member strides and point offsets, so the same
 * shader reads the shared inputs X (member stride 0) and writes a block of the snapshot grid into [E, P, out].
 */
export const FORWARD_SHADER = /* wgsl */ `
struct Params {
  E: u32, N: u32, nIn: u32, nOut: u32,
  srcMemberStride: u32, srcPointOffset: u32, dstMemberStride: u32, dstPointOffset: u32,
  act: u32, mode: u32, invN: f32, pad: u32,
};
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> src: array<f32>;
@group(0) @binding(2) var<storage, read> W: array<f32>;
@group(0) @binding(3) var<storage, read> b: array<f32>;
@group(0) @binding(4) var<storage, read> Y: array<f32>;
@group(0) @binding(5) var<storage, read_write> dst: array<f32>;
${INDEX}
@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let t = threadIndex(gid, groups);
  if (t >= p.E * p.N * p.nOut) { return; }
  let j = t % p.nOut;
  let n = (t / p.nOut) % p.N;
  let e = t / (p.nOut * p.N);
  let a0 = e * p.srcMemberStride + (p.srcPointOffset + n) * p.nIn;
  let w0 = e * p.nIn * p.nOut + j;
  var z = b[e * p.nOut + j];
  for (var i = 0u; i < p.nIn; i++) {
    z = fma(src[a0 + i], W[w0 + i * p.nOut], z);
  }
  var v = z;
  if (p.mode == 0u) { v = activate(z, p.act); }
  if (p.mode == 2u) { v = (z - Y[n * p.nOut + j]) * p.invN; }
  dst[e * p.dstMemberStride + (p.dstPointOffset + n) * p.nOut + j] = v;
}`;

/** The delta shaders' parameters and buffers, and φ′ written through the stored activation a = φ(z). */
const DELTA_BINDINGS = /* wgsl */ `
struct Params { E: u32, N: u32, nIn: u32, nOut: u32, act: u32, pad0: u32, pad1: u32, pad2: u32 };
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> D: array<f32>;
@group(0) @binding(2) var<storage, read> W: array<f32>;
@group(0) @binding(3) var<storage, read> A: array<f32>;
@group(0) @binding(4) var<storage, read_write> Dprev: array<f32>;
fn dphi(a: f32, act: u32) -> f32 {
  if (act == 1u) { return select(0.0, 1.0, a > 0.0); }
  return 1.0 - a * a;
}`;

/** δ_{l−1} from δ_l and the not-yet-updated W̃_l, times φ′ written through the stored activation a_l. */
export const DELTA_SHADER = /* wgsl */ `
${DELTA_BINDINGS}
${INDEX}
@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let t = threadIndex(gid, groups);
  if (t >= p.E * p.N * p.nIn) { return; }
  let i = t % p.nIn;
  let n = (t / p.nIn) % p.N;
  let e = t / (p.nIn * p.N);
  let d0 = (e * p.N + n) * p.nOut;
  let w0 = (e * p.nIn + i) * p.nOut;
  var s = 0.0;
  for (var j = 0u; j < p.nOut; j++) {
    s = fma(D[d0 + j], W[w0 + j], s);
  }
  Dprev[t] = s * dphi(A[t], p.act);
}`;

/** Columns j of W̃_l a workgroup of the tiled delta shader stages at a time (its tile: 64 rows × (32 + 1) floats, 8.4 kB). */
export const DELTA_TILE_COLUMNS = 32;

/**
 * The delta of DELTA_SHADER with W̃_l staged through workgroup memory: one workgroup per (member e, point n, block of
 * 64 rows i). The naive shader's thread i reads W̃_l[e, i, j] for j = 0 … n_{l+1}−1, so neighbouring threads read
 * addresses n_{l+1} floats apart (uncoalesced on a GPU); here the workgroup loads each 64 × 32 block of W̃_l row by row
 * (neighbouring threads, neighbouring j), and δ_l[e, n, j0 … j0+31] once, then each thread sums its row from workgroup
 * memory (a row pitch of 33 floats keeps the 32 banks apart). Same sums in the same order as DELTA_SHADER.
 * Dispatched over E · N · ⌈n_l / 64⌉ workgroups (deltaThreads).
 */
export const TILED_DELTA_SHADER = /* wgsl */ `
${DELTA_BINDINGS}
const TC = ${DELTA_TILE_COLUMNS}u;
const PITCH = ${DELTA_TILE_COLUMNS + 1}u;
var<workgroup> tile: array<f32, ${WORKGROUP_SIZE * (DELTA_TILE_COLUMNS + 1)}>;
var<workgroup> drow: array<f32, ${DELTA_TILE_COLUMNS}>;
@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>, @builtin(local_invocation_index) li: u32) {
  let blocks = (p.nIn + ${WORKGROUP_SIZE - 1}u) / ${WORKGROUP_SIZE}u;
  let wg = wid.x + wid.y * groups.x;
  if (wg >= p.E * p.N * blocks) { return; }
  let i0 = (wg % blocks) * ${WORKGROUP_SIZE}u;
  let en = wg / blocks;
  let e = en / p.N;
  let d0 = en * p.nOut;
  let w0 = e * p.nIn * p.nOut;
  let i = i0 + li;
  var s = 0.0;
  for (var j0 = 0u; j0 < p.nOut; j0 += TC) {
    for (var k = li; k < ${WORKGROUP_SIZE}u * TC; k += ${WORKGROUP_SIZE}u) {
      let r = k / TC;
      let c = k % TC;
      var v = 0.0;
      if (i0 + r < p.nIn && j0 + c < p.nOut) { v = W[w0 + (i0 + r) * p.nOut + j0 + c]; }
      tile[r * PITCH + c] = v;
    }
    if (li < TC) {
      var d = 0.0;
      if (j0 + li < p.nOut) { d = D[d0 + j0 + li]; }
      drow[li] = d;
    }
    workgroupBarrier();
    let cols = min(TC, p.nOut - j0);
    for (var c = 0u; c < cols; c++) {
      s = fma(drow[c], tile[li * PITCH + c], s);
    }
    workgroupBarrier();
  }
  if (i < p.nIn) {
    let t = en * p.nIn + i;
    Dprev[t] = s * dphi(A[t], p.act);
  }
}`;

/** Threads to dispatch for a delta of n_l rows: whole workgroups per (e, n), which both delta shaders accept. */
export function deltaThreads(E: number, N: number, nIn: number): number {
  return E * N * Math.ceil(nIn / WORKGROUP_SIZE) * WORKGROUP_SIZE;
}

/**
 * The gradient-descent update of layer l in place: thread (e, i, j) for i < n_l updates W̃_l[e, i, j]; row i = n_l
 * updates the bias b̃_l[e, j]. The layer's input a_l is X itself for l = 0 (member stride 0).
 */
export const UPDATE_SHADER = /* wgsl */ `
struct Params { E: u32, N: u32, nIn: u32, nOut: u32, srcMemberStride: u32, alphaW: f32, alphaB: f32, pad: u32 };
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> A: array<f32>;
@group(0) @binding(2) var<storage, read> D: array<f32>;
@group(0) @binding(3) var<storage, read_write> W: array<f32>;
@group(0) @binding(4) var<storage, read_write> b: array<f32>;
${INDEX}
@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let t = threadIndex(gid, groups);
  let rows = p.nIn + 1u;
  if (t >= p.E * rows * p.nOut) { return; }
  let j = t % p.nOut;
  let i = (t / p.nOut) % rows;
  let e = t / (p.nOut * rows);
  let d0 = e * p.N * p.nOut + j;
  var g = 0.0;
  if (i < p.nIn) {
    let a0 = e * p.srcMemberStride + i;
    for (var n = 0u; n < p.N; n++) {
      g = fma(A[a0 + n * p.nIn], D[d0 + n * p.nOut], g);
    }
    let w = (e * p.nIn + i) * p.nOut + j;
    W[w] = fma(p.alphaW, g, W[w]);
  } else {
    for (var n = 0u; n < p.N; n++) {
      g += D[d0 + n * p.nOut];
    }
    let k = e * p.nOut + j;
    b[k] = fma(p.alphaB, g, b[k]);
  }
}`;
