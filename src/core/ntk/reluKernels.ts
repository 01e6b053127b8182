import { commonInputDim, type PointSet } from './points';

/** Hyperparameters of the infinite-width ReLU MLP, matching `MlpArchitecture` (NTK parameterisation). */
export interface ReluKernelOptions {
  /** Number of hidden layers L (`MlpArchitecture.depth`); 0 gives the linear model's kernel Σ¹. */
  depth: number;
  /** σ_w: weight scale (σ_w² = 2 is the ReLU default). */
  sigmaW: number;
  /** σ_b: bias scale. */
  sigmaB: number;
}

/** The two infinite-width kernels between two point sets, as float64 matrices [X1.length × X2.length]. */
export interface ReluKernels {
  /** K(x, x′) = Σ^{L+1}(x, x′): the NNGP kernel, the covariance of the output at initialisation. */
  nngp: number[][];
  /** Θ(x, x′) = Θ^{L+1}(x, x′): the neural tangent kernel. */
  ntk: number[][];
}

/**
 * 1 − J(θ)/π with J(θ) = sin θ + (π − θ) cos θ, the arc-cosine kernel's normalised angular factor.
 *
 * Why not the direct formula: near θ = 0 it is 1 − (1 − O(θ²)), so the direct form loses all digits below θ ≈ 1e-8.
 * Written as [π(1 − cos θ) − (sin θ − θ cos θ)]/π with 1 − cos θ = sin²θ/(1 + cos θ) and
 * sin θ − θ cos θ = Σ_{k≥1} (−1)^{k+1} 2k θ^{2k+1}/(2k+1)!, no term cancels.
 */
export function oneMinusArcCosFactor(theta: number): number {
  return oneMinusArcCosFactorGiven(theta, Math.sin(theta), Math.cos(theta));
}

/** {@link oneMinusArcCosFactor} with sin θ and cos θ already known (the kernel recursion has them without trig). */
function oneMinusArcCosFactorGiven(theta: number, sinTheta: number, cosTheta: number): number {
  if (theta >= 0.5) return 1 - (sinTheta + (Math.PI - theta) * cosTheta) / Math.PI;
  // 1 − cos θ = sin²θ/(1 + cos θ): no cancellation for θ < π/2.
  const oneMinusCos = (sinTheta * sinTheta) / (1 + cosTheta);
  // Series for sin θ − θ cos θ; term_k = (−1)^{k+1} 2k θ^{2k+1}/(2k+1)!, built from term_{k−1} by a ratio.
  const t2 = theta * theta;
  let power = (theta * t2) / 6; // θ^{2k+1}/(2k+1)! for k = 1
  let sum = 0;
  for (let k = 1; k <= 12; k++) {
    const term = (k % 2 === 1 ? 1 : -1) * 2 * k * power;
    sum += term;
    if (Math.abs(term) <= 1e-18 * Math.abs(sum)) break;
    power *= t2 / ((2 * k + 2) * (2 * k + 3));
  }
  return (Math.PI * oneMinusCos - sum) / Math.PI;
}

/**
 * Infinite-width NNGP and NTK of the ReLU MLP the engine trains (reference §3), in float64:
 *
 *     Σ¹(x,x′) = σ_w² x·x′/d + σ_b²,   Θ¹ = Σ¹
 *     for l = 1..L:  q = Σˡ(x,x), q′ = Σˡ(x′,x′), c = Σˡ(x,x′), θ = angle between the two (cos θ = c/√(qq′))
 *         Σ^{l+1}(x,x′) = σ_w² (√(qq′)/2π) (sin θ + (π − θ) cos θ) + σ_b²
 *         Σ̇^{l+1}(x,x′) = σ_w² (π − θ)/2π
 *         Θ^{l+1}       = Θˡ Σ̇^{l+1} + Σ^{l+1}
 *     K = Σ^{L+1},  Θ = Θ^{L+1},  with the diagonal shortcut Σ^{l+1}(x,x) = σ_w² q/2 + σ_b².
 *
 * Why not θ = arccos(c/√(qq′)): arccos has infinite slope at 1, so for nearby or equal points one rounding error in c
 * moves θ by ~1e-8 and makes the kernel visibly non-invariant. Instead the recursion carries the Gram determinant
 * D = qq′ − c² ≥ 0 through every layer in a cancellation-free form and takes θ = atan2(√D, c):
 *
 *     D¹ = (σ_w²/d)² Σ_{i<j} (x_i x′_j − x_j x′_i)² + (σ_w²/d) σ_b² |x − x′|²
 *     D^{l+1} = g² m(2 − m) + σ_b² ((√u − √u′)² + 2gm),   u = σ_w² q/2, u′ = σ_w² q′/2, g = √(uu′), m = 1 − J(θ)/π
 *
 * so θ is accurate to rounding in absolute terms. Every quantity depends on the points only through |x|, |x′|,
 * x·x′, |x − x′| and |x ∧ x′|, so the kernels are O(d)-invariant to float64 rounding, and equal points give θ = 0
 * exactly (the diagonal shortcut). Passing the same array as X1 and X2 computes one triangle and mirrors it, so the
 * result is exactly symmetric.
 */
export function reluKernels(X1: PointSet, X2: PointSet, options: ReluKernelOptions): ReluKernels {
  const { depth, sigmaW, sigmaB } = options;
  if (!Number.isInteger(depth) || depth < 0) throw new Error(`depth must be a non-negative integer, got ${depth}`);
  if (!Number.isFinite(sigmaW) || !Number.isFinite(sigmaB)) throw new Error('sigmaW and sigmaB must be finite');
  const d = commonInputDim(X1, X2);
  const n1 = X1.length;
  const n2 = X2.length;
  const nngp: number[][] = Array.from({ length: n1 }, () => new Array<number>(n2).fill(0));
  const ntk: number[][] = Array.from({ length: n1 }, () => new Array<number>(n2).fill(0));
  if (n1 === 0 || n2 === 0) return { nngp, ntk };

  const s = sigmaW * sigmaW;
  const b = sigmaB * sigmaB;
  const a = s / d;
  const norms1 = X1.map((x) => dot(x, x));
  const norms2 = X2 === X1 ? norms1 : X2.map((x) => dot(x, x));
  const symmetric = X1 === X2;

  for (let i = 0; i < n1; i++) {
    const x = X1[i];
    for (let j = symmetric ? i : 0; j < n2; j++) {
      const y = X2[j];
      let q = a * norms1[i] + b;
      let qq = a * norms2[j] + b;
      let c = a * dot(x, y) + b;
      let gap = Math.sqrt(a * (a * wedgeSquared(x, y) + b * distanceSquared(x, y))); // √D¹
      let theta = Math.atan2(gap, c);
      // sin θ = √D/√(qq′), cos θ = c/√(qq′), and qq′ = c² + D: the angle's sine and cosine need no trig.
      let radius = Math.sqrt(gap * gap + c * c);
      let tangent = c; // Θ¹ = Σ¹
      for (let l = 0; l < depth; l++) {
        const u = 0.5 * s * q;
        const uu = 0.5 * s * qq;
        const g = Math.sqrt(u * uu);
        const m = radius > 0 ? oneMinusArcCosFactorGiven(theta, gap / radius, c / radius) : 0;
        const rootU = Math.sqrt(u);
        const rootUU = Math.sqrt(uu);
        const rootSum = rootU + rootUU;
        // (√u − √u′) without cancellation: (u − u′)/(√u + √u′).
        const rootDiff = rootSum > 0 ? (u - uu) / rootSum : 0;
        const gapSquared = g * g * m * (2 - m) + b * (rootDiff * rootDiff + 2 * g * m);
        const cNext = g * (1 - m) + b;
        const derivative = (s * (Math.PI - theta)) / (2 * Math.PI); // Σ̇^{l+1}
        tangent = tangent * derivative + cNext;
        q = u + b;
        qq = uu + b;
        c = cNext;
        gap = Math.sqrt(Math.max(0, gapSquared));
        theta = Math.atan2(gap, c);
        radius = Math.sqrt(gap * gap + c * c);
      }
      nngp[i][j] = c;
      ntk[i][j] = tangent;
      if (symmetric) {
        nngp[j][i] = c;
        ntk[j][i] = tangent;
      }
    }
  }
  return { nngp, ntk };
}

function dot(x: readonly number[], y: readonly number[]): number {
  let acc = 0;
  for (let k = 0; k < x.length; k++) acc += x[k] * y[k];
  return acc;
}

function distanceSquared(x: readonly number[], y: readonly number[]): number {
  let acc = 0;
  for (let k = 0; k < x.length; k++) {
    const diff = x[k] - y[k];
    acc += diff * diff;
  }
  return acc;
}

/** |x ∧ y|² = |x|²|y|² − (x·y)² by Lagrange's identity, summed over 2×2 minors so nothing cancels globally. */
function wedgeSquared(x: readonly number[], y: readonly number[]): number {
  let acc = 0;
  for (let p = 0; p < x.length; p++) {
    for (let r = p + 1; r < x.length; r++) {
      const minor = x[p] * y[r] - x[r] * y[p];
      acc += minor * minor;
    }
  }
  return acc;
}
