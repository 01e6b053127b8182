import { expect, test, type Page } from '@playwright/test';
import { BASE_ARGS, CHROMIUM } from '../../playwright.config';
import { collectErrors } from './helpers';

// The fused WGSL training step in Chromium, on the software WebGPU adapter (SwiftShader) forced with backend=webgpu:
// the badge says the fused step is used, and a short C4 run gives the same orbit curve as the wasm backend; the images
// lab's worker installs the WGSL cross-entropy step (its shaders compile in Chrome's Dawn too) and trains with it.
test.use({ launchOptions: { executablePath: CHROMIUM, args: [...BASE_ARGS, '--enable-unsafe-webgpu'] } });

const RUN = 'group=C4&E=8&width=24&steps=100';

async function trainAndReadMean(page: Page, backend: string): Promise<{ badge: string; mean: number[] }> {
  await page.goto(`index.html#/lab/orbit?backend=${backend}&${RUN}`);
  const badge = page.getByRole('status', { name: 'Compute backend' });
  await expect(badge).toContainText(`backend: ${backend}`, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 120_000 });
  const mean = JSON.parse((await page.getByTestId('orbit-curve').getAttribute('data-mean-values')) ?? '[]') as number[];
  return { badge: `${await badge.textContent()} [${await badge.getAttribute('title')}]`, mean };
}

test('backend=webgpu trains with the fused WGSL step and gives the numbers wasm gives', async ({ page, context }) => {
  test.setTimeout(240_000);
  const errors = collectErrors(page);
  const gpu = await trainAndReadMean(page, 'webgpu');
  expect(gpu.badge).toContain('fused WGSL training step');
  expect(gpu.badge).not.toMatch(/did not compile|switched off/);
  // A fresh page: the worker picks its backend once per page.
  const cpu = await trainAndReadMean(await context.newPage(), 'wasm');
  expect(cpu.badge).toContain('fused SIMD training step');
  expect(gpu.mean).toHaveLength(64);
  const scale = Math.max(...cpu.mean.map(Math.abs));
  expect(scale).toBeGreaterThan(0.05);
  // f32 on both, different summation orders: 100 steps agree to 1e-4 of the curve's scale.
  const diff = Math.max(...gpu.mean.map((v, k) => Math.abs(v - cpu.mean[k])));
  expect(diff / scale).toBeLessThan(1e-4);
  expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
});

test('the images lab on backend=webgpu trains with the WGSL cross-entropy step and finishes the tiny run', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  await page.goto('index.html#/lab/images?preset=tiny&group=C4&backend=webgpu');
  const badge = page.getByRole('status', { name: 'Compute backend' });
  await expect(badge).toHaveAttribute('title', /fused WGSL cross-entropy step/, { timeout: 60_000 });
  await expect(badge).not.toHaveAttribute('title', /did not compile|switched off/);
  await expect(page.getByTestId('images-data')).toHaveAttribute('data-value', '8000', { timeout: 60_000 });
  await page.getByTestId('images-run').click();
  await expect(page.getByTestId('images-phase')).toHaveAttribute('data-value', 'done', { timeout: 240_000 });
  // C4 rotations permute pixels exactly, so the canonicalised route scores |G| = 4 whatever the backend.
  expect(Number(await page.getByTestId('images-osp-canonical-C4').getAttribute('data-value'))).toBe(4);
  expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
});
