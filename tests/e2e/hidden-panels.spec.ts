import { expect, test, type Page } from '@playwright/test';
import { emulatePageHidden } from './helpers';

/**
 * Panels with their own worker stop computing while the page is hidden and continue on return (the toy trainer and
 * the lattice have their own tests in reliability.spec.ts and reliability-loops.spec.ts). `read` returns a progress
 * counter shown on the page; it must hold still for 1.5 s while hidden and move again once shown.
 */
async function holdsWhileHidden(page: Page, read: () => Promise<number>, label: string): Promise<void> {
  await emulatePageHidden(page, true);
  await page.waitForTimeout(700); // the slice in flight and its progress report land
  const held = await read();
  await page.waitForTimeout(1500);
  expect(await read(), `${label} moved while hidden`).toBe(held);
  await emulatePageHidden(page, false);
  await expect.poll(read, { timeout: 60_000 }).toBeGreaterThan(held);
  console.log(`${label}: held at ${held} while hidden, then continued`);
}

test('image training pauses while the page is hidden', async ({ page }) => {
  test.setTimeout(120_000);
  // Quick (200 steps): with the fused cross-entropy kernel Tiny's 36 steps end before the page can be hidden.
  await page.goto('index.html#/lab/images?preset=quick&group=C4');
  const phase = page.getByTestId('images-phase');
  const step = async () => Number(/step (\d+) \//.exec((await phase.textContent()) ?? '')?.[1] ?? NaN);
  await page.getByTestId('images-run').click();
  await expect.poll(step, { timeout: 60_000, intervals: [50] }).toBeGreaterThanOrEqual(2);
  await holdsWhileHidden(page, step, 'image training step');
  await expect(phase).toHaveAttribute('data-value', 'done', { timeout: 120_000 });
});

test('the NTK width sweep pauses while the page is hidden', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('index.html#/lab/ntk?E=4&width=16&steps=1');
  await page.getByRole('button', { name: 'Measure the NTK against width' }).click();
  // Progress as one number: width × 10 + member, from "width 128, member 2 of 4".
  const progress = async () => {
    const text = await page.getByText(/width \d+, member \d+ of/).textContent({ timeout: 1000 }).catch(() => '');
    const m = /width (\d+), member (\d+) of/.exec(text ?? '');
    return m ? Number(m[1]) * 10 + Number(m[2]) : 0;
  };
  await expect.poll(progress, { timeout: 60_000, intervals: [50] }).toBeGreaterThanOrEqual(321);
  await holdsWhileHidden(page, progress, 'NTK width sweep');
});

test('vector lab training pauses while the page is hidden', async ({ page }) => {
  test.setTimeout(120_000);
  // Wide enough that the run lasts seconds (the fused wasm step finishes E = 8, width 16 in under one).
  await page.goto('index.html#/lab/vector?tab=plane&E=32&width=128&steps=2000&group=8&rep=defining');
  await expect(page.getByTestId('plane-play')).toBeEnabled();
  await page.getByTestId('plane-play').click();
  const step = async () => Number(await page.getByTestId('plane-step').getAttribute('data-value'));
  await expect.poll(step, { timeout: 60_000, intervals: [50] }).toBeGreaterThan(20);
  await holdsWhileHidden(page, step, 'vector lab step');
});
