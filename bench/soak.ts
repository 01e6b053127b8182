/**
 * `npm run soak`: the long soak benchmark. Ten consecutive default 2000-step runs in one page, each followed by
 * Reset, in headless Chromium against the production build. Records the worker's tensor count and the page heap
 * after each run and writes bench/results/soak.json. SOAK_RUNS and SOAK_QUERY override the count and the config.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { chromium } from '@playwright/test';

const CHROMIUM = process.env.SYMLAB_CHROMIUM ?? '/usr/bin/chromium';
const PORT = Number(process.env.SYMLAB_PORT ?? 4391);
const RUNS = Number(process.env.SOAK_RUNS ?? 10);
const QUERY = process.env.SOAK_QUERY ?? '';

async function main() {
  const server = spawn('node', ['scripts/serve-dist.mjs', '--dir', 'dist', '--port', String(PORT)], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 500));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const rows: { run: number; seconds: number; workerTensors: number; heapMB: number }[] = [];
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(0);
    await page.goto(`http://127.0.0.1:${PORT}/index.html#/lab/toy${QUERY ? `?${QUERY}` : ''}`);
    for (let run = 1; run <= RUNS; run++) {
      await page.getByTestId('timeline-label').getByText('Initialization').waitFor();
      const t0 = Date.now();
      await page.getByRole('button', { name: 'Play' }).click();
      await page.getByTestId('run-status').getByText('done', { exact: true }).waitFor();
      const seconds = (Date.now() - t0) / 1000;
      const workerTensors = Number(await page.getByTestId('run-status').getAttribute('data-tensors'));
      const heap = await page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize);
      rows.push({ run, seconds, workerTensors, heapMB: heap / 2 ** 20 });
      console.log(`run ${run}: ${seconds.toFixed(1)} s, worker tensors ${workerTensors}, page heap ${(heap / 2 ** 20).toFixed(1)} MB`);
      await page.getByRole('button', { name: 'Reset', exact: true }).click();
    }
  } finally {
    await browser.close();
    server.kill();
  }
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync('bench/results/soak.json', JSON.stringify({ date: new Date().toISOString(), query: QUERY, rows }, null, 2) + '\n');
  console.log('\n| run | seconds | worker tensors | page heap (MB) |\n|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.run} | ${r.seconds.toFixed(1)} | ${r.workerTensors} | ${r.heapMB.toFixed(1)} |`);
  console.log('wrote bench/results/soak.json');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
