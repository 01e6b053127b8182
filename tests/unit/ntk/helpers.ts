import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { layerSizes, Rng, type MlpArchitecture, type MlpParams } from '../../../src/core';

/** Unit tests run tfjs on its CPU backend in Node. */
export async function useCpuBackend(): Promise<void> {
  if (!(await tf.setBackend('cpu'))) throw new Error('tfjs cpu backend failed to initialise');
  await tf.ready();
}

/** Random points with coordinates ~ N(0, scale²), seeded. */
export function randomPoints(rng: Rng, count: number, dim: number, scale = 1): number[][] {
  return Array.from({ length: count }, () => Array.from({ length: dim }, () => scale * rng.normal()));
}

/** A random orthogonal d×d matrix: Gram–Schmidt on a Gaussian matrix (rows orthonormal). */
export function randomOrthogonal(rng: Rng, d: number): number[][] {
  const rows: number[][] = [];
  while (rows.length < d) {
    const v = Array.from({ length: d }, () => rng.normal());
    for (const r of rows) {
      const p = r.reduce((a, ri, i) => a + ri * v[i], 0);
      for (let i = 0; i < d; i++) v[i] -= p * r[i];
    }
    const norm = Math.hypot(...v);
    if (norm > 1e-6) rows.push(v.map((vi) => vi / norm));
  }
  return rows;
}

/** Max over entries of |A − B| / max|B|: a matrix difference relative to the matrix's scale. */
export function maxRelativeDifference(A: number[][], B: number[][]): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < B.length; i++) {
    for (let j = 0; j < B[i].length; j++) {
      diff = Math.max(diff, Math.abs(A[i][j] - B[i][j]));
      scale = Math.max(scale, Math.abs(B[i][j]));
    }
  }
  return diff / scale;
}

/**
 * Float64 forward pass of one member in the NTK parameterisation (architecture.ts), also returning what a
 * hand-written backward pass needs: the inputs a^l of every layer and the backpropagated δ^{l+1} = ∂f/∂h^{l+1}.
 */
export function memberForward64(
  arch: MlpArchitecture,
  params: MlpParams,
  x: readonly number[],
): { f: number; layerInputs: number[][]; deltas: number[][] } {
  const sizes = layerSizes(arch);
  const layerInputs: number[][] = [];
  const preActivations: number[][] = [];
  let a = Array.from(x);
  for (let l = 0; l + 1 < sizes.length; l++) {
    if (l > 0) a = preActivations[l - 1].map((h) => Math.max(0, h));
    layerInputs.push(a);
    const { W, b, nIn, nOut } = params.layers[l];
    const scale = arch.sigmaW / Math.sqrt(nIn);
    const h = new Array<number>(nOut);
    for (let o = 0; o < nOut; o++) {
      let acc = 0;
      for (let i = 0; i < nIn; i++) acc += a[i] * W[i * nOut + o];
      h[o] = scale * acc + arch.sigmaB * b[o];
    }
    preActivations.push(h);
  }
  const L = sizes.length - 1;
  const deltas: number[][] = new Array(L);
  deltas[L - 1] = [1];
  for (let l = L - 1; l > 0; l--) {
    const { W, nIn, nOut } = params.layers[l];
    const scale = arch.sigmaW / Math.sqrt(nIn);
    const below = new Array<number>(nIn);
    for (let i = 0; i < nIn; i++) {
      let acc = 0;
      for (let o = 0; o < nOut; o++) acc += W[i * nOut + o] * deltas[l][o];
      below[i] = preActivations[l - 1][i] > 0 ? scale * acc : 0;
    }
    deltas[l - 1] = below;
  }
  return { f: preActivations[L - 1][0], layerInputs, deltas };
}

/** Least-squares slope of y against x. */
export function fitSlope(x: number[], y: number[]): number {
  const mx = x.reduce((a, v) => a + v, 0) / x.length;
  const my = y.reduce((a, v) => a + v, 0) / y.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  return sxy / sxx;
}
