/**
 * Small dense complex matrices: the one complex-matrix type of the core, used by the SU(2) Wigner-D matrices and
 * Clebsch–Gordan checks (groups) and by the lattice gauge code (links, loops, the L-CNN).
 *
 * Storage: an n×n matrix is a Float64Array of 2n² numbers, row-major with interleaved (re, im) pairs, so element
 * (i, j) lives at `data[2(i·n + j)]` (real part) and `data[2(i·n + j) + 1]` (imaginary part). One flat buffer keeps
 * the lattice inner loops allocation-free (the `…Into` kernels work on slices at an offset) and makes a matrix cheap
 * to post to a worker. Only square matrices occur (group representations, their tensor products and direct sums).
 */
import type { RealMatrix } from './matrix';

/** An n×n complex matrix: `data[2(i·n + j)] = Re M_ij`, `data[2(i·n + j) + 1] = Im M_ij`. */
export interface ComplexMatrix {
  readonly n: number;
  readonly data: Float64Array;
}

/** The zero matrix 0_{n×n}. */
export function complexZeros(n: number): ComplexMatrix {
  return { n, data: new Float64Array(2 * n * n) };
}

/** The identity matrix 1_{n×n}. */
export function complexIdentity(n: number): ComplexMatrix {
  const m = complexZeros(n);
  for (let i = 0; i < n; i++) m.data[2 * (i * n + i)] = 1;
  return m;
}

/** Build a matrix from rows of [re, im] pairs: `rows[i][j] = [Re M_ij, Im M_ij]`. */
export function complexFromRows(rows: readonly (readonly (readonly [number, number])[])[]): ComplexMatrix {
  const n = rows.length;
  const m = complexZeros(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      m.data[2 * (i * n + j)] = rows[i][j][0];
      m.data[2 * (i * n + j) + 1] = rows[i][j][1];
    }
  }
  return m;
}

/** A real square matrix viewed as complex: M_ij = A_ij + 0i. */
export function complexFromReal(a: RealMatrix): ComplexMatrix {
  const n = a.length;
  const m = complexZeros(n);
  for (let i = 0; i < n; i++) {
    if (a[i].length !== n) throw new RangeError('complexFromReal: the matrix must be square');
    for (let j = 0; j < n; j++) m.data[2 * (i * n + j)] = a[i][j];
  }
  return m;
}

/**
 * Matrix product into a slice: out[oo…] = A[ao…] · B[bo…], (AB)_ij = Σ_k A_ik B_kj, all n×n complex, with
 * Re(ab) = Re a Re b − Im a Im b and Im(ab) = Re a Im b + Im a Re b.
 * Safe when out aliases A or B: the result is built in a scratch buffer first.
 */
export function complexMatMulInto(
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
export function complexAdjointInto(n: number, a: Float64Array, ao: number, out: Float64Array, oo: number): void {
  const tmp = scratch(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      tmp[2 * (i * n + j)] = a[ao + 2 * (j * n + i)];
      tmp[2 * (i * n + j) + 1] = -a[ao + 2 * (j * n + i) + 1];
    }
  }
  for (let t = 0; t < 2 * n * n; t++) out[oo + t] = tmp[t];
}

/** A · B for whole matrices, (AB)_ij = Σ_k A_ik B_kj. */
export function complexMatMul(a: ComplexMatrix, b: ComplexMatrix): ComplexMatrix {
  if (a.n !== b.n) throw new RangeError('complexMatMul: sizes differ');
  const out = complexZeros(a.n);
  complexMatMulInto(a.n, a.data, 0, b.data, 0, out.data, 0);
  return out;
}

/** A† = conj(Aᵀ). */
export function complexAdjoint(a: ComplexMatrix): ComplexMatrix {
  const out = complexZeros(a.n);
  complexAdjointInto(a.n, a.data, 0, out.data, 0);
  return out;
}

/** Conjugation by a unitary, Ω A Ω†: how a closed loop based at x transforms when Ω = Ω(x). */
export function complexConjugation(omega: ComplexMatrix, a: ComplexMatrix): ComplexMatrix {
  return complexMatMul(complexMatMul(omega, a), complexAdjoint(omega));
}

/** tr A = Σ_i A_ii, as [Re, Im]. */
export function complexTrace(a: ComplexMatrix): [number, number] {
  let re = 0;
  let im = 0;
  for (let i = 0; i < a.n; i++) {
    re += a.data[2 * (i * a.n + i)];
    im += a.data[2 * (i * a.n + i) + 1];
  }
  return [re, im];
}

/** Frobenius distance ‖A − B‖_F = √(Σ_ij |A_ij − B_ij|²). */
export function complexDistance(a: ComplexMatrix, b: ComplexMatrix): number {
  if (a.n !== b.n) throw new RangeError('complexDistance: sizes differ');
  let s = 0;
  for (let t = 0; t < a.data.length; t++) {
    const d = a.data[t] - b.data[t];
    s += d * d;
  }
  return Math.sqrt(s);
}

/** Frobenius norm ‖A‖_F = √(Σ_ij |A_ij|²). */
export function complexNorm(a: ComplexMatrix): number {
  let s = 0;
  for (let t = 0; t < a.data.length; t++) s += a.data[t] * a.data[t];
  return Math.sqrt(s);
}

/** max_ij |A_ij − B_ij| (complex modulus): the entry-wise error the representation checks report. */
export function complexMaxAbsDifference(a: ComplexMatrix, b: ComplexMatrix): number {
  if (a.n !== b.n) throw new RangeError('complexMaxAbsDifference: shapes differ');
  let m = 0;
  for (let t = 0; t < a.data.length; t += 2) m = Math.max(m, Math.hypot(a.data[t] - b.data[t], a.data[t + 1] - b.data[t + 1]));
  return m;
}

/** Entry-wise modulus |M_ij| as a real matrix, e.g. for a heatmap of a complex matrix. */
export function complexAbs(a: ComplexMatrix): RealMatrix {
  return Array.from({ length: a.n }, (_, i) =>
    Array.from({ length: a.n }, (_, j) => Math.hypot(a.data[2 * (i * a.n + j)], a.data[2 * (i * a.n + j) + 1])),
  );
}

/** Kronecker product (A ⊗ B)_{(i₁,i₂),(j₁,j₂)} = A_{i₁j₁} B_{i₂j₂}, index (i₁, i₂) ↦ i₁·n_B + i₂. */
export function complexKron(a: ComplexMatrix, b: ComplexMatrix): ComplexMatrix {
  const na = a.n;
  const nb = b.n;
  const n = na * nb;
  const out = complexZeros(n);
  for (let i1 = 0; i1 < na; i1++)
    for (let j1 = 0; j1 < na; j1++) {
      const xr = a.data[2 * (i1 * na + j1)];
      const xi = a.data[2 * (i1 * na + j1) + 1];
      for (let i2 = 0; i2 < nb; i2++)
        for (let j2 = 0; j2 < nb; j2++) {
          const yr = b.data[2 * (i2 * nb + j2)];
          const yi = b.data[2 * (i2 * nb + j2) + 1];
          const t = 2 * ((i1 * nb + i2) * n + j1 * nb + j2);
          out.data[t] = xr * yr - xi * yi;
          out.data[t + 1] = xr * yi + xi * yr;
        }
    }
  return out;
}

/** Block-diagonal direct sum diag(A, B, …). */
export function complexDirectSum(blocks: readonly ComplexMatrix[]): ComplexMatrix {
  const n = blocks.reduce((s, b) => s + b.n, 0);
  const out = complexZeros(n);
  let o = 0;
  for (const b of blocks) {
    for (let i = 0; i < b.n; i++)
      for (let j = 0; j < b.n; j++) {
        out.data[2 * ((o + i) * n + o + j)] = b.data[2 * (i * b.n + j)];
        out.data[2 * ((o + i) * n + o + j) + 1] = b.data[2 * (i * b.n + j) + 1];
      }
    o += b.n;
  }
  return out;
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
