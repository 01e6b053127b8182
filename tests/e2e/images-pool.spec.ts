import { expect, test, type Browser } from '@playwright/test';
import { collectErrors, readNumber, type FaultWindow } from './helpers';
import { currentStep, latestNumbers } from './imagesHelpers';

/**
 * The images lab trains on a pool of workers: each trains a slice of both ensembles' members, the page joins them in
 * member order and one worker evaluates the whole ensemble. What a person reads must not depend on how many workers
 * trained: the results table's accuracy and OSP cells are the same with workers=1 and workers=2 (the same arithmetic
 * on the same backend, so exactly the same), and the status line says how many workers train.
 */

const TABLE = ['ensemble', 'member', 'canonical', 'groupAverage'].map((r) => `images-osp-${r}-C4`);

/** Open the lab on `workers` workers, pick the Tiny preset, train and evaluate; every number of the two tables. */
async function tinyRun(browser: Browser, workers: number): Promise<Record<string, string>> {
  const page = await browser.newPage();
  const errors = collectErrors(page);
  await page.goto(`index.html#/lab/images?group=C4&workers=${workers}`);
  const count = page.getByTestId('images-workers');
  await expect(count).toHaveAttribute('data-value', String(workers), { timeout: 60_000 });
  await expect(count).toContainText(workers === 1 ? 'Training in a worker.' : `Training in ${workers} workers, each a slice of both ensembles' members.`);
  await page.getByRole('radio', { name: /Tiny/ }).check();
  await expect(page.getByTestId('images-run')).toBeEnabled({ timeout: 60_000 });
  await page.getByTestId('images-run').click();
  await expect(page.getByTestId('images-phase')).toHaveAttribute('data-value', 'done', { timeout: 120_000 });
  const out = await latestNumbers(page);
  for (const id of TABLE) out[id] = String(await readNumber(page, id));
  expect(errors).toEqual([]);
  await page.close();
  return out;
}

test('the tiny preset gives the same table on one worker and on two', async ({ browser }) => {
  test.setTimeout(240_000);
  const one = await tinyRun(browser, 1);
  const two = await tinyRun(browser, 2);
  console.log(`images pool, 1 vs 2 workers: ${Object.keys(one).filter((k) => !k.includes('cost')).map((k) => `${k}=${one[k]}|${two[k]}`).join(', ')}`);
  expect(Number(one['images-acc-ensemble'])).toBeGreaterThan(0.2);
  expect(Number(one['images-osp-ensemble-C4'])).toBeGreaterThanOrEqual(1);
  expect(Object.keys(two).sort()).toEqual(Object.keys(one).sort());
  expect(two).toEqual(one);
});

test('a crashed second worker resumes its slice, one that fails for good hands it over, and both runs end with the uninterrupted numbers', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = collectErrors(page);
  await page.goto('index.html#/lab/images?preset=quick&group=C4&workers=2&faults=1');
  await expect(page.getByTestId('images-workers')).toHaveAttribute('data-value', '2', { timeout: 60_000 });
  await expect(page.getByTestId('images-run')).toBeEnabled({ timeout: 60_000 });
  await page.getByTestId('images-run').click();
  await expect(page.getByTestId('images-phase')).toHaveAttribute('data-value', 'done', { timeout: 120_000 });
  const reference = await latestNumbers(page);

  await page.getByTestId('images-run').click();
  await expect.poll(() => currentStep(page), { timeout: 60_000, intervals: [50] }).toBeGreaterThanOrEqual(60);
  await page.evaluate(() => (window as unknown as FaultWindow).symlabFaults['images-worker-1'].crashWorker());
  // The second worker trains members 3–4 of the Quick preset's 5.
  await expect(page.getByTestId('images-recovery')).toContainText(/images worker crashed \(.*\)\. Restarted the images worker; resumed the run from step \d+ \(members 3–4\)/);
  await expect(page.getByTestId('images-phase')).toHaveAttribute('data-value', 'done', { timeout: 120_000 });
  expect(await latestNumbers(page)).toEqual(reference);

  // Six terminations in a row exceed the second worker's restart budget (5 a minute): it is dropped, and the first
  // worker trains all five members from their latest common checkpoint.
  await page.getByTestId('images-run').click();
  await expect.poll(() => currentStep(page), { timeout: 60_000, intervals: [50] }).toBeGreaterThanOrEqual(60);
  await page.evaluate(() => {
    const faults = (window as unknown as FaultWindow).symlabFaults;
    for (let i = 0; i < 6; i++) faults['images-worker-1'].terminateWorker();
  });
  await expect(page.getByTestId('images-recovery')).toContainText(
    /Its members moved to another worker, which trains the run's members 0–4 from (step \d+|the start); training continues on 1 worker\./,
  );
  await expect(page.getByTestId('images-workers')).toHaveAttribute('data-value', '1');
  await expect(page.getByTestId('images-workers')).toContainText('Training in a worker.');
  await expect(page.getByTestId('images-phase')).toHaveAttribute('data-value', 'done', { timeout: 120_000 });
  expect(await latestNumbers(page)).toEqual(reference);
  expect(errors).toEqual([]);
});

test('a worker count beyond the cores is clamped and said so', async ({ page }) => {
  await page.goto('index.html#/lab/images?workers=999');
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  await expect(page.getByTestId('images-notices')).toContainText(`training workers 999 is above ${cores}; using ${cores}`);
  await expect(page.getByTestId('images-workers')).toHaveAttribute('data-value', String(cores), { timeout: 60_000 });
});

