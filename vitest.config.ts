import { defineConfig } from 'vitest/config';

// Unit tests only: Node, tfjs CPU backend. The Playwright specs live in tests/e2e and are not Vitest's.
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
