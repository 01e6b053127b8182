/** The submitted loop's report (core/lattice/loopReport) for the configuration in the store, or null without a loop. */
import { useMemo } from 'react';
import { loopReport, type LoopReport } from '../../../core/lattice';
import { useLoopsStore } from '../../../state/loopsStore';

export function useLoopReport(): LoopReport | null {
  const loop = useLoopsStore((s) => s.loop);
  const config = useLoopsStore((s) => s.config);
  const epsilon = useLoopsStore((s) => s.epsilon);
  return useMemo(() => (loop ? loopReport(config.reference, config.field, config.total.omega, loop.start, loop.steps, epsilon) : null), [loop, config, epsilon]);
}
