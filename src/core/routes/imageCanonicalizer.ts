/**
 * A simple, hand-built canonicaliser for images: the orientation of the image moments. It is stated as such in the
 * UI; Kaba et al. learn h with an equivariant network instead.
 *
 * Complex moments about the image centre: c_k = Σ_p I(p) z_p^k with z_p = u_p + i v_p. Rotating the image by θ
 * multiplies c_k by e^{ikθ}. The orientation
 *   φ(I) = arg(c₂)/2, plus π when Re(c₃ e^{−3iφ}) < 0   (the third moment picks the end of the principal axis)
 * is therefore equivariant, φ(ρ(θ)I) = φ(I) + θ (mod 2π), and h(I) = round(φ/(2π/n)) mod n is a canonicalising
 * element of C_n: h(ρ(g_k)I) = h(I) + k. It is exact wherever the rotation is (C4), up to ties at rounding level.
 */
import { applyRotationTable, circularImageMask, cyclicRotationTables, type RotationTable } from './imageRotation';

const bases = new Map<number, Float64Array>();

/**
 * Per pixel, Re z², Im z², Re z³, Im z³ of z = u + iv: z² = (u² − v²) + i·2uv, z³ = (u³ − 3uv²) + i(3u²v − v³).
 * Computed once per size. u and v are multiples of 1/2 below 32, so these are exact in float64, and so is w times one
 * of them for a float32 pixel w: the sums below equal the former per-pixel formula's bit for bit.
 */
function momentBasis(size: number): Float64Array {
  let basis = bases.get(size);
  if (!basis) {
    const c = (size - 1) / 2;
    basis = new Float64Array(4 * size * size);
    for (let r = 0; r < size; r++) {
      const v = c - r;
      for (let col = 0; col < size; col++) {
        const u = col - c;
        basis.set([u * u - v * v, 2 * u * v, u * u * u - 3 * u * v * v, 3 * u * u * v - v * v * v], 4 * (r * size + col));
      }
    }
    bases.set(size, basis);
  }
  return basis;
}

/** The moment orientation φ(I) ∈ [0, 2π) of image `i` in a batch (offset i·size²). */
export function momentOrientation(images: ArrayLike<number>, size: number, offset = 0): number {
  const basis = momentBasis(size);
  const P = size * size;
  let re2 = 0;
  let im2 = 0;
  let re3 = 0;
  let im3 = 0;
  for (let p = 0; p < P; p++) {
    const w = images[offset + p];
    if (w === 0) continue;
    re2 += w * basis[4 * p];
    im2 += w * basis[4 * p + 1];
    re3 += w * basis[4 * p + 2];
    im3 += w * basis[4 * p + 3];
  }
  let phi = Math.atan2(im2, re2) / 2;
  // Re(c₃ e^{−3iφ}) = re3·cos3φ + im3·sin3φ
  if (re3 * Math.cos(3 * phi) + im3 * Math.sin(3 * phi) < 0) phi += Math.PI;
  const twoPi = 2 * Math.PI;
  return ((phi % twoPi) + twoPi) % twoPi;
}

/** The canonicalising element of C_n: h(I) = round(φ(I)/(2π/n)) mod n. */
export function momentCanonicalElement(images: ArrayLike<number>, size: number, n: number, offset = 0): number {
  const m = Math.round(momentOrientation(images, size, offset) / ((2 * Math.PI) / n));
  return ((m % n) + n) % n;
}

/**
 * A reusable canonicaliser for C_n on S×S images: canon(I) = mask ⊙ ρ(h(I))⁻¹ I. The rotation tables are built once.
 */
export class MomentCanonicalizer {
  readonly tables: RotationTable[];
  readonly mask: Uint8Array;

  constructor(
    readonly size: number,
    readonly n: number,
  ) {
    this.tables = cyclicRotationTables(size, n);
    this.mask = circularImageMask(size);
  }

  /** h(I) for image `i` of a batch. */
  element(images: ArrayLike<number>, offset = 0): number {
    return momentCanonicalElement(images, this.size, this.n, offset);
  }

  /** Write canon(I) of the image at `srcOffset` into `out` at `outOffset` (times `scale`); returns h(I). */
  canonicalizeInto(src: ArrayLike<number>, srcOffset: number, out: Float32Array, outOffset: number, scale = 1): number {
    const m = this.element(src, srcOffset);
    applyRotationTable(this.tables[(this.n - m) % this.n], src, srcOffset, out, outOffset, this.mask, scale);
    return m;
  }

  /** canon(I) of one image. */
  canonicalize(image: ArrayLike<number>): Float32Array {
    const out = new Float32Array(this.size * this.size);
    this.canonicalizeInto(image, 0, out, 0);
    return out;
  }
}
