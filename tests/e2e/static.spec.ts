/**
 * Static deploy: the build runs from a sub-path, every request stays on its own origin, and garbage URL parameters
 * never crash a page and always show the clamp notice.
 */
import { expect, test, type Request } from '@playwright/test';
import { collectErrors } from './helpers';

const SUB = '/some/sub/path/';

test('main flows under /some/sub/path/ make only same-origin requests', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  const failed: string[] = [];
  page.on('request', (r: Request) => requests.push(r.url()));
  page.on('requestfailed', (r: Request) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.url()} ${r.status()}`);
  });
  const errors = collectErrors(page);

  // article: scroll through, every figure plays its recording
  await page.goto(`${SUB}index.html#/`);
  await page.getByTestId('article-fig-toy').scrollIntoViewIfNeeded();
  await expect.poll(async () => Number(await page.getByTestId('art-toy-controls').getAttribute('data-view-step')), { timeout: 10_000 }).toBeGreaterThan(0);
  // slides
  await page.goto(`${SUB}index.html#/slides/9`);
  await expect(page.getByTestId('toy-frame')).toHaveAttribute('data-step', '0');
  await page.keyboard.press('End');
  await expect(page.getByTestId('slide-title')).toHaveText('Key takeaways');
  // lab: train a small run to the end (loads tfjs and the worker from this origin)
  await page.goto(`${SUB}index.html#/lab/toy?E=4&width=8&steps=20&twin=0`);
  await page.getByRole('button', { name: 'Play' }).first().click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 120_000 });
  // embedding demo
  await page.goto(`${SUB}embed-demo.html`);
  // (the demo opens its invariance figure at step 2000 by URL, so its recording has loaded once it shows that step)
  await expect(page.locator('#state-invariance')).toHaveAttribute('data-view-step', '2000');

  const paths = requests.map((u) => new URL(u));
  const foreign = paths.filter((u) => u.origin !== origin && u.protocol !== 'data:' && u.protocol !== 'blob:');
  expect(foreign.map((u) => u.href)).toEqual([]);
  const http = paths.filter((u) => u.protocol.startsWith('http'));
  expect(http.length).toBeGreaterThan(20);
  // everything was fetched through the sub-path (nothing escaped to the server root)
  expect(http.filter((u) => !u.pathname.startsWith(SUB)).map((u) => u.pathname)).toEqual([]);
  expect(http.some((u) => u.pathname.endsWith('/recordings/toy-default.bin'))).toBe(true);
  expect(http.some((u) => /KaTeX_.*\.woff2$/.test(u.pathname))).toBe(true);
  expect(failed).toEqual([]);
  expect(errors).toEqual([]);
});

/** 60 garbage cases across every route: none may crash, each must show the notice. */
const GARBAGE: string[] = [
  'E=abc', 'E=-5', 'E=1e9', 'E=NaN', 'E=', 'E=%20', 'E=Infinity', 'E=0x10', 'E=1.5e1.2',
  'width=-1', 'width=99999', 'width=abc', 'width=3.7', 'depth=0', 'depth=99', 'depth=two',
  'lr=0', 'lr=-1', 'lr=1e99', 'lr=NaN', 'lr=fast', 'seed=-1', 'seed=1e20', 'seed=abc', 'seed=2.5',
  'steps=-10', 'steps=99999', 'steps=many', 'sw=0', 'sw=100', 'sb=-3', 'sb=x',
  'group=C7', 'group=SO2:999', 'group=%3Cscript%3E', 'group=', 'group=D4', 'act=sigmoid', 'act=',
  'anti=maybe', 'twin=2', 'pts=garbage', 'pts=1,2', 'pts=9,9,9', 'pts=a,b,c;d,e,f', 'pts=' + '1,1,1;'.repeat(30),
  'member=-1', 'member=abc', 'hide=%3Cb%3E', 'backend=quantum', 'embed=2', 'panel=nope&embed=1', 'parentOrigin=notanorigin&embed=1&panel=toy',
  'theta=abc&embed=1&panel=probe', 'live=yes', 'autoplay=sure', 'controls=none', 'foo=bar', 'E=5&E=abc&width=%F0%9F%92%A5',
  '%00=%00', '__proto__=1', 'constructor=x&lr=-0', 'E=' + '9'.repeat(400),
];

test(`${GARBAGE.length} garbage URL cases never crash and always show the clamp notice`, async ({ page }) => {
  expect(GARBAGE.length).toBeGreaterThanOrEqual(50);
  const errors = collectErrors(page);
  const routes = ['#/', '#/slides/1', '#/lab/reps'];
  await page.goto(`${SUB}index.html#/`);
  let checked = 0;
  for (const [i, q] of GARBAGE.entries()) {
    const route = routes[i % routes.length];
    await page.evaluate((h) => (window.location.hash = h), `${route}?${q}`);
    const notice = page.getByTestId('url-notice');
    await expect(notice, `${route}?${q}`).toBeVisible();
    expect(Number(await notice.getAttribute('data-count')), q).toBeGreaterThanOrEqual(1);
    // the page is alive: its content rendered next to the notice
    await expect(page.locator('main :is(h1, h2, h3, h4, figure)').first()).toBeVisible();
    expect((await page.locator('main').innerText()).length).toBeGreaterThan(100);
    checked++;
  }
  expect(checked).toBe(GARBAGE.length);
  // and as fresh page loads on the toy lab (the toy lab shows the config notice itself)
  for (const q of ['E=abc', 'width=-5&lr=1e99', 'group=C7', 'pts=garbage']) {
    await page.goto(`${SUB}index.html#/lab/toy?${q}`);
    await expect(page.getByTestId('clamp-notice').or(page.getByTestId('url-notice')).first()).toBeVisible();
  }
  expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
});

test('Copy link and Reset to defaults', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`${SUB}index.html#/lab/toy?E=8&width=16&hide=lr`);
  await page.getByTestId('copy-link').click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain(`${SUB}index.html#/lab/toy?E=8&width=16&hide=lr`);
  await page.getByTestId('reset-defaults').click();
  await expect(page).toHaveURL(/#\/lab\/toy\?hide=lr$/);
  await expect(page.getByTestId('reset-defaults')).toBeDisabled();
});

/**
 * The first page's JavaScript does not grow (issue 18). Budgets, in bytes of the served files:
 * - ENTRY_BUDGET: the entry chunk (dist/assets/main-*.js) as it was before the "house" refactor, 238,838 bytes
 *   (commit 26da018's parent; `npx vite build` and `wc -c`). After the link check and the backend badge became
 *   lazy chunks (ui/shell/ShellNotices, the lazy BackendBadge in ui/shell/Header) it was 230,127; with
 *   more lazy chunks in its preload map (charts moved, the panels' KaTeX wrapper) 230,212 (docs/PERFORMANCE.md).
 * - INITIAL_BUDGET: everything index.html loads before the first paint (the entry plus its modulepreloads: the
 *   bundler's runtime, the preload polyfill, any shared chunk it statically imports), 245,756 bytes at that same
 *   commit (entry + runtime 726 + polyfill 670 + the toy-config chunk 5,520); now 231,608.
 * A failure here means something the first paint does not need reached the shell: load it with import().
 */
const ENTRY_BUDGET = 238_838;
const INITIAL_BUDGET = 245_756;

test('the initial JavaScript stays within its byte budget', async ({ request }) => {
  const html = await (await request.get(`${SUB}index.html`)).text();
  const entry = /<script type="module"[^>]*src="\.\/(assets\/main-[^"]+\.js)"/.exec(html)?.[1];
  expect(entry, 'index.html names its entry chunk').toBeDefined();
  const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]*href="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const size = async (path: string) => (await (await request.get(`${SUB}${path}`)).body()).length;
  const entryBytes = await size(entry!);
  // a real bundle: React alone is about 215 kB, so a tiny number means the wrong file was measured
  expect(entryBytes).toBeGreaterThan(150_000);
  expect(entryBytes, `${entry} is ${entryBytes} bytes`).toBeLessThanOrEqual(ENTRY_BUDGET);
  let initial = entryBytes;
  for (const p of preloads) initial += await size(p);
  expect(initial, `${entry} + ${preloads.join(' + ')} is ${initial} bytes`).toBeLessThanOrEqual(INITIAL_BUDGET);
});
