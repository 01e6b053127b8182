import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import {
  SU2,
  checkSitePath,
  createGeometry,
  hotField,
  pathProduct,
  rectangleSites,
  siteIndex,
  wilsonLoop,
  clampBeta,
  clampLatticeSize,
  clampLoopExtent,
  normalizeWilsonLoopOptions,
} from '../../../src/core/lattice';

describe('clicked paths', () => {
  const dims = [6, 6];
  it('an open path is refused with the reason', () => {
    const sites = [siteIndex(dims, [1, 1]), siteIndex(dims, [2, 1]), siteIndex(dims, [2, 2])];
    const c = checkSitePath(dims, sites);
    expect(c.closed).toBe(false);
    expect(c.reason).toMatch(/open: it starts at \(1, 1\) but ends at \(2, 2\)/);
  });
  it('a jump between non-neighbours is refused with the reason', () => {
    const c = checkSitePath(dims, [siteIndex(dims, [0, 0]), siteIndex(dims, [2, 0])]);
    expect(c.closed).toBe(false);
    expect(c.reason).toMatch(/not neighbours/);
  });
  it('a closed clicked rectangle gives the same matrix as wilsonLoop, and wraps periodically', () => {
    const geom = createGeometry(dims);
    const field = hotField(SU2, geom, new Rng(3));
    const start = siteIndex(dims, [5, 4]);
    const sites = rectangleSites(dims, start, 0, 1, 2, 3);
    const c = checkSitePath(dims, sites);
    expect(c.closed).toBe(true);
    const a = pathProduct(field, start, c.steps);
    expect(a.end).toBe(start);
    const b = wilsonLoop(field, start, 0, 1, 2, 3);
    for (let k = 0; k < 4; k++) expect(a.element[k]).toBeCloseTo(b[k], 15);
  });
});

describe('bad input is clamped and reported', () => {
  it('L outside 2…64, negative β, loops larger than the lattice', () => {
    const n: string[] = [];
    expect(clampLatticeSize(1, n)).toBe(2);
    expect(clampLatticeSize(100, n)).toBe(64);
    expect(clampBeta(-1, n)).toBe(0);
    expect(clampLoopExtent('R', 20, 16, n)).toBe(8);
    expect(clampLoopExtent('R', 5, 6, n)).toBe(3);
    expect(n.length).toBe(5);
    expect(n[2]).toMatch(/negative/);
    const { options, notices } = normalizeWilsonLoopOptions({ group: 'SU2', L: 0, beta: -2, thermalize: 10, sweeps: 10, seed: 1, maxR: 9, maxT: 1 });
    expect(options.L).toBe(2);
    expect(options.beta).toBe(0);
    expect(options.maxR).toBe(1);
    expect(notices.length).toBe(3);
  });
});
