/**
 * The orbit lab's own URL table: where the probe x sits and which member is drawn. The training run itself is the
 * toy lab's (TOY_URL_TABLE), so a link from the toy lab opens the same run here.
 */
import { VIEW_EXTENT } from '../core/data/toySets';
import { numberField, type UrlTable } from './urlTable';

export interface OrbitView {
  /** Probe x, first coordinate, in the view [−3, 3]. */
  px: number;
  /** Probe x, second coordinate. */
  py: number;
  /** The member drawn in full (clamped to E − 1 once E is known). */
  member: number;
}

/** The highest member index a link may name; the panel clamps further to E − 1. */
export const MAX_MEMBER_INDEX = 4095;

/** The member picker's field, shared by every panel that shows one member. */
export const MEMBER_FIELD = numberField('member', 'member', 0, 0, MAX_MEMBER_INDEX, true);

export const ORBIT_URL_TABLE: UrlTable<OrbitView> = {
  name: 'orbit',
  fields: {
    px: numberField('px', 'probe x₁', 1.8, -VIEW_EXTENT, VIEW_EXTENT, false),
    py: numberField('py', 'probe x₂', 1.2, -VIEW_EXTENT, VIEW_EXTENT, false),
    member: MEMBER_FIELD,
  },
};
