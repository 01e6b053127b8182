/**
 * SU(2) heat-bath (Creutz 1980; Kennedy & Pendleton 1985) and overrelaxation.
 *
 * With staple sum A = k·V̂ (k = √det A ≥ 0, V̂ ∈ SU(2)), the link's conditional distribution is
 *   dP(U) ∝ exp((β/2) Re tr(U A)) dU_Haar = exp(β k x₀) dX_Haar,   X = U V̂.
 * In quaternion form the Haar measure of X is ∝ √(1 − x₀²) dx₀ dΩ₂, so x₀ has density ∝ √(1 − x₀²) e^{β k x₀} on
 * [−1, 1], x⃗ is uniform on the 2-sphere of radius √(1 − x₀²), and the new link is U = X V̂†.
 */
import type { Rng } from '../rng';
import type { GaugeField } from './lattice';
import { sphere2Into } from './haar';

/**
 * A += a^{sa} b^{sb} c^{sc} for quaternions stored in L at offsets oa, ob, oc; s = −1 means the adjoint (a₀, −a⃗).
 * The product is `su2MulInto` of core/groups/su2.ts (U = a₀·1 + i a⃗·σ⃗), written out by hand because it is the inner
 * loop of every update: the generic group interface costs ~2× here, and even two direct `su2MulInto` calls through
 * scratch arrays cost 10–20% of a sweep (L = 16, 2D, Node, CPU time, separate processes; measured under load, so
 * noisy, but in every pair). stapleSumSU2Into is tested against the generic staple sum, which goes through
 * su2MulInto, so the two cannot drift apart.
 */
function accumulateTriple(A: Float64Array, L: Float64Array, oa: number, sa: number, ob: number, sb: number, oc: number, sc: number): void {
  const a0 = L[oa], a1 = sa * L[oa + 1], a2 = sa * L[oa + 2], a3 = sa * L[oa + 3];
  const b0 = L[ob], b1 = sb * L[ob + 1], b2 = sb * L[ob + 2], b3 = sb * L[ob + 3];
  const t0 = a0 * b0 - a1 * b1 - a2 * b2 - a3 * b3;
  const t1 = a0 * b1 + b0 * a1 - (a2 * b3 - a3 * b2);
  const t2 = a0 * b2 + b0 * a2 - (a3 * b1 - a1 * b3);
  const t3 = a0 * b3 + b0 * a3 - (a1 * b2 - a2 * b1);
  const c0 = L[oc], c1 = sc * L[oc + 1], c2 = sc * L[oc + 2], c3 = sc * L[oc + 3];
  A[0] += t0 * c0 - t1 * c1 - t2 * c2 - t3 * c3;
  A[1] += t0 * c1 + c0 * t1 - (t2 * c3 - t3 * c2);
  A[2] += t0 * c2 + c0 * t2 - (t3 * c1 - t1 * c3);
  A[3] += t0 * c3 + c0 * t3 - (t1 * c2 - t2 * c1);
}

/**
 * SU(2) staple sum A_μ(x) (see `stapleSumInto` in action.ts, which this equals):
 * Σ_{ν≠μ} U_ν(x+μ̂) U_μ(x+ν̂)† U_ν(x)† + U_ν(x+μ̂−ν̂)† U_μ(x−ν̂)† U_ν(x−ν̂).
 */
export function stapleSumSU2Into(field: GaugeField, x: number, mu: number, A: Float64Array): void {
  const { geom } = field;
  const L = field.links;
  const d = geom.d;
  const V = geom.volume;
  const up = geom.up;
  const down = geom.down;
  A[0] = 0;
  A[1] = 0;
  A[2] = 0;
  A[3] = 0;
  const xpm = up[mu * V + x];
  for (let nu = 0; nu < d; nu++) {
    if (nu === mu) continue;
    const xpn = up[nu * V + x];
    accumulateTriple(A, L, (xpm * d + nu) * 4, 1, (xpn * d + mu) * 4, -1, (x * d + nu) * 4, -1);
    const xmn = down[nu * V + x];
    const xpmmn = down[nu * V + xpm];
    accumulateTriple(A, L, (xpmmn * d + nu) * 4, -1, (xmn * d + mu) * 4, -1, (xmn * d + nu) * 4, 1);
  }
}

/** Below this a = βk, Creutz's method accepts more often than Kennedy–Pendleton's. */
const KP_THRESHOLD = 1;

/**
 * Draw x₀ ∈ [−1, 1] with density ∝ √(1 − x₀²) e^{a x₀}, a ≥ 0.
 * - a ≥ 1, Kennedy–Pendleton: x₀ = 1 − 2δ with δ = −(ln r₁ + cos²(2π r₂) ln r₃)/(2a) ~ Gamma(3/2, rate 2a), accepted
 *   when r₄² ≤ 1 − δ (the remaining factor √(1 − δ)).
 * - 0 < a < 1, Creutz: x₀ = 1 + ln(e^{−2a} + u(1 − e^{−2a}))/a has density ∝ e^{a x₀}; accept with probability √(1 − x₀²).
 * - a = 0: x₀ uniform on [−1, 1], accepted with probability √(1 − x₀²) (the Haar marginal).
 */
export function sampleHeatBathA0(a: number, rng: Rng): number {
  if (a >= KP_THRESHOLD) {
    for (;;) {
      const r1 = 1 - rng.uniform();
      const r2 = rng.uniform();
      const r3 = 1 - rng.uniform();
      const c = Math.cos(2 * Math.PI * r2);
      const delta = -(Math.log(r1) + c * c * Math.log(r3)) / (2 * a);
      const r4 = rng.uniform();
      if (r4 * r4 <= 1 - delta) return 1 - 2 * delta;
    }
  }
  if (a > 1e-12) {
    const e = Math.exp(-2 * a);
    for (;;) {
      const x0 = 1 + Math.log(e + (1 - rng.uniform()) * (1 - e)) / a;
      if (rng.uniform() <= Math.sqrt(Math.max(0, 1 - x0 * x0))) return x0;
    }
  }
  for (;;) {
    const x0 = 2 * rng.uniform() - 1;
    if (rng.uniform() <= Math.sqrt(1 - x0 * x0)) return x0;
  }
}

/**
 * One heat-bath sweep over every link of an SU(2) field, followed by `overrelax` overrelaxation sweeps.
 * Each link is replaced by an exact draw from its conditional distribution (see the module comment).
 */
export function heatBathSweepSU2(field: GaugeField, beta: number, rng: Rng, overrelax = 0): void {
  if (field.group.name !== 'SU2') throw new Error('heatBathSweepSU2 needs an SU(2) field');
  const { geom } = field;
  const L = field.links;
  const A = new Float64Array(4);
  const vec = new Float64Array(3);
  for (let x = 0; x < geom.volume; x++) {
    for (let mu = 0; mu < geom.d; mu++) {
      const o = (x * geom.d + mu) * 4;
      stapleSumSU2Into(field, x, mu, A);
      const k = Math.sqrt(A[0] * A[0] + A[1] * A[1] + A[2] * A[2] + A[3] * A[3]);
      if (k < 1e-300 || beta <= 0) {
        field.group.haar(rng, L, o);
        continue;
      }
      const x0 = sampleHeatBathA0(beta * k, rng);
      sphere2Into(rng, Math.sqrt(Math.max(0, 1 - x0 * x0)), vec, 0);
      // U = X V̂†, with V̂ = A/k and V̂† = (v₀, −v⃗): `su2MulInto` written out for the same reason as in
      // accumulateTriple (through scratch arrays it was not measurably free).
      const v0 = A[0] / k, v1 = -A[1] / k, v2 = -A[2] / k, v3 = -A[3] / k;
      const x1 = vec[0], x2 = vec[1], x3 = vec[2];
      L[o] = x0 * v0 - x1 * v1 - x2 * v2 - x3 * v3;
      L[o + 1] = x0 * v1 + v0 * x1 - (x2 * v3 - x3 * v2);
      L[o + 2] = x0 * v2 + v0 * x2 - (x3 * v1 - x1 * v3);
      L[o + 3] = x0 * v3 + v0 * x3 - (x1 * v2 - x2 * v1);
    }
  }
  for (let r = 0; r < overrelax; r++) overrelaxSweepSU2(field);
}

/**
 * One overrelaxation sweep: U → V̂† U† V̂†. It keeps Re tr(U A) — hence the action — fixed and preserves the Haar
 * measure, so it is a microcanonical move that decorrelates configurations at no cost in acceptance.
 */
export function overrelaxSweepSU2(field: GaugeField): void {
  const { geom, group } = field;
  const L = field.links;
  const A = new Float64Array(4);
  const tmp = new Float64Array(4);
  for (let x = 0; x < geom.volume; x++) {
    for (let mu = 0; mu < geom.d; mu++) {
      const o = (x * geom.d + mu) * 4;
      stapleSumSU2Into(field, x, mu, A);
      const k = Math.sqrt(A[0] * A[0] + A[1] * A[1] + A[2] * A[2] + A[3] * A[3]);
      if (k < 1e-300) continue;
      for (let c = 0; c < 4; c++) A[c] /= k;
      // tmp = V̂† U†, then U = tmp V̂†.
      group.adjoint(A, 0, A, 0);
      group.mulAdj(A, 0, L, o, tmp, 0);
      group.mul(tmp, 0, A, 0, L, o);
    }
  }
}
