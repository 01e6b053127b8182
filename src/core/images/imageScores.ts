/**
 * What an image run reports: accuracy and orbit same predictions (OSP) per route, in and out of distribution,
 * and the probe of one image's orbit. Plain data, posted from the worker to the page.
 */

/** A statistic: mean, std over members (NaN for a single function), and the standard error over items. */
export interface Score {
  mean: number;
  std: number;
  se: number;
}

export interface ImageRouteScores {
  accuracy: Score;
  ospIn: Score;
  ospOut: Score;
  /** Forward passes of one member per prediction. */
  forwardPasses: number;
}

export type ImageRouteId = 'ensemble' | 'member' | 'canonical' | 'groupAverage';

export interface ImageEvaluation {
  groupOrder: number;
  evalCount: number;
  oodCount: number;
  groupAverageCount: number;
  routes: Record<ImageRouteId, ImageRouteScores>;
}

/** What the probe shows for one rotated image. */
export interface ImageProbe {
  /** The rotated, masked image, [S²] in [0, 1]. */
  image: Float32Array;
  label: number;
  /** Ensemble mean probabilities [c]; every member's [E × c]; the canonicalised route's members [E × c]. */
  ensemble: Float32Array;
  members: Float32Array;
  canonical: Float32Array;
  /** Predicted labels around the C_n orbit of the unrotated image: ensemble [n], members [E × n]. */
  orbitEnsemble: Int32Array;
  orbitMembers: Int32Array;
}
