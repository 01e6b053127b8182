/**
 * The loops lab's URL table: the Monte Carlo settings (gauge group, L, β, sweeps, thermalisation, loop extent,
 * seed). Ranges are those of src/core/lattice/options.ts (a unit test checks them); the loop extent is clamped
 * further to ⌊L/2⌋ by the panel, which says so.
 */
import { choiceField, numberField, type UrlTable } from './urlTable';

export interface LoopsView {
  group: 'U1' | 'SU2';
  L: number;
  beta: number;
  sweeps: number;
  therm: number;
  extent: number;
  seed: number;
}

export const LOOPS_URL_TABLE: UrlTable<LoopsView> = {
  name: 'loops',
  fields: {
    group: choiceField('group', 'gauge group', 'SU2', ['U1', 'SU2'] as const),
    L: numberField('L', 'L', 16, 2, 64, true),
    beta: numberField('beta', 'β', 2, 0, 20, false),
    sweeps: numberField('sweeps', 'measured sweeps', 2000, 20, 100000, true),
    therm: numberField('therm', 'thermalisation sweeps', 100, 0, 100000, true),
    extent: numberField('extent', 'largest loop R = T', 4, 1, 8, true),
    seed: numberField('seed', 'seed', 1, 0, 2 ** 31 - 1, true),
  },
};
