/**
 * Emergent equivariance with vector outputs: output representations π, augmentation (x, y) ↦ (ρ(g)x, π(g)y),
 * the vector ensemble trainer and its deviation metrics, the 3D cross-product experiment, and invariant sampling.
 */
export * from './representation';
export * from './vectorConfig';
export * from './vectorAugment';
export * from './deviation';
export * from './vectorTrainer';
export * from './octahedral';
export * from './crossProduct';
export * from './invariantSampling';
