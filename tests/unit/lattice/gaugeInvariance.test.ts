import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import {
  SU2,
  U1,
  type GaugeGroup,
  applyGaugeTransform,
  averagePlaquette,
  createGeometry,
  hotField,
  pathProduct,
  plaquette,
  plaquetteTraces,
  polyakovLoop,
  randomGaugeTransform,
  singleSiteGaugeTransform,
  wilsonAction,
  wilsonLoop,
  wilsonLoopTable,
  type PathStep,
} from '../../../src/core/lattice';
import { complexAdjoint, complexConjugation, complexDistance, complexMatMul } from '../../../src/core/groups/complexMatrix';
import { unitQuaternionFromAxisAngle } from '../../../src/core/groups/su2';

const TOL = 1e-12;

function setup(group: GaugeGroup, dims: number[], seed: number) {
  const geom = createGeometry(dims);
  const field = hotField(group, geom, new Rng(seed, 1));
  const t = randomGaugeTransform(group, geom, new Rng(seed, 2));
  return { geom, field, t, transformed: applyGaugeTransform(field, t) };
}

for (const group of [U1, SU2]) {
  describe(`${group.name}: gauge invariance of traces under random gauge transformations`, () => {
    it('every plaquette trace, in every plane of a 4D lattice, is unchanged to 1e-12', () => {
      const { geom, field, transformed } = setup(group, [4, 3, 4, 3], 5);
      let worst = 0;
      for (let mu = 0; mu < 4; mu++) {
        for (let nu = mu + 1; nu < 4; nu++) {
          const a = plaquetteTraces(field, mu, nu);
          const b = plaquetteTraces(transformed, mu, nu);
          for (let x = 0; x < geom.volume; x++) worst = Math.max(worst, Math.abs(a[x] - b[x]));
        }
      }
      expect(worst).toBeLessThan(TOL);
      // The links themselves change by O(1).
      let linkChange = 0;
      for (let l = 0; l < geom.volume * geom.d; l++) linkChange += group.distance(field.links, l * group.stride, transformed.links, l * group.stride);
      expect(linkChange / (geom.volume * geom.d)).toBeGreaterThan(0.5);
    });

    it('R×T Wilson loop traces (R, T ≤ 4, all base points) are unchanged to 1e-12', () => {
      const { geom, field, transformed } = setup(group, [8, 8], 6);
      let worst = 0;
      for (let x = 0; x < geom.volume; x += 3) {
        for (let R = 1; R <= 4; R++) {
          for (let T = 1; T <= 4; T++) {
            const a = wilsonLoop(field, x, 0, 1, R, T);
            const b = wilsonLoop(transformed, x, 0, 1, R, T);
            worst = Math.max(worst, Math.abs(group.traceRe(a, 0) - group.traceRe(b, 0)), Math.abs(group.traceIm(a, 0) - group.traceIm(b, 0)));
          }
        }
      }
      expect(worst).toBeLessThan(TOL);
      const ta = wilsonLoopTable(field, 4, 4);
      const tb = wilsonLoopTable(transformed, 4, 4);
      for (let i = 0; i < ta.length; i++) expect(Math.abs(ta[i] - tb[i])).toBeLessThan(TOL);
    });

    it('Polyakov loops along every direction of a 3D lattice are unchanged to 1e-12', () => {
      const { geom, field, transformed } = setup(group, [6, 5, 4], 7);
      let worst = 0;
      for (let x = 0; x < geom.volume; x++) {
        for (let mu = 0; mu < 3; mu++) {
          const [ar, ai] = polyakovLoop(field, x, mu);
          const [br, bi] = polyakovLoop(transformed, x, mu);
          worst = Math.max(worst, Math.abs(ar - br), Math.abs(ai - bi));
        }
      }
      expect(worst).toBeLessThan(TOL);
    });

    it('the Wilson action is unchanged', () => {
      const { field, transformed } = setup(group, [6, 6], 8);
      expect(Math.abs(wilsonAction(field, 2.3) - wilsonAction(transformed, 2.3))).toBeLessThan(1e-10);
      expect(Math.abs(averagePlaquette(field) - averagePlaquette(transformed))).toBeLessThan(TOL);
    });
  });

  describe(`${group.name}: the covariant law`, () => {
    it('plaquettes and R×T loops transform by conjugation at their base point: W → Ω(x) W Ω(x)†', () => {
      const { geom, field, t, transformed } = setup(group, [6, 6], 9);
      let worst = 0;
      for (let x = 0; x < geom.volume; x++) {
        const om = group.toMatrix(t.omega, x * group.stride);
        const p = group.toMatrix(plaquette(field, x, 0, 1), 0);
        const pT = group.toMatrix(plaquette(transformed, x, 0, 1), 0);
        worst = Math.max(worst, complexDistance(pT, complexConjugation(om, p)));
        const w = group.toMatrix(wilsonLoop(field, x, 1, 0, 2, 3), 0);
        const wT = group.toMatrix(wilsonLoop(transformed, x, 1, 0, 2, 3), 0);
        worst = Math.max(worst, complexDistance(wT, complexConjugation(om, w)));
      }
      expect(worst).toBeLessThan(TOL);
    });

    it('open paths transform as P → Ω(start) P Ω(end)†; products of loops at one base point are equivariant', () => {
      const { field, t, transformed } = setup(group, [6, 6], 10);
      const steps: PathStep[] = [
        { mu: 0, forward: true },
        { mu: 1, forward: true },
        { mu: 1, forward: true },
        { mu: 0, forward: false },
        { mu: 0, forward: false },
      ];
      const start = 7;
      const a = pathProduct(field, start, steps);
      const b = pathProduct(transformed, start, steps);
      const omS = group.toMatrix(t.omega, start * group.stride);
      const omE = group.toMatrix(t.omega, a.end * group.stride);
      const expected = complexMatMul(complexMatMul(omS, group.toMatrix(a.element, 0)), complexAdjoint(omE));
      expect(complexDistance(group.toMatrix(b.element, 0), expected)).toBeLessThan(TOL);
      // Product of two loops based at `start`.
      const w1 = group.toMatrix(wilsonLoop(field, start, 0, 1, 2, 1), 0);
      const w2 = group.toMatrix(plaquette(field, start, 0, 1), 0);
      const w1T = group.toMatrix(wilsonLoop(transformed, start, 0, 1, 2, 1), 0);
      const w2T = group.toMatrix(plaquette(transformed, start, 0, 1), 0);
      expect(complexDistance(complexMatMul(w1T, w2T), complexConjugation(omS, complexMatMul(w1, w2)))).toBeLessThan(TOL);
    });

    it('a single-site transformation changes only the 2d links that touch the site', () => {
      const geom = createGeometry([5, 5]);
      const field = hotField(group, geom, new Rng(12));
      const g = group.name === 'SU2' ? Float64Array.from(unitQuaternionFromAxisAngle([0.3, -1, 0.5], -2.0)) : Float64Array.of(Math.cos(1), Math.sin(1));
      const site = 13;
      const out = applyGaugeTransform(field, singleSiteGaugeTransform(group, geom, site, g));
      let changed = 0;
      for (let l = 0; l < geom.volume * geom.d; l++) {
        if (group.distance(field.links, l * group.stride, out.links, l * group.stride) > 1e-9) changed++;
      }
      expect(changed).toBe(2 * geom.d);
    });
  });
}
