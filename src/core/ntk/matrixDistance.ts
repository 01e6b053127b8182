/**
 * Relative Frobenius distance ‖A − B‖_F / ‖B‖_F between two equally shaped matrices, B the reference
 * (e.g. an empirical NTK A against the analytic Θ = B). Returns 0 when both are zero and Infinity when only B is.
 */
export function relativeFrobeniusDistance(
  A: readonly (readonly number[])[],
  B: readonly (readonly number[])[],
): number {
  if (A.length !== B.length) throw new Error(`row counts differ (${A.length} and ${B.length})`);
  let diff = 0;
  let ref = 0;
  for (let i = 0; i < B.length; i++) {
    if (A[i].length !== B[i].length) throw new Error(`row ${i} lengths differ`);
    for (let j = 0; j < B[i].length; j++) {
      const e = A[i][j] - B[i][j];
      diff += e * e;
      ref += B[i][j] * B[i][j];
    }
  }
  if (ref === 0) return diff === 0 ? 0 : Infinity;
  return Math.sqrt(diff / ref);
}
