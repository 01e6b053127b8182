/**
 * Layout and keyboard (issue 15 §2): whole tables at 1280 px, no route wider than a 390 px phone, slides that show
 * their recorded figure at once and train live on demand, a figure above the article's fold, a skip link to the
 * lab's controls that keeps focus after a run, and a one-line backend badge with its reasons on demand.
 */
import { expect, test, type Page } from '@playwright/test';
import { SLIDES } from '../../src/ui/slides/slideList';
import { PANELS } from '../../src/ui/lab/panelRegistry';
import { frameSchedule, snapshotSchedule } from '../../src/core/ensemble/schedule';
import { DEFAULT_CONFIG } from '../../src/core/ensemble/config';

const INVARIANCE_SLIDE = SLIDES.findIndex((s) => s.id === 'invariance') + 1;
const FIRST_TOY_SLIDE = SLIDES.findIndex((s) => s.kind === 'toy') + 1;

/** Every column header of `table` inside the viewport, and the table not scrolled sideways inside its box. */
async function tableFits(page: Page, selector: string) {
  return page.locator(selector).evaluate((table: HTMLTableElement) => {
    const box = table.closest('.table-scroll') ?? table;
    const heads = [...table.querySelectorAll('thead th')].map((th) => th.getBoundingClientRect());
    return {
      columns: heads.length,
      outside: heads.filter((r) => r.left < 0 || r.right > window.innerWidth + 0.5).length,
      scrollWidth: Math.max(box.scrollWidth, table.scrollWidth),
      clientWidth: Math.min(box.clientWidth, table.parentElement!.clientWidth),
      tableRight: table.getBoundingClientRect().right,
      boxRight: box.getBoundingClientRect().right,
    };
  });
}

test.describe('tables at 1280 px', () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test('the toy lab invariance table shows every column', async ({ page }) => {
    await page.goto('index.html#/lab/toy?steps=3&E=4&width=8');
    const table = page.getByRole('table', { name: 'Invariance metrics' });
    await expect(table).toBeVisible({ timeout: 30_000 });
    await table.scrollIntoViewIfNeeded();
    const fit = await tableFits(page, 'table[aria-label="Invariance metrics"]');
    expect(fit.columns).toBe(6);
    expect(fit.outside).toBe(0);
    expect(fit.scrollWidth).toBeLessThanOrEqual(fit.clientWidth);
    expect(fit.tableRight).toBeLessThanOrEqual(fit.boxRight + 0.5);
    // the column the step-0 hint points to is on screen
    await expect(page.getByRole('columnheader', { name: 'mean dev off' })).toBeInViewport();
  });

  test('the vector lab deviation table shows every column', async ({ page }) => {
    await page.goto('index.html#/lab/vector?steps=3&E=4&width=8');
    const heading = page.getByRole('heading', { name: 'Deviation numbers' });
    await expect(heading).toBeVisible({ timeout: 30_000 });
    const card = heading.locator('xpath=..');
    await card.scrollIntoViewIfNeeded();
    const fit = await card.locator('table').evaluate((table: HTMLTableElement) => {
      const heads = [...table.querySelectorAll('thead th')].map((th) => th.getBoundingClientRect());
      const card = table.parentElement!;
      return {
        columns: heads.length,
        outside: heads.filter((r) => r.left < 0 || r.right > window.innerWidth + 0.5).length,
        tableWidth: table.scrollWidth,
        cardInner: card.clientWidth,
        cardScroll: card.scrollWidth,
      };
    });
    expect(fit.columns).toBe(5);
    expect(fit.outside).toBe(0);
    expect(fit.cardScroll).toBeLessThanOrEqual(fit.cardInner);
    expect(fit.tableWidth).toBeLessThanOrEqual(fit.cardInner);
  });
});

test.describe('a 390 px phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  const routes = ['#/', ...PANELS.map((p) => `#/lab/${p.id}`), ...SLIDES.map((_, i) => `#/slides/${i + 1}`)];

  test('no route is wider than the screen', async ({ page }) => {
    test.setTimeout(240_000);
    const widths: string[] = [];
    for (const r of routes) {
      await page.goto(`index.html${r}`);
      // wait for the route's own content, not a fixed time: its main heading or slide title
      await expect(page.locator('main h1, main h2').first()).toBeVisible({ timeout: 30_000 });
      await expect
        .poll(async () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), { timeout: 5_000, message: r })
        .toBeLessThanOrEqual(0)
        .catch(() => undefined);
      const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      widths.push(`${r} ${sw}/${iw}`);
    }
    console.log(widths.join('; '));
    expect(widths.filter((w) => { const [sw, iw] = w.split(' ')[1].split('/').map(Number); return sw > iw; })).toEqual([]);
  });

  test('slide heatmaps stay legible', async ({ page }) => {
    await page.goto(`index.html#/slides/${FIRST_TOY_SLIDE}`);
    const mean = page.getByTestId('slide-toy-mean');
    await expect(page.getByTestId('slide-source')).toHaveAttribute('data-source', 'recorded', { timeout: 30_000 });
    const width = await mean.evaluate((el) => el.getBoundingClientRect().width);
    console.log(`slide heatmap width at 390 px: ${width.toFixed(0)} px`);
    expect(width).toBeGreaterThanOrEqual(250);
    expect(width).toBeLessThanOrEqual(390);
  });
});

test('slide 15 shows every recorded step at once, and "Play training" runs it live', async ({ page }) => {
  await page.goto(`index.html#/slides/${INVARIANCE_SLIDE}`);
  await expect(page.getByTestId('slide-title')).toHaveText(SLIDES[INVARIANCE_SLIDE - 1].title);
  const recorded = snapshotSchedule(DEFAULT_CONFIG.steps).length;
  const chart = page.getByTestId('slide-inv-invariance');
  await expect(chart).toHaveAttribute('data-points', String(recorded), { timeout: 15_000 });
  // The chart has a point per full snapshot; the recording also holds the light frames between them.
  await expect(page.getByTestId('slide-source')).toContainText(`${recorded} snapshots and ${frameSchedule(DEFAULT_CONFIG.steps).length - recorded} light frames to step ${DEFAULT_CONFIG.steps}`);
  await page.getByTestId('slide-play-training').click();
  const source = page.getByTestId('slide-source');
  await expect(source).toHaveAttribute('data-source', 'live');
  await expect.poll(async () => Number(await source.getAttribute('data-step')), { timeout: 60_000 }).toBeGreaterThan(0);
  const first = Number(await source.getAttribute('data-step'));
  await expect.poll(async () => Number(await source.getAttribute('data-step')), { timeout: 60_000 }).toBeGreaterThan(first);
  await expect(source).toContainText(/Live step \d+ of 2000/);
  // the chart fills with the live snapshots as they arrive
  await expect.poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 60_000 }).toBeGreaterThanOrEqual(4);
});

for (const viewport of [{ width: 1280, height: 900 }, { width: 390, height: 844 }]) {
  test(`the article's first screen shows mean against member with a step (${viewport.width}×${viewport.height})`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.goto('index.html#/');
    const hero = page.getByTestId('article-fig-hero');
    await expect(page.getByTestId('art-hero-controls')).toHaveAttribute('data-source', 'recorded', { timeout: 30_000 });
    const top = await hero.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(viewport.height);
    // both maps' tops are on the first screen too
    for (const id of ['art-hero-mean', 'art-hero-member']) {
      const t = await page.getByTestId(id).evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
      expect(t).toBeLessThan(viewport.height);
    }
    // it replays the recording by itself and names the step it shows
    await expect(page.getByTestId('art-hero-step-label')).toHaveText(/After \d+ steps?/, { timeout: 15_000 });
    await expect.poll(async () => Number(await page.getByTestId('art-hero-pair').getAttribute('data-step')), { timeout: 15_000 }).toBeGreaterThan(0);
  });
}

test('keyboard: "Skip to controls" reaches Play in 2 stops; focus stays off the body when a run ends', async ({ page }) => {
  await page.goto('index.html#/lab/toy?steps=30&E=4&width=8');
  await expect(page.getByTestId('timeline-label')).toHaveText('Initialization', { timeout: 60_000 });
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to controls' })).toBeFocused();
  await page.keyboard.press('Enter');
  const play = page.getByRole('button', { name: 'Play' });
  let stops = 1;
  while (!(await play.evaluate((el) => el === document.activeElement)) && stops < 3) {
    await page.keyboard.press('Tab');
    stops++;
  }
  await expect(play).toBeFocused();
  expect(stops).toBeLessThanOrEqual(3);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 120_000 });
  await expect(page.getByRole('button', { name: 'Play' })).toBeDisabled();
  const active = await page.evaluate(() => `${document.activeElement?.tagName}:${document.activeElement?.textContent}`);
  expect(active).not.toMatch(/^BODY/);
  expect(active).toBe('BUTTON:Play');
  // and Tab carries on from there, not from the top of the page
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Step' })).toBeFocused();
});

test('the backend badge is one short line; its reasons open on demand', async ({ page }) => {
  await page.goto('index.html#/lab/toy?steps=3&E=4&width=8');
  const badge = page.getByRole('status', { name: 'Compute backend' });
  await expect(badge).toHaveAttribute('data-backend', /webgpu|webgl|wasm|cpu/, { timeout: 30_000 });
  const summary = page.getByTestId('backend-summary');
  const text = (await summary.innerText()).trim();
  console.log(`badge: "${text}"`);
  expect(text.length).toBeLessThanOrEqual(30);
  const lines = await summary.evaluate((el) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight || '20')));
  expect(lines).toBeLessThanOrEqual(1);
  if ((await badge.getAttribute('data-backend')) === 'wasm') expect(text).toMatch(/^backend: wasm · fused SIMD( ×\d+)?$/);
  const reasons = page.getByTestId('backend-reasons');
  await expect(reasons).toBeHidden();
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(reasons).toBeVisible();
  await expect(reasons).toContainText(/wasm|webgl|cpu|webgpu/);
  await summary.click();
  await expect(reasons).toBeHidden();
});

test('every lab has "Skip to controls" as its first Tab stop, landing on one of the lab\'s controls', async ({ page }) => {
  test.setTimeout(180_000);
  const landed: string[] = [];
  for (const p of PANELS) {
    // a fresh page load each time (a hash change alone keeps the previous lab's focus)
    await page.goto('about:blank');
    await page.goto(`index.html#/lab/${p.id}`);
    await expect(page.locator('main h2').first()).toBeVisible({ timeout: 30_000 });
    // wait until the lab has a control group to skip to (lazy panels render their controls after the heading)
    await expect(page.locator('main [data-skip-target], main [role="group"], main .controls').first()).toBeAttached();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to controls' })).toBeFocused();
    await page.keyboard.press('Enter');
    const where = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return { inMain: !!a?.closest('main'), tag: a?.tagName ?? '', name: (a?.getAttribute('aria-label') ?? a?.textContent ?? '').trim().slice(0, 30) };
    });
    landed.push(`${p.id}: ${where.tag} "${where.name}"`);
    expect(where.inMain, p.id).toBe(true);
    expect(where.tag, p.id).not.toBe('BODY');
  }
  console.log(landed.join('; '));
});
