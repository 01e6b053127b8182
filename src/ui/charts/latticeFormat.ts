/** Number and matrix formatting for lattice readouts (the lattice view, the Wilson-loop chart and the loops lab). */
import type { ComplexMatrix } from '../../core/lattice';

/** A compact number: fixed for ordinary magnitudes, exponent for tiny or huge ones. */
export function fmt(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a < 1e-3 || a >= 1e5) return x.toExponential(Math.max(1, digits - 2));
  return x.toFixed(digits);
}

/** a + bi with both parts to `digits` places; a tiny part (< 5e-13) is shown as 0 so rounding noise does not flicker. */
export function fmtComplex(re: number, im: number, digits = 3): string {
  const clean = (v: number) => (Math.abs(v) < 5e-13 ? 0 : v);
  const r = clean(re);
  const i = clean(im);
  const sign = i < 0 || Object.is(i, -0) ? '−' : '+';
  return `${r.toFixed(digits)} ${sign} ${Math.abs(i).toFixed(digits)}i`;
}

/** Rows of formatted entries of a complex matrix. */
export function matrixRows(m: ComplexMatrix, digits = 3): string[][] {
  const rows: string[][] = [];
  for (let i = 0; i < m.n; i++) {
    const row: string[] = [];
    for (let j = 0; j < m.n; j++) row.push(fmtComplex(m.data[2 * (i * m.n + j)], m.data[2 * (i * m.n + j) + 1], digits));
    rows.push(row);
  }
  return rows;
}

/** One-line matrix: [[a, b], [c, d]] or the single entry for U(1). */
export function matrixInline(m: ComplexMatrix, digits = 3): string {
  const rows = matrixRows(m, digits);
  if (m.n === 1) return rows[0][0];
  return `[${rows.map((r) => `[${r.join(', ')}]`).join(', ')}]`;
}
