/**
 * Every page of the build runs under its Content-Security-Policy <meta> (scripts/contentSecurityPolicy.ts): each
 * route does its work (wasm training, workers, KaTeX, charts) and the browser reports no violation, neither as a
 * `securitypolicyviolation` event on the page nor as a CSP message in the page's or a worker's console.
 */
import { expect, test, type Page } from '@playwright/test';
import { CONTENT_SECURITY_POLICY, EMBED_DEMO_CONTENT_SECURITY_POLICY } from '../../scripts/contentSecurityPolicy';

/** Start collecting violations before any script of the page runs; returns the console messages about CSP. */
async function watchPolicy(page: Page): Promise<string[]> {
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const messages: string[] = [];
  const isCsp = (text: string) => /Content Security Policy|Content-Security-Policy/i.test(text);
  page.on('console', (m) => isCsp(m.text()) && messages.push(m.text()));
  page.on('worker', (worker) => worker.on('console', (m) => isCsp(m.text()) && messages.push(`[worker] ${m.text()}`)));
  page.on('pageerror', (e) => isCsp(String(e)) && messages.push(String(e)));
  return messages;
}

async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}

async function policyOf(page: Page): Promise<string | null> {
  return page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
}

test('every route runs under the Content-Security-Policy with no violation', async ({ page }) => {
  test.setTimeout(300_000);
  const messages = await watchPolicy(page);
  const seen: string[] = [];

  // Article: the recorded figures play (KaTeX, d3, recordings fetched from the origin).
  await page.goto('index.html#/');
  expect(await policyOf(page)).toBe(CONTENT_SECURITY_POLICY);
  await page.getByTestId('article-fig-toy').scrollIntoViewIfNeeded();
  await expect.poll(async () => Number(await page.getByTestId('art-toy-controls').getAttribute('data-view-step'))).toBeGreaterThan(0);
  seen.push(...(await violations(page)));

  await page.goto('index.html#/slides/9');
  await expect(page.getByTestId('toy-frame')).toHaveAttribute('data-step', '0');
  seen.push(...(await violations(page)));

  // Toy lab on wasm: the trainer worker compiles the wasm backend and the fused kernel ('wasm-unsafe-eval').
  await page.goto('index.html#/lab/toy?E=4&width=8&steps=20&twin=0&backend=wasm');
  await page.getByRole('button', { name: 'Play' }).first().click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 120_000 });
  await expect(page.getByRole('status', { name: 'Compute backend' }).first()).toHaveAttribute('data-backend', 'wasm');
  seen.push(...(await violations(page)));

  // NTK: the closed form answers from the NTK worker.
  await page.goto('index.html#/lab/ntk?E=4&width=16&steps=1');
  await expect.poll(async () => Number(await page.getByTestId('ntk-kernel-defect-relative').getAttribute('data-value'))).toBeLessThan(1e-12);
  seen.push(...(await violations(page)));

  // Representations: the intertwiner worker answers (C_4 regular → regular: dimension 4).
  await page.goto('index.html#/lab/reps');
  await expect(page.getByTestId('intertwiner-dimension')).toHaveAttribute('data-value', '4');
  seen.push(...(await violations(page)));

  // The other panels render and settle (their workers start on demand).
  for (const panel of ['orbit', 'loops', 'ways', 'images', 'vector']) {
    await page.goto(`index.html#/lab/${panel}`);
    await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    seen.push(...(await violations(page)).map((v) => `${panel}: ${v}`));
  }

  // The embedding demo frames the app from the same origin.
  await page.goto('embed-demo.html');
  expect(await policyOf(page)).toBe(EMBED_DEMO_CONTENT_SECURITY_POLICY);
  // The demo opens its invariance figure at step 2000 by URL: once it shows that step, its recording has loaded.
  await expect(page.locator('#state-invariance')).toHaveAttribute('data-view-step', '2000');
  seen.push(...(await violations(page)));

  expect(seen).toEqual([]);
  expect(messages).toEqual([]);
});
