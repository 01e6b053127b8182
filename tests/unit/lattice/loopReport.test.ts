import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import {
  SU2,
  U1,
  applyGaugeTransform,
  coldField,
  compareGaugeFields,
  createGeometry,
  hotField,
  identityGaugeTransform,
  linkOffset,
  loopReport,
  randomGaugeTransform,
  rectangleSteps,
  retargetElement,
  singleSiteGaugeTransform,
  siteElementFromAngles,
} from '../../../src/core/lattice';

describe('compareGaugeFields: traces stay, links move', () => {
  it('U(1), one site of a 4×4 lattice turned by α = 1.2: 4 of 32 links move by |e^{iα} − 1| = 2 sin 0.6 each', () => {
    const geom = createGeometry([4, 4]);
    const field = hotField(U1, geom, new Rng(3, 1));
    const after = applyGaugeTransform(field, singleSiteGaugeTransform(U1, geom, 5, siteElementFromAngles(U1, 1.2, 0, 0)));
    const c = compareGaugeFields(field, after);
    expect(c.totalLinks).toBe(32);
    expect(c.changedLinks).toBe(4);
    // (4 · 2 sin 0.6) / 32 = 0.25 sin 0.6
    expect(c.meanLinkChange).toBeCloseTo(0.1411606, 7);
    expect(c.maxTraceChange).toBeLessThan(1e-14);
  });

  it('SU(2), one site turned by α = 1.2: each of its 4 links moves by ‖Ω − 1‖_F = 2√2 sin(α/4)', () => {
    const geom = createGeometry([4, 4]);
    const field = hotField(SU2, geom, new Rng(3, 2));
    const after = applyGaugeTransform(field, singleSiteGaugeTransform(SU2, geom, 0, siteElementFromAngles(SU2, 1.2, 0.9, 0.4)));
    const c = compareGaugeFields(field, after);
    expect(c.changedLinks).toBe(4);
    expect(c.meanLinkChange).toBeCloseTo((4 * 2 * Math.SQRT2 * Math.sin(0.3)) / 32, 12);
    expect(c.meanLinkChange).toBeCloseTo(0.104482, 6);
    expect(c.maxTraceChange).toBeLessThan(1e-14);
  });

  it('a field compared with itself has changed nothing', () => {
    const geom = createGeometry([3, 3]);
    const field = hotField(SU2, geom, new Rng(1, 1));
    expect(compareGaugeFields(field, field)).toEqual({ maxTraceChange: 0, meanLinkChange: 0, changedLinks: 0, totalLinks: 18 });
  });
});

describe('siteElementFromAngles and retargetElement', () => {
  it('U(1): α = π/2 is i', () => {
    const e = siteElementFromAngles(U1, Math.PI / 2, 0, 0);
    expect(e[0]).toBeCloseTo(0, 15);
    expect(e[1]).toBeCloseTo(1, 15);
  });

  it('SU(2): α = 2π/3 about the y axis (ϑ = φ = π/2) is the quaternion (1/2, 0, √3/2, 0)', () => {
    const e = Array.from(siteElementFromAngles(SU2, (2 * Math.PI) / 3, Math.PI / 2, Math.PI / 2));
    [0.5, 0, Math.sqrt(3) / 2, 0].forEach((v, i) => expect(e[i]).toBeCloseTo(v, 15));
  });

  it('Δ = g_next g_current† takes the current element to the next: U(1) 0.3 → 1.0 is e^{0.7i}', () => {
    const d = retargetElement(U1, siteElementFromAngles(U1, 1, 0, 0), siteElementFromAngles(U1, 0.3, 0, 0));
    expect(d[0]).toBeCloseTo(0.764842, 6);
    expect(d[1]).toBeCloseTo(0.644218, 6);
    const cur = siteElementFromAngles(SU2, 0.7, 0.2, 1.1);
    const next = siteElementFromAngles(SU2, 2.5, 1.3, 4.0);
    const out = new Float64Array(4);
    SU2.mul(retargetElement(SU2, next, cur), 0, cur, 0, out, 0);
    expect(SU2.distance(out, 0, next, 0)).toBeLessThan(1e-15);
  });
});

describe('loopReport', () => {
  it('U(1) plaquette with one link at phase 1 on a cold lattice: θ = 1, f(θ) = 1 − 0.3 sin 2 for ε = 0.6', () => {
    const geom = createGeometry([4, 4]);
    const field = coldField(U1, geom);
    const o = linkOffset(field, 0, 0);
    field.links[o] = Math.cos(1);
    field.links[o + 1] = Math.sin(1);
    const r = loopReport(field, field, identityGaugeTransform(U1, geom.volume).omega, 0, rectangleSteps(0, 1, 1, 1), 0.6);
    expect(r.theta).toBeCloseTo(1, 14);
    expect(r.mappedTheta).toBeCloseTo(0.727211, 6);
    expect(r.traceNow[0]).toBeCloseTo(Math.cos(1), 14);
    expect(r.traceNow[1]).toBeCloseTo(Math.sin(1), 14);
    expect(r.mappedTrace).toBeCloseTo(0.747032, 6);
    expect(r.change).toBe(0);
  });

  for (const group of [U1, SU2]) {
    it(`${group.name}: a 2×3 loop after a random gauge transformation is the conjugate at its base point`, () => {
      const geom = createGeometry([6, 6]);
      const reference = hotField(group, geom, new Rng(11, 1));
      const t = randomGaugeTransform(group, geom, new Rng(11, 2));
      const r = loopReport(reference, applyGaugeTransform(reference, t), t.omega, 7, rectangleSteps(0, 1, 2, 3), 0.6);
      expect(r.conjugationError).toBeLessThan(1e-12);
      expect(r.productError).toBeLessThan(1e-12);
      expect(r.mappedError).toBeLessThan(1e-12);
      expect(Math.abs(r.traceNow[0] - r.traceBefore[0])).toBeLessThan(1e-12);
      // U(1) is abelian: the loop does not move at all; an SU(2) loop moves by O(1).
      if (group === U1) expect(r.change).toBeLessThan(1e-12);
      else expect(r.change).toBeGreaterThan(0.1);
    });
  }
});
