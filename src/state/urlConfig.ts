/**
 * The toy lab's URL table: every setting of the toy config, the seed included, lives in the URL, so a link
 * reproduces a figure. Declared with the shared field builders of src/state/urlTable.ts (name, type, default, range,
 * label); the orbit and ways labs read the same table. Parsing never throws: bad values fall back or are clamped,
 * and each change is reported as a notice that names the setting as the controls do ("E", not "ensembleSize").
 */
import { clampConfig, CONFIG_LIMITS, DEFAULT_CONFIG, type EnsembleConfig } from '../core/ensemble/config';
import { groupName, parseGroupName, type AugmentationGroup } from '../core/ensemble/groupSpec';
import type { ToyPoint } from '../core/data/toySets';
import { boolField, choiceField, numberField, readTable, writeTable, type UrlField, type UrlTable } from './urlTable';

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

const D = DEFAULT_CONFIG;
const L = CONFIG_LIMITS;
const num = (key: keyof typeof L & keyof EnsembleConfig, param: string, label: string) =>
  numberField(param, label, D[key] as number, L[key].min, L[key].max, L[key].integer);

/** C2, C4, C8, C16, none, SO2:k; an unknown name falls back to the default group (C8). */
const groupField: UrlField<AugmentationGroup> = {
  param: 'group',
  label: 'group',
  default: D.group,
  range: 'none, C2, C4, C8, C16, SO2:1 … SO2:16',
  read: (raw) => {
    const g = parseGroupName(raw);
    return g ? { value: g } : { value: D.group, notice: `unknown group “${raw.slice(0, 40)}”; using ${groupName(D.group)}` };
  },
  write: (g) => groupName(g),
};

/** Training points; more than 24, targets outside [−1, 1] and points outside the view are clamped by clampConfig. */
const pointsField: UrlField<ToyPoint[]> = {
  param: 'pts',
  label: 'training points',
  default: D.points,
  range: `up to ${L.points.max} points “x,y,target;…” in [−3, 3]², target in [−1, 1]; “none” for no points`,
  read: (raw) => {
    const { config, notices } = clampConfig({ points: parsePoints(raw) }, D);
    return { value: config.points, notice: notices.length ? notices.join('; ') : undefined };
  },
  write: (pts) => formatPoints(pts) || 'none',
};

/**
 * The member draw: init=orbit (orbit-closed). Antithetic pairs keep writing the older anti=1, so links made before
 * this key still mean the same run; init=antithetic and init=independent are read too, and an unknown value is
 * reported by clampConfig (configFromParams passes the raw text on), so this field stays silent.
 */
const initField: UrlField<boolean> = {
  param: 'init',
  label: 'members drawn',
  default: D.orbitClosed,
  range: 'independent, antithetic, orbit',
  read: (raw) => ({ value: raw === 'orbit' }),
  write: (v) => (v ? 'orbit' : 'independent'),
  equals: (a, b) => a === b,
};

export const TOY_URL_TABLE: UrlTable<EnsembleConfig> = {
  name: 'toy',
  fields: {
    group: groupField,
    ensembleSize: num('ensembleSize', 'E', 'E'),
    width: num('width', 'width', 'width'),
    depth: num('depth', 'depth', 'depth'),
    lr: num('lr', 'lr', 'learning rate'),
    seed: num('seed', 'seed', 'seed'),
    steps: num('steps', 'steps', 'steps'),
    sigmaW: num('sigmaW', 'sw', 'σ_w'),
    sigmaB: num('sigmaB', 'sb', 'σ_b'),
    activation: choiceField('act', 'activation', D.activation, ['relu', 'tanh'] as const),
    antithetic: boolField('anti', 'antithetic pairs', D.antithetic),
    orbitClosed: initField,
    compareNoAugmentation: boolField('twin', 'comparison without augmentation', D.compareNoAugmentation),
    lightFrames: boolField('frames', 'smooth animation', D.lightFrames),
    points: pointsField,
  },
};

/** Every toy URL field (the embed protocol and the unknown-parameter check use their names). */
export const URL_PROPERTIES: readonly UrlField<unknown>[] = Object.values(TOY_URL_TABLE.fields);

/** URL parameters → clamped config plus notices (one per clamped or unknown value). */
export function configFromParams(params: URLSearchParams): { config: EnsembleConfig; notices: string[] } {
  const { values, notices } = readTable(TOY_URL_TABLE, params);
  // Every field is already in range; clampConfig copies the points and would report any cross-field problem.
  const init = params.get('init');
  const checked = clampConfig(init === null ? values : { ...values, init }, D);
  return { config: checked.config, notices: [...notices, ...checked.notices] };
}

/** Config → URL parameters, only those that differ from the defaults; other parameters in `base` are kept. */
export function configToParams(config: EnsembleConfig, base = new URLSearchParams()): URLSearchParams {
  return writeTable(TOY_URL_TABLE, config, base);
}
