/**
 * The Wilson action and the staples it is built from.
 *   S = β Σ_p (1 − (1/N) Re tr U_p),   for U(1): S = β Σ_p (1 − cos θ_p).
 */
import type { GaugeField } from './lattice';

/** Mean plaquette ⟨(1/N) Re tr U_p⟩ over all sites and all planes μ < ν. */
export function averagePlaquette(field: GaugeField): number {
  const { group, geom } = field;
  const s = group.stride;
  const d = geom.d;
  const V = geom.volume;
  const tmp = new Float64Array(s);
  let sum = 0;
  let count = 0;
  for (let mu = 0; mu < d; mu++) {
    for (let nu = mu + 1; nu < d; nu++) {
      for (let x = 0; x < V; x++) {
        group.mul(field.links, (x * d + mu) * s, field.links, (geom.up[mu * V + x] * d + nu) * s, tmp, 0);
        group.mulAdj(tmp, 0, field.links, (geom.up[nu * V + x] * d + mu) * s, tmp, 0);
        group.mulAdj(tmp, 0, field.links, (x * d + nu) * s, tmp, 0);
        sum += group.traceRe(tmp, 0);
        count++;
      }
    }
  }
  return count > 0 ? sum / (count * group.N) : 1;
}

/** The number of plaquettes, V · d(d − 1)/2. */
export function plaquetteCount(field: GaugeField): number {
  return (field.geom.volume * field.geom.d * (field.geom.d - 1)) / 2;
}

/** The Wilson action S = β Σ_p (1 − (1/N) Re tr U_p). */
export function wilsonAction(field: GaugeField, beta: number): number {
  const n = plaquetteCount(field);
  return beta * n * (1 - averagePlaquette(field));
}

/**
 * The staple sum A_μ(x) of the link U_μ(x): the sum over ν ≠ μ of
 *   U_ν(x+μ̂) U_μ(x+ν̂)† U_ν(x)†   +   U_ν(x+μ̂−ν̂)† U_μ(x−ν̂)† U_ν(x−ν̂),
 * so that the part of the action that depends on U_μ(x) is −(β/N) Re tr(U_μ(x) A_μ(x)).
 * The result is written into out[o…]; for SU(2) it is a real multiple of an SU(2) quaternion, for U(1) a complex number.
 */
export function stapleSumInto(field: GaugeField, x: number, mu: number, out: Float64Array, o: number, tmp: Float64Array): void {
  const { group, geom } = field;
  const s = group.stride;
  const d = geom.d;
  const V = geom.volume;
  const L = field.links;
  for (let k = 0; k < s; k++) out[o + k] = 0;
  const xpm = geom.up[mu * V + x];
  for (let nu = 0; nu < d; nu++) {
    if (nu === mu) continue;
    // Forward staple.
    const xpn = geom.up[nu * V + x];
    group.mulAdj(L, (xpm * d + nu) * s, L, (xpn * d + mu) * s, tmp, 0);
    group.mulAdj(tmp, 0, L, (x * d + nu) * s, tmp, 0);
    for (let k = 0; k < s; k++) out[o + k] += tmp[k];
    // Backward staple.
    const xmn = geom.down[nu * V + x];
    const xpmmn = geom.down[nu * V + xpm];
    group.adjoint(L, (xpmmn * d + nu) * s, tmp, 0);
    group.mulAdj(tmp, 0, L, (xmn * d + mu) * s, tmp, 0);
    group.mul(tmp, 0, L, (xmn * d + nu) * s, tmp, 0);
    for (let k = 0; k < s; k++) out[o + k] += tmp[k];
  }
}
