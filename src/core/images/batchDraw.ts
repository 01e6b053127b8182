/**
 * The two small pieces of drawing a training batch that are not image operations: a member's epoch order (a
 * Fisher–Yates shuffle from its own seeded stream) and the labels as one-hot rows.
 */
import type { Rng } from '../rng';

/** One-hot rows: out[i·c + labels[i]] = 1, every other entry 0; [labels.length × c]. */
export function oneHot(labels: ArrayLike<number>, c: number): Float32Array {
  const out = new Float32Array(labels.length * c);
  for (let i = 0; i < labels.length; i++) out[i * c + labels[i]] = 1;
  return out;
}

/** A uniform random permutation of 0 … n−1 (Fisher–Yates, j drawn from `rng` for i = n−1 … 1). */
export function permutation(n: number, rng: Rng): Int32Array {
  const p = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}
