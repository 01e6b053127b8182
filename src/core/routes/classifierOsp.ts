/**
 * Orbit same predictions for a classifier and a finite group (reference §2):
 *   OSP(x) = Σ_{g∈G} 1[argmax f(ρ(g)x) = argmax f(x)],   1 ≤ OSP(x) ≤ |G|,
 * averaged over a data set. Random predictions over c classes score 1 + (|G| − 1)/c.
 */

/** OSP over a data set: the mean, the sample std of OSP(x), and the standard error of the mean. */
export interface OspSummary {
  mean: number;
  std: number;
  /** Standard error of the mean, std/√N. */
  se: number;
  /** Number of data points N. */
  count: number;
  /** |G|. */
  groupOrder: number;
}

/** Index of the largest of c scores starting at `offset` (the first one wins ties). */
export function argmaxAt(scores: ArrayLike<number>, offset: number, c: number): number {
  let best = 0;
  let bestV = scores[offset];
  for (let k = 1; k < c; k++) {
    const v = scores[offset + k];
    if (v > bestV) {
      bestV = v;
      best = k;
    }
  }
  return best;
}

/** Predicted labels argmax_k s[n, k] of a row-major score matrix [N, c]. */
export function argmaxRows(scores: ArrayLike<number>, N: number, c: number): Int32Array {
  const out = new Int32Array(N);
  for (let n = 0; n < N; n++) out[n] = argmaxAt(scores, n * c, c);
  return out;
}

/**
 * OSP from predicted labels over the orbit, stored orbit-major: `labels[m·N + i]` = argmax f(ρ(g_m)x_i), with g_0 = e
 * the identity (the reference prediction). Returns the mean over i with its standard error.
 */
export function orbitSamePredictionsFromLabels(labels: ArrayLike<number>, groupOrder: number, N: number): OspSummary {
  if (labels.length !== groupOrder * N) throw new Error(`expected ${groupOrder}×${N} labels, got ${labels.length}`);
  const per = ospPerItem(labels, groupOrder, N);
  return summarize(per, groupOrder);
}

/** OSP(x_i) for each item, from orbit-major labels as in `orbitSamePredictionsFromLabels`. */
export function ospPerItem(labels: ArrayLike<number>, groupOrder: number, N: number): Float64Array {
  const per = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const ref = labels[i];
    let same = 0;
    for (let m = 0; m < groupOrder; m++) if (labels[m * N + i] === ref) same++;
    per[i] = same;
  }
  return per;
}

/**
 * OSP from class scores over the orbit, orbit-major [|G|, N, c]: labels are argmax over the c scores
 * (probabilities or logits: argmax is the same).
 */
export function orbitSamePredictionsFromScores(scores: ArrayLike<number>, groupOrder: number, N: number, c: number): OspSummary {
  if (scores.length !== groupOrder * N * c) throw new Error(`expected ${groupOrder}×${N}×${c} scores, got ${scores.length}`);
  return orbitSamePredictionsFromLabels(argmaxRows(scores, groupOrder * N, c), groupOrder, N);
}

/** The chance level of OSP for uniformly random predictions over c classes: 1 + (|G| − 1)/c. */
export function randomOspExpectation(groupOrder: number, classes: number): number {
  return 1 + (groupOrder - 1) / classes;
}

function summarize(per: Float64Array, groupOrder: number): OspSummary {
  const N = per.length;
  let s = 0;
  for (const v of per) s += v;
  const mean = N ? s / N : NaN;
  let q = 0;
  for (const v of per) q += (v - mean) * (v - mean);
  const std = N > 1 ? Math.sqrt(q / (N - 1)) : 0;
  return { mean, std, se: N ? std / Math.sqrt(N) : NaN, count: N, groupOrder };
}

/** Mean and sample standard deviation of a list (for "mean ± std over members"). */
export function meanAndStd(values: readonly number[]): { mean: number; std: number } {
  const n = values.length;
  if (n === 0) return { mean: NaN, std: NaN };
  const mean = values.reduce((a, v) => a + v, 0) / n;
  const std = n > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) * (v - mean), 0) / (n - 1)) : 0;
  return { mean, std };
}
