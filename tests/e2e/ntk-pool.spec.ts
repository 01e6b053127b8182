import { expect, test, type Page } from '@playwright/test';
import { collectPanelErrors, readNumber, recordedTexts, recordTexts, terminateWhenShown } from './helpers';

/**
 * The NTK panel's extra training runs on a pool of NTK workers (`workers=`): the plan's six runs are split between the
 * workers and put back together in plan order. Each run is seeded from the configuration alone and runs on the same
 * wasm backend, so every number a person reads must be the same on one worker and on two (tolerance 0), and a worker
 * killed mid-plan is replaced and trains only its runs nobody finished, to the same numbers.
 */

// 300 steps (the E-curves stop there): a plan takes 2.7–3.0 s on two workers here (at 100 steps it took 1.1–1.3 s,
// too short for a progress line to be sure to show), so a worker can be killed in the middle of its last run.
const STEPS = 300;
const ROUTE = `index.html#/lab/ntk?E=4&width=16&steps=${STEPS}&faults=1`;

/** Every number the experiments section shows, by test id. */
async function experimentNumbers(page: Page): Promise<Record<string, number>> {
  const ids = [32, 128]
    .flatMap((w) => [`ntk-size-slope-${w}`, `ntk-size-floor-${w}`])
    .concat([32, 64, 128, 256].flatMap((w) => [`ntk-gap-early-${w}`, `ntk-gap-late-${w}`]));
  return Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await readNumber(page, id)] as const)));
}

async function open(page: Page, workers: number): Promise<void> {
  await page.goto(`${ROUTE}&workers=${workers}`);
  const count = page.getByTestId('ntk-experiment-workers');
  await expect(count).toHaveAttribute('data-value', String(workers));
  await expect(count).toHaveText(workers === 1 ? 'one NTK worker' : `${workers} NTK workers`);
}

const bar = (page: Page) => page.getByRole('progressbar', { name: 'Experiment progress' });

/** Run the experiments with the panel's button and wait for their numbers. */
async function runToDone(page: Page): Promise<{ numbers: Record<string, number>; seconds: number }> {
  await page.getByRole('button', { name: /Run the E and width experiments|Run the experiments again/ }).click();
  await expect(bar(page)).toBeVisible();
  await expect(bar(page)).toHaveCount(0, { timeout: 170_000 });
  await expect(page.getByText('The experiments failed')).toHaveCount(0);
  return { numbers: await experimentNumbers(page), seconds: await readNumber(page, 'ntk-experiments-seconds') };
}

test('the experiments give the same numbers on one NTK worker and on two, also after a worker is killed mid-plan', async ({ browser }) => {
  test.setTimeout(480_000);
  const one = await browser.newPage();
  const oneErrors = collectPanelErrors(one);
  await open(one, 1);
  const a = await runToDone(one);
  expect(oneErrors).toEqual([]);
  await one.close();

  const page = await browser.newPage();
  const errors = collectPanelErrors(page);
  await open(page, 2);
  const progressLine = '.ntk-progress .readout';
  await recordTexts(page, progressLine);
  await page.getByRole('button', { name: 'Run the E and width experiments' }).click();
  await expect(bar(page)).toHaveCount(0, { timeout: 170_000 });
  // The progress line covers both workers' runs: the runs done of the whole plan, then what each worker trains. Every
  // line shown is recorded (a line may be on screen for less than one of Playwright's polls on a loaded machine).
  const lines = await recordedTexts(page, progressLine);
  console.log(`progress lines shown: ${lines.length}; first: ${lines[0]}; last: ${lines[lines.length - 1]}`);
  const bothWorkers = new RegExp(`^\\d+%: [0-5] of 6 runs done; worker 1: E-curve W = 128, E = 64: step \\d+ of ${STEPS}; worker 2: `);
  expect(lines.filter((l) => bothWorkers.test(l)).length).toBeGreaterThan(0);
  const b = { numbers: await experimentNumbers(page), seconds: await readNumber(page, 'ntk-experiments-seconds') };
  console.log(`NTK experiments, steps=${STEPS}: 1 worker ${a.seconds.toFixed(2)} s, 2 workers ${b.seconds.toFixed(2)} s`);
  console.log(`numbers 1 | 2 workers: ${Object.keys(a.numbers).map((k) => `${k}=${a.numbers[k]}|${b.numbers[k]}`).join(', ')}`);
  for (const k of Object.keys(a.numbers)) expect(Number.isFinite(a.numbers[k]), k).toBe(true);
  // Real measurements: 1/√E-like slopes, distances between 0 and 1.
  for (const w of [32, 128]) expect(a.numbers[`ntk-size-slope-${w}`]).toBeLessThan(-0.2);
  for (const w of [32, 64, 128, 256]) expect(a.numbers[`ntk-gap-late-${w}`]).toBeGreaterThan(0);
  expect(b.numbers).toEqual(a.numbers);
  await expect(page.getByText(/^6 runs on wasm in .* s \(from the click to the last run, on 2 workers\)/)).toBeVisible();

  // Worker 2 trains runs 0, 2, 3, 4, 5 in that order (worker 1 the W = 128 E-curve alone); kill it during its last run,
  // the W = 256 step curve, once its first runs are done: the replacement is given only what nobody finished.
  // The kill is made by the page itself, as the progress line first shows that run, so no poll can miss it. Once
  // worker 1's one run is done the line names no worker: a step curve at W = 256 is then worker 2's alone.
  const killed = terminateWhenShown(page, progressLine, /[1-5] of 6 runs done; (.*worker 2: )?step curve W = 256/, 'ntk-worker-1');
  await page.getByRole('button', { name: 'Run the experiments again' }).click();
  console.log(`killed worker 2 at: ${await killed}`);
  const notice = page.getByTestId('ntk-recovery');
  await expect(notice).toContainText(/NTK worker 2 was terminated\. Restarted NTK worker 2; resumed the experiments \([1-5] of 6 runs kept; this worker trains 1 run again\)/);
  console.log(`fault notice: ${await notice.textContent()}`);
  await expect(bar(page)).toHaveCount(0, { timeout: 170_000 });
  await expect(page.getByText('The experiments failed')).toHaveCount(0);
  expect(await experimentNumbers(page)).toEqual(a.numbers);
  expect(errors).toEqual([]);
});
