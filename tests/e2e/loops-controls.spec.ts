import { expect, test, type Page } from '@playwright/test';
import { collectErrors, readNumber } from './helpers';

/** The loops lab's link parameters as the address bar holds them now. */
async function linkParams(page: Page): Promise<URLSearchParams> {
  return new URLSearchParams((await page.evaluate(() => window.location.hash)).split('?')[1] ?? '');
}

const arrows = async (page: Page) => ((await page.getByTestId('loop-path').textContent()) ?? '').split('→').length - 1;

test('every loops control, driven by click and key, has its visible effect; maths is typeset', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  // A small lattice and short runs: this test is about the controls, not the statistics.
  await page.goto('index.html#/lab/loops?L=8&sweeps=200&therm=20');
  const points = page.getByTestId('wilson-chart').locator('circle.wl-point');
  await expect(points).toHaveCount(16, { timeout: 60_000 });

  // Maths is KaTeX (MathML for assistive technology and search), no Unicode subscripts left.
  const intro = page.locator('.loops-intro');
  await expect(intro.locator('.katex')).toHaveCount(3);
  await expect(intro.locator('annotation').first()).toHaveText('U_\\mu(x) \\to \\Omega(x)\\, U_\\mu(x)\\, \\Omega(x+\\hat\\mu)^\\dagger');
  await expect(page.locator('.loops-panel sub')).toHaveCount(0);
  await expect(page.getByTestId('small-lattice')).toContainText('is small');

  // Hovering a plaquette reads its matrix; the symbols are typeset, the numbers plain.
  const box = (await page.getByTestId('lattice-canvas').boundingBox())!;
  const cellPx = Number(await page.getByTestId('lattice-canvas').getAttribute('data-cell'));
  const marginPx = Number(await page.getByTestId('lattice-canvas').getAttribute('data-margin'));
  const sizePx = Number(await page.getByTestId('lattice-canvas').getAttribute('data-size'));
  await page.mouse.move(box.x + marginPx + 1.5 * cellPx, box.y + sizePx - marginPx - 1.5 * cellPx);
  const hover = page.getByTestId('lattice-hover');
  await expect(hover.locator('annotation')).toHaveText(['U_{01}(1, 1)', '\\operatorname{Re} \\operatorname{tr} U_p / N']);
  await expect(hover).toContainText(/plaquette .*= \[\[-?\d\.\d{3} [+−] \d\.\d{3}i/);

  // Click mode "gauge": Enter at the cursor (0, 0) transforms that site: its 4 links move, no trace does.
  await page.getByRole('radio', { name: 'gauge-transforms at the site' }).check();
  const canvas = page.getByTestId('lattice-canvas');
  await canvas.focus();
  await page.keyboard.press('Enter');
  const table = page.getByRole('table', { name: 'Effect of the last gauge transformation' });
  await expect(table).toContainText('transformation at site (0, 0)');
  await expect(table).toContainText('4 of 128 links changed');
  expect(await readNumber(page, 'max-dtrace')).toBeLessThan(1e-12);
  await expect(page.getByTestId('site-element')).toContainText('at (0, 0)');

  // Dragging the angle by one key step re-targets the element at the site: a new (small) change of the same 4 links.
  const elementBefore = await page.getByTestId('site-element').textContent();
  const meanBefore = await readNumber(page, 'mean-dlink');
  const angle = page.getByRole('slider', { name: 'Rotation angle α' });
  await angle.focus();
  await page.keyboard.press('ArrowRight');
  await expect(angle).toHaveValue('1.21');
  await expect(page.getByTestId('site-element')).not.toHaveText(elementBefore!);
  const meanAfter = await readNumber(page, 'mean-dlink');
  // ‖Ω' Ω† − 1‖ for a 0.01 turn is ≈ 0.007 per link: far below the first transformation's change.
  expect(meanAfter).toBeGreaterThan(0);
  expect(meanAfter).toBeLessThan(meanBefore / 10);
  for (const name of ['Axis polar angle', 'Axis azimuth']) {
    const s = page.getByRole('slider', { name });
    const v0 = Number(await s.inputValue());
    await s.focus();
    await page.keyboard.press('ArrowRight');
    await expect(s).toHaveValue(String(Math.round((v0 + 0.01) * 100) / 100));
  }

  // Back to loop building: a 2×1 rectangle at the cursor, undo, clear.
  await page.getByRole('radio', { name: 'builds a loop' }).check();
  await page.getByLabel('R', { exact: true }).fill('2');
  await page.getByLabel('T', { exact: true }).fill('1');
  await page.getByRole('button', { name: 'R×T rectangle path at the cursor' }).click();
  await expect(page.getByTestId('loop-path')).toContainText('(0, 0) → (1, 0) → (2, 0) → (2, 1) → (1, 1) → (0, 1) → (0, 0)');
  await expect(page.getByTestId('loop-reason')).toContainText('closed');
  await page.getByRole('button', { name: 'Undo last site' }).click();
  expect(await arrows(page)).toBe(5);
  await expect(page.getByTestId('loop-reason')).toContainText('The path is open');
  await page.getByRole('button', { name: 'Clear path' }).click();
  await expect(page.getByTestId('loop-path')).toHaveText('Path: (empty)');
  await page.getByRole('button', { name: 'R×T rectangle path at the cursor' }).click();
  await page.getByRole('button', { name: 'Use path as loop' }).click();

  // The spectral map: one key step of ε moves f(θ) = θ − (ε/2) sin 2θ as the formula says.
  const eps = page.getByRole('slider', { name: 'Spectral map strength ε' });
  await eps.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('spectral-map').locator('annotation')).toContainText('\\varepsilon = 0.65');
  const theta = await readNumber(page, 'loop-theta');
  expect(await readNumber(page, 'loop-mapped-theta')).toBeCloseTo(theta - (0.65 / 2) * Math.sin(2 * theta), 12);
  expect(await readNumber(page, 'spectral-error')).toBeLessThan(1e-12);

  // A new network comparison: the L-CNN stays invariant, the baseline moves by a different amount.
  await expect(page.getByTestId('baseline-rel')).toBeVisible({ timeout: 30_000 });
  const rel0 = await readNumber(page, 'baseline-rel');
  await page.getByRole('button', { name: 'Compare networks under a new random transformation' }).click();
  await expect.poll(() => readNumber(page, 'baseline-rel')).not.toBe(rel0);
  expect(await readNumber(page, 'lcnn-max')).toBeLessThan(1e-10);

  // β slider: one key step from 2 to 2.1 shows in the number box and, once it rests, in the link.
  const betaSlider = page.getByRole('slider', { name: 'β (slider)' });
  await betaSlider.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByLabel('β', { exact: true })).toHaveValue('2.1');
  await expect.poll(async () => (await linkParams(page)).get('beta')).toBe('2.1');

  // Loop extent 2: the next run measures R, T ≤ 2, four points. Thermalisation and seed go to the link.
  await page.getByLabel('Largest loop R = T').fill('2');
  await page.getByLabel('Thermalisation sweeps').fill('10');
  await page.getByRole('button', { name: 'Run Monte Carlo' }).click();
  await expect(points).toHaveCount(4, { timeout: 60_000 });
  await expect.poll(async () => Object.fromEntries(await linkParams(page))).toMatchObject({ extent: '2', therm: '10' });
  await page.getByLabel('Seed').fill('5');
  await expect(page.locator('.loops-origin')).toContainText('Haar-random start');
  await expect(page.getByTestId('loop-path')).toHaveText('Path: (empty)');
  await expect.poll(async () => (await linkParams(page)).get('seed')).toBe('5');
  await expect(page.getByTestId('sampling-status')).toContainText('Done', { timeout: 60_000 });

  // Gauge group U(1): the link, the intro's colouring, the eigenphase note and the sampler all follow.
  await page.getByLabel('Gauge group').selectOption('U1');
  await expect(intro).toContainText('their phase');
  await expect(page.locator('.loops-note').first()).toContainText('it is uniform');
  await expect(page.getByRole('slider', { name: 'Phase angle' })).toBeVisible();
  await expect(page.getByTestId('sampling-status')).toContainText('Metropolis', { timeout: 60_000 });
  await expect.poll(async () => (await linkParams(page)).get('group')).toBe('U1');

  // Stop: a long run is cancelled and says so.
  await page.getByLabel('Measured sweeps').fill('100000');
  await page.getByRole('button', { name: 'Run Monte Carlo' }).click();
  await expect(page.getByRole('button', { name: 'Stop' })).toBeEnabled();
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByTestId('sampling-status')).toHaveText('Stopped.');
  expect(errors).toEqual([]);
});
