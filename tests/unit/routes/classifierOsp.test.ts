import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import {
  orbitSamePredictionsFromLabels,
  orbitSamePredictionsFromScores,
  randomOspExpectation,
} from '../../../src/core/routes';

const N = 4000;
const c = 10;

describe('orbit same predictions on constructed classifiers (reference §2)', () => {
  for (const G of [4, 8, 16]) {
    it(`|G| = ${G}: exactly invariant → ${G}, constant → ${G}, random → 1 + (|G|−1)/c within 3 SE`, () => {
      const rng = new Rng(G, 9);
      // Invariant: the label depends on the orbit only (same label for all m), different across items.
      const itemLabel = Int32Array.from({ length: N }, () => rng.int(c));
      const inv = new Int32Array(G * N);
      for (let m = 0; m < G; m++) for (let i = 0; i < N; i++) inv[m * N + i] = itemLabel[i];
      const sInv = orbitSamePredictionsFromLabels(inv, G, N);
      expect(sInv.mean).toBe(G);
      expect(sInv.std).toBe(0);

      // Constant model: scores that ignore the input entirely.
      const scores = new Float32Array(G * N * c);
      for (let r = 0; r < G * N; r++) for (let k = 0; k < c; k++) scores[r * c + k] = [0.1, 0.05, 0.3, 0.02, 0.08, 0.1, 0.1, 0.1, 0.1, 0.05][k];
      expect(orbitSamePredictionsFromScores(scores, G, N, c).mean).toBe(G);

      // Random model: i.i.d. uniform labels at every orbit element.
      const rand = Int32Array.from({ length: G * N }, () => rng.int(c));
      const s = orbitSamePredictionsFromLabels(rand, G, N);
      const expected = randomOspExpectation(G, c);
      expect(expected).toBeCloseTo(1 + (G - 1) / 10, 12);
      // Binomial: OSP − 1 ~ Bin(G − 1, 1/c): std √((G−1)·0.1·0.9) ⇒ SE = that/√N (≈ 0.0082 for C4, 0.018 for C16).
      expect(s.se).toBeCloseTo(Math.sqrt(((G - 1) * 0.09) / N), 2);
      expect(Math.abs(s.mean - expected)).toBeLessThan(3 * s.se);
      // ...and the test can fail: an invariant model is far outside that band.
      expect(Math.abs(sInv.mean - expected)).toBeGreaterThan(100 * s.se);
    });
  }

  it('rejects label arrays of the wrong length', () => {
    expect(() => orbitSamePredictionsFromLabels(new Int32Array(7), 4, 2)).toThrow(/4×2/);
  });
});
