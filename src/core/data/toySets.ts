/** A training point of the toy example: an input in the plane and a scalar target. */
export interface ToyPoint {
  x: [number, number];
  y: number;
}

/**
 * "mono3", the default training set: the label falls with radius, so the invariant target lies in well-conditioned
 * NTK modes and trains smoothly (reference/calibration.md).
 */
export const MONO3: readonly ToyPoint[] = [
  { x: [0.8, 0.3], y: 1 },
  { x: [-0.5, 1.5], y: 0 },
  { x: [2.3, -0.9], y: -1 },
];

/** The half-width of the plane shown: inputs live in [−VIEW_EXTENT, VIEW_EXTENT]². */
export const VIEW_EXTENT = 3;
