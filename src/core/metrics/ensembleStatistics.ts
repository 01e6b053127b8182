/**
 * Statistics over the members of an ensemble whose predictions are stored member-major:
 * `members[k·P + p]` = f_k(x_p), k = 0…E−1, p = 0…P−1.
 */

/** Ensemble mean f̄(x_p) = (1/|S|) Σ_{k∈S} f_k(x_p) over the members S = [start, start + count). */
export function ensembleMean(members: Float32Array, E: number, P: number, start = 0, count = E): Float32Array {
  const out = new Float32Array(P);
  for (let k = start; k < start + count; k++) {
    const off = k * P;
    for (let p = 0; p < P; p++) out[p] += members[off + p];
  }
  for (let p = 0; p < P; p++) out[p] /= count;
  if (E < start + count) throw new Error('member range exceeds ensemble size');
  return out;
}

/** Member spread: population std over members, √((1/E) Σ_k (f_k − f̄)²), at every point. */
export function ensembleSpread(members: Float32Array, E: number, P: number, mean: Float32Array): Float32Array {
  const out = new Float32Array(P);
  for (let k = 0; k < E; k++) {
    const off = k * P;
    for (let p = 0; p < P; p++) {
      const d = members[off + p] - mean[p];
      out[p] += d * d;
    }
  }
  for (let p = 0; p < P; p++) out[p] = Math.sqrt(out[p] / E);
  return out;
}

/** The predictions of one member, as a view (no copy). */
export function memberPredictions(members: Float32Array, P: number, k: number): Float32Array {
  return members.subarray(k * P, (k + 1) * P);
}
