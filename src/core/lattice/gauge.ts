/**
 * Gauge transformations: one group element Ω(x) per site, acting on links as
 *   U_μ(x) → Ω(x) U_μ(x) Ω(x + μ̂)†.
 * Closed loops based at x then transform by conjugation, W → Ω(x) W Ω(x)†, and open paths from x to y as
 * P → Ω(x) P Ω(y)†.
 */
import type { Rng } from '../rng';
import type { GaugeGroup } from './gaugeGroup';
import type { GaugeField, LatticeGeometry } from './lattice';

/** A gauge transformation: Ω(x) stored at offset x·stride of `omega`. */
export interface GaugeTransform {
  readonly group: GaugeGroup;
  readonly volume: number;
  readonly omega: Float64Array;
}

/** The identity transformation, Ω(x) = 1 everywhere. */
export function identityGaugeTransform(group: GaugeGroup, volume: number): GaugeTransform {
  const omega = new Float64Array(volume * group.stride);
  for (let x = 0; x < volume; x++) group.identity(omega, x * group.stride);
  return { group, volume, omega };
}

/** A random gauge transformation: Ω(x) independent and Haar-distributed at every site. */
export function randomGaugeTransform(group: GaugeGroup, geom: LatticeGeometry, rng: Rng): GaugeTransform {
  const omega = new Float64Array(geom.volume * group.stride);
  for (let x = 0; x < geom.volume; x++) group.haar(rng, omega, x * group.stride);
  return { group, volume: geom.volume, omega };
}

/** A single-site transformation: Ω(site) = g, Ω(y) = 1 elsewhere. Only the 2d links touching `site` change. */
export function singleSiteGaugeTransform(
  group: GaugeGroup,
  geom: LatticeGeometry,
  site: number,
  g: Float64Array,
): GaugeTransform {
  const t = identityGaugeTransform(group, geom.volume);
  for (let k = 0; k < group.stride; k++) t.omega[site * group.stride + k] = g[k];
  return t;
}

/** Apply Ω to a field, returning a new field: U′_μ(x) = Ω(x) U_μ(x) Ω(x + μ̂)†. */
export function applyGaugeTransform(field: GaugeField, t: GaugeTransform): GaugeField {
  const { group, geom } = field;
  if (t.group !== group || t.volume !== geom.volume) throw new Error('gauge transformation does not match the field');
  const s = group.stride;
  const links = new Float64Array(field.links.length);
  for (let x = 0; x < geom.volume; x++) {
    for (let mu = 0; mu < geom.d; mu++) {
      const o = (x * geom.d + mu) * s;
      const y = geom.up[mu * geom.volume + x];
      group.mul(t.omega, x * s, field.links, o, links, o);
      group.mulAdj(links, o, t.omega, y * s, links, o);
    }
  }
  return { group, geom, links };
}

/** Compose transformations: (Ω₂ ∘ Ω₁)(x) = Ω₂(x) Ω₁(x), i.e. apply Ω₁ first. */
export function composeGaugeTransforms(second: GaugeTransform, first: GaugeTransform): GaugeTransform {
  const { group } = first;
  const omega = new Float64Array(first.omega.length);
  for (let x = 0; x < first.volume; x++) group.mul(second.omega, x * group.stride, first.omega, x * group.stride, omega, x * group.stride);
  return { group, volume: first.volume, omega };
}
