import { expect, test } from '@playwright/test';
import { collectPanelErrors } from './helpers';
import { DEFAULT_CONFIG } from '../../src/core/ensemble/config';
import { estimateRunCost } from '../../src/core/ensemble/runCost';

// The cost model in front of every run (issue: a link with every value inside the limits showed "idle" for 45 s after
// Play, then "memory access out of bounds").
test('an over-budget link is refused at once with the largest run that fits, and a smaller E typed in runs', async ({ page }) => {
  const errors = collectPanelErrors(page);
  const expected = estimateRunCost({ ...DEFAULT_CONFIG, ensembleSize: 256, width: 1024, depth: 4 });
  const maxE = Number(/E = (\d+) at width/.exec(expected.largestFitting ?? '')![1]);
  expect(maxE).toBeGreaterThan(1);

  const t0 = Date.now();
  await page.goto('index.html#/lab/toy?E=256&width=1024&depth=4');
  const line = page.getByTestId('run-cost');
  await expect(line).toHaveAttribute('data-refused', '1');
  await expect(line).toContainText('will not start');
  await expect(line).toContainText(`E = ${maxE} at width 1024`);
  // The worker refuses too, in words, long before the 32 s it would spend drawing 800 M initial weights.
  const err = page.getByTestId('training-error');
  await expect(err).toContainText('Not started.', { timeout: 20_000 });
  await expect(err).toContainText(`The largest that fit: E = ${maxE} at width 1024`);
  expect(Date.now() - t0).toBeLessThan(20_000);
  await expect(page.getByTestId('run-status')).not.toHaveText('running');

  // Take the advice as a person would: type the suggested E and press Enter.
  const eField = page.getByRole('spinbutton', { name: 'Ensemble size E' });
  await eField.fill(String(maxE));
  await eField.press('Enter');
  await expect(page).toHaveURL(new RegExp(`[?&]E=${maxE}(&|$)`));
  await expect(line).toHaveAttribute('data-refused', '0');
  await expect(line).toContainText(/Estimate: \d+ MB of memory, about \d+/);
  await expect(page.getByTestId('training-error')).toHaveCount(0);
  await expect(page.getByTestId('timeline-label')).toHaveText('Initialization', { timeout: 60_000 });
  expect(errors).toEqual([]);
});

test('the default configuration shows an estimate in megabytes and seconds', async ({ page }) => {
  await page.goto('index.html#/lab/toy');
  const line = page.getByTestId('run-cost');
  const bytes = Number(await line.getAttribute('data-bytes'));
  expect(bytes).toBe(estimateRunCost(DEFAULT_CONFIG).memory.total);
  await expect(line).toHaveAttribute('data-refused', '0');
  await expect(line).toContainText(/Estimate: \d+ MB of memory, about \d+(\.\d)? s/);
});
