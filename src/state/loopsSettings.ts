/**
 * The loops lab's settings as typed (text in number boxes) and as used (clamped by core/lattice/options, with a
 * notice in words for each clamp). The clamped view is what runs and what the URL table (loopsUrl.ts) holds.
 */
import { clampBeta, clampInteger, clampLatticeSize, clampLoopExtent, type WilsonLoopOptions } from '../core/lattice';
import type { LoopsView } from './loopsUrl';

/** What the controls show: number boxes keep the text as typed, so an out-of-range entry stays visible. */
export interface LoopsInputs {
  group: LoopsView['group'];
  L: string;
  beta: string;
  sweeps: string;
  therm: string;
  extent: string;
  seed: number;
}

export const THERMALIZE_DEFAULT = 100;
export const SWEEPS_DEFAULT = 2000;

export function inputsFromView(v: LoopsView): LoopsInputs {
  return { group: v.group, L: String(v.L), beta: String(v.beta), sweeps: String(v.sweeps), therm: String(v.therm), extent: String(v.extent), seed: v.seed };
}

/** Typed text → the settings in use, and a notice for every value that had to change. */
export function viewFromInputs(i: LoopsInputs): { view: LoopsView; notices: string[] } {
  const notices: string[] = [];
  const L = clampLatticeSize(Number(i.L), notices);
  const beta = clampBeta(Number(i.beta), notices);
  const sweeps = clampInteger('Measured sweeps', Number(i.sweeps), 20, 100000, SWEEPS_DEFAULT, notices);
  const therm = clampInteger('Thermalisation sweeps', Number(i.therm), 0, 100000, THERMALIZE_DEFAULT, notices);
  const extent = clampLoopExtent('Largest loop extent', Number(i.extent), L, notices);
  return { view: { group: i.group, L, beta, sweeps, therm, extent, seed: i.seed }, notices };
}

/** The R×T rectangle of the loop builder, each side clamped to 1 … L−1 so it fits on the L×L lattice. */
export function rectangleFromInputs(R: string, T: string, L: number): { R: number; T: number; notices: string[] } {
  const notices: string[] = [];
  const why = ` (a rectangle must fit inside the ${L}×${L} lattice)`;
  const hi = Math.max(1, L - 1);
  return { R: clampInteger('R', Number(R), 1, hi, 2, notices, why), T: clampInteger('T', Number(T), 1, hi, 2, notices, why), notices };
}

export function sameView(a: LoopsView, b: LoopsView): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The worker's run options for the settings in use: square loops up to the extent in both directions. */
export function wilsonOptions(v: LoopsView): WilsonLoopOptions {
  return { group: v.group, L: v.L, beta: v.beta, thermalize: v.therm, sweeps: v.sweeps, seed: v.seed, maxR: v.extent, maxT: v.extent };
}
