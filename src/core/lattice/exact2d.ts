/**
 * Exact results for 2D pure gauge theory with the Wilson action, in infinite volume. In 2D with open boundaries,
 * an axial gauge makes every plaquette an independent variable with weight e^{(β/N) Re tr U_p}, so loop expectations
 * factorise over the plaquettes they enclose:
 *   U(1):  ⟨cos θ_p⟩ = I₁(β)/I₀(β),    ⟨W(A)⟩ = (I₁(β)/I₀(β))^A;
 *   SU(2): ⟨½ tr U_p⟩ = I₂(β)/I₁(β),   ⟨W(A)⟩ = (I₂(β)/I₁(β))^A,
 * with A the number of plaquettes enclosed. On an L×L torus the corrections are O((ratio)^{L²−A}), negligible for L ≳ 8.
 */
import type { GaugeGroupName } from './gaugeGroup';
import { besselI, besselIRatio } from './bessel';

/** Exact 2D plaquette ⟨(1/N) Re tr U_p⟩: I₁/I₀ for U(1), I₂/I₁ for SU(2). */
export function exactPlaquette2D(group: GaugeGroupName, beta: number): number {
  return group === 'U1' ? besselIRatio(0, beta) : besselIRatio(1, beta);
}

/** Exact 2D Wilson loop ⟨W(A)⟩ = (plaquette)^A for a loop enclosing A plaquettes (area law, string tension −ln plaquette). */
export function exactWilsonLoop2D(group: GaugeGroupName, beta: number, area: number): number {
  return Math.pow(exactPlaquette2D(group, beta), area);
}

/**
 * Exact 2D density of the plaquette eigenphase θ at coupling β.
 * - SU(2), θ ∈ [0, π] with ½ tr U_p = cos θ: p(θ) = β sin²θ e^{β cos θ} / (π I₁(β)); at β = 0 this is the Haar
 *   density (2/π) sin²θ.
 * - U(1), θ ∈ (−π, π]: p(θ) = e^{β cos θ} / (2π I₀(β)).
 */
export function plaquetteEigenphaseDensity(group: GaugeGroupName, beta: number, theta: number): number {
  if (group === 'U1') {
    // Divide the exponent by e^β first so the ratio stays finite for large β.
    return Math.exp(beta * (Math.cos(theta) - 1)) / (2 * Math.PI * besselI(0, beta) * Math.exp(-beta));
  }
  if (beta === 0) return haarEigenphaseDensitySU2(theta);
  const s = Math.sin(theta);
  return (beta * s * s * Math.exp(beta * (Math.cos(theta) - 1))) / (Math.PI * besselI(1, beta) * Math.exp(-beta));
}

/** The Haar density of the SU(2) eigenphase θ ∈ [0, π]: (2/π) sin²θ. */
export function haarEigenphaseDensitySU2(theta: number): number {
  const s = Math.sin(theta);
  return (2 / Math.PI) * s * s;
}

/** Its CDF: F(θ) = (θ − sin θ cos θ)/π, used for exact bin probabilities in the χ² test and the histogram overlay. */
export function haarEigenphaseCdfSU2(theta: number): number {
  return (theta - Math.sin(theta) * Math.cos(theta)) / Math.PI;
}
