import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// WebGPU in Node (tests/unit/engine/nodeWebgpu.ts): Dawn needs a Vulkan loader and driver. Debian's chromium ships
// both (SwiftShader, software). Set before the test workers start: the loader is found through LD_LIBRARY_PATH.
const CHROMIUM_VULKAN = '/usr/lib/chromium';
if (!process.env.VK_ICD_FILENAMES && existsSync(`${CHROMIUM_VULKAN}/vk_swiftshader_icd.json`)) {
  process.env.VK_ICD_FILENAMES = `${CHROMIUM_VULKAN}/vk_swiftshader_icd.json`;
  process.env.LD_LIBRARY_PATH = [process.env.LD_LIBRARY_PATH, CHROMIUM_VULKAN].filter(Boolean).join(':');
}

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
