/**
 * Talk mode: keyboard navigation with the slide number in the URL, the five labelled toy frames from one recorded
 * run (identical pixels on every showing), R rotates the probe, P plays/pauses its sweep.
 */
import { expect, test, type Page } from '@playwright/test';
import { collectErrors } from './helpers';
import { SLIDES, TOY_SEQUENCE } from '../../src/ui/slides/slideList';

const SUB = '/some/sub/path/';
const FIRST_TOY = SLIDES.findIndex((s) => s.kind === 'toy') + 1;
const PROBE = SLIDES.findIndex((s) => s.id === 'probe') + 1;

async function slideNumber(page: Page): Promise<number> {
  return Number(await page.getByTestId('slides').getAttribute('data-slide'));
}

/** The mean heatmap's pixels: a hash and the number of coloured (not background) pixels. */
async function canvasStats(page: Page, testId: string) {
  return page.getByTestId(testId).locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let coloured = 0;
    let h = 2166136261;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3] > 0 && !(d[i] === 238 && d[i + 1] === 238 && d[i + 2] === 238)) coloured++;
      h = Math.imul(h ^ (d[i] * 65536 + d[i + 1] * 256 + d[i + 2]), 16777619);
    }
    return { coloured, total: c.width * c.height, hash: h >>> 0 };
  });
}

test('keys move through the slides and the URL holds the slide number', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(`${SUB}index.html#/slides`);
  await expect(page.getByTestId('slide-title')).toHaveText(SLIDES[0].title);
  expect(await slideNumber(page)).toBe(1);
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(/#\/slides\/2$/);
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/#\/slides\/3$/);
  await page.keyboard.press('ArrowLeft');
  await expect(page).toHaveURL(/#\/slides\/2$/);
  await page.keyboard.press('End');
  await expect(page).toHaveURL(new RegExp(`#/slides/${SLIDES.length}$`));
  await expect(page.getByTestId('slide-title')).toHaveText(SLIDES[SLIDES.length - 1].title);
  // Keys pressed faster than the page re-renders still count one slide each.
  await page.keyboard.press('Home');
  await expect(page).toHaveURL(/#\/slides\/1$/);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await expect(page).toHaveURL(/#\/slides\/3$/);
  await expect(page.getByTestId('slide-title')).toHaveText(SLIDES[2].title);
  await page.keyboard.press('End');
  await expect(page).toHaveURL(new RegExp(`#/slides/${SLIDES.length}$`));
  await page.keyboard.press('Space'); // past the end: stays
  await expect(page.getByTestId('slide-number')).toHaveText(`${SLIDES.length} / ${SLIDES.length}`);
  await page.keyboard.press('Home');
  await expect(page).toHaveURL(/#\/slides\/1$/);
  // a deep link opens that slide; a bad number is clamped with a notice
  await page.goto(`${SUB}index.html#/slides/${FIRST_TOY}`);
  await expect(page.getByTestId('slide-title')).toHaveText('Initialization');
  await page.goto(`${SUB}index.html#/slides/999`);
  await expect(page.getByTestId('slide-notice')).toContainText(`showing slide ${SLIDES.length}`);
  expect(await slideNumber(page)).toBe(SLIDES.length);
  expect(errors).toEqual([]);
});

test('the toy sequence shows five labelled frames of one recorded run, identical on every showing', async ({ page }) => {
  await page.goto(`${SUB}index.html#/slides/${FIRST_TOY}`);
  const seen: { label: string; step: number; mean: number; member: number; meanRstd: number; hash: number }[] = [];
  for (let i = 0; i < TOY_SEQUENCE.length; i++) {
    const { step, label } = TOY_SEQUENCE[i];
    await expect(page.getByTestId('slide-title')).toHaveText(label);
    await expect(page.getByTestId('toy-frame')).toHaveAttribute('data-step', String(step));
    await expect(page.getByTestId('slide-source')).toHaveAttribute('data-source', 'recorded');
    await expect(page.getByTestId('slide-source')).toContainText('Recorded run');
    const summary = page.getByTestId('slide-toy-summary');
    const mean = Number(await summary.getAttribute('data-mean-dev'));
    const member = Number(await summary.getAttribute('data-member-dev'));
    const meanRstd = Number(await summary.getAttribute('data-mean-rstd'));
    const stats = await canvasStats(page, 'slide-toy-mean');
    const memberStats = await canvasStats(page, 'slide-toy-member');
    // the polar grid covers the disc of radius 3 inside the [-3, 3]² square: π/4 ≈ 78 % of the pixels
    expect(stats.coloured / stats.total).toBeGreaterThan(0.7);
    expect(memberStats.coloured / memberStats.total).toBeGreaterThan(0.7);
    seen.push({ label, step, mean, member, meanRstd, hash: stats.hash });
    if (i < TOY_SEQUENCE.length - 1) await page.keyboard.press('ArrowRight');
  }
  expect(seen.map((s) => s.label)).toEqual(['Initialization', 'After 1 training step', 'After 2 training steps', 'After 3 training steps', 'After 2000 training steps']);
  // every frame: the ensemble mean's orbit deviation (off the data) is several times below the member's
  console.log(seen.map((s) => `${s.label}: mean dev ${s.mean.toPrecision(3)}, member dev ${s.member.toPrecision(3)}, ratio ${(s.member / s.mean).toFixed(1)}`).join('\n'));
  for (const s of seen) expect(s.member / s.mean, `${s.label}: member ${s.member}, mean ${s.mean}`).toBeGreaterThan(5);
  expect(seen[4].meanRstd).toBeLessThan(0.05);
  // the frames differ from each other (the run moves) …
  expect(new Set(seen.map((s) => s.hash)).size).toBe(5);
  // … and are the same pixels after a reload
  await page.reload();
  await expect(page.getByTestId('toy-frame')).toHaveAttribute('data-step', '2000');
  expect((await canvasStats(page, 'slide-toy-mean')).hash).toBe(seen[4].hash);
  await page.goto(`${SUB}index.html#/slides/${FIRST_TOY}`);
  await expect(page.getByTestId('toy-frame')).toHaveAttribute('data-step', '0');
  expect((await canvasStats(page, 'slide-toy-mean')).hash).toBe(seen[0].hash);
});

test('R rotates the probe by 45°, P plays and pauses the sweep', async ({ page }) => {
  await page.goto(`${SUB}index.html#/slides/${PROBE}`);
  const probe = page.getByTestId('slide-probe-probe');
  await expect(probe).toHaveAttribute('data-theta', '0.0000');
  await page.keyboard.press('r');
  await expect(probe).toHaveAttribute('data-theta', (Math.PI / 4).toFixed(4));
  await page.keyboard.press('r');
  await expect(probe).toHaveAttribute('data-theta', (Math.PI / 2).toFixed(4));
  // at step 2000 the mean's output along the orbit varies several times less than the member's
  const meanRange = Number(await probe.getAttribute('data-mean-range'));
  const memberRange = Number(await probe.getAttribute('data-member-range'));
  expect(memberRange / meanRange).toBeGreaterThan(3);
  await page.keyboard.press('p');
  await expect(page.getByTestId('sweep-toggle')).toHaveAttribute('aria-pressed', 'true');
  const t0 = Number(await probe.getAttribute('data-theta'));
  await expect.poll(async () => Number(await probe.getAttribute('data-theta'))).toBeGreaterThan(t0 + 0.05);
  await page.keyboard.press('p');
  await expect(page.getByTestId('sweep-toggle')).toHaveAttribute('aria-pressed', 'false');
  const t1 = Number(await probe.getAttribute('data-theta'));
  await page.waitForTimeout(400);
  expect(Number(await probe.getAttribute('data-theta'))).toBe(t1);
});
