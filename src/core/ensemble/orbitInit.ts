import { rotationMatrix2d } from '../groups/rotation2d';
import type { MlpArchitecture, MlpParams } from './architecture';
import { initMemberParams } from './init';

/**
 * How the members' initial parameters are drawn.
 * - `independent`: i.i.d. members, the paper's ensemble (member k from the stream (seed, k)).
 * - `antithetic`: members 2i and 2i+1 share their draws and 2i+1 negates its output layer (mean 0 at step 0).
 * - `orbit`: orbit-closed members: for every base draw θ_j, all of g·θ_j for g ∈ C_n (see `orbitMemberParams`).
 */
export type MemberInit = 'independent' | 'antithetic' | 'orbit';

export const MEMBER_INITS: readonly MemberInit[] = ['independent', 'antithetic', 'orbit'];

/** What the user reads for each choice. */
export const MEMBER_INIT_LABELS: Record<MemberInit, string> = {
  independent: 'independent',
  antithetic: 'antithetic pairs',
  orbit: 'orbit-closed (exact)',
};

/** Parse a URL value ("independent", "antithetic", "orbit"); null when it is not one of ours. */
export function parseMemberInit(s: string): MemberInit | null {
  const v = s.trim().toLowerCase();
  return (MEMBER_INITS as readonly string[]).includes(v) ? (v as MemberInit) : null;
}

/**
 * The group action on one member's parameters, θ ↦ g·θ, for g = R(α) ∈ C_n acting on inputs by ρ(g) = R(α) and on
 * outputs by π(g) (`outputAngle` = the angle π turns ℝ² by, e.g. kα for ψ_k; 0 for a scalar or trivial output):
 *   W⁰ ← ρ(g) W⁰ (inputs are row vectors, h = x W⁰, so x W⁰_new = (ρ(g)ᵀx)ᵀ W⁰ = (ρ(g)⁻¹x)ᵀ W⁰),
 *   W^L ← W^L π(g)ᵀ,  b^L ← π(g) b^L,
 * hence f_{g·θ}(x) = π(g) f_θ(ρ(g)⁻¹ x). Hidden layers are untouched. The action is linear and orthogonal on θ, and
 * the loss on a C_n-augmented set {(ρ(h)x_i, π(h)y_i)} is invariant under it, so gradient descent commutes with it:
 * (g·θ)_t = g·(θ_t) at every step.
 */
export function actOnParams(params: MlpParams, inputAngle: number, outputAngle: number): MlpParams {
  const layers = params.layers.map((l) => ({ nIn: l.nIn, nOut: l.nOut, W: Float32Array.from(l.W), b: Float32Array.from(l.b) }));
  const first = layers[0];
  if (first.nIn !== 2) throw new Error(`the rotation acts on 2-dimensional inputs; this network has ${first.nIn}`);
  const [[r00, r01], [r10, r11]] = rotationMatrix2d(inputAngle);
  const src = params.layers[0].W;
  for (let j = 0; j < first.nOut; j++) {
    const w0 = src[j];
    const w1 = src[first.nOut + j];
    first.W[j] = r00 * w0 + r01 * w1;
    first.W[first.nOut + j] = r10 * w0 + r11 * w1;
  }
  const last = layers[layers.length - 1];
  if (outputAngle !== 0) {
    if (last.nOut !== 2) throw new Error(`an output rotation acts on 2-dimensional outputs; this network has ${last.nOut}`);
    const [[p00, p01], [p10, p11]] = rotationMatrix2d(outputAngle);
    const srcL = params.layers[params.layers.length - 1];
    // Row j of W^L is the output vector contributed by hidden unit j: rotate it by π(g), as the bias.
    for (let j = 0; j <= last.nIn; j++) {
      const from = j < last.nIn ? srcL.W : srcL.b;
      const to = j < last.nIn ? last.W : last.b;
      const o = j < last.nIn ? 2 * j : 0;
      const y0 = from[o];
      const y1 = from[o + 1];
      to[o] = p00 * y0 + p01 * y1;
      to[o + 1] = p10 * y0 + p11 * y1;
    }
  }
  return { layers };
}

/**
 * Initial parameters of member k of an orbit-closed ensemble over C_n: member k = g_m · θ_j with j = ⌊k/n⌋,
 * m = k mod n, g_m = R(2πm/n), and θ_j the independent draw of member j (`initMemberParams(arch, seed, j)`), so
 * member 0 is the same network as in an independent ensemble. `outputFrequency` is how π turns outputs: 0 for
 * scalars or trivial outputs, 1 for the defining representation, k for ψ_k.
 *
 * For E a multiple of n, the ensemble mean f̄ = (1/E) Σ_j Σ_m f_{g_m θ_j} is exactly C_n-equivariant at
 * initialisation and, because training commutes with the action, at every step:
 *   f̄(ρ(g)x) = π(g) f̄(x)   for all g ∈ C_n, any width, any E ∈ nℕ.
 */
export function orbitMemberParams(arch: MlpArchitecture, seed: number, k: number, n: number, outputFrequency = 0): MlpParams {
  if (!Number.isInteger(n) || n < 1) throw new Error(`orbit-closed members need a group order n ≥ 1, got ${n}`);
  const base = initMemberParams(arch, seed, Math.floor(k / n));
  const m = k % n;
  if (m === 0) return base;
  const alpha = (2 * Math.PI * m) / n;
  return actOnParams(base, alpha, outputFrequency * alpha);
}

/**
 * How the members are drawn: the scheme, and for orbit-closed members the group order n (default 1) and the
 * frequency with which π turns outputs (default 0, see `orbitMemberParams`).
 */
export interface MemberDraw {
  readonly init: MemberInit;
  readonly n?: number;
  readonly outputFrequency?: number;
}

/** Initial parameters of all E members for the chosen draw: members 0 … E − 1 of `initMemberRange`. */
export function initEnsembleMembers(arch: MlpArchitecture, seed: number, E: number, draw: MemberDraw): MlpParams[] {
  return initMemberRange(arch, seed, 0, E, draw);
}

/**
 * Members first … first + count − 1 of the ensemble's draw: member k is a function of (seed, k) only, so a worker
 * training a slice of the members draws exactly what the whole ensemble would (memberSlice.ts).
 */
export function initMemberRange(arch: MlpArchitecture, seed: number, first: number, count: number, draw: MemberDraw): MlpParams[] {
  const { init, n = 1, outputFrequency = 0 } = draw;
  return Array.from({ length: count }, (_, i) => {
    const k = first + i;
    return init === 'orbit' ? orbitMemberParams(arch, seed, k, n, outputFrequency) : initMemberParams(arch, seed, k, init === 'antithetic');
  });
}
