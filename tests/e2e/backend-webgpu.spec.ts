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

test('a destroyed WebGPU device: the run falls back to the next backend and resumes from its checkpoint', async ({ page }) => {
  test.setTimeout(120_000);
  // Forced onto the (software) WebGPU adapter so there is a device to destroy.
  await page.goto('index.html#/lab/toy?backend=webgpu&faults=1&E=4&width=8&steps=300');
  const badge = page.getByRole('status', { name: 'Compute backend' });
  await expect(badge).toContainText('backend: webgpu', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Play' }).click();
  const snapshotSteps = async () =>
    (await page.getByRole('group', { name: 'Jump to snapshot' }).getByRole('button').allTextContents()).map(Number);
  await expect.poll(snapshotSteps, { timeout: 60_000 }).toContain(30);
  await page.evaluate(() => (window as unknown as { symlabFaults: { loseDevice(): void } }).symlabFaults.loseDevice());
  await expect(page.getByTestId('recovery-notice')).toContainText(/WebGPU device was lost.*resumed the run from step \d+/, { timeout: 30_000 });
  await expect(badge).not.toContainText('backend: webgpu');
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 90_000 });
  expect(await snapshotSteps()).toEqual([0, 1, 2, 3, 5, 10, 30, 100, 300]);
});
