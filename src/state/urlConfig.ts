/**
 * The typed property table that maps the toy config to URL parameters and back. Every setting, the seed included,
 * lives in the URL, so a link reproduces a figure. Parsing never throws: bad values are clamped by `clampConfig`
 * and reported as notices.
 */
import { clampConfig, DEFAULT_CONFIG, type EnsembleConfig } from '../core/ensemble/config';
import { groupName } from '../core/ensemble/groupSpec';
import type { ToyPoint } from '../core/data/toySets';

interface UrlProperty {
  /** URL parameter name. */
  param: string;
  /** Read the parameter into a raw config field (validated later by clampConfig). */
  read: (value: string, raw: Record<string, unknown>) => void;
  /** Write the config field; undefined when it equals the default (kept out of the URL). */
  write: (c: EnsembleConfig) => string | undefined;
}

const num = (key: keyof EnsembleConfig, param: string): UrlProperty => ({
  param,
  read: (v, raw) => {
    raw[key] = v;
  },
  write: (c) => (c[key] === DEFAULT_CONFIG[key] ? undefined : String(c[key])),
});

const bool = (key: 'antithetic' | 'compareNoAugmentation', param: string): UrlProperty => ({
  param,
  read: (v, raw) => {
    raw[key] = v === '1' || v === 'true' ? true : v === '0' || v === 'false' ? false : v;
  },
  write: (c) => (c[key] === DEFAULT_CONFIG[key] ? undefined : c[key] ? '1' : '0'),
});

/** "x,y,target;x,y,target" with up to 4 decimals. */
export function formatPoints(points: readonly ToyPoint[]): string {
  const r = (v: number) => String(Math.round(v * 1e4) / 1e4);
  return points.map((p) => `${r(p.x[0])},${r(p.x[1])},${r(p.y)}`).join(';');
}

export function parsePoints(s: string): unknown[] {
  if (s.trim() === '' || s === 'none') return [];
  return s.split(';').map((part) => {
    const [x, y, t] = part.split(',');
    return { x: [x, y], y: t };
  });
}

export const URL_PROPERTIES: UrlProperty[] = [
  {
    param: 'group',
    read: (v, raw) => {
      raw.group = v;
    },
    write: (c) => (groupName(c.group) === groupName(DEFAULT_CONFIG.group) ? undefined : groupName(c.group)),
  },
  num('ensembleSize', 'E'),
  num('width', 'width'),
  num('depth', 'depth'),
  num('lr', 'lr'),
  num('seed', 'seed'),
  num('steps', 'steps'),
  num('sigmaW', 'sw'),
  num('sigmaB', 'sb'),
  {
    param: 'act',
    read: (v, raw) => {
      raw.activation = v;
    },
    write: (c) => (c.activation === DEFAULT_CONFIG.activation ? undefined : c.activation),
  },
  bool('antithetic', 'anti'),
  {
    // The member draw: init=orbit (orbit-closed) or init=antithetic / init=independent. Antithetic pairs keep
    // writing the older anti=1, so links made before this key still mean the same run.
    param: 'init',
    read: (v, raw) => {
      raw.init = v;
    },
    write: (c) => (c.orbitClosed ? 'orbit' : undefined),
  },
  bool('compareNoAugmentation', 'twin'),
  {
    param: 'pts',
    read: (v, raw) => {
      raw.points = parsePoints(v);
    },
    write: (c) => {
      const s = formatPoints(c.points);
      return s === formatPoints(DEFAULT_CONFIG.points) ? undefined : s || 'none';
    },
  },
];

/** URL parameters → clamped config plus notices (one per clamped or unknown value). */
export function configFromParams(params: URLSearchParams): { config: EnsembleConfig; notices: string[] } {
  const raw: Record<string, unknown> = {};
  for (const p of URL_PROPERTIES) {
    const v = params.get(p.param);
    if (v !== null) p.read(v, raw);
  }
  return clampConfig(raw, DEFAULT_CONFIG);
}

/** Config → URL parameters, only those that differ from the defaults; other parameters in `base` are kept. */
export function configToParams(config: EnsembleConfig, base = new URLSearchParams()): URLSearchParams {
  const out = new URLSearchParams(base);
  for (const p of URL_PROPERTIES) {
    const v = p.write(config);
    if (v === undefined) out.delete(p.param);
    else out.set(p.param, v);
  }
  return out;
}
