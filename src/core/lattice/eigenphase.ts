/**
 * Eigenphases of loops, and the "manipulating invariants" idea of Boyda et al.: a map acting on the eigenphases of an
 * untraced loop W = P diag(e^{iθ}, e^{−iθ}) P†, leaving P alone, is equivariant under conjugation W → ΩWΩ†.
 *
 * For SU(2), W = cos θ·1 + i sin θ n̂·σ⃗ with θ = arccos(½ tr W) ∈ [0, π] and n̂ = a⃗/|a⃗|; the eigenvectors are those of
 * n̂·σ⃗, which conjugation only rotates. A spectral map θ → f(θ) therefore gives W′ = cos f(θ) + i sin f(θ) n̂·σ⃗, and
 * f commutes with conjugation. For U(1), W = e^{iθ} and W′ = e^{i f(θ)}.
 */
import type { GaugeField } from './lattice';
import type { GaugeGroup } from './gaugeGroup';

/** Counts of values in equal bins over [lo, hi). */
export interface Histogram {
  lo: number;
  hi: number;
  counts: number[];
  total: number;
}

/** The eigenphase range of a group: [0, π] for SU(2), (−π, π] for U(1). */
export function eigenphaseRange(group: GaugeGroup): [number, number] {
  return group.name === 'SU2' ? [0, Math.PI] : [-Math.PI, Math.PI];
}

/** Histogram of the eigenphases of a list of stored elements (stride-packed). */
export function eigenphaseHistogram(group: GaugeGroup, elements: Float64Array, nBins: number): Histogram {
  const [lo, hi] = eigenphaseRange(group);
  const counts = new Array<number>(nBins).fill(0);
  const n = elements.length / group.stride;
  for (let i = 0; i < n; i++) {
    const th = group.eigenphase(elements, i * group.stride);
    const b = Math.min(nBins - 1, Math.max(0, Math.floor(((th - lo) / (hi - lo)) * nBins)));
    counts[b]++;
  }
  return { lo, hi, counts, total: n };
}

/** Histogram of the eigenphases of every plaquette U_{μν}(x), μ < ν, of a configuration. */
export function plaquetteEigenphaseHistogram(field: GaugeField, nBins: number): Histogram {
  const { group, geom } = field;
  const s = group.stride;
  const d = geom.d;
  const V = geom.volume;
  const planes = (d * (d - 1)) / 2;
  const all = new Float64Array(V * planes * s);
  let p = 0;
  for (let mu = 0; mu < d; mu++) {
    for (let nu = mu + 1; nu < d; nu++) {
      for (let x = 0; x < V; x++, p++) {
        const o = p * s;
        group.mul(field.links, (x * d + mu) * s, field.links, (geom.up[mu * V + x] * d + nu) * s, all, o);
        group.mulAdj(all, o, field.links, (geom.up[nu * V + x] * d + mu) * s, all, o);
        group.mulAdj(all, o, field.links, (x * d + nu) * s, all, o);
      }
    }
  }
  return eigenphaseHistogram(group, all, nBins);
}

/**
 * A smooth, monotone spectral map of [0, π] onto itself that fixes 0, π/2 and π:
 *   f_ε(θ) = θ − (ε/2) sin 2θ,   |ε| < 1 (f′ = 1 − ε cos 2θ > 0).
 * ε > 0 pushes eigenphases towards π/2, ε < 0 towards 0 and π. It is the kind of invertible map a flow layer would learn.
 */
export function sineSpectralMap(epsilon: number): (theta: number) => number {
  const e = Math.max(-0.99, Math.min(0.99, epsilon));
  return (theta) => theta - (e / 2) * Math.sin(2 * theta);
}

/**
 * Apply a spectral map to a loop element, keeping its eigenvectors:
 * SU(2): (cos θ, sin θ n̂) → (cos f(θ), sin f(θ) n̂); U(1): e^{iθ} → e^{i f(θ)}.
 * When sin θ = 0 the element is ±1, its eigenvectors are undefined, and n̂ = (0, 0, 1) is used; f must then fix 0
 * and π, as `sineSpectralMap` does, for the map to stay continuous and equivariant there.
 */
export function applySpectralMap(group: GaugeGroup, w: Float64Array, wo: number, f: (theta: number) => number): Float64Array {
  if (group.name === 'U1') {
    const th = f(Math.atan2(w[wo + 1], w[wo]));
    return Float64Array.of(Math.cos(th), Math.sin(th));
  }
  const a1 = w[wo + 1], a2 = w[wo + 2], a3 = w[wo + 3];
  const r = Math.hypot(a1, a2, a3);
  const theta = Math.atan2(r, w[wo]);
  const t2 = f(theta);
  if (r < 1e-300) return Float64Array.of(Math.cos(t2), 0, 0, Math.sin(t2));
  const s = Math.sin(t2) / r;
  return Float64Array.of(Math.cos(t2), s * a1, s * a2, s * a3);
}
