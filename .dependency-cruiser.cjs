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
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'src/core is framework-free maths: it may not import worker, state or ui code.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(worker|state|ui)/' },
    },
    {
      name: 'worker-imports-only-core',
      comment: 'A worker runs off the page: it may import core and other worker files, never state or ui.',
      severity: 'error',
      from: { path: '^src/worker/' },
      to: { path: '^src/(state|ui)/' },
    },
    {
      name: 'state-imports-no-ui',
      comment: 'State may import core and, from worker, only the protocols (it constructs workers by URL); never ui.',
      severity: 'error',
      from: { path: '^src/state/' },
      to: { path: '^src/ui/' },
    },
    {
      name: 'state-imports-worker-protocols-only',
      comment: 'From worker, state imports only the protocols (*Protocol.ts, protocol.ts).',
      severity: 'error',
      from: { path: '^src/state/' },
      to: {
        path: '^src/worker/',
        pathNot: '^src/worker/([A-Za-z]+Protocol|protocol)\\.ts$',
      },
    },
    {
      name: 'charts-know-no-state-or-workers',
      comment: 'ui/charts draw what they are given: no store, no client, no worker.',
      severity: 'error',
      from: { path: '^src/ui/charts/' },
      to: { path: '^src/(state|worker)/' },
    },
    {
      name: 'ui-imports-no-worker-code',
      comment: 'Panels go through clients in src/state; they may import worker protocol types only.',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: {
        path: '^src/worker/',
        pathNot: '^src/worker/([A-Za-z]+Protocol|protocol)\\.ts$',
      },
    },
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
