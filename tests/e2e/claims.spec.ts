/**
 * Every claim on screen matches what the screen measures (issue 15 §1). The orbit and probe charts mark the |G| group
 * angles of the group the ensemble was trained with (8 for C8, 4 after switching to C4 with the control), and state
 * the claim for those angles with the spreads they measure; the slides' titles say what the plots show; the step-0
 * numbers say that the finite mean is not relatively more invariant at initialisation; the ensemble-size caption
 * prints the fitted slope with its standard error beside the slope the initialisation predicts.
 */
import { expect, test, type Locator } from '@playwright/test';
import { collectErrors, toyFiguresSettled } from './helpers';
import { SLIDES } from '../../src/ui/slides/slideList';

const PROBE_SLIDE = SLIDES.findIndex((s) => s.id === 'probe') + 1;
const INVARIANCE_SLIDE = SLIDES.findIndex((s) => s.id === 'invariance') + 1;
const TABLE_SLIDE = SLIDES.findIndex((s) => s.id === 'experiments') + 1;

const num = async (l: Locator, attr: string) => Number(await l.getAttribute(attr));
const fmt2 = (v: number) => v.toPrecision(2);

test('orbit lab: the group angles are marked, 8 for C8 and 4 after choosing C4, and the claim for them is measured', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  await page.goto('index.html#/lab/orbit?E=32&width=32&steps=100');
  const marks = page.getByTestId('orbit-group-marks');
  await expect(marks).toHaveAttribute('data-count', '8');
  await expect(marks.locator('path')).toHaveCount(8);
  await page.getByRole('combobox', { name: 'Augmentation group' }).selectOption('C4');
  await expect(page).toHaveURL(/group=C4/);
  await expect(marks).toHaveAttribute('data-count', '4');
  await expect(marks.locator('path')).toHaveCount(4);
  await expect(page.getByTestId('augmentation-kappa')).toHaveText('0.765');

  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 150_000 });
  const claim = page.getByTestId('orbit-claim');
  await expect(claim).toContainText('at the 4 group angles');
  await expect(claim).toContainText('2π/4-periodic, not constant');
  const meanGroup = await num(claim, 'data-mean-group');
  const meanCircle = await num(claim, 'data-mean-circle');
  const memberGroup = await num(claim, 'data-member-group');
  // The printed numbers are the measured ones.
  await expect(page.getByTestId('orbit-mean-group-spread')).toHaveText(fmt2(meanGroup));
  await expect(page.getByTestId('orbit-mean-circle-spread')).toHaveText(fmt2(meanCircle));
  // The claim holds where it is made: over the 4 group angles the mean of 32 members spreads far less than a member
  // (1/√32 ≈ 0.18 of it in expectation; stated bound 0.5).
  console.log(`orbit lab C4 E=32 step 100: mean spread ${meanGroup.toFixed(4)} over the group angles, ${meanCircle.toFixed(4)} over the circle; member ${memberGroup.toFixed(4)}`);
  expect(meanGroup).toBeLessThan(0.5 * memberGroup);
  expect(meanGroup).toBeLessThanOrEqual(meanCircle + 1e-9);
  expect(errors).toEqual([]);
});

test('slides: the probe slide marks the 8 angles and states the measured spreads; the every-step slide gives the step-0 numbers', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = collectErrors(page);
  await page.goto(`index.html#/slides/${PROBE_SLIDE}`);
  await expect(page.getByTestId('slide-title')).toHaveText('Rotate the input: the mean agrees at the 8 rotations it was trained on');
  const marks = page.getByTestId('slide-probe-group-marks');
  await expect(marks).toHaveAttribute('data-count', '8');
  const chart = page.getByTestId('slide-probe-probe');
  await expect(chart).not.toHaveAttribute('data-mean-group-range', '');
  const meanGroup = await num(chart, 'data-mean-group-range');
  const meanCircle = await num(chart, 'data-mean-range');
  const memberGroup = await num(chart, 'data-member-group-range');
  await expect(page.getByTestId('slide-probe-mean-group-spread')).toHaveText(fmt2(meanGroup));
  await expect(page.getByTestId('slide-probe-mean-circle-spread')).toHaveText(fmt2(meanCircle));
  await expect(page.getByTestId('slide-probe-claim')).toContainText('2π/8-periodic, not constant');
  // The recorded run at step 2000: at the group angles the mean is far closer to constant than over the circle and
  // than the member (issue 15: circle 0.27 for the mean, 0.92 for a member).
  console.log(`probe slide, recorded C8 E=64 step 2000: mean spread ${meanGroup.toFixed(4)} over the 8 angles, ${meanCircle.toFixed(4)} over the circle; member ${memberGroup.toFixed(4)}`);
  expect(meanGroup).toBeLessThan(0.5 * meanCircle);
  expect(meanGroup).toBeLessThan(0.25 * memberGroup);

  await page.goto(`index.html#/slides/${INVARIANCE_SLIDE}`);
  await expect(page.getByTestId('slide-title')).toHaveText('At every step: exact for the infinite ensemble, up to 1/√E noise for E members');
  const note = page.getByTestId('slide-inv-step0');
  await expect(note).toContainText('not more invariant');
  const meanRstd = await num(note, 'data-mean-rstd');
  const memberRstd = await num(note, 'data-member-rstd');
  const ratio = (await num(note, 'data-mean-dev')) / (await num(note, 'data-member-dev'));
  await expect(note).toContainText(`relative deviation ${fmt2(meanRstd)} against ${fmt2(memberRstd)}`);
  console.log(`step 0: mean rstd ${meanRstd.toFixed(4)}, member rstd ${memberRstd.toFixed(4)}, absolute deviation ratio ${ratio.toFixed(4)}`);
  // Issue 15 measured 0.948 against 0.870 on the default recording.
  expect(meanRstd).toBeGreaterThan(0.85 * memberRstd);
  // Absolute deviation: about 1/√64 = 0.125 of a member's.
  expect(ratio).toBeGreaterThan(0.06);
  expect(ratio).toBeLessThan(0.25);
  await expect(note).toContainText(`a ratio of ${fmt2(ratio)}`);

  await page.goto(`index.html#/slides/${TABLE_SLIDE}`);
  await expect(page.getByTestId('slide-table-note')).toContainText('does not reproduce the canonicalisation row');
  await expect(page.getByTestId('slide-table-note')).not.toContainText('reproduces this at browser scale');
  expect(errors).toEqual([]);
});

test('toy lab: the size caption prints slope ± standard error and the slope the initialisation predicts', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  await page.goto('index.html#/lab/toy?E=32&width=32&steps=200');
  const caption = page.getByTestId('size-caption');
  // Step 0, independent members: the mean shrinks like 1/√E together with its deviation, so rstd's expected slope is 0.
  await expect(page.getByTestId('size-expected')).toHaveText('0');
  await expect(caption).not.toHaveAttribute('data-slope', '');
  const slope0 = await num(caption, 'data-slope');
  const devSlope0 = await num(caption, 'data-dev-slope');
  console.log(`toy C8 E=32 step 0: rstd slope ${slope0.toFixed(3)} ± ${(await num(caption, 'data-slope-se')).toFixed(3)}, absolute-deviation slope ${devSlope0.toFixed(3)}`);
  // Measured at step 0: the relative deviation does not fall with E, the absolute one falls like 1/√E.
  expect(Math.abs(slope0)).toBeLessThan(0.25);
  expect(devSlope0).toBeGreaterThan(-0.75);
  expect(devSlope0).toBeLessThan(-0.25);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 150_000 });
  await expect(page.getByTestId('size-expected')).toHaveText('−½');
  await toyFiguresSettled(page);
  const slope = await num(caption, 'data-slope');
  const se = await num(caption, 'data-slope-se');
  const devSlope = await num(caption, 'data-dev-slope');
  expect(Number.isFinite(slope) && Number.isFinite(se)).toBe(true);
  console.log(`toy C8 E=32 step 200: rstd slope ${slope.toFixed(3)} ± ${se.toFixed(3)}, absolute-deviation slope ${devSlope.toFixed(3)}`);
  expect(se).toBeGreaterThan(0);
  await expect(page.getByTestId('size-slope')).toHaveText(slope.toFixed(2).replace('-', '−'));
  await expect(page.getByTestId('size-slope-se')).toHaveText(se.toFixed(2));
  // The absolute deviation of independent members' means falls like 1/√E: within 0.2 of −½ for E = 32.
  expect(devSlope).toBeGreaterThan(-0.7);
  expect(devSlope).toBeLessThan(-0.3);
  await expect(page.getByTestId('augmentation-kappa')).toHaveText('0.390');
  // The random-angle option is named for what it is.
  await page.getByRole('combobox', { name: 'Augmentation group' }).selectOption('SO2:4');
  await expect(page.getByTestId('augmentation-note')).toContainText('not the paper');
  expect(errors).toEqual([]);
});

test('article and slides: Π(g) notation, the 1/N exponent, finite E against finite width, and no "flat" claim', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('index.html#/');
  const ntk = page.locator('#sec-ntk');
  // KaTeX keeps the TeX source in the MathML annotation: the exponent carries t/N, the kernel relation Π(g)ᵀ.
  await expect(ntk.locator('annotation').first()).toContainText('t/N');
  await expect(ntk.locator('annotation', { hasText: '\\Pi(g)^{\\top}' }).first()).toBeAttached();
  await expect(ntk).toContainText('The labels are permuted, not rotated');
  await expect(ntk).toContainText('a finite-width ensemble\'s mean drifts away from the NTK formula');
  await expect(page.locator('#sec-toy')).toContainText('2π/8-periodic, not flat');
  await expect(page.locator('#sec-toy')).not.toContainText('flat for the');
  await expect(page.locator('#sec-images')).toContainText('does not reproduce the canonicalisation row');

  const AUG = SLIDES.findIndex((s) => s.id === 'augmentation') + 1;
  await page.goto(`index.html#/slides/${AUG}`);
  await expect(page.getByTestId('slide-title')).toHaveText('With full augmentation the infinite ensemble is invariant');
  await expect(page.getByTestId('slide').locator('annotation', { hasText: '\\Pi(g)^{\\top} Y = Y' }).first()).toBeAttached();
  await expect(page.getByTestId('slide')).not.toContainText('\\rho(g)Y');
  // The longer formulas still fit: no display formula scrolls sideways on this slide or the NTK slide.
  for (const id of ['augmentation', 'ntk']) {
    await page.goto(`index.html#/slides/${SLIDES.findIndex((s) => s.id === id) + 1}`);
    const overflow = await page.locator('.tex-block').evaluateAll((els) => els.map((e) => e.scrollWidth - e.clientWidth));
    expect(overflow.length).toBeGreaterThan(1);
    expect(Math.max(...overflow), id).toBeLessThanOrEqual(0);
  }
  expect(errors).toEqual([]);
});
