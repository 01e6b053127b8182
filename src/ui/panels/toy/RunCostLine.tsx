/**
 * The cost model's verdict beside the controls: memory and time of the configured run, estimated before it starts
 * (src/core/ensemble/runCost.ts). The speed is the last run's measured one when there is one, else the benchmark's for
 * the pool's number of workers.
 */
import { useMemo } from 'react';
import type { EnsembleConfig } from '../../../core/ensemble/config';
import { estimateRunCost, formatBytes, formatDuration, measuredFlopsPerSecond, MEMORY_BUDGET_BYTES } from '../../../core/ensemble/runCost';
import { useTrainingStore } from '../../../state/trainingStore';

export function RunCostLine({ config }: { config: EnsembleConfig }) {
  const measuredConfig = useTrainingStore((s) => s.config);
  const sps = useTrainingStore((s) => s.stepsPerSecond);
  const workers = useTrainingStore((s) => s.workers);
  const cost = useMemo(
    () => estimateRunCost(config, { flopsPerSecond: measuredFlopsPerSecond(measuredConfig, sps), workers }),
    [config, measuredConfig, sps, workers],
  );
  const m = cost.memory;
  const breakdown =
    `parameters ${formatBytes(m.parameters)}, training activations ${formatBytes(m.activations)}, ` +
    `grid evaluation ${formatBytes(m.gridForward)}, stored snapshots ${formatBytes(m.snapshots)}; ` +
    `${(cost.flopsPerStep / 1e6).toFixed(1)} MFLOP per step`;
  if (cost.refusal) {
    return (
      <p className="run-cost run-cost-refused" role="alert" data-testid="run-cost" data-bytes={m.total} data-refused="1" title={breakdown}>
        Estimate: {formatBytes(m.total)} of memory, over the {formatBytes(MEMORY_BUDGET_BYTES)} limit: this run will not start.{' '}
        {cost.largestFitting ? `The largest that fit: ${cost.largestFitting}.` : 'Lower the depth, E or the width.'}
      </p>
    );
  }
  return (
    <p className="run-cost" data-testid="run-cost" data-bytes={m.total} data-ms={Math.round(cost.timeMs)} data-refused="0" title={breakdown}>
      Estimate: {formatBytes(m.total)} of memory, about {formatDuration(cost.timeMs)} on {workers === 1 ? '1 worker' : `${workers} workers`}
      {cost.slowWarning ? <strong> (over a minute)</strong> : null}
    </p>
  );
}
