/**
 * Seeded random numbers. One seed gives one run, on every backend: all random draws happen here, in JS,
 * and tensors are built from the resulting Float32Arrays.
 *
 * Streams are keyed: `new Rng(seed, ...keys)` hashes (seed, keys) into an independent stream, so member k's
 * initial weights depend only on (seed, k) and never on the ensemble size.
 */

/** 32-bit mix (a variant of the murmur3 finaliser): a cheap bijection that scrambles nearby integers. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash a seed and a list of integer keys into four 32-bit words of generator state. */
export function hashKeys(seed: number, keys: readonly number[]): [number, number, number, number] {
  let h = mix32((seed | 0) ^ 0x9e3779b9);
  for (const k of keys) h = mix32(h ^ mix32((k | 0) + 0x7f4a7c15));
  const s0 = mix32(h ^ 0x243f6a88);
  const s1 = mix32(s0 ^ 0x85a308d3);
  const s2 = mix32(s1 ^ 0x13198a2e);
  const s3 = mix32(s2 ^ 0x03707344);
  // xoshiro128** must not start from the all-zero state.
  return [s0 || 1, s1, s2, s3];
}

/** A generator's state: the four xoshiro words and the cached second Box–Muller draw. */
export interface RngState {
  s: [number, number, number, number];
  spare: number | null;
}

/**
 * xoshiro128** generator (Blackman & Vigna), with uniform and Gaussian draws.
 * Uniform: u ∈ [0, 1) with 32 bits of resolution. Gaussian: Box–Muller, z = √(−2 ln u₁) cos(2π u₂).
 */
export class Rng {
  private s: [number, number, number, number];
  private spare: number | null = null;

  constructor(seed: number, ...keys: number[]) {
    this.s = hashKeys(seed, keys);
  }

  /** The generator's whole state, to continue the same stream elsewhere (a checkpoint to resume a run from). */
  saveState(): RngState {
    return { s: [this.s[0], this.s[1], this.s[2], this.s[3]], spare: this.spare };
  }

  /** A generator that continues exactly where `saveState` left off. */
  static fromState(state: RngState): Rng {
    const r = new Rng(0);
    const [a, b, c, d] = state.s;
    // Words are 32-bit patterns; the xor steps leave some of them as signed int32 values, which is the same state.
    if (![a, b, c, d].every((x) => Number.isInteger(x) && x >= -0x80000000 && x <= 0xffffffff) || (a | b | c | d) === 0) {
      throw new Error('invalid random-number state');
    }
    r.s = [a, b, c, d];
    r.spare = typeof state.spare === 'number' && Number.isFinite(state.spare) ? state.spare : null;
    return r;
  }

  /** Next raw 32-bit unsigned integer. */
  nextUint32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  /** Uniform on [0, 1). */
  uniform(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform on [lo, hi). */
  uniformIn(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /** Integer uniform on {0, …, n − 1}. */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal N(0, 1), by Box–Muller with the second value cached. */
  normal(): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return z;
    }
    let u1 = this.uniform();
    while (u1 <= 0) u1 = this.uniform();
    const u2 = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    this.spare = r * Math.sin(2 * Math.PI * u2);
    return r * Math.cos(2 * Math.PI * u2);
  }

  /** Fill a new Float32Array of length n with N(0, scale²) draws. */
  normalArray(n: number, scale = 1): Float32Array {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = scale * this.normal();
    return out;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
