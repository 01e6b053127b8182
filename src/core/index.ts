/**
 * Symmetry Lab core: a framework-free TypeScript library (no React, no DOM). It runs unchanged in Node tests,
 * in a Web Worker, and in the page. Every export carries TSDoc with the formula it implements.
 */
export * from './rng';
export * from './groups/rotation2d';
export * from './ensemble/architecture';
export * from './ensemble/init';
export * from './ensemble/orbitInit';
export * from './ensemble/groupSpec';
export * from './ensemble/config';
export * from './ensemble/augment';
export * from './ensemble/batchedMlp';
export * from './ensemble/schedule';
export * from './ensemble/trainer';
export * from './ensemble/snapshot';
export * from './ensemble/toyRun';
export * from './ensemble/ensembleCheckpoint';
export * from './data/toySets';
export * from './data/polarGrid';
export * from './metrics/orbitDeviation';
export * from './metrics/manifoldMask';
export * from './metrics/orbitRelativeStd';
export * from './metrics/orbitSamePredictions';
export * from './metrics/ensembleStatistics';
export * from './metrics/ensembleSizeCurve';
export * from './metrics/farField';
export * from './ensemble/independentNetworks';
export * from './ntk';
export * from './groups';
export * from './lattice';
export * from './equivariance';
export * from './routes';
export * from './images';
export * from './ensemble/criticalLearningRate';
export * from './ensemble/batchedMatMul';
export * from './ensemble/fusedSgdStep';
