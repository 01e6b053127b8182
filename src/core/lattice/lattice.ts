/**
 * Periodic hypercubic lattices and the link fields on them.
 *
 * Sites x have coordinates (x₀, …, x_{d−1}) with x_μ ∈ {0, …, L_μ − 1}, index x = Σ_μ x_μ · Π_{ν<μ} L_ν.
 * The link U_μ(x) joins x to x + μ̂ (periodic) and is stored at offset ((x·d) + μ)·stride of `links`.
 */
import type { Rng } from '../rng';
import type { GaugeGroup } from './gaugeGroup';

export interface LatticeGeometry {
  readonly dims: readonly number[];
  /** Number of directions d. */
  readonly d: number;
  /** Number of sites V = Π_μ L_μ. */
  readonly volume: number;
  /** up[μ·V + x] = index of x + μ̂. */
  readonly up: Int32Array;
  /** down[μ·V + x] = index of x − μ̂. */
  readonly down: Int32Array;
}

/** Build the geometry (neighbour tables) of a periodic lattice with extents `dims` (each ≥ 1). */
export function createGeometry(dims: readonly number[]): LatticeGeometry {
  const d = dims.length;
  if (d < 1) throw new Error('a lattice needs at least one direction');
  for (const L of dims) {
    if (!Number.isInteger(L) || L < 1) throw new Error(`lattice extent must be a positive integer, got ${L}`);
  }
  const volume = dims.reduce((p, L) => p * L, 1);
  const up = new Int32Array(d * volume);
  const down = new Int32Array(d * volume);
  const coords = new Array<number>(d).fill(0);
  for (let x = 0; x < volume; x++) {
    siteCoordsInto(dims, x, coords);
    for (let mu = 0; mu < d; mu++) {
      const c = coords[mu];
      coords[mu] = (c + 1) % dims[mu];
      up[mu * volume + x] = siteIndex(dims, coords);
      coords[mu] = (c - 1 + dims[mu]) % dims[mu];
      down[mu * volume + x] = siteIndex(dims, coords);
      coords[mu] = c;
    }
  }
  return { dims: [...dims], d, volume, up, down };
}

/** x = Σ_μ (x_μ mod L_μ) · Π_{ν<μ} L_ν; coordinates are wrapped periodically. */
export function siteIndex(dims: readonly number[], coords: readonly number[]): number {
  let x = 0;
  let stride = 1;
  for (let mu = 0; mu < dims.length; mu++) {
    const L = dims[mu];
    x += (((coords[mu] % L) + L) % L) * stride;
    stride *= L;
  }
  return x;
}

/** The coordinates of site x. */
export function siteCoords(dims: readonly number[], x: number): number[] {
  const out = new Array<number>(dims.length).fill(0);
  siteCoordsInto(dims, x, out);
  return out;
}

/** Site x written as its coordinates, "(x₀, x₁, …)": how the lab names sites in words. */
export function siteLabel(dims: readonly number[], x: number): string {
  return `(${siteCoords(dims, x).join(', ')})`;
}

function siteCoordsInto(dims: readonly number[], x: number, out: number[]): void {
  let r = x;
  for (let mu = 0; mu < dims.length; mu++) {
    out[mu] = r % dims[mu];
    r = Math.floor(r / dims[mu]);
  }
}

/** The site x + k·μ̂ (k may be negative), by walking the neighbour tables. */
export function shiftSite(geom: LatticeGeometry, x: number, mu: number, k: number): number {
  const table = k >= 0 ? geom.up : geom.down;
  let y = x;
  for (let s = 0; s < Math.abs(k); s++) y = table[mu * geom.volume + y];
  return y;
}

/** A gauge field: one group element per link. */
export interface GaugeField {
  readonly group: GaugeGroup;
  readonly geom: LatticeGeometry;
  /** Length V·d·stride; U_μ(x) at linkOffset(field, x, μ). */
  readonly links: Float64Array;
}

/** Offset of U_μ(x) in `field.links`. */
export function linkOffset(field: GaugeField, x: number, mu: number): number {
  return (x * field.geom.d + mu) * field.group.stride;
}

/** The cold (ordered) start: every link is the identity, U_μ(x) = 1. */
export function coldField(group: GaugeGroup, geom: LatticeGeometry): GaugeField {
  const links = new Float64Array(geom.volume * geom.d * group.stride);
  for (let l = 0; l < geom.volume * geom.d; l++) group.identity(links, l * group.stride);
  return { group, geom, links };
}

/** The hot start: every link Haar-random; this is an exact sample of the β = 0 ensemble. */
export function hotField(group: GaugeGroup, geom: LatticeGeometry, rng: Rng): GaugeField {
  const links = new Float64Array(geom.volume * geom.d * group.stride);
  for (let l = 0; l < geom.volume * geom.d; l++) group.haar(rng, links, l * group.stride);
  return { group, geom, links };
}

/** A deep copy of a field (same group and geometry, new link storage). */
export function cloneField(field: GaugeField): GaugeField {
  return { group: field.group, geom: field.geom, links: field.links.slice() };
}

/** Re-project every link onto the group, removing rounding drift accumulated by long Monte Carlo runs. */
export function reunitarize(field: GaugeField): void {
  const n = field.geom.volume * field.geom.d;
  for (let l = 0; l < n; l++) field.group.normalize(field.links, l * field.group.stride);
}
