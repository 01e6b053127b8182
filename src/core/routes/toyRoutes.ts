/**
 * The four routes to invariance on the toy problem, all computed from one trained run's snapshot (the same members,
 * the same data, the same seeds), with no extra forward pass: every route is an index permutation or an average over
 * index shifts of stored member predictions on the polar grid.
 *
 * 1. DeepEns+DA: the ensemble mean f̄ = (1/E) Σ_k f_k.
 * 2. only DA: single members f_k; statistics are mean ± std over the E members.
 * 3. Group averaging of member k: (1/n) Σ_m f_k(ρ(g_m)⁻¹x).
 * 4. Canonicalisation of member k: f_k(ρ(h(x))⁻¹x), and frame averaging with the sector frame.
 */
import type { PolarGrid } from '../data/polarGrid';
import type { Snapshot } from '../ensemble/snapshot';
import { orbitDeviationField } from '../metrics/orbitDeviation';
import { orbitRelativeStd } from '../metrics/orbitRelativeStd';
import { orbitSamePredictions } from '../metrics/orbitSamePredictions';
import { meanAndStd } from './classifierOsp';
import { forwardPassesPerPrediction, type RouteId } from './cost';
import { canonicalizeOnGrid, frameAverageOnGrid, groupAverageOnGrid } from './gridRoutes';

/** One route's function on the grid and its numbers, at one snapshot. */
export interface ToyRouteResult {
  id: RouteId;
  /** f on the grid. For "member", member k (the selected one). */
  values: Float32Array;
  /** dev(x) = std over the C_n orbit of f(ρ(g)x). */
  deviation: Float32Array;
  /** Off-manifold rstd = mean_off dev / mean_off |f| (for "member": mean over members). */
  rstdOff: number;
  /** Std over members of the members' off-manifold rstd ("member" only; 0 otherwise). */
  rstdOffSpread: number;
  /** Maximum of dev(x) over the whole grid (rounding level for exact routes). */
  maxDeviation: number;
  /** Off-manifold orbit same predictions, sign(f) in place of argmax (for "member": mean over members). */
  ospOff: number;
  ospOffSpread: number;
  /** Training loss of the network(s) the route uses: mean member loss, or member k's own loss. */
  loss: number;
  lossSpread: number;
  /** Forward passes per prediction. */
  cost: number;
}

export interface ToyRoutes {
  step: number;
  n: number;
  member: number;
  routes: Record<RouteId, ToyRouteResult>;
}

function maxOf(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, a[i]);
  return m;
}

function single(
  id: RouteId,
  values: Float32Array,
  grid: PolarGrid,
  n: number,
  mask: Uint8Array,
  loss: number,
  cost: number,
): ToyRouteResult {
  const deviation = orbitDeviationField(values, grid, n);
  return {
    id,
    values,
    deviation,
    rstdOff: orbitRelativeStd(values, grid, n, mask, 'off', deviation).relativeStd,
    rstdOffSpread: 0,
    maxDeviation: maxOf(deviation),
    ospOff: orbitSamePredictions(values, grid, n, mask, 'off'),
    ospOffSpread: 0,
    loss,
    lossSpread: 0,
    cost,
  };
}

/**
 * All routes at one snapshot, measured over C_n (n = the snapshot's measurement order) on the off-manifold region of
 * `mask`. `member` picks the network that routes 2–4 show and wrap. Pure JS on E × P floats: a few milliseconds.
 */
export function computeToyRoutes(snapshot: Snapshot, grid: PolarGrid, mask: Uint8Array, member = 0): ToyRoutes {
  const n = snapshot.metrics.measureOrder;
  const E = snapshot.ensembleSize;
  const P = grid.size;
  const k = Math.min(Math.max(0, member), E - 1);
  const memberValues = snapshot.members.slice(k * P, (k + 1) * P);
  const losses = Array.from(snapshot.losses);
  const lossStats = meanAndStd(losses);
  const costIn = { ensembleSize: E, groupOrder: n };

  const ensemble = single('ensemble', snapshot.mean, grid, n, mask, lossStats.mean, forwardPassesPerPrediction('ensemble', costIn));

  const memberRoute = single('member', memberValues, grid, n, mask, lossStats.mean, 1);
  const rstds: number[] = [];
  const osps: number[] = [];
  for (let e = 0; e < E; e++) {
    const f = snapshot.members.subarray(e * P, (e + 1) * P);
    rstds.push(orbitRelativeStd(f, grid, n, mask, 'off').relativeStd);
    osps.push(orbitSamePredictions(f, grid, n, mask, 'off'));
  }
  const r = meanAndStd(rstds);
  const o = meanAndStd(osps);
  Object.assign(memberRoute, { rstdOff: r.mean, rstdOffSpread: r.std, ospOff: o.mean, ospOffSpread: o.std, lossSpread: lossStats.std });

  const ownLoss = losses[k];
  const groupAverage = single('groupAverage', groupAverageOnGrid(memberValues, grid, n), grid, n, mask, ownLoss, n);
  const canonical = single('canonical', canonicalizeOnGrid(memberValues, grid, n), grid, n, mask, ownLoss, 1);
  const fa = frameAverageOnGrid(memberValues, grid, n);
  const frame = single('frame', fa.values, grid, n, mask, ownLoss, fa.meanFrameSize);

  return { step: snapshot.step, n, member: k, routes: { ensemble, member: memberRoute, groupAverage, canonical, frame } };
}
