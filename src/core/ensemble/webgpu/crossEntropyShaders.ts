/**
 * The two WGSL shaders that turn the fused regression step (ensembleShaders.ts) into the images lab's softmax
 * cross-entropy step. Forward, delta and update are the regression step's own shaders (ReLU members, the last layer
 * storing raw logits z); in between, these two run:
 *
 *   softmax   per (e, n):  m = max_c z_c,  log p_c = z_c − m − log Σ_c′ exp(z_c′ − m),
 *                          δ_L[e, n, c] = (p_c − y[e, n, c]) / N   (written over the logits, in place),
 *                          ℓ[e, n] = −(1/N) Σ_c y[e, n, c] log p_c
 *   lossSum   per member:  loss[e] = Σ_n ℓ[e, n]   (the member's mean cross-entropy before the step)
 *
 * Subtracting the row maximum keeps exp from overflowing for any logits, as tf.logSoftmax does. One thread per row:
 * the class count c is small (10 for MNIST), so a row's work is tiny and needs no cross-thread reduction.
 */
import { WORKGROUP_SIZE } from './ensembleShaders';

const INDEX = /* wgsl */ `
fn threadIndex(gid: vec3<u32>, groups: vec3<u32>) -> u32 {
  return gid.x + gid.y * groups.x * ${WORKGROUP_SIZE}u;
}`;

/** δ_L = (softmax(z) − y)/N over the logits in place, and each row's share of the loss. `yStride`: 0 when y is shared. */
export const SOFTMAX_XENT_SHADER = /* wgsl */ `
struct Params { E: u32, N: u32, C: u32, yMemberStride: u32, invN: f32, pad0: u32, pad1: u32, pad2: u32 };
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> Y: array<f32>;
@group(0) @binding(2) var<storage, read_write> D: array<f32>;
@group(0) @binding(3) var<storage, read_write> rowLoss: array<f32>;
${INDEX}
@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let t = threadIndex(gid, groups);
  if (t >= p.E * p.N) { return; }
  let e = t / p.N;
  let n = t % p.N;
  let z0 = t * p.C;
  let y0 = e * p.yMemberStride + n * p.C;
  var m = D[z0];
  for (var c = 1u; c < p.C; c++) { m = max(m, D[z0 + c]); }
  var s = 0.0;
  for (var c = 0u; c < p.C; c++) { s += exp(D[z0 + c] - m); }
  let logS = log(s);
  var loss = 0.0;
  for (var c = 0u; c < p.C; c++) {
    let logp = D[z0 + c] - m - logS;
    let y = Y[y0 + c];
    loss = fma(-y, logp, loss);
    D[z0 + c] = (exp(logp) - y) * p.invN;
  }
  rowLoss[t] = loss * p.invN;
}`;

/** loss[e] = Σ_n ℓ[e, n]: one thread per member. */
export const LOSS_SUM_SHADER = /* wgsl */ `
struct Params { E: u32, N: u32, pad0: u32, pad1: u32 };
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> rowLoss: array<f32>;
@group(0) @binding(2) var<storage, read_write> loss: array<f32>;
${INDEX}
@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let e = threadIndex(gid, groups);
  if (e >= p.E) { return; }
  var s = 0.0;
  for (var n = 0u; n < p.N; n++) { s += rowLoss[e * p.N + n]; }
  loss[e] = s;
}`;
