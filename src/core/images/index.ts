/**
 * The rotated-images experiment: data loading with checksums, a batched MLP classifier ensemble trained with softmax
 * cross-entropy (tfjs ops, or one fused wasm kernel: fusedCrossEntropyStep) and rotation augmentation, and the
 * evaluation of the four routes (accuracy and orbit same predictions in and out of distribution).
 */
export * from './sha256';
export * from './dataset';
export * from './classifier';
export * from './fusedCrossEntropyStep';
export * from './imageRun';
export * from './imageCheckpoint';
export * from './imageSlice';
export * from './reference';
