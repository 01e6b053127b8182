/**
 * Inference cost of each route, in forward passes of one member network per prediction:
 * - DeepEns+DA: E (every member, once);
 * - only DA: 1;
 * - group averaging over G: |G| (or M sampled angles for SO(2));
 * - canonicalisation: 1 (plus the canonicaliser h, which here is a few arithmetic operations, not a network);
 * - frame averaging: |F(x)|, averaged over the inputs.
 */
export type RouteId = 'ensemble' | 'member' | 'groupAverage' | 'canonical' | 'frame';

export interface RouteCostInput {
  ensembleSize: number;
  groupOrder: number;
  meanFrameSize?: number;
}

/** Forward passes per prediction of a route (see the module comment for the formula of each). */
export function forwardPassesPerPrediction(route: RouteId, c: RouteCostInput): number {
  switch (route) {
    case 'ensemble':
      return c.ensembleSize;
    case 'member':
      return 1;
    case 'groupAverage':
      return c.groupOrder;
    case 'canonical':
      return 1;
    case 'frame':
      return c.meanFrameSize ?? 1;
  }
}
