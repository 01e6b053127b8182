/**
 * Group convolutions (Cohen & Welling 2016): the linear maps that commute with the regular representation.
 * On functions of C_n: [ψ ⋆ f](g) = Σ_h ψ(h⁻¹g) f(h). On images, the p4 lifting layer correlates the image with
 * the four 90°-rotated copies of a filter, and the p4 group convolution also cycles the rotation channels.
 *
 * Everything here computes in float32 (Float32Array storage, Math.fround after every operation), so that the
 * measured equivariance errors are the float32 rounding a GPU layer would see.
 */
import type { Rng } from '../rng';

/** (L_u f)(g) = f(u⁻¹g) on C_n, i.e. f(g − u): the regular representation acting on a function of C_n. */
export function cyclicShift(f: Float32Array, u: number): Float32Array {
  const n = f.length;
  const out = new Float32Array(n);
  for (let g = 0; g < n; g++) out[g] = f[(((g - u) % n) + n) % n];
  return out;
}

/**
 * A group-convolution layer on functions of C_n with channels:
 * out[o](g) = Σ_i Σ_h ψ[o][i](h⁻¹g) f[i](h) = Σ_i Σ_h ψ[o][i]((g − h) mod n) f[i](h).
 * `input` is cIn × n (row-major), `weights` is cOut × cIn × n; returns cOut × n.
 * Equivariance: conv(L_u f) = L_u conv(f) for every u ∈ C_n.
 */
export function cyclicGroupConvolution(input: Float32Array, weights: Float32Array, n: number): Float32Array {
  if (n < 1 || input.length % n !== 0) throw new RangeError('cyclicGroupConvolution: input length must be a multiple of n');
  const cIn = input.length / n;
  if (weights.length % (cIn * n) !== 0) throw new RangeError('cyclicGroupConvolution: weights must be cOut × cIn × n');
  const cOut = weights.length / (cIn * n);
  const out = new Float32Array(cOut * n);
  const f = Math.fround;
  for (let o = 0; o < cOut; o++)
    for (let g = 0; g < n; g++) {
      let acc = 0;
      for (let i = 0; i < cIn; i++)
        for (let h = 0; h < n; h++) {
          acc = f(acc + f(weights[(o * cIn + i) * n + ((g - h + n) % n)] * input[i * n + h]));
        }
      out[o * n + g] = acc;
    }
  return out;
}

/** A square single-channel image, row-major, row 0 at the top. */
export interface SquareImage {
  size: number;
  data: Float32Array;
}

/**
 * Rotate a square image by quarterTurns × 90° counter-clockwise about its centre: (R f)(x) = f(R⁻¹x), which on
 * pixels is out[i][j] = in[j][S−1−i] per quarter turn. A pure permutation, hence exact in any precision.
 */
export function rotateImage90(image: SquareImage, quarterTurns: number): SquareImage {
  const s = image.size;
  let data = image.data;
  const turns = ((quarterTurns % 4) + 4) % 4;
  for (let t = 0; t < turns; t++) {
    const next = new Float32Array(s * s);
    for (let i = 0; i < s; i++) for (let j = 0; j < s; j++) next[i * s + j] = data[j * s + (s - 1 - i)];
    data = next;
  }
  return { size: s, data: turns === 0 ? new Float32Array(data) : data };
}

/**
 * Cross-correlation with zero padding and the same output size, odd filter size k = 2r + 1:
 * out(x) = Σ_{|y|∞ ≤ r} f(x + y) ψ(y). Zero padding commutes with 90° rotations about the centre.
 */
export function correlate2dSame(image: SquareImage, filter: SquareImage): SquareImage {
  const s = image.size;
  const k = filter.size;
  if (k % 2 !== 1) throw new RangeError('filter size must be odd');
  const r = (k - 1) / 2;
  const out = new Float32Array(s * s);
  const f = Math.fround;
  for (let i = 0; i < s; i++)
    for (let j = 0; j < s; j++) {
      let acc = 0;
      for (let a = 0; a < k; a++) {
        const ii = i + a - r;
        if (ii < 0 || ii >= s) continue;
        for (let b = 0; b < k; b++) {
          const jj = j + b - r;
          if (jj < 0 || jj >= s) continue;
          acc = f(acc + f(image.data[ii * s + jj] * filter.data[a * k + b]));
        }
      }
      out[i * s + j] = acc;
    }
  return { size: s, data: out };
}

/** Entry-wise sum of images, in float32. */
function addImages(a: SquareImage, b: SquareImage): SquareImage {
  const out = new Float32Array(a.data.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.fround(a.data[i] + b.data[i]);
  return { size: a.size, data: out };
}

/**
 * The p4 lifting layer: an image becomes a function on (pixels × C4),
 * out[r](x) = Σ_y f(x + y) ψ(R^{−r}y), i.e. correlation with the filter rotated by r quarter turns.
 * Equivariance: lift(R f)[r] = R(lift(f)[r − 1]) — the maps rotate and cycle.
 */
export function liftToP4(image: SquareImage, filter: SquareImage): SquareImage[] {
  return [0, 1, 2, 3].map((r) => correlate2dSame(image, rotateImage90(filter, r)));
}

/**
 * The p4 group convolution from 4 rotation channels to 4:
 * out[r](x) = Σ_{s ∈ C4} Σ_y F[s](x + y) Ψ[s − r](R^{−r}y),
 * i.e. [Ψ ⋆ F](g) = Σ_h Ψ(g⁻¹h) F(h) for g = (x, r): the filter is rotated by r and its channels cycled by r.
 * Equivariance: if F'[s] = R F[s − 1] then out'[r] = R out[r − 1].
 */
export function p4GroupConvolution(features: readonly SquareImage[], filter: readonly SquareImage[]): SquareImage[] {
  if (features.length !== 4 || filter.length !== 4) throw new RangeError('p4 maps and filters have 4 rotation channels');
  return [0, 1, 2, 3].map((r) => {
    let acc: SquareImage | null = null;
    for (let s = 0; s < 4; s++) {
      const term = correlate2dSame(features[s], rotateImage90(filter[(s - r + 4) % 4], r));
      acc = acc === null ? term : addImages(acc, term);
    }
    return acc as SquareImage;
  });
}

/**
 * The regular representation of the 90° rotation group on p4 feature maps, applied `quarterTurns` times:
 * (L_u F)[r] = R^u F[r − u]: every map is rotated and the rotation channels cycle.
 */
export function rotateP4Features(features: readonly SquareImage[], quarterTurns: number): SquareImage[] {
  const u = ((quarterTurns % 4) + 4) % 4;
  return [0, 1, 2, 3].map((r) => rotateImage90(features[(r - u + 4) % 4], u));
}

/** An ordinary CNN layer: a bank of filters, each correlated with the image; output channel c uses filter c. */
export function convolveFilterBank(image: SquareImage, filters: readonly SquareImage[]): SquareImage[] {
  return filters.map((filter) => correlate2dSame(image, filter));
}

/** A filter with i.i.d. N(0, 1) entries from the seeded stream, stored in float32. */
export function randomFilter(size: number, rng: Rng): SquareImage {
  return { size, data: rng.normalArray(size * size) };
}

function maxAbs(maps: readonly SquareImage[]): number {
  let m = 0;
  for (const map of maps) for (const v of map.data) m = Math.max(m, Math.abs(v));
  return m;
}

/** Relative error max|a − b| / max|b| between two stacks of maps of the same shape. */
export function relativeMapError(a: readonly SquareImage[], b: readonly SquareImage[]): number {
  let m = 0;
  a.forEach((map, c) => {
    for (let i = 0; i < map.data.length; i++) m = Math.max(m, Math.abs(map.data[i] - b[c].data[i]));
  });
  const scale = maxAbs(b);
  return scale === 0 ? m : m / scale;
}

/**
 * Equivariance error of a map Φ from images to 4 channels under the quarter turn u:
 * ‖Φ(R^u f) − L_u Φ(f)‖_∞ / ‖L_u Φ(f)‖_∞, with L_u rotating each map by u and cycling channels by u.
 * For a p4 layer this is float32 rounding only; for an ordinary CNN it is order 1.
 */
export function p4EquivarianceError(layer: (image: SquareImage) => SquareImage[], image: SquareImage, quarterTurns: number): number {
  return relativeMapError(layer(rotateImage90(image, quarterTurns)), rotateP4Features(layer(image), quarterTurns));
}

/**
 * The same measure for an ordinary filter bank, granted its best reading: the smallest error over every cyclic
 * relabelling of the output channels (the bank has no rotation channels, so any relabelling could be "the" one).
 */
export function filterBankEquivarianceError(filters: readonly SquareImage[], image: SquareImage, quarterTurns: number): number {
  const outRotatedInput = convolveFilterBank(rotateImage90(image, quarterTurns), filters);
  const reference = convolveFilterBank(image, filters).map((m) => rotateImage90(m, quarterTurns));
  let best = Infinity;
  for (let shift = 0; shift < filters.length; shift++) {
    const relabelled = reference.map((_, c) => reference[(c - shift + filters.length) % filters.length]);
    best = Math.min(best, relativeMapError(outRotatedInput, relabelled));
  }
  return best;
}
