/**
 * The representations lab's URL table: the group (family and n) and the element shown (r^m s^f, or θ for SO(2)).
 * The rotation m is reduced mod n by the store.
 */
import { boolField, choiceField, numberField, type UrlTable } from './urlTable';

/** Largest n the panel offers (D_12's regular representation is 24×24); equal to repsStore's MAX_PANEL_N. */
export const REPS_MAX_N = 12;

export interface RepsView {
  family: 'cyclic' | 'dihedral' | 'so2';
  n: number;
  rotation: number;
  reflected: boolean;
  angle: number;
}

export const REPS_URL_TABLE: UrlTable<RepsView> = {
  name: 'reps',
  fields: {
    family: choiceField('family', 'group family', 'cyclic', ['cyclic', 'dihedral', 'so2'] as const),
    n: numberField('n', 'n', 4, 1, REPS_MAX_N, true),
    rotation: numberField('m', 'rotation m', 1, 0, REPS_MAX_N - 1, true),
    reflected: boolField('s', 'reflection s', false),
    angle: numberField('angle', 'θ (degrees)', 30, 0, 359, true),
  },
};
