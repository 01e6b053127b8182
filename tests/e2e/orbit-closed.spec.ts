import { expect, test, type Page } from '@playwright/test';
import { collectErrors, toyFiguresSettled } from './helpers';

/**
 * Orbit-closed ensembles (issue 15), driven as a person does: choose "orbit-closed (exact)" under "Members drawn",
 * see the URL carry init=orbit and the ensemble mean's orbit deviation at rounding level (< 1e-5) at initialisation
 * and at the last step, while a member's stays large; the far-field rows show numbers.
 * Small runs (100 steps): at ReLU and float32, rounding stays ~1e-7 to step 100 (tests/unit/engine/orbitClosed.test.ts).
 */

const hashParams = (page: Page) => new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '');

/** A cell's data-value as a number; NaN while it is empty (no snapshot yet), so "< 1e-5" cannot pass on a blank. */
async function readNumber(page: Page, testId: string): Promise<number> {
  await toyFiguresSettled(page);
  const v = await page.getByTestId(testId).getAttribute('data-value');
  return v === null || v === '' ? NaN : Number(v);
}

async function devMeanOff(page: Page): Promise<number> {
  return readNumber(page, 'dev-mean-off');
}

test('toy lab: orbit-closed members make the mean C8-invariant to rounding at step 0 and step 100; far-field rows filled', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = collectErrors(page);
  await page.goto('index.html#/lab/toy?E=16&steps=100');
  await expect(page.getByTestId('timeline-label')).toHaveText('Initialization', { timeout: 60_000 });
  // i.i.d. members first: the mean of 16 deviates visibly.
  await expect.poll(() => devMeanOff(page), { timeout: 30_000 }).toBeGreaterThan(1e-2);

  await page.getByLabel('Members drawn').selectOption({ label: 'orbit-closed (exact)' });
  await expect.poll(() => hashParams(page).get('init')).toBe('orbit');
  await expect(page.getByTestId('orbit-closed-note')).toContainText('E = 16 = 2 drawn networks × |C8| = 8 rotations each');
  await expect(page.getByTestId('timeline-label')).toHaveText('Initialization', { timeout: 60_000 });
  await expect.poll(() => devMeanOff(page), { timeout: 30_000 }).toBeLessThan(1e-5);
  expect(await readNumber(page, 'dev-member-off')).toBeGreaterThan(1e-2);

  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 150_000 });
  await expect(page.getByTestId('timeline-label')).toHaveText('After 100 steps');
  const meanDev = await devMeanOff(page);
  const memberDev = await readNumber(page, 'dev-member-off');
  console.log(`orbit-closed C8, E = 16, step 100: mean dev off ${meanDev}, member ${memberDev}`);
  expect(meanDev).toBeLessThan(1e-5);
  expect(memberDev).toBeGreaterThan(1e-2);

  // Far field: numbers in their own rows, the orbit-closed mean invariant out there too, a member not.
  await expect(page.getByRole('rowheader', { name: /far field \(r > 2·r_max = 4\.94\): ensemble mean/ })).toBeVisible();
  const farMean = await readNumber(page, 'dev-far-mean-off');
  const farMember = await readNumber(page, 'dev-far-member-off');
  const farMemberRstd = await readNumber(page, 'rstd-far-member-off');
  console.log(`far field, step 100: mean dev ${farMean}, member dev ${farMember}, member rstd ${farMemberRstd}`);
  expect(farMean).toBeLessThan(1e-4);
  expect(farMember).toBeGreaterThan(1e-2);
  expect(farMemberRstd).toBeGreaterThan(0.05);
  await expect(page.getByTestId('heatmap-far-mean')).toBeVisible();
  expect(errors).toEqual([]);
});

test('toy lab: with orbit-closed members, E becomes a multiple of |G| and the page says so in terms of E', async ({ page }) => {
  await page.goto('index.html#/lab/toy?init=orbit&steps=10');
  const e = page.getByLabel('Ensemble size E');
  await e.fill('20');
  await e.press('Enter');
  await expect(page.getByTestId('config-change-notice')).toContainText('E 20 is not a multiple of |G| = 8');
  await expect.poll(() => hashParams(page).get('E')).toBe('24');
  await expect(e).toHaveValue('24');
  // SO(2) has no finite orbits: back to independent members, said out loud.
  await page.getByLabel('Augmentation group').selectOption('SO2:4');
  await expect(page.getByTestId('config-change-notice')).toContainText('Orbit-closed members need a finite group C_n');
  await expect.poll(() => hashParams(page).get('init')).toBeNull();
});

test('orbit lab: choosing orbit-closed members makes the mean exactly 2π/8-periodic around the probe', async ({ page }) => {
  await page.goto('index.html#/lab/orbit?E=16&steps=10');
  await expect.poll(() => readNumber(page, 'period-error-mean'), { timeout: 60_000 }).toBeGreaterThan(1e-3);
  await page.getByLabel('Members drawn').selectOption({ label: 'orbit-closed (exact)' });
  await expect.poll(() => hashParams(page).get('init')).toBe('orbit');
  await expect.poll(() => readNumber(page, 'period-error-mean'), { timeout: 60_000 }).toBeLessThan(1e-4);
  expect(await readNumber(page, 'period-error-member')).toBeGreaterThan(1e-2);
  // Far from the data (r beyond twice the outermost training radius, to 12) the orbit-closed mean is invariant too,
  // while the average member is not.
  await expect.poll(() => readNumber(page, 'far-rstd-mean'), { timeout: 60_000 }).toBeLessThan(1e-5);
  expect(await readNumber(page, 'far-rstd-members')).toBeGreaterThan(0.05);
  await expect(page.getByText(/far field r > 4\.9\d: orbit rstd/)).toBeVisible();
});

test('vector lab: orbit-closed members make the mean equivariant under π to rounding, at step 0 and step 100', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('index.html#/lab/vector?tab=plane&E=16&width=16&steps=100&group=8&rep=psi2');
  await page.getByTestId('init-select').selectOption('orbit');
  await expect.poll(() => hashParams(page).get('init')).toBe('orbit');
  await expect.poll(() => readNumber(page, 'dev-mean-off-abs'), { timeout: 60_000 }).toBeLessThan(1e-5);
  expect(await readNumber(page, 'dev-member-off-abs')).toBeGreaterThan(1e-2);
  await page.getByTestId('plane-play').click();
  await expect(page.getByTestId('plane-status')).toHaveAttribute('data-value', 'done', { timeout: 150_000 });
  await expect(page.getByTestId('plane-step')).toHaveAttribute('data-value', '100');
  const meanDev = await readNumber(page, 'dev-mean-off-abs');
  console.log(`vector ψ2, orbit-closed, step 100: mean dev off ${meanDev}`);
  expect(meanDev).toBeLessThan(1e-5);
  expect(await readNumber(page, 'dev-member-off-abs')).toBeGreaterThan(1e-2);
});
