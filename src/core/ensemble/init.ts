import { Rng } from '../rng';
import { layerSizes, type MlpArchitecture, type MlpParams } from './architecture';

/** Stream tag for initial weights, so other uses of (seed, k) streams never collide with it. */
const INIT_STREAM = 0x1417;

/**
 * Initial parameters of member k: every W and b entry ~ N(0, 1), drawn from the stream keyed by (seed, k) alone.
 * Member k is therefore the same network whatever the ensemble size E.
 *
 * With `antithetic`, members 2i and 2i+1 share every draw (stream key i) and member 2i+1 negates its output layer,
 * so the pair's mean output is exactly 0 at initialisation while each member keeps the standard distribution.
 */
export function initMemberParams(
  arch: MlpArchitecture,
  seed: number,
  k: number,
  antithetic = false,
): MlpParams {
  const streamKey = antithetic ? Math.floor(k / 2) : k;
  const rng = new Rng(seed, INIT_STREAM, streamKey, antithetic ? 1 : 0);
  const sizes = layerSizes(arch);
  const layers = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const nIn = sizes[l];
    const nOut = sizes[l + 1];
    const W = rng.normalArray(nIn * nOut);
    const b = rng.normalArray(nOut);
    const isOutput = l + 2 === sizes.length;
    if (antithetic && isOutput && k % 2 === 1) {
      for (let i = 0; i < W.length; i++) W[i] = -W[i];
      for (let i = 0; i < b.length; i++) b[i] = -b[i];
    }
    layers.push({ nIn, nOut, W, b });
  }
  return { layers };
}
