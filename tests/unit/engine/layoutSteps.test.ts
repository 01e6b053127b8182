import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import {
  augmentTrainingSet,
  batchedForward,
  batchedLoss,
  cyclicAngles,
  disposeParams,
  IndependentNetworks,
  initMemberParams,
  MONO3,
  stackMemberParams,
  unstackParams,
  type MlpArchitecture,
} from '../../../src/core';
import { setBatchedMatMulMode } from '../../../src/core/ensemble/batchedMatMul';
import { layoutForward, layoutLoss, layoutSgdStep } from '../../../src/core/ensemble/wasmLayoutStep';
import { narrowSgdStep, narrowStepFits } from '../../../src/core/ensemble/narrowLayoutStep';
import { flat, matmulStep, maxRelDiff, train } from './stepComparison';

// The two convolution-layout steps (wasm's fast paths) against the matMul step and E independent networks: same
// parameters and outputs after 5 steps to 1e-5, on the wasm backend (where they run) and on cpu.

const BASE: MlpArchitecture = { inputDim: 2, width: 16, depth: 2, outputDim: 1, sigmaW: Math.SQRT2, sigmaB: 0.1, activation: 'relu' };

interface Case {
  name: string;
  arch: MlpArchitecture;
  antithetic: boolean;
}

const CASES: Case[] = [
  ...[1, 2, 3].flatMap((depth) =>
    (['relu', 'tanh'] as const).map((activation) => ({
      name: `depth ${depth}, ${activation}`,
      arch: { ...BASE, depth, activation },
      antithetic: false,
    })),
  ),
  { name: 'antithetic pairs, relu', arch: BASE, antithetic: true },
  { name: 'σ_b = 0, tanh', arch: { ...BASE, sigmaB: 0, activation: 'tanh' }, antithetic: false },
  { name: '3 inputs, 2 outputs, depth 2', arch: { ...BASE, inputDim: 3, outputDim: 2 }, antithetic: false },
  { name: 'width 5, depth 3, 3 outputs', arch: { ...BASE, width: 5, depth: 3, outputDim: 3 }, antithetic: true },
];

function trainingData(arch: MlpArchitecture): { X: tf.Tensor2D; Y: tf.Tensor2D; probe: tf.Tensor2D } {
  const set = augmentTrainingSet(MONO3, cyclicAngles(4));
  const d = arch.inputDim;
  const out = arch.outputDim;
  // Extra input and output columns are fixed functions of the toy points, so every column carries signal.
  const X = tf.tensor2d(
    Array.from({ length: set.N }, (_, n) => Array.from({ length: d }, (_, k) => (k < 2 ? set.X[2 * n + k] : 0.3 * set.X[2 * n] - set.X[2 * n + 1]))),
  );
  const Y = tf.tensor2d(Array.from({ length: set.N }, (_, n) => Array.from({ length: out }, (_, j) => set.Y[n] * (1 + 0.5 * j) - 0.2 * j)));
  const probe = tf.tensor2d(Array.from({ length: 5 }, (_, n) => Array.from({ length: d }, (_, k) => Math.sin(1.7 * n + 0.9 * k) * 2.5)));
  return { X, Y, probe };
}

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`convolution-layout steps on ${backend}`, () => {
    beforeAll(async () => {
      expect(await tf.setBackend(backend)).toBe(true);
      await tf.ready();
    });
    afterAll(() => setBatchedMatMulMode('auto'));

    for (const c of CASES) {
      it(`narrow and wide steps = matMul step = independent networks (${c.name})`, async () => {
        const { arch } = c;
        const E = 4;
        const members = Array.from({ length: E }, (_, k) => initMemberParams(arch, 7, k, c.antithetic));
        const { X, Y, probe } = trainingData(arch);
        const start = stackMemberParams(arch, members);

        const before = tf.memory().numTensors;
        const once = narrowSgdStep(arch, start, X, Y, 0.25);
        const onceWide = layoutSgdStep(arch, start, X, Y, 0.25);
        // Flat tensor count: one step leaves exactly its new parameters.
        expect(tf.memory().numTensors - before).toBe(2 * 2 * (arch.depth + 1));
        disposeParams(once);
        disposeParams(onceWide);

        const viaMatMul = train(arch, start, X, Y, matmulStep);
        const narrow = train(arch, start, X, Y, narrowSgdStep);
        const wide = train(arch, start, X, Y, layoutSgdStep);
        const naive = new IndependentNetworks(arch, members);
        for (let s = 0; s < 5; s++) naive.trainStep(X, Y, 0.25);

        const ref = await flat(viaMatMul);
        for (const p of [narrow, wide]) {
          const got = await flat(p);
          got.forEach((t, i) => expect(maxRelDiff(t, ref[i])).toBeLessThan(1e-5));
          const pb = await unstackParams(arch, p);
          const pn = await naive.parameters();
          for (let k = 0; k < E; k++) {
            for (let l = 0; l <= arch.depth; l++) {
              expect(maxRelDiff(pb[k].layers[l].W, pn[k].layers[l].W)).toBeLessThan(1e-5);
              // (With σ_b = 0 the biases have no effect; unstackParams reports them as zeros, checked below.)
              if (arch.sigmaB > 0) expect(maxRelDiff(pb[k].layers[l].b, pn[k].layers[l].b)).toBeLessThan(1e-5);
              else expect(Array.from(pb[k].layers[l].b).every((v) => v === 0)).toBe(true);
            }
          }
        }
        // The parameters did move, so the comparison is not between untouched initialisations.
        const first = await flat(start);
        expect(maxRelDiff(ref[arch.depth], first[arch.depth])).toBeGreaterThan(1e-3);

        // Forward pass and loss in the convolution layout = the matMul path = the independent networks.
        const read = async (t: tf.Tensor) => {
          const v = (await t.data()) as Float32Array;
          t.dispose();
          return v;
        };
        setBatchedMatMulMode('matmul');
        const outRef = await read(batchedForward(arch, wide, probe));
        const lossRef = await read(batchedLoss(arch, wide, X, Y));
        setBatchedMatMulMode('auto');
        const out = await read(layoutForward(arch, wide, probe));
        expect(out.length).toBe(E * 5 * arch.outputDim);
        expect(maxRelDiff(out, outRef)).toBeLessThan(1e-5);
        expect(maxRelDiff(out, await naive.predict(probe))).toBeLessThan(1e-5);
        expect(maxRelDiff(await read(layoutLoss(arch, wide, X, Y)), lossRef)).toBeLessThan(1e-5);

        for (const p of [viaMatMul, narrow, wide, start]) disposeParams(p);
        naive.dispose();
        tf.dispose([X, Y, probe]);
      });
    }

    it('the default ensemble (E = 64, W = 64) takes the narrow step, wider or larger ensembles the wide one', () => {
      const arch = { ...BASE, width: 64 };
      expect(narrowStepFits(arch, 64)).toBe(true);
      expect(narrowStepFits(arch, 256)).toBe(false);
      expect(narrowStepFits({ ...arch, width: 128 }, 64)).toBe(false);
      expect(narrowStepFits({ ...arch, width: 128 }, 16)).toBe(true);
    });
  });
}
