/**
 * The vector lab's URL table: the tab, the plane lab's run (π, group, E, …) and the cross-product lab's run (x…).
 * Defaults are written out here, not imported, so the shell's first chunk does not pull in the trainers; a unit test
 * checks them against DEFAULT_VECTOR_CONFIG and DEFAULT_CROSS_CONFIG.
 */
import { boolField, choiceField, numberField, type UrlField, type UrlTable } from './urlTable';

export const VECTOR_TABS = ['plane', 'cross', 'sampling'] as const;
export const VECTOR_REPS = ['defining', 'psi2', 'psi-1', 'trivial'] as const;
/** Cyclic group orders the plane lab offers (1 = no augmentation). */
export const VECTOR_INITS = ['independent', 'orbit'] as const;
export const VECTOR_GROUP_ORDERS = [1, 2, 4, 8, 16] as const;

export interface VectorView {
  tab: (typeof VECTOR_TABS)[number];
  rep: (typeof VECTOR_REPS)[number];
  group: number;
  wrong: boolean;
  E: number;
  width: number;
  depth: number;
  steps: number;
  lr: number;
  seed: number;
  /** The member draw: orbit-closed members give an exactly equivariant mean; otherwise independent. */
  init: (typeof VECTOR_INITS)[number];
  xE: number;
  xwidth: number;
  xsteps: number;
  xpairs: number;
  xaug: boolean;
  xlr: number;
  xseed: number;
}

/** Group order n of C_n, written "8" or "C8"; other orders fall back to C8 with a notice. */
const groupOrderField: UrlField<number> = {
  param: 'group',
  label: 'augmentation group',
  default: 8,
  range: 'none, C2, C4, C8, C16',
  read: (raw) => {
    const t = raw.trim().toLowerCase();
    const n = t === 'none' ? 1 : Number(t.replace(/^c/, ''));
    return (VECTOR_GROUP_ORDERS as readonly number[]).includes(n)
      ? { value: n }
      : { value: 8, notice: `unknown augmentation group “${raw.slice(0, 40)}”; using C8` };
  },
  write: (n) => String(n),
};

const SEED_MAX = 2 ** 31 - 1;

export const VECTOR_URL_TABLE: UrlTable<VectorView> = {
  name: 'vector',
  fields: {
    tab: choiceField('tab', 'view', 'plane', VECTOR_TABS),
    rep: choiceField('rep', 'output representation π', 'defining', VECTOR_REPS),
    group: groupOrderField,
    wrong: boolField('wrong', 'wrong representation', false),
    E: numberField('E', 'E', 64, 1, 256, true),
    width: numberField('width', 'width', 64, 2, 1024, true),
    depth: numberField('depth', 'depth', 2, 1, 4, true),
    steps: numberField('steps', 'steps', 2000, 0, 2000, true),
    lr: numberField('lr', 'learning rate', 0.25, 1e-4, 50, false),
    seed: numberField('seed', 'seed', 1, 0, SEED_MAX, true),
    init: choiceField('init', 'members drawn', 'independent', VECTOR_INITS),
    xE: numberField('xE', 'cross-product E', 32, 1, 256, true),
    xwidth: numberField('xwidth', 'cross-product width', 64, 2, 512, true),
    xsteps: numberField('xsteps', 'cross-product steps', 1000, 0, 2000, true),
    xpairs: numberField('xpairs', 'training pairs', 16, 0, 64, true),
    xaug: boolField('xaug', 'octahedral augmentation', true),
    xlr: numberField('xlr', 'cross-product learning rate', 0.5, 1e-4, 20, false),
    xseed: numberField('xseed', 'cross-product seed', 1, 0, SEED_MAX, true),
  },
};
