/**
 * Characters χ_ρ(g) = tr ρ(g), conjugacy classes, character tables, and the decomposition of a representation
 * into irreps by character inner products.
 */
import type { FiniteGroup } from './group';
import type { PlanarElement, PlanarGroup } from './dihedral';
import { endomorphismDimension, planarIrreps, so2Irrep, type Irrep } from './irreps';
import type { Representation } from './representations';
import { trace } from './matrix';

/** The character χ_ρ(g) = tr ρ(g). */
export function character<E>(rep: Representation<E>, g: E): number {
  return trace(rep.matrix(g));
}

/** χ_ρ evaluated on every element of a finite group, in the order of `group.elements`. */
export function characterVector<E>(group: FiniteGroup<E>, rep: Representation<E>): number[] {
  return group.elements.map((g) => character(rep, g));
}

/**
 * ⟨χ_a, χ_b⟩ = (1/|G|) Σ_g χ_a(g) χ_b(g). For real representations χ(g⁻¹) = χ(g), so no conjugate is needed.
 * For real irreps, ⟨χ_λ, χ_μ⟩ = δ_λμ · dim End_G(λ): 1 for real type, 2 for complex type.
 */
export function characterInnerProduct(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError('characterInnerProduct: lengths differ');
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s / a.length;
}

/** The conjugacy classes {x g x⁻¹ : x ∈ G}, as lists of element indices, ordered by their first element. */
export function conjugacyClasses<E>(group: FiniteGroup<E>): number[][] {
  const seen = new Array<boolean>(group.order).fill(false);
  const classes: number[][] = [];
  group.elements.forEach((g, i) => {
    if (seen[i]) return;
    const members = new Set<number>();
    for (const x of group.elements) members.add(group.indexOf(group.multiply(group.multiply(x, g), group.inverse(x))));
    const cls = [...members].sort((p, q) => p - q);
    for (const j of cls) seen[j] = true;
    classes.push(cls);
  });
  return classes;
}

/** The complex character χ_k(r^m) = e^{2πikm/n} of C_n, as [Re, Im]. These n characters are the complex irreps. */
export function cyclicComplexCharacter(n: number, k: number, m: number): [number, number] {
  const phase = (2 * Math.PI * k * m) / n;
  return [Math.cos(phase), Math.sin(phase)];
}

/** A row of a character table: one irrep's character on one representative per conjugacy class. */
export interface CharacterTable<E> {
  classes: { representative: E; size: number; label: string }[];
  rows: { irrep: Irrep<E>; values: number[] }[];
}

/** The real character table of C_n or D_n: rows are real irreps, columns conjugacy classes. */
export function characterTable(group: PlanarGroup): CharacterTable<PlanarElement> {
  const classes = conjugacyClasses(group).map((cls) => {
    const representative = group.elements[cls[0]];
    return {
      representative,
      size: cls.length,
      label: cls.map((i) => group.label(group.elements[i])).join(', '),
    };
  });
  const rows = planarIrreps(group).map((irrep) => ({
    irrep,
    values: classes.map((c) => character(irrep.rep, c.representative)),
  }));
  return { classes, rows };
}

/** One irrep and how often it occurs. */
export interface IrrepMultiplicity<E> {
  irrep: Irrep<E>;
  multiplicity: number;
}

/** Round a computed multiplicity, and fail loudly if it is not close to an integer (a wrong irrep list). */
function roundMultiplicity(x: number, name: string): number {
  const m = Math.round(x);
  if (Math.abs(x - m) > 1e-6) throw new Error(`multiplicity of ${name} came out non-integer (${x})`);
  // Math.round(−1e-17) is −0; report a plain 0.
  return m === 0 ? 0 : m;
}

/**
 * Decompose a representation of a finite group into the given real irreps by characters:
 * m_λ = ⟨χ_ρ, χ_λ⟩ / ⟨χ_λ, χ_λ⟩, where ⟨χ_λ, χ_λ⟩ = dim End_G(λ). Checks Σ m_λ dim λ = dim ρ.
 */
export function decomposeByCharacters<E>(
  group: FiniteGroup<E>,
  rep: Representation<E>,
  irreps: readonly Irrep<E>[],
): IrrepMultiplicity<E>[] {
  const chi = characterVector(group, rep);
  const out = irreps.map((irrep) => ({
    irrep,
    multiplicity: roundMultiplicity(
      characterInnerProduct(chi, characterVector(group, irrep.rep)) / endomorphismDimension(irrep.type),
      irrep.rep.name,
    ),
  }));
  assertDimensionsAddUp(out, rep);
  return out;
}

function assertDimensionsAddUp<E>(parts: readonly IrrepMultiplicity<E>[], rep: Representation<E>): void {
  const total = parts.reduce((s, p) => s + p.multiplicity * p.irrep.rep.dim, 0);
  if (total !== rep.dim) {
    throw new Error(`decomposition of ${rep.name} accounts for ${total} of ${rep.dim} dimensions`);
  }
}

/** The default highest SO(2) frequency that `decomposeSo2` resolves. */
export const SO2_MAX_FREQUENCY = 31;

/**
 * Decompose a representation of SO(2) into the irreps ψ_k (k = 0, …, maxFrequency) by characters, with the
 * Haar integral replaced by an N-point rule, N = 2(maxFrequency + 1), θ_j = 2πj/N:
 * m₀ = (1/N) Σ_j χ(θ_j), m_k = (1/N) Σ_j χ(θ_j) cos(kθ_j) for k ≥ 1 (that is ⟨χ, 2cos kθ⟩/2).
 * The rule is exact for every trigonometric polynomial of degree < N, so the result is exact as long as the
 * representation's frequencies are ≤ maxFrequency. Only irreps that occur are returned.
 */
export function decomposeSo2(rep: Representation<number>, maxFrequency = SO2_MAX_FREQUENCY): IrrepMultiplicity<number>[] {
  const samples = 2 * (maxFrequency + 1);
  const thetas = Array.from({ length: samples }, (_, j) => (2 * Math.PI * j) / samples);
  const chi = thetas.map((t) => character(rep, t));
  const out: IrrepMultiplicity<number>[] = [];
  for (let k = 0; k <= maxFrequency; k++) {
    let s = 0;
    for (let j = 0; j < samples; j++) s += chi[j] * Math.cos(k * thetas[j]);
    const m = roundMultiplicity(s / samples, `ψ${k}`);
    if (m !== 0) out.push({ irrep: so2Irrep(k), multiplicity: m });
  }
  assertDimensionsAddUp(out, rep);
  return out;
}

/** Decompose a representation of C_n, D_n or SO(2) into real irreps (see `decomposeByCharacters`, `decomposeSo2`). */
export function decomposeIntoIrreps(rep: Representation<PlanarElement> | Representation<number>): IrrepMultiplicity<unknown>[] {
  const group = rep.group;
  if (group.kind === 'continuous') return decomposeSo2(rep as Representation<number>) as IrrepMultiplicity<unknown>[];
  const planar = group as unknown as PlanarGroup;
  return decomposeByCharacters(planar, rep as Representation<PlanarElement>, planarIrreps(planar)) as IrrepMultiplicity<unknown>[];
}
