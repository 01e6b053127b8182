/**
 * Metropolis updates for U(1) links. For the link U = e^{iθ} with staple sum A, the local action is
 * −β Re(U A); a proposal U′ = e^{iδ} U with δ ~ U(−ε, ε) is accepted with probability min(1, e^{−ΔS}),
 * ΔS = −β Re((U′ − U) A). The step ε = min(π, 2/√(β|A|)) depends only on A, which is fixed while this link is
 * updated, so the proposal stays symmetric and detailed balance holds.
 */
import type { Rng } from '../rng';
import type { GaugeField } from './lattice';
import { stapleSumInto } from './action';

export interface MetropolisStats {
  accepted: number;
  proposed: number;
}

/**
 * One Metropolis sweep over every link of a U(1) field, `hits` proposals per link. Returns acceptance counts.
 * Links are re-normalised after each accepted update so |U| = 1 does not drift.
 */
export function metropolisSweepU1(field: GaugeField, beta: number, rng: Rng, hits = 3): MetropolisStats {
  if (field.group.name !== 'U1') throw new Error('metropolisSweepU1 needs a U(1) field');
  const { geom } = field;
  const L = field.links;
  const staple = new Float64Array(2);
  const tmp = new Float64Array(2);
  let accepted = 0;
  let proposed = 0;
  for (let x = 0; x < geom.volume; x++) {
    for (let mu = 0; mu < geom.d; mu++) {
      const o = (x * geom.d + mu) * 2;
      stapleSumInto(field, x, mu, staple, 0, tmp);
      const ar = staple[0];
      const ai = staple[1];
      const k = Math.hypot(ar, ai);
      const eps = beta * k > 4 / (Math.PI * Math.PI) ? 2 / Math.sqrt(beta * k) : Math.PI;
      let ur = L[o];
      let ui = L[o + 1];
      for (let h = 0; h < hits; h++) {
        const delta = eps * (2 * rng.uniform() - 1);
        const c = Math.cos(delta);
        const sn = Math.sin(delta);
        const vr = c * ur - sn * ui;
        const vi = sn * ur + c * ui;
        // Re(U A) = Re U Re A − Im U Im A.
        const dS = -beta * ((vr - ur) * ar - (vi - ui) * ai);
        proposed++;
        if (dS <= 0 || rng.uniform() < Math.exp(-dS)) {
          const r = Math.hypot(vr, vi);
          ur = vr / r;
          ui = vi / r;
          accepted++;
        }
      }
      L[o] = ur;
      L[o + 1] = ui;
    }
  }
  return { accepted, proposed };
}
