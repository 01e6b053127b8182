/**
 * One images-lab run in headless Chromium against the production build, timed as a person sees it: open
 * #/lab/images at a preset and group, click "Train and evaluate", wait for "done", read the panel's own
 * "Training … s, evaluation … s" line and the badge. For before/after figures in docs/PERFORMANCE.md.
 *
 *   npx vite build && SYMLAB_PORT=4188 npx tsx bench/images-run.ts [preset=quick] [group=4] [dist=dist] [--workers=N]
 *
 * `--workers=N` opens the lab with `workers=N` (the training pool's size); without it the page's default (one per
 * core but one, at least 2). The line printed says how many workers trained.
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import { chromium } from '@playwright/test';

const args = process.argv.slice(2);
const workersArg = args.find((a) => a.startsWith('--workers='))?.slice('--workers='.length);
const [preset = 'quick', group = '4', dir = 'dist'] = args.filter((a) => !a.startsWith('--'));
const PORT = Number(process.env.SYMLAB_PORT ?? 4188);
const CHROMIUM = process.env.SYMLAB_CHROMIUM ?? '/usr/bin/chromium';

async function main() {
  const server = spawn('node', ['scripts/serve-dist.mjs', '--dir', dir, '--port', String(PORT)], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 800));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless=new', '--no-sandbox', '--disable-background-networking', '--no-first-run'] });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(900_000);
    const pool = workersArg ? `&workers=${Number(workersArg)}` : '';
    await page.goto(`http://127.0.0.1:${PORT}/index.html#/lab/images?preset=${preset}&group=C${group}${pool}`);
    await page.getByTestId('images-data').waitFor();
    // Let the panel's 2 s speed benchmark finish first, so it does not share the worker with the run.
    await page.getByTestId('images-benchmark').waitFor();
    const load = os.loadavg()[0];
    const t0 = Date.now();
    await page.getByTestId('images-run').click();
    await page.locator('[data-testid="images-phase"][data-value="done"]').waitFor();
    const wall = (Date.now() - t0) / 1000;
    const status = await page.getByTestId('images-status').innerText();
    const timing = (await page.getByText(/Training [\d.]+ s, evaluation [\d.]+ s/).first().innerText()).match(/Training [\d.]+ s, evaluation [\d.]+ s/)?.[0];
    const workers = Number(await page.getByTestId('images-workers').getAttribute('data-value'));
    console.log(JSON.stringify({ preset, group: Number(group), workers, wallSeconds: wall, timing, status: status.slice(0, 400), loadBefore: load, loadAfter: os.loadavg()[0] }));
  } finally {
    await browser.close();
    server.kill();
  }
}
void main();
