import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import {
  clebschGordan,
  clebschGordanMatrix,
  clebschGordanBlockError,
  tensorProductSpins,
  haarRandomUnitQuaternion,
  repMatrix,
} from '../../../src/core/groups';

const { matMul, transpose, maxAbsDifference, identityMatrix } = repMatrix;
const HALF_STEPS = [0, 0.5, 1, 1.5, 2];

describe('Clebsch–Gordan coefficients', () => {
  it('match known values (Condon–Shortley phases)', () => {
    const cases: [number, number, number, number, number, number, number][] = [
      [0.5, 0.5, 0.5, -0.5, 1, 0, Math.SQRT1_2],
      [0.5, -0.5, 0.5, 0.5, 1, 0, Math.SQRT1_2],
      [0.5, 0.5, 0.5, -0.5, 0, 0, Math.SQRT1_2],
      [0.5, -0.5, 0.5, 0.5, 0, 0, -Math.SQRT1_2],
      [0.5, 0.5, 0.5, 0.5, 1, 1, 1],
      [1, 1, 1, -1, 0, 0, 1 / Math.sqrt(3)],
      [1, 0, 1, 0, 0, 0, -1 / Math.sqrt(3)],
      [1, 1, 1, -1, 1, 0, Math.SQRT1_2],
      [1, 0, 1, 0, 1, 0, 0],
      [1, 1, 1, -1, 2, 0, 1 / Math.sqrt(6)],
      [1, 0, 1, 0, 2, 0, Math.sqrt(2 / 3)],
      [1, 1, 0.5, -0.5, 1.5, 0.5, 1 / Math.sqrt(3)],
      [1, 0, 0.5, 0.5, 1.5, 0.5, Math.sqrt(2 / 3)],
      [1, 1, 0.5, -0.5, 0.5, 0.5, Math.sqrt(2 / 3)],
      [1, 0, 0.5, 0.5, 0.5, 0.5, -1 / Math.sqrt(3)],
      [2, 2, 2, -2, 0, 0, 1 / Math.sqrt(5)],
      [1.5, 1.5, 1.5, -1.5, 0, 0, 0.5],
    ];
    for (const [j1, m1, j2, m2, J, M, expected] of cases) {
      expect(Math.abs(clebschGordan(j1, m1, j2, m2, J, M) - expected), `<${j1} ${m1}; ${j2} ${m2}|${J} ${M}>`).toBeLessThan(1e-14);
    }
  });

  it('vanish outside the selection rules', () => {
    expect(clebschGordan(1, 1, 1, 0, 2, 0)).toBe(0); // M ≠ m1 + m2
    expect(clebschGordan(1, 1, 1, 1, 3, 2)).toBe(0); // J > j1 + j2
    expect(clebschGordan(2, 0, 0.5, 0.5, 1, 0.5)).toBe(0); // J < |j1 − j2|
    expect(() => clebschGordan(0.3, 0, 1, 0, 1, 0)).toThrow(/multiple of ½/);
  });

  it('the coefficient matrix is orthogonal for every j1, j2 ≤ 2 (step ½), with Σ(2J+1) = (2j1+1)(2j2+1)', () => {
    let worst = 0;
    for (const j1 of HALF_STEPS)
      for (const j2 of HALF_STEPS) {
        const c = clebschGordanMatrix(j1, j2);
        const d = (2 * j1 + 1) * (2 * j2 + 1);
        expect(c.length).toBe(d);
        expect(tensorProductSpins(j1, j2).reduce((s, J) => s + 2 * J + 1, 0)).toBe(d);
        worst = Math.max(worst, maxAbsDifference(matMul(transpose(c), c), identityMatrix(d)));
        worst = Math.max(worst, maxAbsDifference(matMul(c, transpose(c)), identityMatrix(d)));
      }
    expect(worst).toBeLessThan(1e-13);
  });

  it('Cᵀ(D^{j1} ⊗ D^{j2})C = ⊕_J D^J to 1e-10 for every j1, j2 ≤ 3 (step ½) at random SU(2) elements', () => {
    const rng = new Rng(13, 1);
    let worst = 0;
    const pairs: [number, number][] = [];
    for (let a = 0; a <= 6; a++) for (let b = 0; b <= 6; b++) pairs.push([a / 2, b / 2]);
    for (const [j1, j2] of pairs)
      for (let s = 0; s < 5; s++) worst = Math.max(worst, clebschGordanBlockError(j1, j2, haarRandomUnitQuaternion(rng)));
    expect(worst).toBeLessThan(1e-10);
  });
});
