/**
 * Other routes to equivariance (reference §6): group averaging, frame averaging and canonicalisation, on the toy's
 * polar grid, on general points and on images; plus orbit same predictions for classifiers and the forward-pass cost
 * of each route.
 */
export * from './gridRoutes';
export * from './pointRoutes';
export * from './classifierOsp';
export * from './imageRotation';
export * from './imageCanonicalizer';
export * from './cost';
export * from './toyRoutes';
