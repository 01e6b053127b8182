/**
 * Infinite-width theory of the toy ensemble: the ReLU MLP's NNGP and NTK in float64, the closed-form ensemble mean
 * μ_s under gradient descent, its spectral diagnostics, and the empirical NTK of one finite member for comparison.
 */
export * from './points';
export * from './augmentFloat64';
export * from './reluKernels';
export * from './gradientDescentFactor';
export * from './meanPrediction';
export * from './kernelInvariance';
export * from './matrixDistance';
export * from './orbitSpread';
export * from './empiricalNtk';
