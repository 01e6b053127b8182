/** Train a vector ensemble and summarise its snapshots at the given steps (shared by the emergence tests). */
import { makePolarGrid, onManifoldMask, summarizeVectorSnapshot, VectorEnsembleTrainer, type VectorConfig } from '../../../src/core';

const grid = makePolarGrid();

export async function measureVector(config: VectorConfig, steps: number[]) {
  const trainer = new VectorEnsembleTrainer(config, { grid });
  const mask = onManifoldMask(grid, config.points.map((p) => p.x), 8);
  const out = new Map<number, ReturnType<typeof summarizeVectorSnapshot>['metrics']>();
  try {
    for (const s of steps) {
      while (trainer.step < s) trainer.trainStep();
      out.set(s, summarizeVectorSnapshot(await trainer.snapshot(), config, grid, mask).metrics);
    }
  } finally {
    trainer.dispose();
  }
  return out;
}

