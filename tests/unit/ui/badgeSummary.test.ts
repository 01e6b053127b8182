/** The header badge's one-line summary follows the reason the worker reported (src/worker/backend.ts wording). */
import { describe, expect, it } from 'vitest';
import { badgeSummary, poolLine } from '../../../src/ui/shell/BackendBadge';

describe('badgeSummary', () => {
  it('names the fused kernel only when the worker loaded it, and stays within 30 characters', () => {
    const fused = badgeSummary('wasm', 'wasm: webgpu skipped (no adapter); webgl skipped (software renderer); fused SIMD training step (relaxed SIMD)');
    expect(fused).toBe('wasm · fused SIMD');
    expect(`backend: ${fused}`.length).toBeLessThanOrEqual(30);
    expect(badgeSummary('wasm', 'wasm: the fastest kind available; the fused kernel failed to compile, so the step runs as tfjs ops')).toBe('wasm · tfjs ops');
    expect(badgeSummary('webgl', 'webgl: the fastest kind available')).toBe('webgl');
    expect(badgeSummary('cpu', 'cpu, as requested')).toBe('cpu');
    // A pool of training workers shows its size; one worker shows none.
    expect(badgeSummary('wasm', 'wasm: fused SIMD training step', 3)).toBe('wasm · fused SIMD ×3');
    expect(badgeSummary('wasm', 'wasm: fused SIMD training step', 1)).toBe('wasm · fused SIMD');
  });

  it('says which backend each pool worker trains on when they differ, and never claims a shared one then', () => {
    expect(poolLine(1, 'wasm', ['wasm'])).toBe('');
    expect(poolLine(2, 'wasm', ['wasm', 'wasm'])).toBe('2 training workers, each training a slice of the members on its own wasm backend. ');
    const mixed = poolLine(3, 'webgpu', ['webgpu', 'webgl', 'webgpu']);
    expect(mixed).toBe('3 training workers, each training a slice of the members on its own backend: worker 1 on webgpu, worker 2 on webgl, worker 3 on webgpu. ');
    expect(mixed).not.toMatch(/own webgpu backend/);
  });
});
