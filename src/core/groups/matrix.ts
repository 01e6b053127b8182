/**
 * Small dense real matrices as arrays of rows. The representations in this folder are tiny (at most a few dozen
 * rows), so plain nested arrays keep the code readable; the SVD goes to ml-matrix.
 */

/** A real matrix, row-major: `m[i][j]` is row i, column j. */
export type RealMatrix = number[][];

/** The n×n identity I_n. */
export function identityMatrix(n: number): RealMatrix {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

/** The rows×cols zero matrix. */
export function zeroMatrix(rows: number, cols: number): RealMatrix {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}

/** Matrix product (AB)_ij = Σ_k A_ik B_kj. */
export function matMul(a: RealMatrix, b: RealMatrix): RealMatrix {
  const rows = a.length;
  const inner = b.length;
  const cols = inner === 0 ? 0 : b[0].length;
  if (rows > 0 && a[0].length !== inner) {
    throw new RangeError(`matMul: shapes ${rows}×${a[0].length} and ${inner}×${cols} do not match`);
  }
  const out = zeroMatrix(rows, cols);
  for (let i = 0; i < rows; i++) {
    const ai = a[i];
    const oi = out[i];
    for (let k = 0; k < inner; k++) {
      const aik = ai[k];
      if (aik === 0) continue;
      const bk = b[k];
      for (let j = 0; j < cols; j++) oi[j] += aik * bk[j];
    }
  }
  return out;
}

/** Matrix–vector product (Av)_i = Σ_j A_ij v_j. */
export function matVec(a: RealMatrix, v: readonly number[]): number[] {
  return a.map((row) => row.reduce((s, aij, j) => s + aij * v[j], 0));
}

/** Transpose (Aᵀ)_ij = A_ji. */
export function transpose(a: RealMatrix): RealMatrix {
  const rows = a.length;
  const cols = rows === 0 ? 0 : a[0].length;
  return Array.from({ length: cols }, (_, j) => Array.from({ length: rows }, (_, i) => a[i][j]));
}

/**
 * Kronecker (tensor) product (A ⊗ B)_{(i₁,i₂),(j₁,j₂)} = A_{i₁j₁} B_{i₂j₂}, with the combined index
 * (i₁, i₂) ↦ i₁·rows(B) + i₂.
 */
export function kron(a: RealMatrix, b: RealMatrix): RealMatrix {
  const ra = a.length;
  const ca = ra === 0 ? 0 : a[0].length;
  const rb = b.length;
  const cb = rb === 0 ? 0 : b[0].length;
  const out = zeroMatrix(ra * rb, ca * cb);
  for (let i1 = 0; i1 < ra; i1++)
    for (let j1 = 0; j1 < ca; j1++) {
      const x = a[i1][j1];
      if (x === 0) continue;
      for (let i2 = 0; i2 < rb; i2++)
        for (let j2 = 0; j2 < cb; j2++) out[i1 * rb + i2][j1 * cb + j2] = x * b[i2][j2];
    }
  return out;
}

/** Block-diagonal direct sum A ⊕ B ⊕ … = diag(A, B, …). */
export function directSumMatrix(blocks: readonly RealMatrix[]): RealMatrix {
  const rows = blocks.reduce((s, b) => s + b.length, 0);
  const cols = blocks.reduce((s, b) => s + (b.length === 0 ? 0 : b[0].length), 0);
  const out = zeroMatrix(rows, cols);
  let r0 = 0;
  let c0 = 0;
  for (const b of blocks) {
    for (let i = 0; i < b.length; i++) for (let j = 0; j < b[i].length; j++) out[r0 + i][c0 + j] = b[i][j];
    r0 += b.length;
    c0 += b.length === 0 ? 0 : b[0].length;
  }
  return out;
}

/** Entry-wise A − B. */
export function subtractMatrices(a: RealMatrix, b: RealMatrix): RealMatrix {
  return a.map((row, i) => row.map((x, j) => x - b[i][j]));
}

/** Scalar multiple sA. */
export function scaleMatrix(a: RealMatrix, s: number): RealMatrix {
  return a.map((row) => row.map((x) => s * x));
}

/** Trace tr A = Σ_i A_ii. */
export function trace(a: RealMatrix): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i][i];
  return s;
}

/** max_ij |A_ij − B_ij|: the error measure used by every exact-symmetry check. Shapes must agree. */
export function maxAbsDifference(a: RealMatrix, b: RealMatrix): number {
  if (a.length !== b.length || (a.length > 0 && a[0].length !== b[0].length)) {
    throw new RangeError('maxAbsDifference: shapes differ');
  }
  let m = 0;
  for (let i = 0; i < a.length; i++) for (let j = 0; j < a[i].length; j++) m = Math.max(m, Math.abs(a[i][j] - b[i][j]));
  return m;
}

/** Frobenius norm ‖A‖_F = √(Σ_ij A_ij²). */
export function frobeniusNorm(a: RealMatrix): number {
  let s = 0;
  for (const row of a) for (const x of row) s += x * x;
  return Math.sqrt(s);
}

/** Replace entries with |x| < eps by exact 0 (and −0 by 0), for display of exact-looking matrices. */
export function cleanMatrix(a: RealMatrix, eps = 1e-12): RealMatrix {
  return a.map((row) => row.map((x) => (Math.abs(x) < eps ? 0 : x)));
}
