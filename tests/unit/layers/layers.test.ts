import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// The layer check of `npm run lint:layers`, run with the same .dependency-cruiser.cjs against a fixture tree in which
// every rule is broken exactly once (and every allowed import appears once): a rule that stops firing, or one that
// starts firing on an allowed import, fails here.
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const fixtureRoot = fileURLToPath(new URL('./fixture/', import.meta.url));
const cli = `${repoRoot}node_modules/dependency-cruiser/bin/dependency-cruise.mjs`;
const config = `${repoRoot}.dependency-cruiser.cjs`;

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

async function cruiseFixture(outputType: 'json' | 'err'): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [cli, 'src', '--config', config, '--output-type', outputType], {
      cwd: fixtureRoot,
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

describe('layer check (dependency-cruiser)', () => {
  it('reports each forbidden import of the fixture by rule, importer and imported file, and nothing else', async () => {
    const { stdout } = await cruiseFixture('json');
    const violations = (JSON.parse(stdout).summary.violations as Violation[])
      .map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)
      .sort();
    expect(violations).toEqual(
      [
        'charts-know-no-state-or-workers: src/ui/charts/badChart.ts -> src/state/store.ts',
        'core-is-pure: src/core/leaky.ts -> src/state/store.ts',
        'no-cycles: src/core/cycleA.ts -> src/core/cycleB.ts',
        'no-worker-files-outside-worker: src/ui/panels/stray/stray.worker.ts -> src/core/pure.ts',
        'state-imports-no-ui: src/state/badState.ts -> src/ui/view.ts',
        'state-imports-worker-protocols-only: src/state/badState.ts -> src/worker/engine.ts',
        'ui-imports-no-worker-code: src/ui/badPanel.ts -> src/worker/engine.ts',
        'worker-imports-only-core: src/worker/badWorker.ts -> src/state/store.ts',
      ].sort(),
    );
  });

  it('fails the command (non-zero exit) and names the offending import in its message', async () => {
    const { code, stdout } = await cruiseFixture('err');
    expect(code).toBe(8);
    expect(stdout).toContain('error ui-imports-no-worker-code: src/ui/badPanel.ts → src/worker/engine.ts');
  });
});
