import { expect, test, type Page } from '@playwright/test';
import { collectPanelErrors, readNumber } from './helpers';

/**
 * #/lab/ntk: the closed form next to the trained ensemble. Small configurations through the URL (E = 16, a few
 * steps), because the wasm trainer in headless Chromium needs about a minute for a default 2000-step run.
 */

async function open(page: Page, query: string): Promise<void> {
  await page.goto(`index.html#/lab/ntk?${query}`);
  await expect(page.getByRole('heading', { name: /NTK theory/, level: 2 })).toBeVisible();
}

/** Number of distinct colours on a heatmap's canvas: a drawn field has many, an empty canvas one. */
async function distinctColours(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d')!;
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < d.length; i += 4) seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    return seen.size;
  });
}

/** Press Play and wait until the distance readout reports `step` for the given width. */
async function trainTo(page: Page, step: number, width: number): Promise<number> {
  const distance = page.getByTestId('ntk-distance');
  await expect(distance).toHaveAttribute('data-width', String(width));
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByTestId('timeline-label')).toHaveText(`After ${step} steps`, { timeout: 120_000 });
  await expect(distance).toHaveAttribute('data-step', String(step));
  await expect.poll(() => readNumber(page, 'ntk-distance')).toBeGreaterThan(0);
  return readNumber(page, 'ntk-distance');
}

test.describe('#/lab/ntk: the NTK panel', () => {
  test('renders the three heatmaps with their numbers, and the distance changes with width', async ({ page }) => {
    const errors = collectPanelErrors(page);
    await open(page, 'E=16&width=32&steps=10');

    // The closed form needs no training: its numbers are there before Play.
    // mono3 under C8: the critical rate 2N/λ_max is about 0.58 (calibration.md).
    await expect.poll(() => readNumber(page, 'ntk-critical-lr')).toBeGreaterThan(0.5);
    expect(await readNumber(page, 'ntk-critical-lr')).toBeLessThan(0.66);
    // Θ is rotation-invariant to float64 rounding, and the augmentation's permutation commutes with Θ(X, X).
    await expect.poll(() => readNumber(page, 'ntk-kernel-defect-relative')).toBeLessThan(1e-12);
    await expect.poll(() => readNumber(page, 'ntk-permutation-defect')).toBeLessThan(1e-12);
    await expect.poll(() => readNumber(page, 'ntk-dropped-count')).toBe(0);
    await expect(page.getByTestId('ntk-lr-warning')).toHaveCount(0);
    // One member's RMS output at initialisation from the NNGP diagonal: O(1).
    await expect.poll(() => readNumber(page, 'ntk-member-init-rms')).toBeGreaterThan(0);
    const memberRms = await readNumber(page, 'ntk-member-init-rms');
    expect(memberRms).toBeGreaterThan(0.3);
    expect(memberRms).toBeLessThan(5);

    const d32 = await trainTo(page, 10, 32);
    // At step 10 the E = 16 mean sits near μ_s (sampling floor), far below a member's distance (~1).
    expect(d32).toBeGreaterThan(0.01);
    expect(d32).toBeLessThan(1);
    // μ_10 is C8-invariant on the grid to rounding.
    await expect(page.getByTestId('ntk-orbit-deviation')).toHaveAttribute('data-step', '10');
    expect(await readNumber(page, 'ntk-orbit-deviation')).toBeLessThan(1e-12);
    // The mean at initialisation (step 0 snapshot) is small next to one member: about √K/√E.
    const initMean = await readNumber(page, 'ntk-init-mean-rms');
    expect(initMean).toBeGreaterThan(0);
    expect(initMean).toBeLessThan(memberRms / 2);
    // All three heatmaps are drawn.
    for (const id of ['ntk-heatmap-theory', 'ntk-heatmap-mean', 'ntk-heatmap-difference']) {
      await expect(page.getByTestId(id)).toBeVisible();
      expect(await distinctColours(page, id), id).toBeGreaterThan(20);
    }
    expect(await distinctColours(page, 'ntk-kernel-matrix')).toBeGreaterThan(5);

    // Another width: a new run, a different ensemble, a different distance; the theory is the same.
    await open(page, 'E=16&width=128&steps=10');
    const d128 = await trainTo(page, 10, 128);
    expect(d128).toBeGreaterThan(0.01);
    expect(d128).toBeLessThan(1);
    expect(Math.abs(d128 - d32)).toBeGreaterThan(1e-4);
    expect(errors).toEqual([]);
  });

  test('flags a learning rate above the critical rate, and dropped eigenvalues for duplicate points', async ({ page }) => {
    await open(page, 'E=4&width=16&steps=1&lr=1.5');
    const warning = page.getByTestId('ntk-lr-warning');
    await expect(warning).toBeVisible();
    await expect.poll(() => readNumber(page, 'ntk-critical-lr-warning')).toBeGreaterThan(0);
    const critical = await readNumber(page, 'ntk-critical-lr-warning');
    expect(critical).toBeGreaterThan(0.5);
    expect(critical).toBeLessThan(0.66);
    await expect(warning).toContainText('critical rate');

    // Two identical points: Θ(X, X) has an exact null direction per rotation copy, which is dropped and reported.
    await open(page, 'E=4&width=16&steps=1&group=C4&pts=1,0,1;1,0,1;0,1.5,-1');
    await expect(page.getByTestId('ntk-dropped-modes')).toBeVisible();
    await expect.poll(() => readNumber(page, 'ntk-dropped-count')).toBe(4);
    await expect(page.getByTestId('ntk-lr-warning')).toHaveCount(0);
  });

  test('the width sweep measures Θ̂ → Θ with slope about −1/2, off the main thread', async ({ page }) => {
    await open(page, 'E=4&width=16&steps=1');
    // Let the closed form arrive and render first: the observer should see the sweep, not the page's first paint.
    await expect.poll(() => readNumber(page, 'ntk-kernel-defect-relative')).toBeLessThan(1e-12);
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks: [number, number][] };
      w.__longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push([e.startTime, e.duration]))).observe({ type: 'longtask' });
    });
    const start = await page.evaluate(() => performance.now());
    await page.getByRole('button', { name: 'Measure the NTK against width' }).click();
    await expect.poll(() => readNumber(page, 'ntk-width-slope'), { timeout: 120_000 }).toBeLessThan(0);
    const slope = await readNumber(page, 'ntk-width-slope');
    expect(slope).toBeGreaterThan(-0.8);
    expect(slope).toBeLessThan(-0.3);
    // At width 1024 one member is within about 10% of the analytic kernel, and the mean of 4 is closer still.
    expect(await readNumber(page, 'ntk-width-error-max')).toBeLessThan(0.15);
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: [number, number][] }).__longTasks);
    // The sweep runs in the NTK worker: the page thread has no task over 50 ms meanwhile (measured: none).
    expect(longTasks.map(([t, d]) => [Math.round(t - start), Math.round(d)])).toEqual([]);
  });

  test('the experiments measure distance against E and against step', async ({ page }) => {
    await open(page, 'E=4&width=16&steps=10');
    await page.getByRole('button', { name: 'Run the E and width experiments' }).click();
    await expect(page.getByRole('progressbar', { name: 'Experiment progress' })).toBeVisible();
    await expect.poll(() => readNumber(page, 'ntk-experiments-seconds'), { timeout: 170_000 }).toBeGreaterThan(0);
    // Finite E: at small E the distance is sampling noise, falling like 1/√E (slope near −1/2).
    for (const w of [32, 128]) {
      const s = await readNumber(page, `ntk-size-slope-${w}`);
      expect(s, `W = ${w}`).toBeLessThan(-0.25);
      expect(s, `W = ${w}`).toBeGreaterThan(-0.8);
    }
    // Antithetic E = 16 ensembles stay close to μ_s over steps 1–10 (measured max: 0.24 at W = 32, 0.09 at 64 and
    // 128, 0.03 at 256), closer at the wider widths.
    const early = [];
    for (const w of [32, 64, 128, 256]) {
      const d = await readNumber(page, `ntk-gap-early-${w}`);
      expect(d, `W = ${w}`).toBeGreaterThan(0);
      expect(d, `W = ${w}`).toBeLessThan(0.5);
      early.push(d);
    }
    expect(early[3]).toBeLessThan(early[0]);
    // The E curve flattens: at E = 64 the distance is well below one member's (E = 1) at both widths.
    for (const w of [32, 128]) expect(await readNumber(page, `ntk-size-floor-${w}`)).toBeLessThan(0.3);
  });
});
