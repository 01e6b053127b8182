/**
 * A tiny lattice gauge-equivariant CNN (Favoni, Ipp, Müller & Schuh, PRL 128, 032003, 2022) and a non-equivariant
 * baseline with exactly the same parameters.
 *
 * Features are N×N complex matrices W_{x,i} that transform like closed loops at x: W → Ω(x) W Ω(x)†.
 * - Input: the plaquettes U_{μν}(x) and their adjoints, one channel each (2 · #planes channels).
 * - L-Conv: W′_{x,i} = Σ_{j,(μ,k)} ω_{i j μ k} U_{x→x+kμ̂} W_{x+kμ̂, j} U_{x→x+kμ̂}†, k ∈ {−K…K}, with the straight-line
 *   transporter U_{x→x+kμ̂}, which transforms as Ω(x) · Ω(x+kμ̂)†, so each term is covariant at x.
 * - L-Bilin: W″_{x,i} = Σ_{j,k} α_{ijk} W′_{x,j} W_{x,k}: products of covariant matrices at the same site are covariant.
 * - Trace: T_{x,i} = tr W″_{x,i}, invariant.
 *
 * Baseline: the same layers and the same weights, but fed raw links U_μ(x) (which transform as Ω(x) U Ω(x+μ̂)†, not by
 * conjugation) and convolved without parallel transport. Same parameter count, no gauge symmetry.
 */
import { Rng } from '../rng';
import { complexAdjointInto, complexMatMulInto } from '../groups/complexMatrix';
import type { GaugeTransform } from './gauge';
import { applyGaugeTransform } from './gauge';
import type { GaugeField } from './lattice';
import { pathProduct, plaquette, type PathStep } from './loops';

/** A field of `channels` n×n complex matrices per site; entry (x, c) at offset (x·channels + c)·2n². */
export interface MatrixField {
  readonly volume: number;
  readonly channels: number;
  readonly n: number;
  readonly data: Float64Array;
}

export interface LcnnWeights {
  /** Kernel half-width K: offsets k ∈ {−K, …, K} along each direction. */
  readonly K: number;
  readonly inChannels: number;
  readonly convChannels: number;
  readonly outChannels: number;
  /** ω[i, j, o], o indexing the 1 + 2dK offsets (o = 0 is the site itself). */
  readonly conv: Float64Array;
  /** α[i, j, k]: output i, conv channel j, input channel k. */
  readonly bilin: Float64Array;
  readonly d: number;
}

export interface LcnnOutput {
  /** The equivariant matrices W″ before the trace. */
  matrices: MatrixField;
  /** tr W″ per site and channel: [Re, Im] at 2(x·C + i). */
  traces: Float64Array;
}

function matrixSize(n: number): number {
  return 2 * n * n;
}

/** The list of convolution offsets (μ, k): (0, 0) first, then k = ±1 … ±K along each μ. */
export function convOffsets(d: number, K: number): { mu: number; k: number }[] {
  const out = [{ mu: 0, k: 0 }];
  for (let mu = 0; mu < d; mu++) {
    for (let k = 1; k <= K; k++) {
      out.push({ mu, k });
      out.push({ mu, k: -k });
    }
  }
  return out;
}

/** Seeded random weights ~ N(0, 1/fan-in) for a net on a d-dimensional lattice. */
export function createLcnnWeights(seed: number, d = 2, opts: { K?: number; convChannels?: number; outChannels?: number } = {}): LcnnWeights {
  const K = opts.K ?? 1;
  const inChannels = d * (d - 1);
  const convChannels = opts.convChannels ?? 4;
  const outChannels = opts.outChannels ?? 4;
  const nOff = convOffsets(d, K).length;
  const rng = new Rng(seed, 0x1c22);
  const conv = new Float64Array(convChannels * inChannels * nOff);
  const convScale = 1 / Math.sqrt(inChannels * nOff);
  for (let i = 0; i < conv.length; i++) conv[i] = convScale * rng.normal();
  const bilin = new Float64Array(outChannels * convChannels * inChannels);
  const bilinScale = 1 / Math.sqrt(convChannels * inChannels);
  for (let i = 0; i < bilin.length; i++) bilin[i] = bilinScale * rng.normal();
  return { K, inChannels, convChannels, outChannels, conv, bilin, d };
}

/** Number of real parameters: C₁·C₀·(1 + 2dK) + C₂·C₁·C₀. The baseline has the same count by construction. */
export function lcnnParameterCount(w: LcnnWeights): number {
  return w.conv.length + w.bilin.length;
}

/**
 * A field of C = d(d − 1) matrix channels per site. `fillSite(x, put)` writes site x: `put(c, m, adjoint)` stores the
 * n×n complex matrix m, or its adjoint m†, as channel c at offset (x·C + c)·2n².
 */
function siteChannels(
  field: GaugeField,
  fillSite: (x: number, put: (c: number, m: Float64Array, adjoint: boolean) => void) => void,
): MatrixField {
  const { group, geom } = field;
  const C = geom.d * (geom.d - 1);
  const n = group.N;
  const ms = matrixSize(n);
  const data = new Float64Array(geom.volume * C * ms);
  for (let x = 0; x < geom.volume; x++) {
    fillSite(x, (c, m, adjoint) => {
      if (adjoint) complexAdjointInto(n, m, 0, data, (x * C + c) * ms);
      else data.set(m, (x * C + c) * ms);
    });
  }
  return { volume: geom.volume, channels: C, n, data };
}

/** L-CNN input: U_{μν}(x) and U_{μν}(x)† for every plane μ < ν. */
export function plaquetteChannels(field: GaugeField): MatrixField {
  const d = field.geom.d;
  return siteChannels(field, (x, put) => {
    let c = 0;
    for (let mu = 0; mu < d; mu++) {
      for (let nu = mu + 1; nu < d; nu++) {
        const m = field.group.toMatrix(plaquette(field, x, mu, nu), 0).data;
        put(c, m, false);
        put(c + 1, m, true);
        c += 2;
      }
    }
  });
}

/** Baseline input: raw links U_0(x) … U_{d−1}(x), U_0(x)† … U_{d−1}(x)†, cycled to the L-CNN's d(d − 1) channels. */
export function rawLinkChannels(field: GaugeField): MatrixField {
  const { group, geom } = field;
  const d = geom.d;
  return siteChannels(field, (x, put) => {
    for (let c = 0; c < d * (d - 1); c++) {
      const mu = c % d;
      put(c, group.toMatrix(field.links, (x * d + mu) * group.stride).data, Math.floor(c / d) % 2 === 1);
    }
  });
}

/**
 * L-Conv. With `transport` false it is the baseline's plain shift-and-sum, W′_{x,i} = Σ ω W_{x+kμ̂, j}.
 */
export function lConv(field: GaugeField, input: MatrixField, w: LcnnWeights, transport = true): MatrixField {
  const { geom, group } = field;
  const n = input.n;
  const ms = matrixSize(n);
  const offsets = convOffsets(geom.d, w.K);
  const Cin = input.channels;
  const Cout = w.convChannels;
  const out = new Float64Array(geom.volume * Cout * ms);
  const moved = new Float64Array(ms);
  const tAdj = new Float64Array(ms);
  for (let x = 0; x < geom.volume; x++) {
    for (let oi = 0; oi < offsets.length; oi++) {
      const { mu, k } = offsets[oi];
      const steps: PathStep[] = [];
      for (let s = 0; s < Math.abs(k); s++) steps.push({ mu, forward: k > 0 });
      const path = pathProduct(field, x, steps);
      const T = group.toMatrix(path.element, 0).data;
      complexAdjointInto(n, T, 0, tAdj, 0);
      const y = path.end;
      for (let j = 0; j < Cin; j++) {
        const src = (y * Cin + j) * ms;
        if (transport) {
          complexMatMulInto(n, T, 0, input.data, src, moved, 0);
          complexMatMulInto(n, moved, 0, tAdj, 0, moved, 0);
        } else {
          for (let t = 0; t < ms; t++) moved[t] = input.data[src + t];
        }
        for (let i = 0; i < Cout; i++) {
          const omega = w.conv[(i * Cin + j) * offsets.length + oi];
          const dst = (x * Cout + i) * ms;
          for (let t = 0; t < ms; t++) out[dst + t] += omega * moved[t];
        }
      }
    }
  }
  return { volume: geom.volume, channels: Cout, n, data: out };
}

/** L-Bilin: W″_{x,i} = Σ_{j,k} α_{ijk} A_{x,j} B_{x,k}. */
export function lBilin(a: MatrixField, b: MatrixField, w: LcnnWeights): MatrixField {
  const n = a.n;
  const ms = matrixSize(n);
  const Cout = w.outChannels;
  const out = new Float64Array(a.volume * Cout * ms);
  const prod = new Float64Array(ms);
  for (let x = 0; x < a.volume; x++) {
    for (let j = 0; j < a.channels; j++) {
      for (let k = 0; k < b.channels; k++) {
        complexMatMulInto(n, a.data, (x * a.channels + j) * ms, b.data, (x * b.channels + k) * ms, prod, 0);
        for (let i = 0; i < Cout; i++) {
          const alpha = w.bilin[(i * a.channels + j) * b.channels + k];
          const dst = (x * Cout + i) * ms;
          for (let t = 0; t < ms; t++) out[dst + t] += alpha * prod[t];
        }
      }
    }
  }
  return { volume: a.volume, channels: Cout, n, data: out };
}

/** Trace layer: T_{x,i} = tr W_{x,i} as [Re, Im] pairs. */
export function traceLayer(m: MatrixField): Float64Array {
  const ms = matrixSize(m.n);
  const out = new Float64Array(m.volume * m.channels * 2);
  for (let e = 0; e < m.volume * m.channels; e++) {
    let re = 0;
    let im = 0;
    for (let i = 0; i < m.n; i++) {
      re += m.data[e * ms + 2 * (i * m.n + i)];
      im += m.data[e * ms + 2 * (i * m.n + i) + 1];
    }
    out[2 * e] = re;
    out[2 * e + 1] = im;
  }
  return out;
}

/** The L-CNN: plaquette channels → L-Conv → L-Bilin (with the input) → Trace. Gauge-equivariant, then invariant. */
export function lcnnForward(field: GaugeField, w: LcnnWeights): LcnnOutput {
  const input = plaquetteChannels(field);
  const conv = lConv(field, input, w, true);
  const matrices = lBilin(conv, input, w);
  return { matrices, traces: traceLayer(matrices) };
}

/** The baseline: raw link channels → plain conv (no transport) → bilinear → trace, with the L-CNN's weights. */
export function baselineForward(field: GaugeField, w: LcnnWeights): LcnnOutput {
  const input = rawLinkChannels(field);
  const conv = lConv(field, input, w, false);
  const matrices = lBilin(conv, input, w);
  return { matrices, traces: traceLayer(matrices) };
}

/** Conjugate every matrix of a field at its site: W_{x,c} → Ω(x) W_{x,c} Ω(x)†, the covariant law of loops. */
export function conjugateMatrixField(m: MatrixField, t: GaugeTransform): MatrixField {
  const { group } = t;
  const ms = matrixSize(m.n);
  const out = new Float64Array(m.data.length);
  const omAdj = new Float64Array(ms);
  for (let x = 0; x < m.volume; x++) {
    const om = group.toMatrix(t.omega, x * group.stride).data;
    complexAdjointInto(m.n, om, 0, omAdj, 0);
    for (let c = 0; c < m.channels; c++) {
      const o = (x * m.channels + c) * ms;
      complexMatMulInto(m.n, om, 0, m.data, o, out, o);
      complexMatMulInto(m.n, out, o, omAdj, 0, out, o);
    }
  }
  return { volume: m.volume, channels: m.channels, n: m.n, data: out };
}

/** How much a network's output moves under a gauge transformation. */
export interface GaugeResponse {
  /** max over entries of |tr W″(Ω·U) − tr W″(U)| (invariance of the Trace outputs). */
  maxTraceChange: number;
  /** ‖Δ tr‖₂ / ‖tr‖₂ over all sites and channels. */
  relativeTraceChange: number;
  /** max over entries of |W″(Ω·U) − Ω W″(U) Ω†| (equivariance of the matrices). */
  maxEquivarianceError: number;
}

function compare(before: LcnnOutput, after: LcnnOutput, t: GaugeTransform): GaugeResponse {
  let maxT = 0;
  let ss = 0;
  let norm = 0;
  for (let i = 0; i < before.traces.length; i++) {
    const dlt = after.traces[i] - before.traces[i];
    maxT = Math.max(maxT, Math.abs(dlt));
    ss += dlt * dlt;
    norm += before.traces[i] * before.traces[i];
  }
  const expected = conjugateMatrixField(before.matrices, t);
  let maxE = 0;
  for (let i = 0; i < expected.data.length; i++) maxE = Math.max(maxE, Math.abs(after.matrices.data[i] - expected.data[i]));
  return { maxTraceChange: maxT, relativeTraceChange: norm > 0 ? Math.sqrt(ss / norm) : 0, maxEquivarianceError: maxE };
}

/** Feed U and its gauge transform Ω·U through the L-CNN and the baseline, and measure how each output moves. */
export function gaugeResponse(field: GaugeField, w: LcnnWeights, t: GaugeTransform): { lcnn: GaugeResponse; baseline: GaugeResponse; parameters: number } {
  const transformed = applyGaugeTransform(field, t);
  return {
    lcnn: compare(lcnnForward(field, w), lcnnForward(transformed, w), t),
    baseline: compare(baselineForward(field, w), baselineForward(transformed, w), t),
    parameters: lcnnParameterCount(w),
  };
}
