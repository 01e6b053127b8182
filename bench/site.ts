/**
 * Site load benchmark: time to first paint, first contentful paint and the first drawn figure (a heatmap canvas
 * with pixels) for the article, the slides and an embedded figure, on localhost in headless Chromium; and the
 * bundle sizes (initial JS before tfjs, gzipped; total). Writes bench/results/site.json and prints a table.
 *   npx vite build --outDir dist-site && npx tsx bench/site.ts [--dir dist-site] [--port 4309] [--runs 3]
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';
import { BASE_ARGS, CHROMIUM } from '../playwright.config';

const args = process.argv.slice(2);
const opt = (k: string, d: string) => (args.includes(`--${k}`) ? args[args.indexOf(`--${k}`) + 1] : d);
const dir = path.resolve(opt('dir', 'dist-site'));
const port = Number(opt('port', '4309'));
const runs = Number(opt('runs', '3'));
const gz = (f: string) => zlib.gzipSync(fs.readFileSync(f), { level: 9 }).length;

function bundleSizes() {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const assets = fs.readdirSync(path.join(dir, 'assets'));
  const js = assets.filter((f) => f.endsWith('.js'));
  return {
    initialFiles: initial,
    initialJsGzipBytes: initial.reduce((a, f) => a + gz(path.join(dir, f)), 0),
    totalJsBytes: js.reduce((a, f) => a + fs.statSync(path.join(dir, 'assets', f)).size, 0),
    totalJsGzipBytes: js.reduce((a, f) => a + gz(path.join(dir, 'assets', f)), 0),
    recordingsBytes: fs.readdirSync(path.join(dir, 'recordings')).reduce((a, f) => a + fs.statSync(path.join(dir, 'recordings', f)).size, 0),
  };
}

const PAGES = [
  { name: 'article', url: 'index.html#/', figure: '[data-testid="art-emergence-mean"] canvas', scroll: '[data-testid="article-fig-emergence"]' },
  { name: 'slides (toy frame)', url: 'index.html#/slides/9', figure: '[data-testid="slide-toy-mean"] canvas' },
  { name: 'embedded figure', url: 'index.html#/?embed=1&panel=toy', figure: '[data-testid="embed-toy-mean"] canvas' },
];

async function main() {
  const server = spawn(process.execPath, ['scripts/serve-dist.mjs', '--dir', dir, '--port', String(port)], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 600));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: BASE_ARGS });
  const results: Record<string, { firstPaintMs: number[]; fcpMs: number[]; firstFigureMs: number[] }> = {};
  try {
    for (const p of PAGES) {
      results[p.name] = { firstPaintMs: [], fcpMs: [], firstFigureMs: [] };
      for (let i = 0; i < runs; i++) {
        const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await ctx.newPage();
        await page.goto(`http://127.0.0.1:${port}/some/sub/path/${p.url}`);
        if (p.scroll) await page.locator(p.scroll).scrollIntoViewIfNeeded();
        await page.waitForFunction((sel) => {
          const c = document.querySelector(sel) as HTMLCanvasElement | null;
          if (!c) return false;
          const d = c.getContext('2d')!.getImageData(c.width >> 1, c.height >> 1, 1, 1).data;
          if (d[3] === 0) return false;
          (window as unknown as { __fig?: number }).__fig ??= performance.now();
          return true;
        }, p.figure, { polling: 'raf', timeout: 30_000 });
        const t = await page.evaluate(() => {
          const paint = performance.getEntriesByType('paint');
          return {
            fp: paint.find((e) => e.name === 'first-paint')?.startTime ?? NaN,
            fcp: paint.find((e) => e.name === 'first-contentful-paint')?.startTime ?? NaN,
            fig: (window as unknown as { __fig: number }).__fig,
          };
        });
        results[p.name].firstPaintMs.push(t.fp);
        results[p.name].fcpMs.push(t.fcp);
        results[p.name].firstFigureMs.push(t.fig);
        await ctx.close();
      }
    }
  } finally {
    await browser.close();
    server.kill();
  }
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
  const sizes = bundleSizes();
  const out = {
    date: new Date().toISOString(),
    browser: 'headless Chromium (Debian), localhost',
    runs,
    pages: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { ...v, medianFirstPaintMs: median(v.firstPaintMs), medianFcpMs: median(v.fcpMs), medianFirstFigureMs: median(v.firstFigureMs) }])),
    bundle: sizes,
    budget: { initialJsGzipBytes: 250 * 1024, ok: sizes.initialJsGzipBytes <= 250 * 1024 },
  };
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync('bench/results/site.json', JSON.stringify(out, null, 2) + '\n');
  console.log('page                 first paint   FCP     first figure   (median of ' + runs + ', ms)');
  for (const [k, v] of Object.entries(out.pages)) console.log(`${k.padEnd(20)} ${v.medianFirstPaintMs.toFixed(0).padStart(8)} ${v.medianFcpMs.toFixed(0).padStart(8)} ${v.medianFirstFigureMs.toFixed(0).padStart(12)}`);
  console.log(`initial JS (gzip): ${(sizes.initialJsGzipBytes / 1024).toFixed(1)} KiB of 250 KiB budget; total JS ${(sizes.totalJsBytes / 1024).toFixed(0)} KiB (${(sizes.totalJsGzipBytes / 1024).toFixed(0)} KiB gzip); recordings ${(sizes.recordingsBytes / 1024).toFixed(0)} KiB`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
