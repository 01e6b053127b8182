import { expect, test, type Page } from '@playwright/test';
import { collectErrors, readNumber, toyFiguresSettled } from './helpers';
import { divergingColor } from '../../src/ui/charts/colorMaps';
import { frameSchedule, stepLabel } from '../../src/core/ensemble/schedule';

/**
 * Pixels of a heatmap canvas (found by the figure's test id) as RGBA bytes, once the figures show the frame the
 * timeline has selected: they render a step behind the timeline (an interruptible render, ToyPanel).
 */
async function canvasPixels(page: Page, testId: string): Promise<{ w: number; h: number; data: number[] }> {
  await toyFiguresSettled(page);
  return page.getByTestId(testId).locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d')!;
    const img = ctx.getImageData(0, 0, c.width, c.height);
    return { w: c.width, h: c.height, data: Array.from(img.data) };
  });
}

async function waitForStatus(page: Page, status: string, timeout = 150_000) {
  await expect(page.getByTestId('run-status')).toHaveText(status, { timeout });
}

/** Focus the timeline and press Home, as a keyboard user would; returns its label, checked to read "Initialization". */
async function timelineAtStart(page: Page) {
  await page.getByRole('slider', { name: 'Timeline' }).focus();
  await page.keyboard.press('Home');
  const label = page.getByTestId('timeline-label');
  await expect(label).toHaveText('Initialization');
  return label;
}

test.describe('toy lab, default configuration', () => {
  test('trains to 2000 steps responsively, draws a varied heatmap, and shows emergence in numbers', async ({ page }) => {
    test.setTimeout(240_000);
    const errors = collectErrors(page);
    await page.addInitScript(() => {
      (window as unknown as { __longTasks: number[] }).__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) (window as unknown as { __longTasks: number[] }).__longTasks.push(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto('index.html#/lab/toy');
    // The badge names a backend, and says why others were skipped.
    const badge = page.getByRole('status', { name: 'Compute backend' });
    await expect(badge).toContainText(/backend: (webgpu|webgl|wasm|cpu)/, { timeout: 30_000 });
    // On wasm (this machine, no GPU) the step is the fused SIMD kernel, shipped with the build, and the badge says so:
    // the relaxed-SIMD build (fused multiply-add), which Chromium has validated since version 114.
    if ((await badge.getAttribute('data-backend')) === 'wasm') {
      await expect(badge).toHaveAttribute('title', /fused SIMD training step \(relaxed SIMD\)/);
    }
    // The initialisation snapshot arrives before training starts.
    await expect(page.getByTestId('timeline-label')).toHaveText('Initialization', { timeout: 60_000 });
    // Long tasks during loading are not the training's; measure from here.
    await page.evaluate(() => ((window as unknown as { __longTasks: number[] }).__longTasks = []));

    await page.getByRole('button', { name: 'Play' }).click();
    await waitForStatus(page, 'done', 200_000);
    await expect(page.getByTestId('step-counter')).toContainText('2000 / 2000');
    await expect(page.getByTestId('timeline-label')).toHaveText('After 2000 steps');

    // The page stayed responsive: no main-thread task over 200 ms while training.
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    expect(Math.max(0, ...longTasks)).toBeLessThan(200);

    // The mean heatmap's pixels vary (it is not a blank or constant canvas).
    const px = await canvasPixels(page, 'heatmap-mean');
    const reds = new Set<number>();
    for (let i = 0; i < px.data.length; i += 4) reds.add(px.data[i]);
    expect(reds.size).toBeGreaterThan(20);

    // Emergence, read from the page. Factors from the engine's measurements (tests/unit/engine/emergence.test.ts):
    // seed 1 gives 12.6× at step 2000 and 2.8× at step 1; thresholds keep a margin.
    const meanOff = await readNumber(page, 'rstd-mean-off');
    const memberOff = await readNumber(page, 'rstd-member-off');
    const noAugOff = await readNumber(page, 'rstd-noaug-off');
    expect(memberOff / meanOff).toBeGreaterThan(4);
    expect(noAugOff).toBeGreaterThan(0.7);
    expect(noAugOff / meanOff).toBeGreaterThan(10);

    await page.getByRole('button', { name: '1', exact: true }).click();
    await expect(page.getByTestId('timeline-label')).toHaveText('After 1 step');
    const mean1 = await readNumber(page, 'rstd-mean-off');
    const member1 = await readNumber(page, 'rstd-member-off');
    expect(member1 / mean1).toBeGreaterThan(2);
    // Without augmentation the mean is not invariant at step 1 either.
    expect(await readNumber(page, 'rstd-noaug-off')).toBeGreaterThan(0.7);

    expect(errors).toEqual([]);
  });
});

test.describe('toy lab, small runs', () => {
  const SMALL = 'index.html#/lab/toy?E=8&width=16&steps=30';

  test('seeking to "After 1 step" shows the stored step-1 snapshot, pixel for pixel', async ({ page }) => {
    await page.goto(SMALL);
    await page.getByRole('button', { name: 'Play' }).click();
    await waitForStatus(page, 'done');
    const slider = page.getByRole('slider', { name: 'Timeline' });
    await slider.focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('timeline-label')).toHaveText('After 1 step');
    await expect(slider).toHaveAttribute('aria-valuetext', 'After 1 step');
    await toyFiguresSettled(page);

    // Hover a known point, read the stored value there, and compare the canvas pixel with the colour map.
    const fig = page.getByTestId('heatmap-mean');
    const svg = fig.locator('svg').first();
    const box = (await svg.boundingBox())!;
    // Plane point (1.5, 0.75): x → (1.5 + 3)/6 of the width, y → (3 − 0.75)/6 of the height.
    const fx = (1.5 + 3) / 6;
    const fy = (3 - 0.75) / 6;
    await page.mouse.move(box.x + fx * box.width, box.y + fy * box.height);
    const text = await fig.locator('.heatmap-hover').textContent();
    const value = Number(/:\s*(-?[\d.e+-]+)$/.exec(text ?? '')?.[1]);
    expect(Number.isFinite(value)).toBe(true);
    const px = await canvasPixels(page, 'heatmap-mean');
    const cx = Math.floor(fx * px.w);
    const cy = Math.floor(fy * px.h);
    const o = 4 * (cy * px.w + cx);
    const expected = divergingColor(value, 1.5);
    for (let c = 0; c < 3; c++) expect(Math.abs(px.data[o + c] - expected[c])).toBeLessThanOrEqual(6);

    // A different snapshot draws different pixels at that point (scrubbing really switches snapshots).
    await page.keyboard.press('End');
    await expect(page.getByTestId('timeline-label')).toHaveText('After 30 steps');
    const later = await canvasPixels(page, 'heatmap-mean');
    let differs = 0;
    for (let i = 0; i < later.data.length; i++) if (later.data[i] !== px.data[i]) differs++;
    expect(differs).toBeGreaterThan(100);
  });

  test('editing a training point retrains, changes the picture, and the URL reproduces it after reload', async ({ page }) => {
    await page.goto(SMALL);
    await page.getByRole('button', { name: 'Play' }).click();
    await waitForStatus(page, 'done');
    const before = await canvasPixels(page, 'heatmap-mean');

    const x = page.getByRole('spinbutton', { name: 'Point 1 x' });
    await x.fill('-1.7');
    await x.blur();
    await expect(page).toHaveURL(/pts=-1\.7/);
    await expect(page.getByTestId('timeline-label')).toHaveText('Initialization', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Play' }).click();
    await waitForStatus(page, 'done');
    const after = await canvasPixels(page, 'heatmap-mean');
    let changed = 0;
    for (let i = 0; i < after.data.length; i++) if (after.data[i] !== before.data[i]) changed++;
    expect(changed).toBeGreaterThan(1000);

    await page.reload();
    await expect(page.getByRole('spinbutton', { name: 'Point 1 x' })).toHaveValue('-1.7');
    await page.getByRole('button', { name: 'Play' }).click();
    await waitForStatus(page, 'done');
    const reloaded = await canvasPixels(page, 'heatmap-mean');
    expect(reloaded.data).toEqual(after.data);
  });

  test('bad URL values are clamped and reported, and controls show the value used', async ({ page }) => {
    await page.goto('index.html#/lab/toy?E=100000&width=5&group=C7&steps=30&lr=abc');
    const notice = page.getByTestId('clamp-notice');
    await expect(notice).toContainText('E 100000 is above 1024');
    await expect(notice).toContainText('unknown group “C7”; using C8');
    await expect(notice).toContainText('learning rate “abc” is not a number');
    await expect(page.getByRole('spinbutton', { name: 'Ensemble size E' })).toHaveValue('1024');
    await expect(page.getByRole('combobox', { name: 'Augmentation group' })).toHaveValue('C8');
  });

  test('zero training points gives a clear message, not NaN', async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto('index.html#/lab/toy?pts=none&steps=30');
    await expect(page.getByRole('alert').first()).toContainText(/no training points/i);
    await expect(page.getByText('NaN')).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('a diverging learning rate stops with a message and keeps the earlier snapshots', async ({ page }) => {
    await page.goto('index.html#/lab/toy?E=8&width=16&steps=300&lr=40');
    await page.getByRole('button', { name: 'Play' }).click();
    const err = page.getByTestId('training-error');
    await expect(err).toContainText(/diverged/i, { timeout: 60_000 });
    await expect(err).toHaveAttribute('data-kind', 'divergence');
    await expect(page.getByTestId('timeline-label')).not.toHaveText('No snapshot yet');
    await expect(page.getByText('NaN')).toHaveCount(0);
  });
});

test.describe('backend override', () => {
  test('backend=cpu is honoured and shown', async ({ page }) => {
    await page.goto('index.html#/lab/toy?backend=cpu&steps=3&E=4&width=8');
    const badge = page.getByRole('status', { name: 'Compute backend' });
    await expect(badge).toContainText('backend: cpu', { timeout: 30_000 });
  });
});

test.describe('toy lab, the animation frames (issue 16 §3)', () => {
  test('the Smooth animation switch: off keeps the 11 full snapshots (frames=0 in the link), on brings back all 64', async ({ page }) => {
    test.setTimeout(240_000);
    const errors = collectErrors(page);
    await page.goto('index.html#/lab/toy?E=8&width=16');
    const smooth = page.getByRole('checkbox', { name: /Smooth animation/ });
    await expect(smooth).toBeChecked();
    await expect(smooth).toHaveAccessibleName('Smooth animation (64 frames, not 11)');
    const cost = page.getByTestId('run-cost');
    const msWith = Number(await cost.getAttribute('data-ms'));
    await smooth.click();
    await expect(smooth).not.toBeChecked();
    await expect(page).toHaveURL(/[?&]frames=0(&|$)/);
    // The estimate drops by the light frames' share.
    await expect.poll(async () => Number(await cost.getAttribute('data-ms'))).toBeLessThan(msWith);
    await page.getByRole('button', { name: 'Play' }).click();
    await waitForStatus(page, 'done', 200_000);
    await expect(page.getByLabel('Frames stored')).toHaveText('11 of 11 frames');
    const label = await timelineAtStart(page);
    for (const want of ['After 1 step', 'After 2 steps', 'After 3 steps', 'After 5 steps', 'After 10 steps']) {
      await page.keyboard.press('ArrowRight');
      await expect(label).toHaveText(want);
      await expect(page.getByTestId('toy-figures')).toHaveAttribute('data-grid', 'full');
    }
    // Back on: the link loses frames=, and the next run stores every frame again.
    await smooth.press('Space');
    await expect(smooth).toBeChecked();
    await expect(page).not.toHaveURL(/frames=/);
    await page.getByRole('button', { name: 'Play' }).click();
    await waitForStatus(page, 'done', 200_000);
    await expect(page.getByLabel('Frames stored')).toHaveText('64 of 64 frames');
    expect(errors).toEqual([]);
  });

  test('ArrowRight on the timeline steps frame by frame through real light frames, and adjacent frames differ', async ({ page }) => {
    test.setTimeout(240_000);
    const errors = collectErrors(page);
    await page.goto('index.html#/lab/toy?E=8&width=16');
    await page.getByRole('button', { name: 'Play' }).click();
    await waitForStatus(page, 'done', 200_000);
    // Every frame of 0 → 2000 is stored: 11 full snapshots and 53 light frames.
    await expect(page.getByLabel('Frames stored')).toHaveText('64 of 64 frames');
    const label = await timelineAtStart(page);
    const figures = page.getByTestId('toy-figures');
    const seen: string[] = [];
    for (const want of ['After 1 step', 'After 2 steps', 'After 3 steps', 'After 4 steps', 'After 5 steps', 'After 6 steps']) {
      await page.keyboard.press('ArrowRight');
      await expect(label).toHaveText(want);
      seen.push(want);
    }
    // Step 6 is a light frame: drawn from the coarse grid, and the page says so.
    await expect(figures).toHaveAttribute('data-step', '6');
    await expect(figures).toHaveAttribute('data-grid', 'coarse');
    await expect(page.getByTestId('timeline-light-note')).toContainText('last full snapshot, after 5 steps');
    const at6 = await canvasPixels(page, 'heatmap-mean');
    await page.keyboard.press('ArrowRight');
    await expect(label).toHaveText('After 7 steps');
    await expect(figures).toHaveAttribute('data-grid', 'coarse');
    const at7 = await canvasPixels(page, 'heatmap-mean');
    let differs = 0;
    for (let i = 0; i < at7.data.length; i++) if (at7.data[i] !== at6.data[i]) differs++;
    expect(differs).toBeGreaterThan(50);
    // Further on the frames are log-spaced: 20 frames back from step 2000 is the frame schedule's 44th step.
    await page.keyboard.press('End');
    await expect(label).toHaveText('After 2000 steps');
    await expect(figures).toHaveAttribute('data-grid', 'full');
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowLeft');
    await expect(label).toHaveText(stepLabel(frameSchedule(2000)[63 - 20]));
    expect(errors).toEqual([]);
  });

  test('Play in an embedded figure shows at least 60 distinct real steps from initialization to step 2000', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('index.html#/?embed=1&panel=toy');
    const pair = page.getByTestId('embed-toy-pair');
    await expect(pair).toHaveAttribute('data-source', 'recorded', { timeout: 30_000 });
    await expect(pair).toHaveAttribute('data-step', '0');
    // Record every step the figure shows, as it changes.
    await pair.evaluate((el) => {
      const w = window as unknown as { __steps: string[] };
      w.__steps = [el.getAttribute('data-step')!];
      new MutationObserver(() => w.__steps.push(`${el.getAttribute('data-step')}:${el.getAttribute('data-grid')}`)).observe(el, { attributes: true, attributeFilter: ['data-step'] });
    });
    await page.getByTestId('embed-toy-play').click();
    await expect(pair).toHaveAttribute('data-step', '2000', { timeout: 60_000 });
    const steps = await page.evaluate(() => (window as unknown as { __steps: string[] }).__steps);
    const numbers = steps.map((s) => Number(s.split(':')[0]));
    expect(new Set(numbers).size).toBeGreaterThanOrEqual(60);
    for (let i = 1; i < numbers.length; i++) expect(numbers[i]).toBeGreaterThan(numbers[i - 1]);
    expect(numbers.slice(0, 5)).toEqual([0, 1, 2, 3, 4]);
    // Light frames are drawn from the coarse grid; the full snapshots from the full one.
    expect(steps).toContain('4:coarse');
    expect(steps).toContain('5:full');
    expect(steps).toContain('2000:full');
  });
});
