import * as tf from '@tensorflow/tfjs-core';
import { layerSizes, type MlpArchitecture, type MlpParams } from './architecture';

/**
 * The reference the batched trainer is checked against, and the naive baseline it is benchmarked against: E networks
 * trained one at a time, in a loop, on the raw (unscaled) NTK parameters. Same maths as `batchedSgdStep`:
 *   f(x) = s_L φ(… φ(s_0 x W⁰ + σ_b b⁰) …) W^L + σ_b b^L,  L = 1/(2N) Σ (f − y)²,  θ ← θ − η ∇_θ L,
 * with ∇W^l = s_l a_lᵀ δ_l, ∇b^l = σ_b Σ_n δ_l, δ_{l−1} = s_l (δ_l W^lᵀ) ⊙ φ′(z_{l−1}), δ_L = (f − y)/N.
 * (The unit tests check these gradients against tfjs autodiff.) Deliberately a loop over models: that is what the
 * batched trainer replaces.
 */
export class IndependentNetworks {
  private members: { W: tf.Tensor2D[]; b: tf.Tensor1D[] }[];

  constructor(
    readonly arch: MlpArchitecture,
    members: readonly MlpParams[],
  ) {
    this.members = members.map((m) => ({
      W: m.layers.map((l) => tf.tensor2d(l.W, [l.nIn, l.nOut])),
      b: m.layers.map((l) => tf.tensor1d(l.b)),
    }));
  }

  private forward(W: tf.Tensor2D[], b: tf.Tensor1D[], X: tf.Tensor2D): tf.Tensor2D {
    const sizes = layerSizes(this.arch);
    let a: tf.Tensor2D = X;
    for (let l = 0; l < W.length; l++) {
      const z = tf.add(tf.mul(tf.matMul(a, W[l]), this.arch.sigmaW / Math.sqrt(sizes[l])), tf.mul(b[l], this.arch.sigmaB)) as tf.Tensor2D;
      if (l === W.length - 1) return z;
      a = (this.arch.activation === 'tanh' ? tf.tanh(z) : tf.relu(z)) as tf.Tensor2D;
    }
    throw new Error('network has no layers');
  }

  /** One gradient-descent step of every network, one network at a time. */
  trainStep(X: tf.Tensor2D, Y: tf.Tensor2D, lr: number): void {
    const N = X.shape[0];
    const sizes = layerSizes(this.arch);
    const { sigmaB } = this.arch;
    for (const m of this.members) {
      const L = m.W.length;
      const next = tf.tidy(() => {
        const inputs: tf.Tensor2D[] = [X];
        const pre: tf.Tensor2D[] = [];
        let a: tf.Tensor2D = X;
        let f: tf.Tensor2D | null = null;
        for (let l = 0; l < L; l++) {
          const s = this.arch.sigmaW / Math.sqrt(sizes[l]);
          const z = tf.add(tf.mul(tf.matMul(a, m.W[l]), s), tf.mul(m.b[l], sigmaB)) as tf.Tensor2D;
          if (l === L - 1) f = z;
          else {
            pre.push(z);
            a = (this.arch.activation === 'tanh' ? tf.tanh(z) : tf.relu(z)) as tf.Tensor2D;
            inputs.push(a);
          }
        }
        let delta = tf.div(tf.sub(f!, Y), N) as tf.Tensor2D;
        const W: tf.Tensor2D[] = new Array(L);
        const b: tf.Tensor1D[] = new Array(L);
        for (let l = L - 1; l >= 0; l--) {
          const s = this.arch.sigmaW / Math.sqrt(sizes[l]);
          const gW = tf.mul(tf.matMul(inputs[l], delta, true, false), s);
          const gb = tf.mul(tf.sum(delta, 0), sigmaB);
          if (l > 0) {
            const back = tf.mul(tf.matMul(delta, m.W[l], false, true), s);
            const deriv =
              this.arch.activation === 'tanh' ? tf.sub(1, tf.square(inputs[l])) : tf.cast(tf.greater(pre[l - 1], 0), 'float32');
            delta = tf.mul(back, deriv) as tf.Tensor2D;
          }
          W[l] = tf.sub(m.W[l], tf.mul(gW, lr)) as tf.Tensor2D;
          b[l] = tf.sub(m.b[l], tf.mul(gb, lr)) as tf.Tensor1D;
        }
        return { W, b };
      });
      for (const t of [...m.W, ...m.b]) t.dispose();
      m.W = next.W;
      m.b = next.b;
    }
  }

  /** Every network's outputs on X, [E, N, out], read back asynchronously. */
  async predict(X: tf.Tensor2D): Promise<Float32Array> {
    const out = tf.tidy(() => tf.stack(this.members.map((m) => this.forward(m.W, m.b, X))));
    const data = (await out.data()) as Float32Array;
    out.dispose();
    return data;
  }

  /** The current raw parameters of every network. */
  async parameters(): Promise<MlpParams[]> {
    return Promise.all(
      this.members.map(async (m) => ({
        layers: await Promise.all(
          m.W.map(async (W, l) => ({
            nIn: W.shape[0],
            nOut: W.shape[1],
            W: (await W.data()) as Float32Array,
            b: (await m.b[l].data()) as Float32Array,
          })),
        ),
      })),
    );
  }

  dispose(): void {
    for (const m of this.members) {
      for (const t of m.W) t.dispose();
      for (const t of m.b) t.dispose();
    }
  }
}
