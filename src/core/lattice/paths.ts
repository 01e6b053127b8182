/**
 * Lattice paths given as a list of visited sites (what a user clicks), checked and converted into steps.
 * Consecutive sites must be nearest neighbours on the periodic lattice; a loop must end where it starts.
 */
import { siteCoords, siteIndex } from './lattice';
import type { PathStep } from './loops';

export interface PathCheck {
  /** The steps between consecutive sites, as far as they are valid. */
  steps: PathStep[];
  /** True when the path has at least one step, every step is a link, and it ends at its start. */
  closed: boolean;
  /** Why the path cannot be used as a loop, in words; null when `closed`. */
  reason: string | null;
}

/** The step from a to b if they are nearest neighbours (periodically), else null. */
export function stepBetween(dims: readonly number[], a: number, b: number): PathStep | null {
  const ca = siteCoords(dims, a);
  const cb = siteCoords(dims, b);
  let found: PathStep | null = null;
  for (let mu = 0; mu < dims.length; mu++) {
    const L = dims[mu];
    const diff = (((cb[mu] - ca[mu]) % L) + L) % L;
    if (diff === 0) continue;
    if (found) return null;
    // On L = 2 both directions reach the same site; call it forward.
    if (diff === 1) found = { mu, forward: true };
    else if (diff === L - 1) found = { mu, forward: false };
    else return null;
  }
  return found;
}

function label(dims: readonly number[], x: number): string {
  return `(${siteCoords(dims, x).join(', ')})`;
}

/** Check a clicked path and convert it to steps. */
export function checkSitePath(dims: readonly number[], sites: readonly number[]): PathCheck {
  const steps: PathStep[] = [];
  if (sites.length === 0) return { steps, closed: false, reason: 'The path is empty: click a site to start it.' };
  for (let i = 1; i < sites.length; i++) {
    const s = stepBetween(dims, sites[i - 1], sites[i]);
    if (!s) {
      return {
        steps,
        closed: false,
        reason: `${label(dims, sites[i - 1])} and ${label(dims, sites[i])} are not neighbours: a path moves one link at a time.`,
      };
    }
    steps.push(s);
  }
  if (steps.length === 0) return { steps, closed: false, reason: 'The path has no links yet: click a neighbouring site.' };
  const start = sites[0];
  const end = sites[sites.length - 1];
  if (start !== end) {
    return {
      steps,
      closed: false,
      reason: `The path is open: it starts at ${label(dims, start)} but ends at ${label(dims, end)}. A loop must return to its start.`,
    };
  }
  return { steps, closed: true, reason: null };
}

/** The sites visited by an R×T rectangle from `start` in the (μ, ν) plane, start repeated at the end. */
export function rectangleSites(dims: readonly number[], start: number, mu: number, nu: number, R: number, T: number): number[] {
  const c = siteCoords(dims, start);
  const sites = [start];
  const walk = (dir: number, k: number, sign: number) => {
    for (let i = 0; i < k; i++) {
      c[dir] += sign;
      sites.push(siteIndex(dims, c));
    }
  };
  walk(mu, R, 1);
  walk(nu, T, 1);
  walk(mu, R, -1);
  walk(nu, T, -1);
  return sites;
}
