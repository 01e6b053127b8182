/**
 * What a gauge transformation did to a field, in two numbers a reader can check by eye: the plaquette traces (gauge
 * invariant, so they move only by rounding) and the links themselves (gauge dependent, so they move by O(1)).
 */
import type { GaugeField } from './lattice';
import { plaquetteTraces } from './loops';

export interface GaugeFieldChange {
  /** max over plaquettes p of |(1/N) Re tr U_p(after) − (1/N) Re tr U_p(before)|. */
  maxTraceChange: number;
  /** (1/n_links) Σ_links ‖U_ℓ(after) − U_ℓ(before)‖_F. */
  meanLinkChange: number;
  /** Links with ‖ΔU_ℓ‖_F above `linkTolerance`. */
  changedLinks: number;
  totalLinks: number;
}

/**
 * Compare two configurations of the same group and geometry, plaquettes in the (0, 1) plane:
 *
 *   maxTraceChange = max_p |Re tr U_p(after) − Re tr U_p(before)| / N,
 *   meanLinkChange = (1 / (V·d)) Σ_{x, μ} ‖U_μ(x)(after) − U_μ(x)(before)‖_F,
 *   changedLinks   = #{(x, μ) : ‖ΔU_μ(x)‖_F > linkTolerance}.
 *
 * After a gauge transformation U_μ(x) → Ω(x) U_μ(x) Ω(x+μ̂)† the first is at rounding level (≈ 1e-16) and the
 * others are not, which is the whole point of showing them side by side.
 */
export function compareGaugeFields(before: GaugeField, after: GaugeField, linkTolerance = 1e-9): GaugeFieldChange {
  const a = plaquetteTraces(before, 0, 1);
  const b = plaquetteTraces(after, 0, 1);
  let maxTraceChange = 0;
  for (let i = 0; i < a.length; i++) maxTraceChange = Math.max(maxTraceChange, Math.abs(a[i] - b[i]));
  const g = before.group;
  const totalLinks = before.geom.volume * before.geom.d;
  let sum = 0;
  let changedLinks = 0;
  for (let l = 0; l < totalLinks; l++) {
    const dd = g.distance(before.links, l * g.stride, after.links, l * g.stride);
    sum += dd;
    if (dd > linkTolerance) changedLinks++;
  }
  return { maxTraceChange, meanLinkChange: sum / totalLinks, changedLinks, totalLinks };
}
