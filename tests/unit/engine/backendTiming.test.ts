import { describe, expect, it } from 'vitest';
import { chooseByTiming, cpuFitsProbe, CPU_SLOWDOWN_BOUND, CPU_STEP_FLOOR_MS, timingClass } from '../../../src/core/ensemble/backendTiming';

const ORDER = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** chooseByTiming in the usual order, from ms per step by backend name (in the order they were timed). */
function choose(msPerStep: Record<string, number>) {
  return chooseByTiming(Object.entries(msPerStep).map(([name, ms]) => ({ name, msPerStep: ms })), ORDER);
}

describe('choosing the backend by measured speed', () => {
  it('takes the fastest and says by how much', () => {
    const c = choose({ webgpu: 0.5, wasm: 2.0, cpu: 107 });
    expect(c.backend).toBe('webgpu');
    expect(c.summary).toBe('measured on this configuration: webgpu 0.50 ms/step, wasm 2.0 ms/step, cpu 107 ms/step; webgpu is fastest, 4.0× the next');
  });

  it('picks wasm over a slower GPU: the fixed order would have picked the GPU', () => {
    const c = choose({ webgpu: 6.1, webgl: 9.0, wasm: 2.0 });
    expect(c.backend).toBe('wasm');
    expect(c.summary).toMatch(/wasm is fastest, 3\.0× the next$/);
  });

  it('breaks a tie within 10% by the usual order, and a 12% lead is not a tie', () => {
    expect(choose({ wasm: 2.0, webgpu: 2.19 })).toEqual({
      backend: 'webgpu',
      summary: 'measured on this configuration: wasm 2.0 ms/step, webgpu 2.2 ms/step; webgpu and wasm are within 10% (noise): webgpu, first in the usual order',
    });
    expect(choose({ wasm: 2.0, webgpu: 2.24 }).backend).toBe('wasm');
  });

  it('ignores untimed backends, and refuses when none was timed', () => {
    const c = chooseByTiming([{ name: 'webgpu', msPerStep: null, note: 'software adapter' }, { name: 'wasm', msPerStep: 3.14159 }], ORDER);
    expect(c).toEqual({ backend: 'wasm', summary: 'measured on this configuration: wasm 3.1 ms/step; wasm is the only backend timed' });
    expect(() => chooseByTiming([{ name: 'cpu', msPerStep: null }], ORDER)).toThrow(/no backend was timed/);
  });
});

describe('the configuration class of a measurement: ⌊log₄(E·W²)⌋', () => {
  it('changes when E·W² crosses a power of 4, not within', () => {
    expect(timingClass(64, 64)).toBe(9); // 4⁹ exactly: the default
    expect(timingClass(64, 90)).toBe(9); // 518,400 < 4¹⁰
    expect(timingClass(64, 128)).toBe(10); // 4¹⁰
    expect(timingClass(256, 64)).toBe(10);
    expect(timingClass(16, 64)).toBe(8);
    expect(timingClass(1, 2)).toBe(1);
    expect(timingClass(256, 1024)).toBe(14);
  });
});

describe('whether the cpu backend is worth timing', () => {
  it('only when (steps + 1) · max(60 · t_wasm, 200 ms) fits the budget left, or when wasm was not timed', () => {
    expect([CPU_SLOWDOWN_BOUND, CPU_STEP_FLOOR_MS]).toEqual([60, 200]);
    expect(cpuFitsProbe(0.78, 400)).toBe(true); // small sizes: the 200 ms floor, 2 · 200 = 400
    expect(cpuFitsProbe(0.78, 399)).toBe(false);
    expect(cpuFitsProbe(5, 600)).toBe(true); // 2 · 300 = 600
    expect(cpuFitsProbe(5, 599)).toBe(false);
    expect(cpuFitsProbe(5, 900, 2)).toBe(true); // 3 · 300
    expect(cpuFitsProbe(110, 1000)).toBe(false); // E = 64, W = 512 on wasm
    expect(cpuFitsProbe(null, 0)).toBe(true);
  });
});
