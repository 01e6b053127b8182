/**
 * What an embedded figure opens on, read from its URL alone, so that a slide needs no script: `step` (the training
 * step shown), `autoplay` (playing or not), `theta` (the probe angle, radians) and `member` (the member shown beside
 * the mean), plus `keys=0` to stop forwarding navigation keys to the deck. Commands sent by a script must wait for
 * the `ready` event; these parameters need no wait because the figure reads them itself once its run has loaded.
 *
 * Out-of-range values are clamped and every change is reported in words, like the toy settings of urlConfig.ts.
 */
import type { EnsembleConfig } from '../core/ensemble/config';

/** Route-level parameters this file adds (see urlNotices.ts's ROUTE_PARAMS). */
export const EMBED_URL_PARAMS = ['step', 'keys'] as const;

export interface EmbedOpening {
  /** The training step to show first (the last snapshot at or before it), or null for the initial snapshot. */
  step: number | null;
  /** Start playing as soon as loaded. */
  autoplay: boolean;
  /** Probe angle in radians, in [0, 2π). */
  theta: number;
  /** Ensemble member shown beside the mean, in 0 … E−1. */
  member: number;
  /** Forward navigation keys to the parent page (default on). */
  forwardKeys: boolean;
  /** One readable sentence per value that was clamped or ignored. */
  notices: string[];
}

const TWO_PI = 2 * Math.PI;
const show = (v: string) => (v.length > 40 ? `${v.slice(0, 40)}…` : v);
const WHOLE = /^\d{1,9}$/;

/**
 * Read the opening of an embedded figure. `config` is the figure's (already clamped) toy config: `step` is clamped
 * to 0 … config.steps and `member` to 0 … config.ensembleSize − 1. θ is reduced modulo 2π: θ ↦ θ − 2π⌊θ / 2π⌋.
 * Malformed `theta`/`member`/flags are reported by urlNotices.ts already; this adds only the range notices.
 */
export function parseEmbedOpening(params: URLSearchParams, config: Pick<EnsembleConfig, 'steps' | 'ensembleSize'>): EmbedOpening {
  const notices: string[] = [];
  let step: number | null = null;
  const rawStep = params.get('step');
  if (rawStep !== null) {
    if (!WHOLE.test(rawStep.trim())) {
      notices.push(`step “${show(rawStep)}” is not a whole number of training steps; opening at initialization`);
    } else {
      const s = Number(rawStep.trim());
      step = Math.min(s, config.steps);
      if (s > config.steps) notices.push(`step ${s} is beyond this run's ${config.steps} steps; opening at step ${config.steps}`);
    }
  }
  let member = 0;
  const rawMember = params.get('member');
  if (rawMember !== null && /^\d{1,4}$/.test(rawMember)) {
    member = Number(rawMember);
    if (member > config.ensembleSize - 1) {
      notices.push(`member ${member} does not exist in an ensemble of ${config.ensembleSize}; showing member ${config.ensembleSize - 1}`);
      member = config.ensembleSize - 1;
    }
  }
  const th = Number(params.get('theta') ?? '0');
  const theta = params.get('theta')?.trim() && Number.isFinite(th) ? ((th % TWO_PI) + TWO_PI) % TWO_PI : 0;
  return {
    step,
    autoplay: params.get('autoplay') === '1',
    theta,
    member,
    forwardKeys: params.get('keys') !== '0',
    notices,
  };
}
