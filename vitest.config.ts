import { defineConfig } from 'vitest/config';

// Unit tests only: Node, tfjs CPU backend. The Playwright specs live in tests/e2e and are not Vitest's.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // The fused kernel's relaxed-SIMD build (fused multiply-add) is tested too; Node 20 validates it only with this.
    execArgv: ['--experimental-wasm-relaxed-simd'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
