/**
 * Drawing and hit-testing for the lattice view, as plain functions of their inputs (no React): given the same field
 * and overlays they draw the same pixels.
 *
 * Geometry: an L×L periodic lattice in a square of side `size` CSS px with margin `margin`. Site (i, j) sits at
 * (margin + i·cell, size − margin − j·cell), so direction 1 points up. Plaquette (i, j) fills the cell above-right of
 * site (i, j). Links leaving the last row/column are drawn to the border, where their periodic image begins.
 */
import { interpolateRdBu, interpolateSinebow, interpolateViridis } from 'd3';
import type { GaugeField, PathStep } from '../../core/lattice';
import { plaquetteTraces, siteCoords } from '../../core/lattice';

export interface LatticeLayout {
  size: number;
  margin: number;
  cell: number;
  L: number;
}

export function latticeLayout(size: number, L: number): LatticeLayout {
  const margin = 14;
  return { size, margin, cell: (size - 2 * margin) / L, L };
}

export function sitePosition(layout: LatticeLayout, i: number, j: number): [number, number] {
  return [layout.margin + i * layout.cell, layout.size - layout.margin - j * layout.cell];
}

const COLOUR_BUCKETS = 64;

/**
 * Colour of a link by its (gauge-dependent) angle: U(1) by its phase arg U on a cyclic scale; SU(2) by its rotation
 * angle θ = arccos(½ tr U) ∈ [0, π]. Quantised into buckets so that thousands of links draw in a few batched paths.
 */
export function linkColourBucket(field: GaugeField, o: number): number {
  const g = field.group;
  const th = g.eigenphase(field.links, o);
  const t = g.name === 'U1' ? (th + Math.PI) / (2 * Math.PI) : th / Math.PI;
  return Math.min(COLOUR_BUCKETS - 1, Math.max(0, Math.floor(t * COLOUR_BUCKETS)));
}

export function bucketColour(groupName: 'U1' | 'SU2', b: number): string {
  const t = (b + 0.5) / COLOUR_BUCKETS;
  return groupName === 'U1' ? interpolateSinebow(t) : interpolateViridis(t);
}

/** The plaquette fill for Re tr U_p / N ∈ [−1, 1]: red (−1) … white (0) … blue (+1). */
export function plaquetteColour(v: number): string {
  return interpolateRdBu(0.5 + 0.5 * Math.max(-1, Math.min(1, v)));
}

export interface Overlays {
  /** Sites of the path being built. */
  path: readonly number[];
  /** A submitted loop: start site and steps. */
  loop: { start: number; steps: readonly PathStep[] } | null;
  cursor: number | null;
  /** A site carrying a single-site gauge transformation. */
  gaugeSite: number | null;
}

/** Draw the whole view into a context already scaled to CSS pixels. */
export function drawLattice(ctx: CanvasRenderingContext2D, field: GaugeField, layout: LatticeLayout, overlays: Overlays): void {
  const { size, cell, L } = layout;
  const d = field.geom.d;
  const s = field.group.stride;
  ctx.clearRect(0, 0, size, size);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, size, size);

  // Plaquettes: gauge invariant, so this layer never changes under a gauge transformation.
  const traces = plaquetteTraces(field, 0, 1);
  for (let j = 0; j < L; j++) {
    for (let i = 0; i < L; i++) {
      const [x, y] = sitePosition(layout, i, j);
      ctx.fillStyle = plaquetteColour(traces[i + L * j]);
      ctx.fillRect(x, y - cell, cell, cell);
    }
  }

  // Links, batched by colour bucket: one path per bucket.
  const buckets: number[][] = Array.from({ length: COLOUR_BUCKETS }, () => []);
  for (let x = 0; x < field.geom.volume; x++) {
    for (let mu = 0; mu < 2; mu++) buckets[linkColourBucket(field, (x * d + mu) * s)].push(x * 2 + mu);
  }
  const inset = Math.min(cell * 0.12, 3);
  ctx.lineWidth = Math.max(1.5, Math.min(cell * 0.22, 7));
  ctx.lineCap = 'butt';
  for (let b = 0; b < COLOUR_BUCKETS; b++) {
    if (buckets[b].length === 0) continue;
    ctx.strokeStyle = bucketColour(field.group.name, b);
    ctx.beginPath();
    for (const code of buckets[b]) {
      const x = code >> 1;
      const mu = code & 1;
      const i = x % L;
      const j = Math.floor(x / L);
      const [px, py] = sitePosition(layout, i, j);
      if (mu === 0) {
        ctx.moveTo(px + inset, py);
        ctx.lineTo(px + cell - inset, py);
      } else {
        ctx.moveTo(px, py - inset);
        ctx.lineTo(px, py - cell + inset);
      }
    }
    ctx.stroke();
  }

  if (cell >= 10) {
    ctx.fillStyle = '#222';
    for (let j = 0; j < L; j++) {
      for (let i = 0; i < L; i++) {
        const [px, py] = sitePosition(layout, i, j);
        ctx.fillRect(px - 1.5, py - 1.5, 3, 3);
      }
    }
  }

  const dims = field.geom.dims;
  // Submitted loop, then the path being built on top.
  if (overlays.loop) drawSteps(ctx, layout, dims, overlays.loop.start, overlays.loop.steps, '#111', Math.max(2, Math.min(cell * 0.12, 4)), [6, 3]);
  if (overlays.path.length > 0) {
    const c0 = siteCoords(dims, overlays.path[0]);
    let x = overlays.path[0];
    ctx.strokeStyle = '#000';
    ctx.lineWidth = Math.max(2, Math.min(cell * 0.14, 5));
    for (let k = 1; k < overlays.path.length; k++) {
      const a = siteCoords(dims, x);
      const b = siteCoords(dims, overlays.path[k]);
      let di = b[0] - a[0];
      let dj = b[1] - a[1];
      // Wrap steps across the periodic boundary: draw one cell outwards instead of across the lattice.
      if (di > 1) di = -1;
      if (di < -1) di = 1;
      if (dj > 1) dj = -1;
      if (dj < -1) dj = 1;
      const [px, py] = sitePosition(layout, a[0], a[1]);
      ctx.beginPath();
      ctx.moveTo(px, py);
      ctx.lineTo(px + di * cell, py - dj * cell);
      ctx.stroke();
      x = overlays.path[k];
    }
    const [sx, sy] = sitePosition(layout, c0[0], c0[1]);
    ring(ctx, sx, sy, Math.max(4, cell * 0.25), '#000');
  }
  if (overlays.gaugeSite !== null) {
    const c = siteCoords(dims, overlays.gaugeSite);
    const [px, py] = sitePosition(layout, c[0], c[1]);
    ring(ctx, px, py, Math.max(5, cell * 0.32), '#c2185b');
  }
  if (overlays.cursor !== null) {
    const c = siteCoords(dims, overlays.cursor);
    const [px, py] = sitePosition(layout, c[0], c[1]);
    ring(ctx, px, py, Math.max(6, cell * 0.4), '#ff9800', [3, 2]);
  }
}

function ring(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, colour: string, dash: number[] = []): void {
  ctx.save();
  ctx.setLineDash(dash);
  ctx.strokeStyle = colour;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.stroke();
  ctx.restore();
}

function drawSteps(
  ctx: CanvasRenderingContext2D,
  layout: LatticeLayout,
  dims: readonly number[],
  start: number,
  steps: readonly PathStep[],
  colour: string,
  width: number,
  dash: number[],
): void {
  const c = siteCoords(dims, start);
  ctx.save();
  ctx.setLineDash(dash);
  ctx.strokeStyle = colour;
  ctx.lineWidth = width;
  for (const st of steps) {
    const [px, py] = sitePosition(layout, c[0], c[1]);
    const sign = st.forward ? 1 : -1;
    const di = st.mu === 0 ? sign : 0;
    const dj = st.mu === 1 ? sign : 0;
    ctx.beginPath();
    ctx.moveTo(px, py);
    ctx.lineTo(px + di * layout.cell, py - dj * layout.cell);
    ctx.stroke();
    c[0] = (c[0] + di + dims[0]) % dims[0];
    c[1] = (c[1] + dj + dims[1]) % dims[1];
  }
  ctx.restore();
}

export type Hit =
  | { kind: 'site'; i: number; j: number }
  | { kind: 'link'; i: number; j: number; mu: number }
  | { kind: 'plaquette'; i: number; j: number };

/** What is under the point (px, py) in CSS px: a site (within ¼ cell), a link (within 0.15 cell), else a plaquette. */
export function hitTest(layout: LatticeLayout, px: number, py: number): Hit | null {
  const { margin, size, cell, L } = layout;
  const u = (px - margin) / cell;
  const v = (size - margin - py) / cell;
  if (u < -0.3 || v < -0.3 || u > L + 0.3 || v > L + 0.3) return null;
  const wrap = (k: number) => ((k % L) + L) % L;
  const ru = Math.round(u);
  const rv = Math.round(v);
  if (Math.hypot(u - ru, v - rv) < 0.25) return { kind: 'site', i: wrap(ru), j: wrap(rv) };
  if (Math.abs(v - rv) < 0.15) return { kind: 'link', i: wrap(Math.floor(u)), j: wrap(rv), mu: 0 };
  if (Math.abs(u - ru) < 0.15) return { kind: 'link', i: wrap(ru), j: wrap(Math.floor(v)), mu: 1 };
  return { kind: 'plaquette', i: wrap(Math.floor(u)), j: wrap(Math.floor(v)) };
}
