/**
 * Symmetries in generative models: pushing an invariant distribution through an equivariant map gives an invariant
 * distribution. If z ~ p with p(ρ(g)z) = p(z) and T(ρ(g)z) = ρ(g)T(z), then x = T(z) satisfies p_x(ρ(g)x) = p_x(x).
 * A non-equivariant T breaks the symmetry. The test: the histogram of sample angles atan2(x₂, x₁) is uniform for an
 * SO(2)-invariant distribution, checked with Pearson's χ² test.
 */
import { Rng } from '../rng';
import { sumOf, sumSquaredDeviations } from '../metrics/sums';

/** n samples z ~ N(0, I₂), flattened [n × 2], from the stream keyed by (seed, 0x15a1). */
export function sampleIsotropicGaussian(n: number, seed: number): Float64Array {
  const rng = new Rng(seed, 0x15a1);
  const out = new Float64Array(2 * n);
  for (let i = 0; i < 2 * n; i++) out[i] = rng.normal();
  return out;
}

/**
 * An SO(2)-equivariant map by construction: a radial warp with a radius-dependent twist,
 *     T(z) = (1 + ½|z|) · R(τ|z|) z,
 * which commutes with every rotation because R(τ|z|) and R(θ) commute and |R(θ)z| = |z|.
 */
export function radialSwirlWarp(z: Float64Array, twist = 1.2): Float64Array {
  const out = new Float64Array(z.length);
  for (let i = 0; i < z.length; i += 2) {
    const r = Math.hypot(z[i], z[i + 1]);
    const s = 1 + 0.5 * r;
    const c = Math.cos(twist * r);
    const sn = Math.sin(twist * r);
    out[i] = s * (c * z[i] - sn * z[i + 1]);
    out[i + 1] = s * (sn * z[i] + c * z[i + 1]);
  }
  return out;
}

/**
 * A map that is not equivariant: an anisotropic stretch, a shear and a shift,
 *     T(z) = (1.6 z₁ + 0.5 z₂ + 0.4, 0.6 z₂).
 * It sends the isotropic Gaussian to a tilted, off-centre ellipse, whose angles are far from uniform.
 */
export function nonEquivariantMap(z: Float64Array): Float64Array {
  const out = new Float64Array(z.length);
  for (let i = 0; i < z.length; i += 2) {
    out[i] = 1.6 * z[i] + 0.5 * z[i + 1] + 0.4;
    out[i + 1] = 0.6 * z[i + 1];
  }
  return out;
}

/** Counts of the sample angles atan2(x₂, x₁) ∈ [−π, π) in `bins` equal bins. */
export function angleHistogram(points: Float64Array, bins: number): Uint32Array {
  const counts = new Uint32Array(bins);
  for (let i = 0; i < points.length; i += 2) {
    const t = Math.atan2(points[i + 1], points[i]);
    const b = Math.min(bins - 1, Math.max(0, Math.floor(((t + Math.PI) / (2 * Math.PI)) * bins)));
    counts[b]++;
  }
  return counts;
}

/** ln Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; relative error below 1e-13). */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const xx = x - 1;
  let a = c[0];
  const t = xx + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (xx + i);
  return 0.5 * Math.log(2 * Math.PI) + (xx + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * The regularised upper incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a): by its series for x < a + 1 and by a
 * continued fraction (modified Lentz) otherwise.
 */
export function regularizedGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lnPre = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.max(0, 1 - sum * Math.exp(lnPre));
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return Math.exp(lnPre) * h;
}

/** Result of Pearson's χ² test of uniformity. */
export interface ChiSquareResult {
  /** χ² = Σ_b (O_b − e)²/e with e = n/B. */
  chi2: number;
  /** Degrees of freedom B − 1. */
  dof: number;
  /** P(χ²_{B−1} ≥ χ²) = Q((B−1)/2, χ²/2). */
  pValue: number;
  /** pValue ≥ alpha. */
  uniform: boolean;
  alpha: number;
}

/** Pearson's χ² test that the counts are uniform over their bins, at level `alpha` (default 0.01). */
export function chiSquareUniformity(counts: ArrayLike<number>, alpha = 0.01): ChiSquareResult {
  const B = counts.length;
  const n = sumOf(counts);
  if (B < 2 || n === 0) throw new Error('the χ² test needs at least two bins and one sample');
  const e = n / B;
  const chi2 = sumSquaredDeviations(counts, e, e);
  const dof = B - 1;
  const pValue = regularizedGammaQ(dof / 2, chi2 / 2);
  return { chi2, dof, pValue, uniform: pValue >= alpha, alpha };
}

/** The three panels of the figure: latent, equivariant push-forward, non-equivariant push-forward. */
export interface InvariantSamplingDemo {
  latent: Float64Array;
  equivariant: Float64Array;
  nonEquivariant: Float64Array;
  histograms: { latent: Uint32Array; equivariant: Uint32Array; nonEquivariant: Uint32Array };
  tests: { latent: ChiSquareResult; equivariant: ChiSquareResult; nonEquivariant: ChiSquareResult };
}

/** Draw n latent samples with `seed`, push them through both maps, histogram the angles in `bins` bins and test. */
export function invariantSamplingDemo(n: number, seed: number, bins = 24, alpha = 0.01): InvariantSamplingDemo {
  const latent = sampleIsotropicGaussian(n, seed);
  const equivariant = radialSwirlWarp(latent);
  const nonEquivariant = nonEquivariantMap(latent);
  const histograms = {
    latent: angleHistogram(latent, bins),
    equivariant: angleHistogram(equivariant, bins),
    nonEquivariant: angleHistogram(nonEquivariant, bins),
  };
  return {
    latent,
    equivariant,
    nonEquivariant,
    histograms,
    tests: {
      latent: chiSquareUniformity(histograms.latent, alpha),
      equivariant: chiSquareUniformity(histograms.equivariant, alpha),
      nonEquivariant: chiSquareUniformity(histograms.nonEquivariant, alpha),
    },
  };
}
