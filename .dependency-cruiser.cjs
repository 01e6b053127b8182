/**
 * The app's layers, checked by dependency-cruiser in `npm test` (`npm run lint:layers`).
 *
 *   core   pure maths and training: imports nothing of worker, state or ui
 *   worker imports only core (and its own worker files)
 *   state  stores, URL tables, worker clients: imports core and worker protocols (types)
 *   ui     panels read stores and call clients; ui/charts draw and know neither state nor workers
 *
 * A violation names the rule and the offending import (from → to). tests/unit/layers/layers.test.ts runs this same
 * file against fixtures that break each rule, so a rule that stops firing fails a test.
 */
/** Worker files other code may import: the protocols (their types), as state and ui construct workers by URL. */
const WORKER_PROTOCOL = '^src/worker/([A-Za-z]+Protocol|protocol)\\.ts$';

/**
 * One row a layer rule: [name, from path, forbidden to path, to pathNot or null, comment]. Every row becomes an error
 * rule of the same shape, so a new layer rule is one row here.
 */
const LAYER_RULES = [
  ['core-is-pure', '^src/core/', '^src/(worker|state|ui)/', null,
    'src/core is framework-free maths: it may not import worker, state or ui code.'],
  ['worker-imports-only-core', '^src/worker/', '^src/(state|ui)/', null,
    'A worker runs off the page: it may import core and other worker files, never state or ui.'],
  ['state-imports-no-ui', '^src/state/', '^src/ui/', null,
    'State may import core and, from worker, only the protocols (it constructs workers by URL); never ui.'],
  ['state-imports-worker-protocols-only', '^src/state/', '^src/worker/', WORKER_PROTOCOL,
    'From worker, state imports only the protocols (*Protocol.ts, protocol.ts).'],
  ['charts-know-no-state-or-workers', '^src/ui/charts/', '^src/(state|worker)/', null,
    'ui/charts draw what they are given: no store, no client, no worker.'],
  ['ui-imports-no-worker-code', '^src/ui/', '^src/worker/', WORKER_PROTOCOL,
    'Panels go through clients in src/state; they may import worker protocol types only.'],
];

const layerRule = ([name, from, to, toNot, comment]) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from },
  to: toNot === null ? { path: to } : { path: to, pathNot: toNot },
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...LAYER_RULES.map(layerRule),
    {
      name: 'no-worker-files-outside-worker',
      comment: 'Every *.worker.ts lives in src/worker.',
      severity: 'error',
      from: { path: '\\.worker\\.ts$', pathNot: '^src/worker/' },
      to: {},
    },
    {
      name: 'no-cycles',
      comment: 'Import cycles hide order-of-initialisation bugs and tangle layers.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/kernels/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
