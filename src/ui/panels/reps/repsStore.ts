/**
 * State of the representations panel: which group, which element. Sections that need their own settings
 * (tensor products, intertwiners, convolution) keep them in local React state.
 */
import { create } from 'zustand';
import type { PlanarElement } from '../../../core/groups';
import type { GroupFamily } from '../../../core/groups/repMenu';

// The group families and their construction are core (the intertwiner worker needs them); re-exported for panels.
export { planarGroupOf, type GroupFamily } from '../../../core/groups/repMenu';

/** Largest n offered here: D_12's regular representation is 24×24, still legible as a table. */
export const MAX_PANEL_N = 12;

export interface RepsState {
  family: GroupFamily;
  n: number;
  /** m in r^m s^f, for C_n and D_n. */
  rotation: number;
  /** f in r^m s^f, for D_n. */
  reflected: boolean;
  /** θ in degrees, for SO(2). */
  angleDeg: number;
  /** The last clamping message for the group controls, or null. */
  groupNotice: string | null;
  setFamily(family: GroupFamily): void;
  /** Set n from user input; values outside 1 … MAX_PANEL_N are clamped and explained. */
  requestN(raw: number): void;
  setRotation(m: number): void;
  setReflected(reflected: boolean): void;
  setAngleDeg(deg: number): void;
}

export const useRepsStore = create<RepsState>((set) => ({
  family: 'cyclic',
  n: 4,
  rotation: 1,
  reflected: false,
  angleDeg: 30,
  groupNotice: null,
  setFamily: (family) => set((s) => ({ family, reflected: family === 'dihedral' ? s.reflected : false, groupNotice: null })),
  requestN: (raw) =>
    set((s) => {
      let n = raw;
      let groupNotice: string | null = null;
      if (!Number.isFinite(raw)) {
        n = s.n;
        groupNotice = `n must be a whole number; keeping n = ${s.n}.`;
      } else if (!Number.isInteger(raw)) {
        n = Math.min(MAX_PANEL_N, Math.max(1, Math.round(raw)));
        groupNotice = `n must be a whole number; rounded ${raw} to ${n}.`;
      } else if (raw < 1) {
        n = 1;
        groupNotice = `n = ${raw} is not a group: C_n and D_n need n ≥ 1. Using n = 1.`;
      } else if (raw > MAX_PANEL_N) {
        n = MAX_PANEL_N;
        groupNotice = `n = ${raw} is too large for this panel (limit ${MAX_PANEL_N}, so that |G|×|G| matrices stay legible). Using n = ${MAX_PANEL_N}.`;
      }
      return { n, rotation: s.rotation % n, groupNotice };
    }),
  setRotation: (m) => set((s) => ({ rotation: ((Math.round(m) % s.n) + s.n) % s.n })),
  setReflected: (reflected) => set({ reflected }),
  setAngleDeg: (deg) => set({ angleDeg: ((Math.round(deg) % 360) + 360) % 360 }),
}));

/** The chosen element r^m s^f of the finite group. */
export function planarElementOf(state: Pick<RepsState, 'family' | 'rotation' | 'reflected' | 'n'>): PlanarElement {
  return { rotation: ((state.rotation % state.n) + state.n) % state.n, reflected: state.family === 'dihedral' && state.reflected };
}

// Matrix cells' number format lives with the chart that shows them (src/ui/charts/MatrixTable.tsx).
export { formatEntry } from '../../charts/formatEntry';

/** Format a small error such as 2.2e-16 for a readout. */
export function formatError(x: number): string {
  if (x === 0) return '0';
  return x.toExponential(1).replace('-', '−');
}
