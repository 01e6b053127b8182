/**
 * Embedding: the demo page (served under a sub-path) drives embedded figures through postMessage and receives
 * ready/state/snapshot events; messages from a foreign origin, or from a window other than the parent, are ignored.
 */
import { expect, test, type Page } from '@playwright/test';
import { collectErrors } from './helpers';

const SUB = '/some/sub/path/';

interface Ev {
  type: string;
  step?: number;
  state?: { status: string; viewStep: number; step: number; theta: number; source: string; totalSteps: number; height: number };
  summary?: { meanRstd: number; memberRstd: number; step: number };
  height?: number;
}

async function events(page: Page, id: string): Promise<Ev[]> {
  return page.evaluate((k) => (window as unknown as { symlabEvents: Record<string, Ev[]> }).symlabEvents[k], id);
}
async function lastState(page: Page, id: string) {
  const ev = (await events(page, id)).filter((e) => e.type === 'state');
  return ev[ev.length - 1]?.state;
}

test('the demo page drives three embedded figures: play, seek to 2000, rotate; state and snapshot events come back', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(`${SUB}embed-demo.html`);
  await expect(page.locator('iframe')).toHaveCount(3);
  for (const id of ['toy', 'probe', 'invariance']) {
    await expect.poll(async () => (await events(page, id)).some((e) => e.type === 'ready'), { timeout: 30_000 }).toBe(true);
    const ready = (await events(page, id)).find((e) => e.type === 'ready')!;
    expect(ready.height).toBeGreaterThan(100);
  }
  const s0 = await lastState(page, 'toy');
  expect(s0).toMatchObject({ source: 'recorded', status: 'idle', viewStep: 0, totalSteps: 2000 });

  // play: the recorded run advances through its snapshots
  await page.locator('button[data-figure="toy"][data-command="play"]').click();
  await expect.poll(async () => (await lastState(page, 'toy'))?.status).toMatch(/running|done/);
  await expect.poll(async () => (await lastState(page, 'toy'))?.viewStep, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  await page.locator('button[data-figure="toy"][data-command="pause"]').click();
  await expect.poll(async () => (await lastState(page, 'toy'))?.status).toBe('paused');

  // seek to step 2000
  await page.locator('button[data-figure="toy"][data-command="seek"]').click();
  await expect.poll(async () => (await lastState(page, 'toy'))?.viewStep).toBe(2000);
  const snap = (await events(page, 'toy')).filter((e) => e.type === 'snapshot').pop()!;
  expect(snap.step).toBe(2000);
  // the numbers of the recorded default run: the mean is several times more invariant than the member
  expect(snap.summary!.meanRstd).toBeGreaterThan(0);
  expect(snap.summary!.meanRstd).toBeLessThan(0.05);
  expect(snap.summary!.memberRstd / snap.summary!.meanRstd).toBeGreaterThan(4);
  const toyFrame = page.frameLocator('#frame-toy');
  await expect(toyFrame.getByTestId('embed-toy-pair')).toHaveAttribute('data-step', '2000');

  // rotate the probe by 45° twice
  await page.locator('button[data-figure="probe"][data-command="seek"]').click();
  await page.locator('button[data-figure="probe"][data-command="rotate"]').click();
  await page.locator('button[data-figure="probe"][data-command="rotate"]').click();
  await expect.poll(async () => (await lastState(page, 'probe'))?.theta).toBeCloseTo(Math.PI / 2, 5);
  const probe = page.frameLocator('#frame-probe').getByTestId('embed-probe-probe');
  await expect(probe).toHaveAttribute('data-theta', (Math.PI / 2).toFixed(4));
  // along the orbit at step 2000 the mean's output varies several times less than the member's
  const meanRange = Number(await probe.getAttribute('data-mean-range'));
  const memberRange = Number(await probe.getAttribute('data-member-range'));
  expect(memberRange / meanRange).toBeGreaterThan(3);

  // "all" buttons reach every figure; the demo's state line follows
  await page.getByRole('button', { name: 'Reset all' }).click();
  for (const id of ['toy', 'probe', 'invariance']) await expect.poll(async () => (await lastState(page, id))?.viewStep).toBe(0);
  await expect(page.locator('#state-toy')).toHaveAttribute('data-view-step', '0');
  expect(errors).toEqual([]);
});

test('set(config) switches a figure to a live run of that config, which trains to the end on command', async ({ page }) => {
  await page.goto(`${SUB}embed-demo.html`);
  await expect.poll(async () => (await events(page, 'toy')).some((e) => e.type === 'ready'), { timeout: 30_000 }).toBe(true);
  await page.evaluate(() => {
    const f = document.getElementById('frame-toy') as HTMLIFrameElement;
    f.contentWindow!.postMessage({ v: 1, type: 'set', config: { E: 4, width: 8, steps: 30, twin: false }, id: 'small' }, location.origin);
  });
  await expect.poll(async () => (await lastState(page, 'toy'))?.source).toBe('live');
  expect((await lastState(page, 'toy'))?.totalSteps).toBe(30);
  await page.evaluate(() => {
    const f = document.getElementById('frame-toy') as HTMLIFrameElement;
    f.contentWindow!.postMessage({ v: 1, type: 'seek', step: 30 }, location.origin);
  });
  await expect.poll(async () => (await lastState(page, 'toy'))?.viewStep, { timeout: 90_000 }).toBe(30);
  const snaps = (await events(page, 'toy')).filter((e) => e.type === 'snapshot').map((e) => e.step);
  expect(snaps).toContain(30);
  // malformed commands are answered with an error event and change nothing
  await page.evaluate(() => {
    const f = document.getElementById('frame-toy') as HTMLIFrameElement;
    for (const m of [{ v: 2, type: 'play' }, { v: 1, type: 'seek', step: -5 }, { v: 1, type: 'explode' }, 'play', { v: 1, type: 'set', config: { evil: 1 } }]) f.contentWindow!.postMessage(m, location.origin);
  });
  await expect.poll(async () => (await events(page, 'toy')).filter((e) => e.type === 'error').length).toBeGreaterThanOrEqual(5);
  expect((await lastState(page, 'toy'))?.viewStep).toBe(30);
});

test('messages from a foreign origin or a foreign window are ignored and logged', async ({ page, baseURL }) => {
  const own = new URL(baseURL!).origin; // http://127.0.0.1:<port>
  const foreign = own.replace('127.0.0.1', 'localhost'); // same server, another origin
  const figure = `${own}${SUB}index.html#/?embed=1&panel=toy`;
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
  // A parent page on the foreign origin embeds one figure that only obeys `own`, and one with no restriction.
  await page.goto(`${foreign}${SUB}embed-demo.html`);
  await page.evaluate(
    ([fig, allowed]) => {
      document.body.innerHTML = `<iframe id="guarded" title="guarded" src="${fig}&parentOrigin=${encodeURIComponent(allowed)}"></iframe><iframe id="open" title="open" src="${fig}"></iframe>`;
    },
    [figure, own],
  );
  const guarded = page.frameLocator('#guarded');
  const open = page.frameLocator('#open');
  await expect(guarded.getByTestId('embed-toy-controls')).toHaveAttribute('data-status', 'idle');
  await expect(open.getByTestId('embed-toy-controls')).toHaveAttribute('data-status', 'idle');
  await page.evaluate(() => {
    for (const id of ['guarded', 'open']) {
      const w = (document.getElementById(id) as HTMLIFrameElement).contentWindow!;
      w.postMessage({ v: 1, type: 'seek', step: 2000 }, '*');
    }
  });
  // Control: the unrestricted figure obeys the same message, so the guarded one ignores it because of its origin.
  await expect(open.getByTestId('embed-toy-controls')).toHaveAttribute('data-view-step', '2000');
  await page.waitForTimeout(300);
  await expect(guarded.getByTestId('embed-toy-controls')).toHaveAttribute('data-view-step', '0');
  expect(warnings.filter((w) => w.includes(`ignored a message: origin ${foreign} is not the allowed parentOrigin ${own}`))).toHaveLength(1);

  // A sibling frame with a foreign (opaque) origin cannot command a figure embedded by a same-origin parent.
  // The parent is a bare same-origin page (no Content-Security-Policy, which would refuse the data: sibling's script).
  warnings.length = 0;
  await page.route(`${own}${SUB}sibling-parent.html`, (route) =>
    route.fulfill({ contentType: 'text/html', body: `<!doctype html><title>parent</title><iframe id="fig" title="figure" src="${figure}"></iframe>` }),
  );
  await page.goto(`${own}${SUB}sibling-parent.html`);
  const fig = page.frameLocator('#fig');
  await expect(fig.getByTestId('embed-toy-controls')).toHaveAttribute('data-status', 'idle');
  await page.evaluate(() => {
    const f = document.createElement('iframe');
    f.title = 'sibling';
    f.src = `data:text/html,<script>parent.frames[0].postMessage({ v: 1, type: 'seek', step: 2000 }, '*')</script>`;
    document.body.append(f);
  });
  await expect.poll(() => warnings.some((w) => w.includes('ignored a message: it did not come from the parent window (origin null)'))).toBe(true);
  await page.waitForTimeout(300);
  await expect(fig.getByTestId('embed-toy-controls')).toHaveAttribute('data-view-step', '0');
});

test('the demo uses the deck mechanisms: a figure opened at step 2000 by URL, keys forwarded after a click into a figure', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto(`${SUB}embed-demo.html`);
  await expect.poll(async () => (await events(page, 'invariance')).some((e) => e.type === 'ready'), { timeout: 30_000 }).toBe(true);
  // The first state the figure reports is already the requested step: no command was sent.
  const first = (await events(page, 'invariance')).find((e) => e.type === 'state')!;
  expect(first.state!.viewStep).toBe(2000);
  await expect(page.getByTestId('current-slide')).toHaveAttribute('data-current', '0');
  await page.frameLocator('#frame-toy').getByTestId('embed-toy-mean').locator('svg').click();
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('current-slide')).toHaveAttribute('data-current', '1');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('current-slide')).toHaveAttribute('data-current', '2');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('current-slide')).toHaveText(/^Slide 2 of 3/);
  const keys = (await events(page, 'toy')).filter((e) => e.type === 'key').map((e) => (e as { key?: string }).key);
  expect(keys).toEqual(['PageDown', 'ArrowRight', 'ArrowLeft']);
  expect(errors).toEqual([]);
});
