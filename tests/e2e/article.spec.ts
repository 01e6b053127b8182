/**
 * The article: every section renders with its maths typeset locally; figures start only when scrolled into view
 * and pause when scrolled away; "Open in lab" carries the figure's state; "Recompute live" retrains in the page.
 */
import { expect, test, type Page } from '@playwright/test';
import { collectErrors } from './helpers';
import { ARTICLE_SECTIONS } from '../../src/ui/article/Article';

const SUB = '/some/sub/path/';

const controls = (page: Page, id: string) => page.getByTestId(`art-${id}-controls`);

test('every section renders, with KaTeX maths and no errors', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(`${SUB}index.html#/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Emergent equivariance in deep ensembles');
  const sections = page.locator('article section[data-section]');
  await expect(sections).toHaveCount(ARTICLE_SECTIONS.length);
  expect(ARTICLE_SECTIONS.length).toBe(10);
  for (const [i, s] of ARTICLE_SECTIONS.entries()) {
    const h = page.locator(`#h-${s.id}`);
    await expect(h).toHaveText(`${i + 1}. ${s.title}`);
    expect((await page.locator(`#sec-${s.id}`).innerText()).length, s.id).toBeGreaterThan(150);
  }
  const tex = await page.locator('.katex').count();
  expect(tex).toBeGreaterThanOrEqual(10);
  expect(await page.locator('.katex-error').count()).toBe(0);
  // the KaTeX fonts are loaded from this build
  await page.evaluate(() => document.fonts.ready);
  const katexFonts = await page.evaluate(() => [...document.fonts].filter((f) => f.family.includes('KaTeX') && f.status === 'loaded').length);
  expect(katexFonts).toBeGreaterThanOrEqual(1);
  expect(errors).toEqual([]);
});

test('figures start only when scrolled into view and pause when scrolled away', async ({ page }) => {
  await page.goto(`${SUB}index.html#/`);
  await expect(controls(page, 'emergence')).toHaveAttribute('data-source', 'recorded');
  await expect(controls(page, 'toy')).toHaveAttribute('data-source', 'recorded');
  await page.waitForTimeout(1500);
  // below the fold: nothing has started
  for (const id of ['emergence', 'toy']) {
    await expect(controls(page, id)).toHaveAttribute('data-status', 'idle');
    await expect(controls(page, id)).toHaveAttribute('data-view-step', '0');
    await expect(page.getByTestId(`article-fig-${id}`)).toHaveAttribute('data-in-view', '0');
  }
  // scroll the first toy figure into view: it plays its recorded run
  await page.getByTestId('article-fig-emergence').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('article-fig-emergence')).toHaveAttribute('data-in-view', '1');
  await expect(controls(page, 'emergence')).toHaveAttribute('data-status', /running|done/);
  await expect.poll(async () => Number(await controls(page, 'emergence').getAttribute('data-view-step')), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
  // the other one is still waiting
  await expect(controls(page, 'toy')).toHaveAttribute('data-status', 'idle');
  // scroll away: it pauses and stays where it was
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(controls(page, 'emergence')).toHaveAttribute('data-status', /paused|done/);
  const held = await controls(page, 'emergence').getAttribute('data-view-step');
  await page.waitForTimeout(1600);
  await expect(controls(page, 'emergence')).toHaveAttribute('data-view-step', held!);
  // the second figure starts when it comes into view
  await page.getByTestId('article-fig-toy').scrollIntoViewIfNeeded();
  await expect(controls(page, 'toy')).toHaveAttribute('data-status', /running|done/);
  await expect.poll(async () => Number(await controls(page, 'toy').getAttribute('data-view-step')), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
});

test('"Open in lab" carries the figure state; "Recompute live" retrains in the page', async ({ page }) => {
  await page.goto(`${SUB}index.html#/`);
  const link = page.getByTestId('art-toy-lab-link');
  await expect(link).toHaveAttribute('href', '#/lab/toy');
  await expect(page.getByTestId('art-toy-recorded')).toContainText('Recorded run, seed 1');
  await page.getByTestId('article-fig-toy').scrollIntoViewIfNeeded();
  await page.getByTestId('art-toy-recompute').click();
  await expect(controls(page, 'toy')).toHaveAttribute('data-source', 'live');
  // the live run's first snapshot (initialisation) arrives from the worker and is drawn
  await expect.poll(async () => Number(await page.getByTestId('art-toy-pair').getAttribute('data-step')), { timeout: 90_000 }).toBeGreaterThanOrEqual(0);
  await expect(page.locator('.live-badge').first()).toContainText(/Live, step \d+\/2000/);
  await page.getByTestId('art-toy-play').click(); // pause
  await link.click();
  await expect(page).toHaveURL(/#\/lab\/toy$/);
  await expect(page.getByRole('heading', { level: 2 }).first()).toContainText('Toy example');
});
