/**
 * Complex matrices stored as a pair of real matrices, Z = Re Z + i Im Z, for the SU(2) Wigner-D matrices.
 */
import { identityMatrix, zeroMatrix, type RealMatrix } from './matrix';

/** A complex matrix Z = re + i·im, both row-major with the same shape. */
export interface SplitComplexMatrix {
  re: RealMatrix;
  im: RealMatrix;
}

/** Complex zero matrix. */
export function complexZeros(rows: number, cols: number): SplitComplexMatrix {
  return { re: zeroMatrix(rows, cols), im: zeroMatrix(rows, cols) };
}

/** The complex identity I_n. */
export function complexIdentity(n: number): SplitComplexMatrix {
  return { re: identityMatrix(n), im: zeroMatrix(n, n) };
}

/** A real matrix viewed as complex (zero imaginary part). */
export function complexFromReal(a: RealMatrix): SplitComplexMatrix {
  return { re: a.map((r) => [...r]), im: a.map((r) => r.map(() => 0)) };
}

/** Product (AB) = (A_re B_re − A_im B_im) + i(A_re B_im + A_im B_re). */
export function complexMatMul(a: SplitComplexMatrix, b: SplitComplexMatrix): SplitComplexMatrix {
  const rows = a.re.length;
  const inner = b.re.length;
  const cols = inner === 0 ? 0 : b.re[0].length;
  const out = complexZeros(rows, cols);
  for (let i = 0; i < rows; i++)
    for (let k = 0; k < inner; k++) {
      const ar = a.re[i][k];
      const ai = a.im[i][k];
      if (ar === 0 && ai === 0) continue;
      for (let j = 0; j < cols; j++) {
        const br = b.re[k][j];
        const bi = b.im[k][j];
        out.re[i][j] += ar * br - ai * bi;
        out.im[i][j] += ar * bi + ai * br;
      }
    }
  return out;
}

/** Conjugate transpose (A†)_ij = conj(A_ji). */
export function adjoint(a: SplitComplexMatrix): SplitComplexMatrix {
  const rows = a.re.length;
  const cols = rows === 0 ? 0 : a.re[0].length;
  return {
    re: Array.from({ length: cols }, (_, j) => Array.from({ length: rows }, (_, i) => a.re[i][j])),
    im: Array.from({ length: cols }, (_, j) => Array.from({ length: rows }, (_, i) => -a.im[i][j])),
  };
}

/** Kronecker product (A ⊗ B)_{(i₁,i₂),(j₁,j₂)} = A_{i₁j₁} B_{i₂j₂}, index (i₁, i₂) ↦ i₁·rows(B) + i₂. */
export function complexKron(a: SplitComplexMatrix, b: SplitComplexMatrix): SplitComplexMatrix {
  const ra = a.re.length;
  const ca = ra === 0 ? 0 : a.re[0].length;
  const rb = b.re.length;
  const cb = rb === 0 ? 0 : b.re[0].length;
  const out = complexZeros(ra * rb, ca * cb);
  for (let i1 = 0; i1 < ra; i1++)
    for (let j1 = 0; j1 < ca; j1++) {
      const xr = a.re[i1][j1];
      const xi = a.im[i1][j1];
      for (let i2 = 0; i2 < rb; i2++)
        for (let j2 = 0; j2 < cb; j2++) {
          const r = i1 * rb + i2;
          const c = j1 * cb + j2;
          out.re[r][c] = xr * b.re[i2][j2] - xi * b.im[i2][j2];
          out.im[r][c] = xr * b.im[i2][j2] + xi * b.re[i2][j2];
        }
    }
  return out;
}

/** Block-diagonal direct sum diag(A, B, …). */
export function complexDirectSum(blocks: readonly SplitComplexMatrix[]): SplitComplexMatrix {
  const n = blocks.reduce((s, b) => s + b.re.length, 0);
  const out = complexZeros(n, n);
  let o = 0;
  for (const b of blocks) {
    for (let i = 0; i < b.re.length; i++)
      for (let j = 0; j < b.re.length; j++) {
        out.re[o + i][o + j] = b.re[i][j];
        out.im[o + i][o + j] = b.im[i][j];
      }
    o += b.re.length;
  }
  return out;
}

/** max_ij |A_ij − B_ij| (complex modulus). */
export function complexMaxAbsDifference(a: SplitComplexMatrix, b: SplitComplexMatrix): number {
  if (a.re.length !== b.re.length) throw new RangeError('complexMaxAbsDifference: shapes differ');
  let m = 0;
  for (let i = 0; i < a.re.length; i++)
    for (let j = 0; j < a.re[i].length; j++) {
      m = Math.max(m, Math.hypot(a.re[i][j] - b.re[i][j], a.im[i][j] - b.im[i][j]));
    }
  return m;
}

/** Entry-wise modulus |Z_ij|, e.g. for a heatmap of a complex matrix. */
export function complexAbs(a: SplitComplexMatrix): RealMatrix {
  return a.re.map((row, i) => row.map((x, j) => Math.hypot(x, a.im[i][j])));
}
