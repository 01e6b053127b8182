import type * as tf from '@tensorflow/tfjs-core';

// Its own file so that the fused kernels can name the type without importing the reference step.
/**
 * The parameters of a whole ensemble as batched tensors, stored pre-scaled: W̃[l] = s_l·W^l is [E, n_l, n_{l+1}] and
 * b̃[l] = σ_b·b^l is [E, 1, n_{l+1}], with s_l = σ_w/√n_l. Every forward and backward pass is one batched matMul per
 * layer for all E members: no loop over models.
 *
 * Why pre-scaled: the NTK parameterisation multiplies every layer by a constant. Folding the constants into the
 * stored tensors removes two elementwise ops per layer (a large share of the cost on wasm); gradient descent on W
 * with rate η is gradient descent on W̃ = sW with rate η·s², so the training trajectory is the same.
 */
export interface BatchedParams {
  W: tf.Tensor3D[];
  b: tf.Tensor3D[];
}
