/**
 * `npm run bench`: the trainer benchmark, in headless Chromium against the production build.
 * For each backend that works here and each size (E, W), it reports trainer steps/s and GFLOP/s, the backend's fastest
 * batched product on the same shapes (the ceiling), a naive loop over E separate networks, and, for the default
 * configuration, the wall time of 2000 steps and the share spent in snapshots. On wasm with the fused kernel it also
 * times the same step as tfjs ops, and the kernel called once per member, to separate batching from fusion.
 * Prints a table and writes bench/results/trainer.json.
 *
 * Options (environment): BENCH_BACKENDS=wasm,webgl,cpu  BENCH_SIZES=16x256,64x128,64x512  BENCH_BUDGET_MS=3000
 *                        BENCH_DEFAULT_RUN=0 to skip the 2000-step run.
 *                        BENCH_SOFTWARE_GPU=1 to also measure Chromium's software WebGPU adapter (very slow).
 *                        BENCH_POOL=0 to skip the pool: the app's default run on 1 and all workers (overhead), the
 *                        scaling table BENCH_SCALING=64,256,1024x64,256,512 over BENCH_SCALING_STEPS=300 steps
 *                        ("none" skips it), and the numpy peer (bench/numpy_peer.py, where python3 and numpy exist);
 *                        written to bench/results/pool.json. With it, the page's responsiveness during a large
 *                        ensemble's run on all workers (BENCH_LARGE="E=1024&width=16&steps=200", "none" skips it):
 *                        the page's tasks over 50 ms in each of BENCH_APP_RUNS runs. The app runs and the peer are
 *                        measured in BENCH_APP_RUNS rounds (default 3), each round: the default run on 1 worker, the
 *                        default (smooth) run on all workers, the run without light frames (frames=0, the 10 grid
 *                        snapshots the numpy peer computes) on all workers, and the numpy peer; medians and the
 *                        round-by-round ratios are printed.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { chromium } from '@playwright/test';
import { measureAppRun, medianPeer, medianRun, numpyPeer, printPool, scalingTable, type AppRun, type ScalingRow, type SkippedSize } from './poolRuns';

const CHROMIUM = process.env.SYMLAB_CHROMIUM ?? '/usr/bin/chromium';
const PORT = Number(process.env.SYMLAB_PORT ?? 4390);
const backends = (process.env.BENCH_BACKENDS ?? 'webgpu,webgl,wasm,cpu').split(',');
// Without this flag headless Chromium offers no WebGPU adapter here, so webgpu is skipped unless a real GPU exists.
const softwareGpu = process.env.BENCH_SOFTWARE_GPU === '1';
const sizes = (process.env.BENCH_SIZES ?? '16x256,64x128,64x512').split(',').filter((s) => s && s !== 'none').map((s) => s.split('x').map(Number) as [number, number]);
const budget = Number(process.env.BENCH_BUDGET_MS ?? 3000);

async function main() {
  const server = spawn('node', ['scripts/serve-dist.mjs', '--dir', 'dist', '--port', String(PORT)], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 500));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless=new', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', ...(softwareGpu ? ['--enable-unsafe-webgpu'] : [])],
  });
  const results: unknown[] = [];
  const skipped: { backend: string; reason: string }[] = [];
  let defaultRun: unknown = null;
  const appRuns: AppRun[] = [];
  const largeRuns: AppRun[] = [];
  let keyOnlyRun: (AppRun & { allWallSeconds: number[] }) | null = null;
  let pairRatios: ({ smooth: number; keyOnly: number } | null)[] = [];
  let scaling: (ScalingRow | SkippedSize)[] = [];
  let peer: ReturnType<typeof medianPeer> | null = null;
  const pool = process.env.BENCH_POOL !== '0';
  // The app's default pool size on this machine (hardwareConcurrency − 1, at least 2 on 2 cores).
  const cores = os.cpus().length;
  const allWorkers = cores <= 1 ? 1 : Math.max(2, cores - 1);
  try {
    for (const backend of backends) {
      const page = await browser.newPage();
      page.setDefaultTimeout(0);
      await page.goto(`http://127.0.0.1:${PORT}/bench.html`);
      await page.waitForSelector('body[data-ready="1"]');
      const status = await page.evaluate((b) => window.symlabBench.useBackend(b as never), backend);
      // A software WebGPU adapter is not a real GPU: report it, but do not benchmark it as webgpu.
      if (!status.ok) {
        skipped.push({ backend, reason: status.reason });
        console.log(`skip ${backend}: ${status.reason}`);
        await page.close();
        continue;
      }
      for (const [E, W] of sizes) {
        const r = await page.evaluate(([b, e, w, ms]) => window.symlabBench.measureSize(b as never, e as number, w as number, ms as number), [backend, E, W, budget]);
        results.push(r);
        console.log(JSON.stringify(r));
        // Write as we go, so an interrupted run keeps what it measured.
        fs.mkdirSync('bench/results', { recursive: true });
        fs.writeFileSync('bench/results/trainer.partial.json', JSON.stringify({ results }, null, 2) + '\n');
      }
      if (backend === 'wasm' && process.env.BENCH_DEFAULT_RUN !== '0') {
        defaultRun = await page.evaluate(() => window.symlabBench.measureDefaultRun());
        console.log('default run (wasm):', JSON.stringify(defaultRun));
      }
      if (backend === 'wasm' && pool) {
        const spec = process.env.BENCH_SCALING ?? '64,256,1024x64,256,512';
        if (spec !== 'none') {
          const [es, ws] = spec.split('x').map((l) => l.split(',').map(Number));
          scaling = await scalingTable(page, es, ws, allWorkers, Number(process.env.BENCH_SCALING_STEPS ?? 300));
        }
      }
      await page.close();
    }
    if (pool) {
      // Three runs each (BENCH_APP_RUNS), the median kept. This VM's speed drifts by 25–70% from one minute to the
      // next (the fused step took 1.8 s or 3.0 s per worker for the same run within the same hour), so the runs the
      // targets compare are interleaved: each round runs the smooth default, the run without light frames (frames=0:
      // the 10 grid snapshots of the issue's default run, which the numpy peer computes) and the numpy peer, in turn.
      const repeats = Number(process.env.BENCH_APP_RUNS ?? 3);
      const one: AppRun[] = [];
      const smooth: AppRun[] = [];
      const keyRuns: AppRun[] = [];
      const peers: ReturnType<typeof numpyPeer>[] = [];
      for (let r = 0; r < repeats; r++) {
        if (allWorkers > 1) {
          one.push(await measureAppRun(browser, PORT, 1));
          console.log('app default run:', JSON.stringify(one[one.length - 1]));
        }
        smooth.push(await measureAppRun(browser, PORT, allWorkers));
        console.log('app default run:', JSON.stringify(smooth[smooth.length - 1]));
        keyRuns.push(await measureAppRun(browser, PORT, allWorkers, 'frames=0'));
        console.log('app run, frames=0:', JSON.stringify(keyRuns[keyRuns.length - 1]));
        peers.push(numpyPeer());
        console.log('numpy peer:', JSON.stringify(peers[peers.length - 1]));
      }
      for (const runs of [one, smooth]) if (runs.length) appRuns.push({ ...medianRun(runs), allWallSeconds: runs.map((x) => x.wallSeconds) } as AppRun);
      keyOnlyRun = { ...medianRun(keyRuns), allWallSeconds: keyRuns.map((x) => x.wallSeconds) };
      peer = medianPeer(peers);
      // Pair by pair: each round's app runs against the numpy run of the same round.
      pairRatios = peers.map((p, i) => ('skipped' in p ? null : { smooth: smooth[i].wallSeconds / p.wallSeconds, keyOnly: keyRuns[i].wallSeconds / p.wallSeconds }));
      // The issue's "the UI never blocks for more than 50 ms while several workers run", where the data is largest.
      const large = process.env.BENCH_LARGE ?? 'E=1024&width=16&steps=200';
      if (large !== 'none' && allWorkers > 1) {
        for (let r = 0; r < repeats; r++) {
          largeRuns.push(await measureAppRun(browser, PORT, allWorkers, large, true));
          console.log('app large run:', JSON.stringify(largeRuns[largeRuns.length - 1]));
        }
      }
    }
  } finally {
    await browser.close();
    server.kill();
  }
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    chromium: CHROMIUM,
    date: new Date().toISOString(),
  };
  fs.mkdirSync('bench/results', { recursive: true });
  fs.writeFileSync('bench/results/trainer.json', JSON.stringify({ machine, results, skipped, defaultRun }, null, 2) + '\n');

  type Row = {
    backend: string; E: number; W: number; step: string; kernelBuild?: string | null; msPerStep: number; stepsPerSecond: number; gflops: number;
    matmulGflops: number; ceilingProduct: string; plainMatmulGflops: number; shareOfMatmulCeiling: number;
    naiveMsPerStep: number; speedupOverNaive: number;
    tfjsOpsMsPerStep: number | null; tfjsOpsSpeedupOverNaive: number | null; fusedLoopMsPerStep: number | null;
  };
  const f = (v: number, d = 1) => v.toFixed(d);
  const opt = (v: number | null, d = 1, unit = '') => (v === null ? '–' : `${f(v, d)}${unit}`);
  console.log('\n| backend | E × W | step | ms/step | steps/s | GFLOP/s | ceiling GFLOP/s (product) | of ceiling | naive ms/step | batched speed-up | as tfjs ops: ms/step | speed-up | fused kernel per member: ms/step |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results as Row[]) {
    console.log(
      `| ${r.backend} | ${r.E} × ${r.W} | ${r.step}${r.kernelBuild ? ` (${r.kernelBuild})` : ''} | ${f(r.msPerStep)} | ${f(r.stepsPerSecond)} | ${f(r.gflops, 2)} | ${f(r.matmulGflops, 2)} (${r.ceilingProduct}) | ` +
        `${f(100 * r.shareOfMatmulCeiling, 0)}% | ${f(r.naiveMsPerStep)} | ${f(r.speedupOverNaive)}× | ${opt(r.tfjsOpsMsPerStep)} | ${opt(r.tfjsOpsSpeedupOverNaive, 1, '×')} | ${opt(r.fusedLoopMsPerStep)} |`,
    );
  }
  if (defaultRun) {
    const d = defaultRun as { wallSeconds: number; snapshotSeconds: number; snapshotShare: number; snapshots: number };
    console.log(`\nDefault configuration, 2000 steps on wasm: ${f(d.wallSeconds)} s wall, ${d.snapshots} snapshots taking ${f(d.snapshotSeconds)} s (${f(100 * d.snapshotShare, 0)}%).`);
  }
  if (pool) fs.writeFileSync('bench/results/pool.json', JSON.stringify({ machine, defaultRun, appRuns, keyOnlyRun, largeRuns, scaling, numpyPeer: peer, pairRatios }, null, 2) + '\n');
  if (pool) printPool(defaultRun as { wallSeconds: number; snapshotSeconds: number } | null, appRuns, scaling, peer ?? { skipped: 'not run' }, largeRuns, keyOnlyRun, pairRatios);
  for (const s of skipped) console.log(`skipped ${s.backend}: ${s.reason}`);
  console.log('wrote bench/results/trainer.json');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
