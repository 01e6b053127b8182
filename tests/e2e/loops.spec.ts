import { expect, test, type Page } from '@playwright/test';
import { collectErrors } from './helpers';

/** RGBA at every link midpoint and every plaquette centre of the lattice canvas, read from its backing store. */
async function samplePixels(page: Page): Promise<{ links: number[]; plaquettes: number[] }> {
  return page.getByTestId('lattice-canvas').evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const ctx = c.getContext('2d')!;
    const cell = Number(c.dataset.cell);
    const margin = Number(c.dataset.margin);
    const size = Number(c.dataset.size);
    const L = Number(c.dataset.l);
    const scale = c.width / size;
    const img = ctx.getImageData(0, 0, c.width, c.height).data;
    const at = (x: number, y: number) => {
      const o = (Math.round(y * scale) * c.width + Math.round(x * scale)) * 4;
      return [img[o], img[o + 1], img[o + 2], img[o + 3]];
    };
    const links: number[] = [];
    const plaquettes: number[] = [];
    for (let j = 0; j < L; j++) {
      for (let i = 0; i < L; i++) {
        const px = margin + i * cell;
        const py = size - margin - j * cell;
        links.push(...at(px + cell / 2, py), ...at(px, py - cell / 2));
        // Off-centre, away from the submitted-loop and cursor overlays that sit on links and sites.
        plaquettes.push(...at(px + cell / 2, py - cell / 2 - 0.2 * cell));
      }
    }
    return { links, plaquettes };
  });
}

function changedFraction(a: number[], b: number[]): number {
  let changed = 0;
  for (let k = 0; k < a.length; k += 4) {
    if (Math.abs(a[k] - b[k]) + Math.abs(a[k + 1] - b[k + 1]) + Math.abs(a[k + 2] - b[k + 2]) > 6) changed++;
  }
  return changed / (a.length / 4);
}

test.beforeEach(async ({ page }) => {
  // Record main-thread long tasks (> 50 ms) from the start.
  await page.addInitScript(() => {
    (window as unknown as { __longTasks: number[] }).__longTasks = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) (window as unknown as { __longTasks: number[] }).__longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    } catch {
      /* longtask not supported */
    }
  });
});

test('random gauge transformation recolours links, keeps plaquettes; Wilson chart shows points and the exact line', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('index.html#/lab/loops');
  await expect(page.getByTestId('lattice-canvas')).toBeVisible();

  // The panel samples on load (SU(2), β = 2, 16×16, R, T ≤ 4): 16 points and one exact line.
  const chart = page.getByTestId('wilson-chart');
  await expect(chart.locator('circle.wl-point')).toHaveCount(16, { timeout: 90_000 });
  await expect(chart.locator('polyline.exact-line')).toHaveCount(1);
  const exactPoints = (await chart.locator('polyline.exact-line').getAttribute('points'))!.trim().split(/\s+/).length;
  expect(exactPoints).toBeGreaterThan(10);
  await expect(page.getByTestId('sampling-status')).toContainText('Done');
  await expect(page.getByTestId('eigenphase-chart').locator('rect.eig-bar')).toHaveCount(36);

  const before = await samplePixels(page);
  await page.getByRole('button', { name: /random gauge transformation/i }).click();
  const readout = page.getByTestId('max-dtrace');
  await expect(readout).toBeVisible();
  const after = await samplePixels(page);

  const linkChange = changedFraction(before.links, after.links);
  const plaquetteChange = changedFraction(before.plaquettes, after.plaquettes);
  console.log(`link pixels changed: ${(100 * linkChange).toFixed(1)} %, plaquette pixels changed: ${(100 * plaquetteChange).toFixed(1)} %`);
  expect(linkChange).toBeGreaterThan(0.5);
  expect(plaquetteChange).toBe(0);

  const maxDTrace = Number(await readout.getAttribute('data-value'));
  const textValue = Number((await readout.textContent())!.trim());
  const meanDLink = Number(await page.getByTestId('mean-dlink').getAttribute('data-value'));
  console.log(`max |Δ tr U_p|/N = ${maxDTrace}, mean ‖ΔU_link‖ = ${meanDLink}`);
  expect(maxDTrace).toBeLessThan(1e-10);
  expect(textValue).toBeLessThan(1e-10);
  expect(meanDLink).toBeGreaterThan(0.5);

  // The L-CNN comparison (worker) is invariant to rounding; the baseline moves.
  await expect(page.getByTestId('lcnn-max')).toBeVisible({ timeout: 30_000 });
  const lcnnMax = Number(await page.getByTestId('lcnn-max').getAttribute('data-value'));
  const baseRel = Number(await page.getByTestId('baseline-rel').getAttribute('data-value'));
  console.log(`L-CNN max |Δ tr| = ${lcnnMax}, baseline relative change = ${baseRel}`);
  expect(lcnnMax).toBeLessThan(1e-10);
  expect(baseRel).toBeGreaterThan(0.1);

  // Sampling a larger lattice keeps the main thread free: record the longest task while it runs.
  await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks.length = 0));
  await page.getByLabel('Measured sweeps').fill('3000');
  await page.getByRole('button', { name: 'Run Monte Carlo' }).click();
  await expect(page.getByRole('progressbar', { name: 'Monte Carlo progress' })).toBeVisible();
  await expect(page.getByTestId('sampling-status')).toContainText('Done', { timeout: 90_000 });
  const longest = await page.evaluate(() => Math.max(0, ...(window as unknown as { __longTasks: number[] }).__longTasks));
  console.log(`longest main-thread task while sampling: ${longest.toFixed(0)} ms`);
  expect(longest).toBeLessThan(150);

  expect(errors).toEqual([]);
});

test('loop builder: an open path cannot be submitted and says why; a closed loop transforms by conjugation', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('index.html#/lab/loops');
  await expect(page.getByTestId('wilson-chart').locator('circle.wl-point')).toHaveCount(16, { timeout: 90_000 });

  const canvas = page.getByTestId('lattice-canvas');
  await canvas.focus();
  await page.keyboard.press('Enter'); // start at (0, 0)
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  const submit = page.getByRole('button', { name: 'Use path as loop' });
  await expect(submit).toBeDisabled();
  await expect(page.getByTestId('loop-reason')).toContainText('The path is open');

  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('loop-reason')).toContainText('closed');
  await expect(submit).toBeEnabled();
  await submit.click();

  await page.getByRole('button', { name: /random gauge transformation/i }).click();
  const conj = Number(await page.getByTestId('loop-conj-error').getAttribute('data-value'));
  expect(conj).toBeLessThan(1e-10);
  const [trBefore, trNow] = (await page.getByTestId('loop-trace').textContent())!.split('/').map((s) => Number(s.trim()));
  expect(Math.abs(trBefore - trNow)).toBeLessThan(1e-10);
  await expect(page.getByTestId('spectral-readout')).toContainText('conjugation-equivariant');

  // Mouse: clicking a site starts a path there.
  const box = (await canvas.boundingBox())!;
  const cell = Number(await canvas.getAttribute('data-cell'));
  const margin = Number(await canvas.getAttribute('data-margin'));
  const size = Number(await canvas.getAttribute('data-size'));
  await page.mouse.click(box.x + margin + 3 * cell, box.y + size - margin - 2 * cell);
  await expect(page.getByTestId('loop-path')).toContainText('(3, 2)');

  // Bad input is clamped and reported.
  await page.getByLabel('Lattice size L').fill('100');
  await expect(page.getByTestId('settings-notices')).toContainText('using 64');
  await page.getByLabel('Lattice size L').fill('16');
  await page.getByLabel('β', { exact: true }).fill('-1');
  await expect(page.getByTestId('settings-notices')).toContainText('negative');
  await page.getByLabel('β', { exact: true }).fill('2');
  await page.getByLabel('R', { exact: true }).fill('40');
  await expect(page.getByTestId('rect-notices')).toContainText('using 15');
  expect(errors).toEqual([]);
});
