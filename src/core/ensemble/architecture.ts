/**
 * The member architecture: an MLP d → W → … → W → out in the NTK parameterisation (reference §3):
 *   h¹ = (σ_w/√d) W⁰ x + σ_b b⁰,   h^{l+1} = (σ_w/√n_l) W^l φ(h^l) + σ_b b^l,
 * with every entry of W^l and b^l drawn from N(0, 1) and φ = ReLU (or tanh).
 */
export type Activation = 'relu' | 'tanh';

export interface MlpArchitecture {
  /** Input dimension d. */
  inputDim: number;
  /** Hidden width W (the same for every hidden layer). */
  width: number;
  /** Number of hidden layers, 1–4. */
  depth: number;
  /** Output dimension. */
  outputDim: number;
  /** σ_w: the weight scale (σ_w² = 2 is the ReLU default). */
  sigmaW: number;
  /** σ_b: the bias scale. */
  sigmaB: number;
  activation: Activation;
}

/** Layer sizes [d, W, …, W, out]: depth + 2 entries, depth + 1 weight matrices. */
export function layerSizes(arch: MlpArchitecture): number[] {
  return [arch.inputDim, ...Array.from({ length: arch.depth }, () => arch.width), arch.outputDim];
}

/** One dense layer of one member: W row-major [nIn × nOut], b [nOut]. Raw N(0, 1) draws (NTK parameterisation). */
export interface DenseLayer {
  nIn: number;
  nOut: number;
  W: Float32Array;
  b: Float32Array;
}

/** The parameters of one member, layer by layer. */
export interface MlpParams {
  layers: DenseLayer[];
}

/** Number of trainable parameters of one member. */
export function parameterCount(arch: MlpArchitecture): number {
  const s = layerSizes(arch);
  let n = 0;
  for (let l = 0; l + 1 < s.length; l++) n += s[l] * s[l + 1] + s[l + 1];
  return n;
}

/**
 * The gradient-descent step size of each pre-scaled weight tensor W̃_l = s_l W^l: η s_l² = η σ_w²/n_l. A step of rate
 * η on the raw W^l is a step of rate η s_l² on W̃_l; every training step (tfjs ops or the fused kernel) uses these.
 */
export function weightStepSizes(arch: MlpArchitecture, lr: number): number[] {
  const sizes = layerSizes(arch);
  return sizes.slice(0, -1).map((n) => (lr * arch.sigmaW * arch.sigmaW) / n);
}
