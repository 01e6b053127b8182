/**
 * Rotations of square grey images, the group action of the rotated-image experiment.
 *
 * Coordinates: pixel (row r, column c) sits at u = c − (S−1)/2, v = (S−1)/2 − r (y up, centre of the image). Rotating
 * an image I by θ (counter-clockwise) gives (ρ(θ)I)(p) = I(R(−θ)p).
 * - Multiples of 90° map pixel centres onto pixel centres: an exact pixel permutation (C4 is exact).
 * - Other angles (C8, C16) resample bilinearly, and every image is multiplied by the circular mask
 *   1[u² + v² ≤ (S/2)²], so that the corners, which a rotation would cut off or leave empty, carry no orientation.
 */

/** Row-major images of side `size`, one after another: [N × size²]. */

/**
 * The circular mask of an S×S image: 1 where the pixel centre lies within radius S/2 of the image centre. It is
 * C4-invariant on the pixel grid and (as a disc) SO(2)-invariant in the continuum.
 */
export function circularImageMask(size: number): Uint8Array {
  const c = (size - 1) / 2;
  const r2 = (size / 2) * (size / 2);
  const mask = new Uint8Array(size * size);
  for (let r = 0; r < size; r++) {
    for (let col = 0; col < size; col++) {
      const u = col - c;
      const v = c - r;
      mask[r * size + col] = u * u + v * v <= r2 ? 1 : 0;
    }
  }
  return mask;
}

/** Multiply an image by a 0/1 mask (returns a new Float32Array). */
export function applyImageMask(image: ArrayLike<number>, mask: Uint8Array): Float32Array {
  const out = new Float32Array(image.length);
  for (let i = 0; i < image.length; i++) out[i] = mask[i] ? image[i] : 0;
  return out;
}

/**
 * Exact rotation by k·90° counter-clockwise, a pixel permutation: for k = 1, out[r][c] = in[c][S−1−r].
 * Four applications give the identity bit for bit.
 */
export function rotateImageC4(image: ArrayLike<number>, size: number, k: number): Float32Array {
  const q = ((k % 4) + 4) % 4;
  const out = new Float32Array(size * size);
  const S1 = size - 1;
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      let sr: number;
      let sc: number;
      if (q === 0) [sr, sc] = [r, c];
      else if (q === 1) [sr, sc] = [c, S1 - r];
      else if (q === 2) [sr, sc] = [S1 - r, S1 - c];
      else [sr, sc] = [S1 - c, r];
      out[r * size + c] = image[sr * size + sc];
    }
  }
  return out;
}

/**
 * A precomputed resampling table for one rotation: for every output pixel, four source indices and bilinear weights.
 * (ρ(θ)I)(p) = Σ_k w_k I(q_k), with q_k the four pixels around R(−θ)p; samples outside the image count as 0.
 */
export interface RotationTable {
  size: number;
  theta: number;
  /** [size² × 4] source indices (−1: outside the image). */
  index: Int32Array;
  /** [size² × 4] bilinear weights. */
  weight: Float32Array;
  /** True when θ is a multiple of 90°, so the table is a pixel permutation. */
  exact: boolean;
}

/** Whether θ is (to 1e-12) a multiple of π/2, and which one. */
function quarterTurns(theta: number): number | null {
  const k = theta / (Math.PI / 2);
  const r = Math.round(k);
  return Math.abs(k - r) < 1e-12 ? r : null;
}

/** Build the resampling table of a rotation by θ. Multiples of 90° give the exact permutation of `rotateImageC4`. */
export function rotationTable(size: number, theta: number): RotationTable {
  const P = size * size;
  const index = new Int32Array(4 * P).fill(-1);
  const weight = new Float32Array(4 * P);
  const q = quarterTurns(theta);
  if (q !== null) {
    const ids = new Float32Array(P);
    for (let i = 0; i < P; i++) ids[i] = i;
    const perm = rotateImageC4(ids, size, q);
    for (let p = 0; p < P; p++) {
      index[4 * p] = perm[p];
      weight[4 * p] = 1;
    }
    return { size, theta, index, weight, exact: true };
  }
  const c = (size - 1) / 2;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  for (let r = 0; r < size; r++) {
    for (let col = 0; col < size; col++) {
      const p = r * size + col;
      const u = col - c;
      const v = c - r;
      // source point R(−θ)(u, v)
      const su = cos * u + sin * v;
      const sv = -sin * u + cos * v;
      const sc = su + c;
      const sr = c - sv;
      const c0 = Math.floor(sc);
      const r0 = Math.floor(sr);
      const fc = sc - c0;
      const fr = sr - r0;
      const taps: [number, number, number][] = [
        [r0, c0, (1 - fr) * (1 - fc)],
        [r0, c0 + 1, (1 - fr) * fc],
        [r0 + 1, c0, fr * (1 - fc)],
        [r0 + 1, c0 + 1, fr * fc],
      ];
      taps.forEach(([tr, tc, w], k) => {
        if (tr >= 0 && tr < size && tc >= 0 && tc < size && w > 0) {
          index[4 * p + k] = tr * size + tc;
          weight[4 * p + k] = w;
        }
      });
    }
  }
  return { size, theta, index, weight, exact: false };
}

/**
 * Apply a rotation table to image `i` of a batch (offset i·size²), writing into `out` at `outOffset`, then the mask:
 * out = mask ⊙ ρ(θ)I. `scale` multiplies every pixel (e.g. 1/255 for uint8 input).
 */
export function applyRotationTable(
  table: RotationTable,
  src: ArrayLike<number>,
  srcOffset: number,
  out: Float32Array,
  outOffset: number,
  mask: Uint8Array | null,
  scale = 1,
): void {
  const P = table.size * table.size;
  const { index, weight } = table;
  if (table.exact) {
    // A pixel permutation (weight 1 in the first tap): one load per pixel, the same value as the general loop's
    // 0 + 1·I(q). Augmenting the images lab's batches is mostly these (C4), and ran beside a 20 ms fused step.
    for (let p = 0; p < P; p++) out[outOffset + p] = mask && !mask[p] ? 0 : src[srcOffset + index[4 * p]] * scale;
    return;
  }
  for (let p = 0; p < P; p++) {
    if (mask && !mask[p]) {
      out[outOffset + p] = 0;
      continue;
    }
    let v = 0;
    for (let k = 0; k < 4; k++) {
      const q = index[4 * p + k];
      if (q >= 0) v += weight[4 * p + k] * src[srcOffset + q];
    }
    out[outOffset + p] = v * scale;
  }
}

/**
 * Rotate one image by θ: exact pixel permutation for multiples of 90°, bilinear otherwise; the circular mask is applied
 * when `masked` (the default).
 */
export function rotateImageBy(image: ArrayLike<number>, size: number, theta: number, masked = true): Float32Array {
  const out = new Float32Array(size * size);
  applyRotationTable(rotationTable(size, theta), image, 0, out, 0, masked ? circularImageMask(size) : null);
  return out;
}

/** The tables of every element of C_n acting on S×S images: element m rotates by 2πm/n. */
export function cyclicRotationTables(size: number, n: number): RotationTable[] {
  return Array.from({ length: n }, (_, m) => rotationTable(size, (2 * Math.PI * m) / n));
}
