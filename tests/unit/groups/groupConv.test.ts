import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import {
  cyclicGroupConvolution,
  cyclicShift,
  liftToP4,
  p4GroupConvolution,
  p4EquivarianceError,
  filterBankEquivarianceError,
  rotateImage90,
  randomFilter,
  type SquareImage,
} from '../../../src/core/groups';

function randomImage(size: number, rng: Rng): SquareImage {
  return { size, data: Float32Array.from({ length: size * size }, () => rng.uniform()) };
}

describe('group convolution on C_n', () => {
  it('is equivariant in float32: conv(L_u f) = L_u conv(f), error < 1e-5 for every u', () => {
    const rng = new Rng(21, 1);
    for (const n of [4, 6, 8]) {
      const cIn = 3;
      const cOut = 2;
      const input = rng.normalArray(cIn * n);
      const weights = rng.normalArray(cOut * cIn * n);
      const out = cyclicGroupConvolution(input, weights, n);
      let scale = 0;
      for (const v of out) scale = Math.max(scale, Math.abs(v));
      for (let u = 0; u < n; u++) {
        const shiftedInput = new Float32Array(cIn * n);
        for (let i = 0; i < cIn; i++) shiftedInput.set(cyclicShift(input.subarray(i * n, (i + 1) * n), u), i * n);
        const lhs = cyclicGroupConvolution(shiftedInput, weights, n);
        let err = 0;
        for (let o = 0; o < cOut; o++) {
          const rhs = cyclicShift(out.subarray(o * n, (o + 1) * n), u);
          for (let g = 0; g < n; g++) err = Math.max(err, Math.abs(lhs[o * n + g] - rhs[g]));
        }
        expect(err / scale).toBeLessThan(1e-5);
      }
    }
  });

  it('computes [ψ ⋆ f](g) = Σ_h ψ(h⁻¹g) f(h) (a hand-checked C_3 example)', () => {
    // ψ(h⁻¹g) = ψ(g − h): out(0) = ψ0 f0 + ψ2 f1 + ψ1 f2.
    const out = cyclicGroupConvolution(Float32Array.from([1, 2, 3]), Float32Array.from([1, 10, 100]), 3);
    expect(Array.from(out)).toEqual([1 + 200 + 30, 10 + 2 + 300, 100 + 20 + 3]);
  });
});

describe('p4 lifting and group convolution on images', () => {
  const rng = new Rng(22, 1);
  const image = randomImage(15, rng);
  const liftFilter = randomFilter(5, rng);
  const groupFilter = [0, 1, 2, 3].map(() => randomFilter(3, rng));
  const bank = [0, 1, 2, 3].map(() => randomFilter(5, rng));

  it('rotating four times is the identity', () => {
    expect(Array.from(rotateImage90(image, 4).data)).toEqual(Array.from(image.data));
    expect(Array.from(rotateImage90(rotateImage90(image, 1), 3).data)).toEqual(Array.from(image.data));
  });

  it('lift and lift→group-conv are equivariant below 1e-5 in float32; an ordinary CNN is not', () => {
    for (const u of [1, 2, 3]) {
      const liftError = p4EquivarianceError((f) => liftToP4(f, liftFilter), image, u);
      const fullError = p4EquivarianceError((f) => p4GroupConvolution(liftToP4(f, liftFilter), groupFilter), image, u);
      const cnnError = filterBankEquivarianceError(bank, image, u);
      expect(liftError).toBeLessThan(1e-5);
      expect(fullError).toBeLessThan(1e-5);
      expect(cnnError).toBeGreaterThan(0.1);
    }
  });
});
