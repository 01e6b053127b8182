/**
 * Path-ordered products of links: plaquettes, rectangular Wilson loops, Polyakov loops and arbitrary lattice paths.
 *
 * A path is a base site and a list of steps; a step (μ, +) multiplies by U_μ(x) and moves to x + μ̂, a step (μ, −)
 * moves to x − μ̂ and multiplies by U_μ(x − μ̂)†. The product P = Π_steps U transforms as Ω(start) P Ω(end)†, so a
 * closed path (end = start) transforms by conjugation at its base point and its trace is gauge invariant.
 */
import type { GaugeField } from './lattice';
import { shiftSite } from './lattice';

/** One step of a lattice path: direction μ, forward (+μ̂) or backward (−μ̂). */
export interface PathStep {
  readonly mu: number;
  readonly forward: boolean;
}

/**
 * Path-ordered product W = U_{s₁} U_{s₂} ⋯ U_{s_n} along `steps` from site `start`. Returns the element and the end
 * site. The empty path gives the identity.
 */
export function pathProduct(field: GaugeField, start: number, steps: readonly PathStep[]): { element: Float64Array; end: number } {
  const { group, geom } = field;
  const s = group.stride;
  const acc = new Float64Array(s);
  group.identity(acc, 0);
  let x = start;
  for (const step of steps) {
    if (step.forward) {
      group.mul(acc, 0, field.links, (x * geom.d + step.mu) * s, acc, 0);
      x = geom.up[step.mu * geom.volume + x];
    } else {
      x = geom.down[step.mu * geom.volume + x];
      group.mulAdj(acc, 0, field.links, (x * geom.d + step.mu) * s, acc, 0);
    }
  }
  return { element: acc, end: x };
}

/** Steps of the R×T rectangle in the (μ, ν) plane: R × (+μ), T × (+ν), R × (−μ), T × (−ν). */
export function rectangleSteps(mu: number, nu: number, R: number, T: number): PathStep[] {
  const steps: PathStep[] = [];
  for (let i = 0; i < R; i++) steps.push({ mu, forward: true });
  for (let i = 0; i < T; i++) steps.push({ mu: nu, forward: true });
  for (let i = 0; i < R; i++) steps.push({ mu, forward: false });
  for (let i = 0; i < T; i++) steps.push({ mu: nu, forward: false });
  return steps;
}

/** The plaquette U_{μν}(x) = U_μ(x) U_ν(x+μ̂) U_μ(x+ν̂)† U_ν(x)† (untraced). */
export function plaquette(field: GaugeField, x: number, mu: number, nu: number): Float64Array {
  const { group, geom } = field;
  const s = group.stride;
  const d = geom.d;
  const V = geom.volume;
  const xpm = geom.up[mu * V + x];
  const xpn = geom.up[nu * V + x];
  const out = new Float64Array(s);
  group.mul(field.links, (x * d + mu) * s, field.links, (xpm * d + nu) * s, out, 0);
  group.mulAdj(out, 0, field.links, (xpn * d + mu) * s, out, 0);
  group.mulAdj(out, 0, field.links, (x * d + nu) * s, out, 0);
  return out;
}

/**
 * Re tr U_{μν}(x) / N for every site of the plane (μ, ν): the plaquette fill of the lattice view and the
 * building block of the action.
 */
export function plaquetteTraces(field: GaugeField, mu: number, nu: number): Float64Array {
  const { group, geom } = field;
  const out = new Float64Array(geom.volume);
  const tmp = new Float64Array(group.stride);
  const s = group.stride;
  const d = geom.d;
  const V = geom.volume;
  for (let x = 0; x < V; x++) {
    const xpm = geom.up[mu * V + x];
    const xpn = geom.up[nu * V + x];
    group.mul(field.links, (x * d + mu) * s, field.links, (xpm * d + nu) * s, tmp, 0);
    group.mulAdj(tmp, 0, field.links, (xpn * d + mu) * s, tmp, 0);
    group.mulAdj(tmp, 0, field.links, (x * d + nu) * s, tmp, 0);
    out[x] = group.traceRe(tmp, 0) / group.N;
  }
  return out;
}

/**
 * The untraced R×T Wilson loop at base x in the (μ, ν) plane:
 * W = [Π_{i<R} U_μ(x+iμ̂)] [Π_{j<T} U_ν(x+Rμ̂+jν̂)] [⋯ back along −μ̂] [⋯ back along −ν̂].
 */
export function wilsonLoop(field: GaugeField, x: number, mu: number, nu: number, R: number, T: number): Float64Array {
  return pathProduct(field, x, rectangleSteps(mu, nu, R, T)).element;
}

/** The Polyakov loop P(x⃗) = tr Π_{t=0}^{L_μ−1} U_μ(x + tμ̂) along the periodic direction μ, as [Re, Im]. */
export function polyakovLoop(field: GaugeField, x: number, mu: number): [number, number] {
  const steps: PathStep[] = [];
  for (let t = 0; t < field.geom.dims[mu]; t++) steps.push({ mu, forward: true });
  const w = pathProduct(field, x, steps).element;
  return [field.group.traceRe(w, 0), field.group.traceIm(w, 0)];
}

/**
 * Straight-line transporters S_μ^r(x) = U_μ(x) U_μ(x+μ̂) ⋯ U_μ(x+(r−1)μ̂) for r = 1 … rMax, all x.
 * Stored at ((r − 1)·V + x)·stride. Rectangles are then three products: W = S_μ^R(x) S_ν^T(x+Rμ̂) S_μ^R(x+Tν̂)† S_ν^T(x)†.
 */
export function lineTransporters(field: GaugeField, mu: number, rMax: number): Float64Array {
  const { group, geom } = field;
  const s = group.stride;
  const V = geom.volume;
  const out = new Float64Array(rMax * V * s);
  for (let x = 0; x < V; x++) {
    for (let k = 0; k < s; k++) out[x * s + k] = field.links[(x * geom.d + mu) * s + k];
  }
  for (let r = 2; r <= rMax; r++) {
    for (let x = 0; x < V; x++) {
      const y = shiftSite(geom, x, mu, r - 1);
      group.mul(out, ((r - 2) * V + x) * s, field.links, (y * geom.d + mu) * s, out, ((r - 1) * V + x) * s);
    }
  }
  return out;
}

/**
 * ⟨W(R,T)⟩ on one configuration for all 1 ≤ R ≤ maxR, 1 ≤ T ≤ maxT: the mean of Re tr W / N over every base site
 * and every ordered pair of directions μ ≠ ν (R along μ, T along ν). Result index (R − 1)·maxT + (T − 1).
 */
export function wilsonLoopTable(field: GaugeField, maxR: number, maxT: number): Float64Array {
  const { group, geom } = field;
  const s = group.stride;
  const V = geom.volume;
  const d = geom.d;
  const out = new Float64Array(maxR * maxT);
  if (d < 2) return out;
  const rMax = Math.max(maxR, maxT);
  const lines: Float64Array[] = [];
  // shifts[μ][r][x] = x + r μ̂, so the inner loop does table look-ups rather than walks.
  const shifts: Int32Array[][] = [];
  for (let mu = 0; mu < d; mu++) {
    lines.push(lineTransporters(field, mu, rMax));
    const byR: Int32Array[] = [];
    for (let r = 0; r <= rMax; r++) {
      const t = new Int32Array(V);
      for (let x = 0; x < V; x++) t[x] = r === 0 ? x : geom.up[mu * V + byR[r - 1][x]];
      byR.push(t);
    }
    shifts.push(byR);
  }
  const tmp = new Float64Array(s);
  for (let mu = 0; mu < d; mu++) {
    for (let nu = 0; nu < d; nu++) {
      if (mu === nu) continue;
      const Lm = lines[mu];
      const Ln = lines[nu];
      for (let R = 1; R <= maxR; R++) {
        for (let T = 1; T <= maxT; T++) {
          let sum = 0;
          for (let x = 0; x < V; x++) {
            const xR = shifts[mu][R][x];
            const xT = shifts[nu][T][x];
            group.mul(Lm, ((R - 1) * V + x) * s, Ln, ((T - 1) * V + xR) * s, tmp, 0);
            group.mulAdj(tmp, 0, Lm, ((R - 1) * V + xT) * s, tmp, 0);
            group.mulAdj(tmp, 0, Ln, ((T - 1) * V + x) * s, tmp, 0);
            sum += group.traceRe(tmp, 0);
          }
          out[(R - 1) * maxT + (T - 1)] += sum;
        }
      }
    }
  }
  const norm = 1 / (V * d * (d - 1) * group.N);
  for (let i = 0; i < out.length; i++) out[i] *= norm;
  return out;
}
