/**
 * Lattice Monte Carlo throughput in Node: SU(2) heat-bath (and U(1) Metropolis) sweeps per second on a 32×32 lattice.
 * Run: npx tsx bench/lattice.ts   → prints a table and writes bench/results/lattice.json.
 * The worker in the browser runs the same code; Chromium's V8 gives similar numbers.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, loadavg } from 'node:os';
import { Rng } from '../src/core/rng';
import {
  SU2,
  U1,
  averagePlaquette,
  coldField,
  createGeometry,
  heatBathSweepSU2,
  metropolisSweepU1,
  wilsonLoopTable,
  type GaugeField,
} from '../src/core/lattice';

interface Row {
  name: string;
  L: number;
  /** Best of the repetitions (least disturbed by other load on the machine). */
  sweepsPerSecond: number;
  /** Median of the repetitions. */
  medianSweepsPerSecond: number;
  repetitions: number[];
  linkUpdatesPerSecond: number;
  plaquette: number;
}

const REPETITIONS = 5;

/** Time `sweep` in REPETITIONS windows of `seconds` each, after `warm` untimed sweeps (JIT warm-up, thermalisation). */
function time(name: string, field: GaugeField, sweep: () => void, warm: number, seconds: number): Row {
  for (let i = 0; i < warm; i++) sweep();
  const reps: number[] = [];
  for (let r = 0; r < REPETITIONS; r++) {
    const t0 = performance.now();
    let n = 0;
    while (performance.now() - t0 < seconds * 1000) {
      for (let i = 0; i < 10; i++) sweep();
      n += 10;
    }
    reps.push((1000 * n) / (performance.now() - t0));
  }
  const sorted = [...reps].sort((a, b) => a - b);
  const best = sorted[sorted.length - 1];
  const links = field.geom.volume * field.geom.d;
  return {
    name,
    L: field.geom.dims[0],
    sweepsPerSecond: best,
    medianSweepsPerSecond: sorted[Math.floor(sorted.length / 2)],
    repetitions: reps,
    linkUpdatesPerSecond: best * links,
    plaquette: averagePlaquette(field),
  };
}

const L = 32;
const beta = 2;
const geom = createGeometry([L, L]);
const rows: Row[] = [];
{
  const f = coldField(SU2, geom);
  const rng = new Rng(1);
  rows.push(time('SU(2) heat-bath', f, () => heatBathSweepSU2(f, beta, rng), 200, 1));
}
{
  const f = coldField(SU2, geom);
  const rng = new Rng(2);
  rows.push(time('SU(2) heat-bath + 1 overrelaxation', f, () => heatBathSweepSU2(f, beta, rng, 1), 50, 0.6));
}
{
  const f = coldField(SU2, geom);
  const rng = new Rng(3);
  rows.push(time('SU(2) heat-bath + measure W(R≤4,T≤4)', f, () => {
    heatBathSweepSU2(f, beta, rng);
    averagePlaquette(f);
    wilsonLoopTable(f, 4, 4);
  }, 50, 2));
}
{
  const f = coldField(U1, geom);
  const rng = new Rng(4);
  rows.push(time('U(1) Metropolis, 3 hits', f, () => metropolisSweepU1(f, beta, rng, 3), 100, 0.6));
}

console.log(`Lattice Monte Carlo, ${L}×${L}, β = ${beta}, Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}`);
console.log(`best and median of ${REPETITIONS} timed windows; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(['algorithm'.padEnd(40), 'best sweeps/s'.padStart(14), 'median'.padStart(8), 'link updates/s'.padStart(16), '⟨plaq⟩'.padStart(8)].join(' '));
for (const r of rows) {
  console.log(
    [
      r.name.padEnd(40),
      r.sweepsPerSecond.toFixed(0).padStart(14),
      r.medianSweepsPerSecond.toFixed(0).padStart(8),
      r.linkUpdatesPerSecond.toExponential(2).padStart(16),
      r.plaquette.toFixed(4).padStart(8),
    ].join(' '),
  );
}

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'results', 'lattice.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  JSON.stringify({ date: new Date().toISOString(), node: process.version, cpu: cpus()[0]?.model ?? null, loadAverage: loadavg(), L, beta, rows }, null, 2) + '\n',
);
console.log(`wrote ${out}`);
