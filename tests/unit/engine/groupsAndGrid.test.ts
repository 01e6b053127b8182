import { describe, expect, it } from 'vitest';
import {
  augmentTrainingSet,
  augmentationAngles,
  cyclicAngles,
  makePolarGrid,
  MONO3,
  rotatedIndex,
  rotationMatrix2d,
  CYCLIC_ORDERS,
} from '../../../src/core';

describe('augmentation groups', () => {
  it('C_n rotations are orthogonal with determinant 1', () => {
    for (const n of CYCLIC_ORDERS) {
      for (const t of cyclicAngles(n)) {
        const R = rotationMatrix2d(t);
        const RtR = [
          [R[0][0] * R[0][0] + R[1][0] * R[1][0], R[0][0] * R[0][1] + R[1][0] * R[1][1]],
          [R[0][1] * R[0][0] + R[1][1] * R[1][0], R[0][1] * R[0][1] + R[1][1] * R[1][1]],
        ];
        expect(Math.abs(RtR[0][0] - 1)).toBeLessThan(1e-15);
        expect(Math.abs(RtR[1][1] - 1)).toBeLessThan(1e-15);
        expect(Math.abs(RtR[0][1])).toBeLessThan(1e-15);
        expect(Math.abs(R[0][0] * R[1][1] - R[0][1] * R[1][0] - 1)).toBeLessThan(1e-15);
      }
    }
  });

  it('C_n is closed: the product of any two elements is an element', () => {
    for (const n of CYCLIC_ORDERS) {
      const angles = cyclicAngles(n);
      for (const a of angles) {
        for (const b of angles) {
          const R = rotationMatrix2d(a + b);
          const match = angles.some((c) => {
            const S = rotationMatrix2d(c);
            return Math.abs(S[0][0] - R[0][0]) < 1e-12 && Math.abs(S[1][0] - R[1][0]) < 1e-12;
          });
          expect(match).toBe(true);
        }
      }
    }
  });

  it('augmented copies are exact rotations of the points and keep their labels', () => {
    const angles = cyclicAngles(8);
    const set = augmentTrainingSet(MONO3, angles);
    expect(set.N).toBe(24);
    angles.forEach((t, m) => {
      const R = rotationMatrix2d(t);
      MONO3.forEach((p, i) => {
        const n = m * MONO3.length + i;
        expect(set.X[2 * n]).toBeCloseTo(R[0][0] * p.x[0] + R[0][1] * p.x[1], 6);
        expect(set.X[2 * n + 1]).toBeCloseTo(R[1][0] * p.x[0] + R[1][1] * p.x[1], 6);
        expect(set.Y[n]).toBe(p.y);
        // Rotations preserve the norm.
        expect(Math.hypot(set.X[2 * n], set.X[2 * n + 1])).toBeCloseTo(Math.hypot(p.x[0], p.x[1]), 5);
      });
    });
  });

  it('SO(2) partial augmentation draws k angles per step, reproducibly from (seed, step)', () => {
    const g = { kind: 'so2' as const, k: 4 };
    const a = augmentationAngles(g, 9, 17);
    expect(a).toHaveLength(4);
    expect(augmentationAngles(g, 9, 17)).toEqual(a);
    expect(augmentationAngles(g, 9, 18)).not.toEqual(a);
    for (const t of a) expect(t >= 0 && t < 2 * Math.PI).toBe(true);
  });
});

describe('polar evaluation grid', () => {
  it('is closed under C_n for n | 64: rotating a grid point lands on the permuted grid point', () => {
    const grid = makePolarGrid();
    expect(grid.size).toBe(24 * 64);
    for (const n of [2, 4, 8, 16]) {
      const shift = 64 / n;
      let worst = 0;
      for (let p = 0; p < grid.size; p += 7) {
        for (let m = 1; m < n; m++) {
          const [x, y] = [grid.points[2 * p], grid.points[2 * p + 1]];
          const t = (2 * Math.PI * m) / n;
          const q = rotatedIndex(grid, p, m * shift);
          const dx = Math.cos(t) * x - Math.sin(t) * y - grid.points[2 * q];
          const dy = Math.sin(t) * x + Math.cos(t) * y - grid.points[2 * q + 1];
          worst = Math.max(worst, Math.hypot(dx, dy));
        }
      }
      expect(worst).toBeLessThan(1e-5);
    }
  });
});

describe('critical learning rate', () => {
  it('is 2N/λ_max of the NTK: about 0.58 for mono3 with C8 and 0.31 without augmentation (calibration.md)', async () => {
    const { configCriticalLearningRate: criticalLearningRate, DEFAULT_CONFIG } = await import('../../../src/core');
    const c8 = criticalLearningRate(DEFAULT_CONFIG)!;
    const none = criticalLearningRate({ ...DEFAULT_CONFIG, group: { kind: 'cyclic', n: 1 } })!;
    expect(c8).toBeGreaterThan(0.55);
    expect(c8).toBeLessThan(0.61);
    expect(none).toBeGreaterThan(0.28);
    expect(none).toBeLessThan(0.34);
    expect(criticalLearningRate({ ...DEFAULT_CONFIG, activation: 'tanh' })).toBeUndefined();
  });
});
