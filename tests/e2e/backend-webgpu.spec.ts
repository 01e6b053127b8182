import { expect, test } from '@playwright/test';
import { BASE_ARGS, CHROMIUM } from '../../playwright.config';

// Chromium's --enable-unsafe-webgpu gives a WebGPU adapter here, but a software one (SwiftShader), which the
// backend selection must detect and skip because wasm is faster.
test.use({ launchOptions: { executablePath: CHROMIUM, args: [...BASE_ARGS, '--enable-unsafe-webgpu'] } });

test('detects the software WebGPU adapter, skips it, and says why', async ({ page }) => {
  await page.goto('index.html#/lab/toy?steps=30&E=4&width=8');
  const badge = page.getByRole('status', { name: 'Compute backend' });
  await expect(badge).toContainText('webgpu: the WebGPU adapter is a software fallback', { timeout: 30_000 });
  await expect(badge).not.toContainText('backend: webgpu');
});
