/**
 * Power-law fits on log–log axes: y ≈ a·x^b. Used for the 1/√E check (slope −½ for independent members), the width
 * sweep and the cross-product lab. One implementation, with the standard error of the slope, so every caption can
 * print "slope ± standard error" rather than a bare number.
 */

export interface LogLogFit {
  /** b in log y = log a + b log x (ordinary least squares). NaN with fewer than 2 usable points. */
  slope: number;
  /** log a. */
  intercept: number;
  /**
   * Standard error of the slope, SE(b) = √( Σ r_i² / (n − 2) / Σ (u_i − ū)² ), with u = log x, r_i the residuals.
   * NaN with fewer than 3 points (no residual degree of freedom).
   */
  standardError: number;
  /** n: the points used (x > 0, y > 0, both finite). */
  count: number;
}

/**
 * Ordinary least-squares fit of v = log y against u = log x over the finite, positive pairs:
 * b = Σ(u − ū)(v − v̄) / Σ(u − ū)², log a = v̄ − b ū, SE(b) = √( Σ(v − log a − b u)² / (n − 2) / Σ(u − ū)² ).
 * The standard error assumes independent, equal-variance residuals in log y; the subset means of one ensemble share
 * members only when the subsets overlap, which the ensemble-size curve avoids (disjoint subsets).
 */
export function logLogFit(points: readonly (readonly [number, number])[]): LogLogFit {
  const pts = points.filter(([x, y]) => x > 0 && y > 0 && Number.isFinite(x) && Number.isFinite(y));
  const n = pts.length;
  if (n < 2) return { slope: NaN, intercept: NaN, standardError: NaN, count: n };
  const u = pts.map(([x]) => Math.log(x));
  const v = pts.map(([, y]) => Math.log(y));
  const mu = u.reduce((a, t) => a + t, 0) / n;
  const mv = v.reduce((a, t) => a + t, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (u[i] - mu) * (v[i] - mv);
    sxx += (u[i] - mu) ** 2;
  }
  if (!(sxx > 0)) return { slope: NaN, intercept: NaN, standardError: NaN, count: n };
  const slope = sxy / sxx;
  const intercept = mv - slope * mu;
  let ssr = 0;
  for (let i = 0; i < n; i++) ssr += (v[i] - intercept - slope * u[i]) ** 2;
  const standardError = n > 2 ? Math.sqrt(ssr / (n - 2) / sxx) : NaN;
  return { slope, intercept, standardError, count: n };
}

/** The slope b of {@link logLogFit}: log y ≈ log a + b log x. NaN with fewer than 2 usable points. */
export function logLogSlope(points: readonly (readonly [number, number])[]): number {
  return logLogFit(points).slope;
}

/** Pairs (x_i, y_i) from two parallel arrays, for {@link logLogFit}. */
export function zipPoints(xs: readonly number[], ys: readonly number[]): [number, number][] {
  return xs.map((x, i) => [x, ys[i]] as [number, number]);
}

/** How the members of an ensemble were initialised; decides what slope the ensemble-size curve should show. */
export type MemberInitialisation = 'independent' | 'antithetic' | 'orbit-closed';

export interface ExpectedSizeSlope {
  /** Expected slope of the mean's absolute orbit deviation against E, or null where no power law is expected. */
  deviation: number | null;
  /** Expected slope of its relative deviation (rstd = deviation / mean |f̄|), or null. */
  relativeStd: number | null;
  /** One sentence a caption can print. */
  reason: string;
}

/**
 * What the ensemble-size curve should show at training step `step`, for each initialisation. The infinite ensemble is
 * exactly invariant (its initial distribution is), so the finite mean's orbit deviation is sampling noise:
 * - independent members: Var(mean of E) = σ²/E, so the absolute deviation ∝ E^(−½) at every step. The relative
 *   deviation divides by mean |f̄|, which at step 0 is itself noise ∝ E^(−½): rstd slope 0 at step 0, approaching
 *   −½ once the mean has fitted the data and its size no longer depends on E;
 * - antithetic pairs (members 2i, 2i+1 with negated output layers): subsets of whole pairs are means of independent
 *   pair-means, so again −½ after training starts; at step 0 every pair mean is exactly 0 and there is nothing to fit;
 * - orbit-closed ensembles (members in full group orbits): the mean of whole orbits is exactly invariant, so its
 *   deviation is float round-off at every E that is a multiple of |G|: no power law.
 */
export function expectedSizeSlope(init: MemberInitialisation, step: number): ExpectedSizeSlope {
  switch (init) {
    case 'independent':
      return step === 0
        ? { deviation: -0.5, relativeStd: 0, reason: 'independent members at initialisation: the deviation falls like 1/√E, but so does the mean itself, so the relative deviation does not fall (slope 0)' }
        : { deviation: -0.5, relativeStd: -0.5, reason: 'independent members: the deviation of a mean of E falls like 1/√E (slope −½); the relative deviation approaches −½ once the mean has fitted the data' };
    case 'antithetic':
      return step === 0
        ? { deviation: null, relativeStd: null, reason: 'antithetic pairs at initialisation: every pair mean is exactly 0, so every subset of whole pairs has deviation 0 and there is no slope' }
        : { deviation: -0.5, relativeStd: -0.5, reason: 'antithetic pairs: subsets of whole pairs are means of independent pairs, so −½ from E = 2 on' };
    case 'orbit-closed':
      return { deviation: null, relativeStd: null, reason: 'orbit-closed members: the mean of whole orbits is exactly invariant, its deviation is float round-off at every E, so no slope is expected (deviation ≈ 0)' };
  }
}
