import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/core/rng';
import {
  SU2,
  U1,
  createGeometry,
  createLcnnWeights,
  gaugeResponse,
  hotField,
  lcnnParameterCount,
  randomGaugeTransform,
  coldField,
  heatBathSweepSU2,
} from '../../../src/core/lattice';

describe('L-CNN vs baseline under a random gauge transformation', () => {
  it('SU(2), 8×8: L-CNN matrices equivariant and traces invariant to 1e-12; baseline traces move by O(1)', () => {
    const geom = createGeometry([8, 8]);
    const field = coldField(SU2, geom);
    const rng = new Rng(4);
    // A thermalised β = 3 field, so the plaquettes are not Haar noise.
    for (let i = 0; i < 20; i++) heatBathSweepSU2(field, 3, rng);
    const w = createLcnnWeights(9, 2);
    const r = gaugeResponse(field, w, randomGaugeTransform(SU2, geom, new Rng(5)));
    expect(r.lcnn.maxEquivarianceError).toBeLessThan(1e-12);
    expect(r.lcnn.maxTraceChange).toBeLessThan(1e-12);
    expect(r.lcnn.relativeTraceChange).toBeLessThan(1e-14);
    expect(r.baseline.relativeTraceChange).toBeGreaterThan(0.3);
    expect(r.baseline.maxEquivarianceError).toBeGreaterThan(0.3);
  });

  it('U(1), 3D: the same holds in every plane', () => {
    const geom = createGeometry([4, 4, 4]);
    const field = hotField(U1, geom, new Rng(6));
    const w = createLcnnWeights(10, 3, { K: 2 });
    const r = gaugeResponse(field, w, randomGaugeTransform(U1, geom, new Rng(7)));
    expect(r.lcnn.maxTraceChange).toBeLessThan(1e-12);
    expect(r.baseline.relativeTraceChange).toBeGreaterThan(0.3);
  });

  it('both networks have the same parameter count: C₁C₀(1 + 2dK) + C₂C₁C₀', () => {
    const w = createLcnnWeights(1, 2);
    expect(lcnnParameterCount(w)).toBe(4 * 2 * 5 + 4 * 4 * 2);
  });
});
