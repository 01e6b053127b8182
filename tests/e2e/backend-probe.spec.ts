import { expect, test } from '@playwright/test';
import { collectErrors } from './helpers';

// The backend chosen by measured speed: on first use the toy lab's worker times a few steps of the configuration on
// every usable backend and trains on the fastest; the badge's details list each figure and name the chosen one.
// backend= forces one and skips the measurement, and the details say so.

const FIGURE = /(webgpu|webgl|wasm|cpu): (\d+(?:\.\d+)?) ms\/step on this configuration(, the fastest \(chosen\))?/g;

test('auto: the badge details list a ms/step figure per backend timed, and the fastest is the one chosen', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await page.goto('index.html#/lab/toy?E=16&width=32&steps=20');
  const badge = page.getByRole('status', { name: 'Compute backend' });
  await expect(badge).toHaveAttribute('data-backend', /webgpu|webgl|wasm|cpu/, { timeout: 30_000 });
  const chosen = await badge.getAttribute('data-backend');
  await page.getByTestId('backend-summary').click();
  const reasons = page.getByTestId('backend-reasons');
  await expect(reasons).toBeVisible();
  await expect(reasons).toContainText(`${chosen} chosen;`);
  const text = await reasons.innerText();
  console.log(`badge details: ${text}`);
  const parsed = [...text.matchAll(FIGURE)].map((m) => ({ name: m[1], ms: Number(m[2]), chosen: Boolean(m[3]) }));
  expect(parsed.length).toBeGreaterThanOrEqual(1);
  expect(parsed.filter((p) => p.chosen).map((p) => p.name)).toEqual([chosen]);
  const fastest = Math.min(...parsed.map((p) => p.ms));
  // The chosen one is the fastest, or within the 10% tie margin of it (the figures shown are rounded to 2 digits).
  expect(parsed.find((p) => p.chosen)!.ms).toBeLessThanOrEqual(1.15 * fastest);
  expect(parsed.every((p) => p.ms > 0)).toBe(true);
  // The whole probe is about a second (more only on a machine this loaded: the bound here is loose).
  const took = Number(/the probe took (\d+) ms/.exec((await badge.getAttribute('title')) ?? '')?.[1]);
  console.log(`probe: ${took} ms`);
  expect(took).toBeGreaterThan(0);
  expect(took).toBeLessThan(3000);
  // The software GPU adapters here are skipped, as before, with their reasons.
  if (!parsed.some((p) => p.name === 'webgl')) expect(text).toMatch(/webgl: (the WebGL renderer is software|WebGL 2 is not available)/);
  // Training then runs on the chosen backend.
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
});

test('backend=cpu: no measurement, and the details say so', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('index.html#/lab/toy?backend=cpu&E=4&width=8&steps=3');
  const badge = page.getByRole('status', { name: 'Compute backend' });
  await expect(badge).toHaveAttribute('data-backend', 'cpu', { timeout: 30_000 });
  await page.getByTestId('backend-summary').click();
  const reasons = page.getByTestId('backend-reasons');
  // With the training pool the details open with the worker count; the backend's own line follows unchanged.
  await expect(reasons).toHaveText(/^(\d+ training workers, each training a slice of the members on its own cpu backend\. )?cpu, as requested with backend= \(not measured\)$/);
  expect(await reasons.innerText()).not.toMatch(/ms\/step/);
});
