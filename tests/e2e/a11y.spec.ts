/**
 * Accessibility: an axe-core scan of each route reports no serious or critical violations; with
 * prefers-reduced-motion nothing plays by itself, while stepping by hand still works.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { SLIDES } from '../../src/ui/slides/slideList';

const SUB = '/some/sub/path/';
const FIRST_TOY = SLIDES.findIndex((s) => s.kind === 'toy') + 1;

/** Known violations, by route, that are accepted for now (none: any violation fails). */
const KNOWN: Record<string, string[]> = {};

interface Route {
  name: string;
  url: string;
  /** The test id that shows the route has painted; 'main-content' waits for the lab's first section heading. */
  ready: string;
}

/** A small, quick training run for the labs that train on load. */
const QUICK = '?E=8&width=16&steps=30';

function lab(panel: string, query = '', ready = 'main-content'): Route {
  return { name: `lab: ${panel}`, url: `index.html#/lab/${panel}${query}`, ready };
}

const ROUTES: Route[] = [
  { name: 'article', url: 'index.html#/', ready: 'art-toy-controls' },
  { name: 'slides: title', url: 'index.html#/slides/1', ready: 'slide' },
  { name: 'slides: toy frame', url: `index.html#/slides/${FIRST_TOY}`, ready: 'slide-toy-pair' },
  { name: 'slides: formula', url: 'index.html#/slides/7', ready: 'slide' },
  lab('toy', '', 'heatmap-mean'),
  lab('orbit', QUICK, 'orbit-heatmap'),
  lab('reps'),
  lab('loops'),
  lab('ntk', QUICK),
  lab('ways', QUICK),
  lab('images'),
  lab('vector'),
  { name: 'embedded figure', url: 'index.html#/?embed=1&panel=toy', ready: 'embed-toy-controls' },
  { name: 'embedded probe', url: 'index.html#/?embed=1&panel=probe', ready: 'embed-probe-controls' },
  { name: 'clamp notice', url: 'index.html#/?E=abc&width=-3', ready: 'url-notice' },
];

for (const r of ROUTES) {
  test(`axe: ${r.name} has no serious or critical violations`, async ({ page }) => {
    await page.goto(`${SUB}${r.url}`);
    if (r.ready === 'main-content') await expect(page.locator('main section h2').first()).toBeVisible({ timeout: 30_000 });
    else await expect(page.getByTestId(r.ready).first()).toBeVisible();
    await page.waitForTimeout(300);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const bad = results.violations.filter((v) => (v.impact === 'serious' || v.impact === 'critical') && !(KNOWN[r.name] ?? []).includes(v.id));
    const report = bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')}`);
    expect(report, report.join('\n')).toEqual([]);
    expect(results.passes.length).toBeGreaterThan(10);
  });
}

test('axe: the embedding demo page', async ({ page }) => {
  await page.goto(`${SUB}embed-demo.html`);
  await expect(page.locator('#state-toy')).toHaveAttribute('data-status', 'idle');
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
});

test.describe('prefers-reduced-motion', () => {
  test.use({ reducedMotion: 'reduce' });

  test('no figure plays by itself; Step still works; P does not start a sweep', async ({ page }) => {
    await page.goto(`${SUB}index.html#/`);
    await page.getByTestId('article-fig-emergence').scrollIntoViewIfNeeded();
    await expect(page.getByTestId('article-fig-emergence')).toHaveAttribute('data-in-view', '1');
    await page.waitForTimeout(2000);
    const c = page.getByTestId('art-emergence-controls');
    await expect(c).toHaveAttribute('data-status', 'idle');
    await expect(c).toHaveAttribute('data-view-step', '0');
    await c.getByRole('button', { name: 'Step' }).click();
    await expect(c).toHaveAttribute('data-view-step', '1');
    await page.getByTestId('article-fig-toy').scrollIntoViewIfNeeded();
    await page.waitForTimeout(1500);
    await expect(page.getByTestId('art-toy-controls')).toHaveAttribute('data-status', 'idle');

    // slides: P rotates one step instead of sweeping
    await page.goto(`${SUB}index.html#/slides/${SLIDES.findIndex((s) => s.id === 'probe') + 1}`);
    const probe = page.getByTestId('slide-probe-probe');
    await expect(probe).toHaveAttribute('data-theta', '0.0000');
    await page.keyboard.press('p');
    await expect(probe).toHaveAttribute('data-theta', (Math.PI / 8).toFixed(4));
    await page.waitForTimeout(500);
    await expect(probe).toHaveAttribute('data-theta', (Math.PI / 8).toFixed(4));
    await expect(page.getByTestId('sweep-toggle')).toBeDisabled();

    // an embedded figure with autoplay=1 does not start either
    await page.goto(`${SUB}index.html#/?embed=1&panel=toy&autoplay=1`);
    await expect(page.getByTestId('embed-toy-controls')).toHaveAttribute('data-status', 'idle');
    await page.waitForTimeout(1500);
    await expect(page.getByTestId('embed-toy-controls')).toHaveAttribute('data-view-step', '0');
  });
});
