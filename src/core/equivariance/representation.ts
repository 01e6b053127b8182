/**
 * Output representations π of the rotation group acting on the plane, for vector-valued networks: how a label (and
 * a prediction) must transform when the input is rotated, f(ρ(g)x) = π(g) f(x).
 *
 * With g = R(θ) ∈ SO(2) (or C_n ⊂ SO(2)) and R(φ) = [[cos φ, −sin φ], [sin φ, cos φ]]:
 * - trivial:  π(θ) = I_d on ℝ^d (invariance; for d = 2, labels that do not transform);
 * - defining: π(θ) = R(θ) on ℝ² (vectors, e.g. forces);
 * - ψ_k:      π(θ) = R(kθ) on ℝ², the frequency-k real irrep (k = 2: a headless "nematic" director; k = −1: rotates
 *             against the input; ψ_1 = defining, ψ_0 = trivial on ℝ²).
 */

/** How the output of the network transforms under a rotation of the input. */
export type OutputRepresentation = { kind: 'trivial' } | { kind: 'defining' } | { kind: 'psi'; k: number };

/** The largest |k| accepted for ψ_k. */
export const MAX_PSI_FREQUENCY = 8;

/** Raised when an output representation cannot act on the network's outputs (wrong dimension, bad frequency). */
export class OutputRepresentationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputRepresentationError';
  }
}

const SUBSCRIPT: Record<string, string> = { '-': '₋', '0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉' };

/** Human name: "trivial", "defining", "ψ₂", "ψ₋₁". */
export function outputRepresentationName(rep: OutputRepresentation): string {
  if (rep.kind === 'psi') return `ψ${String(rep.k).split('').map((c) => SUBSCRIPT[c] ?? c).join('')}`;
  return rep.kind;
}

/** URL / protocol id: "trivial", "defining", "psi2", "psi-1". */
export function outputRepresentationId(rep: OutputRepresentation): string {
  return rep.kind === 'psi' ? `psi${rep.k}` : rep.kind;
}

/** Parse an id made by `outputRepresentationId`; null when it is not one of ours. */
export function parseOutputRepresentation(id: string): OutputRepresentation | null {
  const s = id.trim().toLowerCase();
  if (s === 'trivial') return { kind: 'trivial' };
  if (s === 'defining' || s === 'vector') return { kind: 'defining' };
  const m = /^(?:psi|ψ)(-?\d+)$/.exec(s);
  if (m) {
    const k = Number(m[1]);
    return Number.isInteger(k) && Math.abs(k) <= MAX_PSI_FREQUENCY ? { kind: 'psi', k } : null;
  }
  return null;
}

/**
 * The dimension π acts on, or null for the trivial representation, which acts (as the identity) on ℝ^d for any d.
 * defining and ψ_k act on ℝ².
 */
export function representationDimension(rep: OutputRepresentation): number | null {
  return rep.kind === 'trivial' ? null : 2;
}

/** The natural output dimension for a target that transforms by π: 1 (a scalar) for trivial, 2 otherwise. */
export function naturalOutputDimension(rep: OutputRepresentation): number {
  return representationDimension(rep) ?? 1;
}

/**
 * Refuse a representation that cannot act on outputs of dimension `outputDim`, with a message that says why.
 * ψ_k must have an integer |k| ≤ MAX_PSI_FREQUENCY.
 */
export function assertRepresentationFits(rep: OutputRepresentation, outputDim: number): void {
  if (!Number.isInteger(outputDim) || outputDim < 1) {
    throw new OutputRepresentationError(`The output dimension must be a whole number ≥ 1, got ${outputDim}.`);
  }
  if (rep.kind === 'psi' && (!Number.isInteger(rep.k) || Math.abs(rep.k) > MAX_PSI_FREQUENCY)) {
    throw new OutputRepresentationError(
      `ψ_k needs a whole frequency k with |k| ≤ ${MAX_PSI_FREQUENCY}, got k = ${rep.k}.`,
    );
  }
  const d = representationDimension(rep);
  if (d !== null && d !== outputDim) {
    throw new OutputRepresentationError(
      `The output representation ${outputRepresentationName(rep)} acts on ${d}-dimensional outputs (2×2 rotation ` +
        `matrices), but the outputs have dimension ${outputDim}. Choose an output dimension of ${d}, or the trivial ` +
        `representation.`,
    );
  }
}

/** The rotation angle by which π(R(θ)) turns ℝ²: θ (defining), kθ (ψ_k), 0 (trivial). */
export function outputRotationAngle(rep: OutputRepresentation, theta: number): number {
  if (rep.kind === 'trivial') return 0;
  return rep.kind === 'defining' ? theta : rep.k * theta;
}

/** π(R(θ)) as a dim × dim row-major matrix (identity for trivial; R(θ) or R(kθ) otherwise). */
export function outputRepresentationMatrix(rep: OutputRepresentation, theta: number, dim: number): Float64Array {
  assertRepresentationFits(rep, dim);
  const out = new Float64Array(dim * dim);
  if (rep.kind === 'trivial') {
    for (let i = 0; i < dim; i++) out[i * dim + i] = 1;
    return out;
  }
  const phi = outputRotationAngle(rep, theta);
  const c = Math.cos(phi);
  const s = Math.sin(phi);
  out[0] = c;
  out[1] = -s;
  out[2] = s;
  out[3] = c;
  return out;
}

/**
 * Apply π(R(θ)) to y ∈ ℝ^dim: y ↦ R(φ)y with φ = `outputRotationAngle(rep, θ)`; the identity for trivial.
 * Writes into `out` (length dim) at `offset`. No dimension check (hot loop): call `assertRepresentationFits` first.
 */
export function applyOutputRepresentation(
  rep: OutputRepresentation,
  theta: number,
  y: ArrayLike<number>,
  out: { [i: number]: number },
  yOffset = 0,
  outOffset = 0,
  dim = 2,
): void {
  if (rep.kind === 'trivial') {
    for (let i = 0; i < dim; i++) out[outOffset + i] = y[yOffset + i];
    return;
  }
  const phi = outputRotationAngle(rep, theta);
  const c = Math.cos(phi);
  const s = Math.sin(phi);
  const y0 = y[yOffset];
  const y1 = y[yOffset + 1];
  out[outOffset] = c * y0 - s * y1;
  out[outOffset + 1] = s * y0 + c * y1;
}
