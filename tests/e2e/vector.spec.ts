import { expect, test, type Page } from '@playwright/test';
import { collectErrors, readNumber } from './helpers';

/**
 * Small sizes so 2000 steps train in seconds on wasm: E = 8, 2 → 16 × 2 → 2, C8, defining π.
 * Measured (headless Chromium, wasm): off-manifold rstd mean 0.126, member 0.395 (3.1×); orbit view mean |angle
 * error| 2.7° vs member 10.6°; wrong representation: mean rstd 1.008. Cross tab (E = 16, 4 pairs, 100 steps): mean
 * error 0.088, member 0.329, slope −0.48.
 */
const PLANE = 'index.html#/lab/vector?tab=plane&E=8&width=16&steps=2000&group=8&rep=defining';

async function trainToEnd(page: Page, lab: 'plane' | 'cross', steps: number) {
  await expect(page.getByTestId(`${lab}-play`)).toBeEnabled();
  await page.getByTestId(`${lab}-play`).click();
  await expect(page.getByTestId(`${lab}-status`)).toHaveAttribute('data-value', 'done', { timeout: 150_000 });
  await expect(page.getByTestId(`${lab}-step`)).toHaveAttribute('data-value', String(steps));
  await expect(page.getByTestId(`${lab}-timeline-label`)).toHaveAttribute('data-value', String(steps));
}

test('vector lab: trains to 2000 steps, draws quivers, shows deviation numbers; wrong representation stays large', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(PLANE);
  await expect(page.getByRole('heading', { name: /Emergent equivariance: vector outputs/ })).toBeVisible();
  await trainToEnd(page, 'plane', 2000);

  // Quivers: the data-arrow-count matches the SVG arrows actually drawn, for the mean and the member.
  for (const id of ['quiver-mean', 'quiver-member']) {
    const fig = page.getByTestId(id);
    const declared = Number(await fig.getAttribute('data-arrow-count'));
    const drawn = await fig.locator('path.quiver-arrow').count();
    expect(drawn).toBe(declared);
    expect(drawn).toBeGreaterThan(100);
  }
  // Training arrows with their C8 orbit copies: 3 points × 8.
  expect(await page.getByTestId('quiver-mean').locator('path.training-arrow').count()).toBe(24);

  const meanOff = await readNumber(page, 'dev-mean-off');
  const memberOff = await readNumber(page, 'dev-member-off');
  const ratio = await readNumber(page, 'dev-ratio-off');
  console.log(`E=8, step 2000: rstd off mean ${meanOff}, member ${memberOff}, ratio ${ratio}`);
  expect(Number.isFinite(meanOff) && meanOff > 0).toBe(true);
  expect(memberOff).toBeGreaterThan(1.5 * meanOff);
  expect(ratio).toBeCloseTo(memberOff / meanOff, 6);
  const meanAngle = await readNumber(page, 'angle-error-mean-avg');
  const memberAngle = await readNumber(page, 'angle-error-member-avg');
  console.log(`orbit view: mean |angle error| ${meanAngle}°, member ${memberAngle}°`);
  expect(meanAngle).toBeLessThan(memberAngle);

  // Wrong representation: labels that do not turn. The mean's deviation against the defining π stays near ‖f̄‖.
  await page.getByTestId('wrong-rep').check();
  await expect(page.getByTestId('plane-step')).toHaveAttribute('data-value', '0');
  await trainToEnd(page, 'plane', 2000);
  const wrongMean = await readNumber(page, 'dev-mean-off');
  console.log(`wrong representation: rstd off mean ${wrongMean}`);
  expect(wrongMean).toBeGreaterThan(0.8);

  expect(errors).toEqual([]);
});

test('3D tab: cross-product ensemble, errors against E, projection view; sampling tab: χ² verdicts', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('index.html#/lab/vector?tab=cross&xE=16&xsteps=100&xpairs=4');
  await trainToEnd(page, 'cross', 100);
  const mean = await readNumber(page, 'cross-mean-error');
  const member = await readNumber(page, 'cross-member-error');
  const slope = await readNumber(page, 'cross-slope-mean');
  console.log(`cross: mean error ${mean}, member ${member}, slope ${slope}`);
  expect(mean).toBeLessThan(member / 2);
  expect(slope).toBeLessThan(-0.3);
  expect(await page.getByTestId('cross-view').locator('line.arrow3d').count()).toBe(5);

  await page.getByRole('tab', { name: 'Invariant sampling' }).click();
  await expect(page.getByTestId('chi2-verdict-equivariant')).toHaveAttribute('data-value', 'uniform');
  await expect(page.getByTestId('chi2-verdict-nonequivariant')).toHaveAttribute('data-value', 'not-uniform');
  expect(await readNumber(page, 'chi2-p-equivariant')).toBeGreaterThan(0.01);
  expect(await readNumber(page, 'chi2-p-nonequivariant')).toBeLessThan(1e-6);
  expect(errors).toEqual([]);
});
