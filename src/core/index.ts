/**
 * Symmetry Lab core: a framework-free TypeScript library (no React, no DOM). It runs unchanged in Node tests,
 * in a Web Worker, and in the page. Every export carries TSDoc with the formula it implements.
 *
 * This index is the public API: what a reader of the maths would import. Groups and representations, the NTK-
 * parameterised MLP and its ensemble trainer (with the reference batched step, `batchedSgdStep`), data sets, the
 * invariance metrics, the NTK theory, lattice gauge observables, the equivariance experiments and the canonicalisation
 * routes. Deliberately NOT here: the backend-specific step engines and kernels (`selectStepEngine`,
 * `installFusedSgdStep`, `installWebgpuFusedStep`). The worker chooses the engine once when it sets its backend;
 * that code and its tests import them from their own files (src/core/ensemble/selectStepEngine.ts, stepEngine.ts,
 * fusedSgdStep.ts, webgpuFusedStep.ts).
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
export * from './metrics/logLogFit';
export * from './metrics/groupAngleSpread';
export * from './metrics/farField';
export * from './ensemble/independentNetworks';
export * from './ntk';
export * from './groups';
export * from './lattice';
export * from './equivariance';
export * from './routes';
export * from './images';
export * from './ensemble/criticalLearningRate';
