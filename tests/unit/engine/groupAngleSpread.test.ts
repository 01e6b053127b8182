/** Group angles, the group-vs-circle spread of an orbit curve, and the covering radius κ of C_k in SO(2). */
import { describe, expect, it } from 'vitest';
import { groupAndCircleSpread, groupAngles, subgroupCoveringRadius } from '../../../src/core/metrics/groupAngleSpread';

describe('group angles and spreads', () => {
  it('lists the n angles 2πm/n', () => {
    expect(groupAngles(4)).toEqual([0, Math.PI / 2, Math.PI, (3 * Math.PI) / 2]);
    expect(groupAngles(8)).toHaveLength(8);
  });

  it('a 2π/n-periodic function has zero spread over C_n but not over the circle', () => {
    const f = (t: number) => 0.3 + Math.cos(8 * t);
    const s8 = groupAndCircleSpread(f, 8, 128);
    expect(s8.group).toBeLessThan(1e-12);
    expect(s8.circle).toBeCloseTo(2, 12);
    // Under C16 the same function is not invariant: cos(8·2πm/16) = ±1.
    expect(groupAndCircleSpread(f, 16, 128).group).toBeCloseTo(2, 12);
    // A constant has zero spread everywhere.
    expect(groupAndCircleSpread(() => 1, 8).circle).toBe(0);
  });

  it('κ = 2 sin(π/2k): 0.765 for C4, 0.390 for C8, 0.196 for C16 (theory.md §1)', () => {
    expect(subgroupCoveringRadius(4)).toBeCloseTo(0.7654, 4);
    expect(subgroupCoveringRadius(8)).toBeCloseTo(0.3902, 4);
    expect(subgroupCoveringRadius(16)).toBeCloseTo(0.1960, 4);
    // The definition: the farthest rotation from C_k is π/k away, and ‖R(α) − I‖₂ = 2 sin(α/2).
    const alpha = Math.PI / 8;
    const normRminusI = Math.hypot(Math.cos(alpha) - 1, Math.sin(alpha));
    expect(subgroupCoveringRadius(8)).toBeCloseTo(normRminusI, 12);
  });
});
