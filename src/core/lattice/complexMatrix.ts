/**
 * Small dense complex matrices, n×n, stored row-major as interleaved (re, im) pairs in a Float64Array.
 * Element (i, j) lives at offset 2(i·n + j). The gauge-equivariant layers need these because sums of group elements
 * leave the group: Σ ω U W U† is a general matrix, not a link.
 */

/** An n×n complex matrix: `data[2(i·n + j)] = Re M_ij`, `data[2(i·n + j) + 1] = Im M_ij`. */
export interface ComplexMatrix {
  readonly n: number;
  readonly data: Float64Array;
}

/** The zero matrix 0_{n×n}. */
export function zeroComplexMatrix(n: number): ComplexMatrix {
  return { n, data: new Float64Array(2 * n * n) };
}

/** The identity matrix 1_{n×n}. */
export function identityComplexMatrix(n: number): ComplexMatrix {
  const m = zeroComplexMatrix(n);
  for (let i = 0; i < n; i++) m.data[2 * (i * n + i)] = 1;
  return m;
}

/** Build a matrix from rows of [re, im] pairs: `rows[i][j] = [Re M_ij, Im M_ij]`. */
export function complexMatrixFromRows(rows: readonly (readonly (readonly [number, number])[])[]): ComplexMatrix {
  const n = rows.length;
  const m = zeroComplexMatrix(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      m.data[2 * (i * n + j)] = rows[i][j][0];
      m.data[2 * (i * n + j) + 1] = rows[i][j][1];
    }
  }
  return m;
}

/**
 * Matrix product into a slice: out[oo…] = A[ao…] · B[bo…], (AB)_ij = Σ_k A_ik B_kj, all n×n complex.
 * Safe when out aliases A or B: the result is built in a scratch buffer first.
 */
export function mulComplexMatrixInto(
  n: number,
  a: Float64Array,
  ao: number,
  b: Float64Array,
  bo: number,
  out: Float64Array,
  oo: number,
): void {
  const tmp = scratch(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let re = 0;
      let im = 0;
      for (let k = 0; k < n; k++) {
        const ar = a[ao + 2 * (i * n + k)];
        const ai = a[ao + 2 * (i * n + k) + 1];
        const br = b[bo + 2 * (k * n + j)];
        const bi = b[bo + 2 * (k * n + j) + 1];
        re += ar * br - ai * bi;
        im += ar * bi + ai * br;
      }
      tmp[2 * (i * n + j)] = re;
      tmp[2 * (i * n + j) + 1] = im;
    }
  }
  for (let t = 0; t < 2 * n * n; t++) out[oo + t] = tmp[t];
}

/** Conjugate transpose into a slice: (A†)_ij = conj(A_ji). Safe when out aliases A. */
export function adjointComplexMatrixInto(n: number, a: Float64Array, ao: number, out: Float64Array, oo: number): void {
  const tmp = scratch(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      tmp[2 * (i * n + j)] = a[ao + 2 * (j * n + i)];
      tmp[2 * (i * n + j) + 1] = -a[ao + 2 * (j * n + i) + 1];
    }
  }
  for (let t = 0; t < 2 * n * n; t++) out[oo + t] = tmp[t];
}

/** A · B for whole matrices. */
export function mulComplexMatrix(a: ComplexMatrix, b: ComplexMatrix): ComplexMatrix {
  const out = zeroComplexMatrix(a.n);
  mulComplexMatrixInto(a.n, a.data, 0, b.data, 0, out.data, 0);
  return out;
}

/** A† = conj(Aᵀ). */
export function adjointComplexMatrix(a: ComplexMatrix): ComplexMatrix {
  const out = zeroComplexMatrix(a.n);
  adjointComplexMatrixInto(a.n, a.data, 0, out.data, 0);
  return out;
}

/** Conjugation Ω A Ω†: how a closed loop based at x transforms when Ω = Ω(x). */
export function conjugateComplexMatrix(omega: ComplexMatrix, a: ComplexMatrix): ComplexMatrix {
  return mulComplexMatrix(mulComplexMatrix(omega, a), adjointComplexMatrix(omega));
}

/** tr A = Σ_i A_ii, as [Re, Im]. */
export function traceComplexMatrix(a: ComplexMatrix): [number, number] {
  let re = 0;
  let im = 0;
  for (let i = 0; i < a.n; i++) {
    re += a.data[2 * (i * a.n + i)];
    im += a.data[2 * (i * a.n + i) + 1];
  }
  return [re, im];
}

/** Frobenius distance ‖A − B‖_F = √(Σ_ij |A_ij − B_ij|²). */
export function complexMatrixDistance(a: ComplexMatrix, b: ComplexMatrix): number {
  let s = 0;
  for (let t = 0; t < a.data.length; t++) {
    const d = a.data[t] - b.data[t];
    s += d * d;
  }
  return Math.sqrt(s);
}

/** Frobenius norm ‖A‖_F = √(Σ_ij |A_ij|²). */
export function complexMatrixNorm(a: ComplexMatrix): number {
  let s = 0;
  for (let t = 0; t < a.data.length; t++) s += a.data[t] * a.data[t];
  return Math.sqrt(s);
}

// One scratch buffer per matrix size; the algebra is single-threaded within a realm, so sharing is safe.
const scratchBySize = new Map<number, Float64Array>();
function scratch(n: number): Float64Array {
  let s = scratchBySize.get(n);
  if (!s) {
    s = new Float64Array(2 * n * n);
    scratchBySize.set(n, s);
  }
  return s;
}
