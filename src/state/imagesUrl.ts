/**
 * The images lab's URL table: preset, rotation group and seed, so a link names the run that produced a table.
 * Defaults written out (the run module pulls in tfjs); a unit test checks them against IMAGE_PRESETS.
 */
import { choiceField, numberField, type UrlField, type UrlTable } from './urlTable';

export const IMAGE_PRESET_IDS = ['tiny', 'quick', 'full'] as const;
export const IMAGE_GROUP_ORDERS = [4, 8, 16] as const;

export interface ImagesView {
  preset: (typeof IMAGE_PRESET_IDS)[number];
  group: number;
  seed: number;
}

const groupField: UrlField<number> = {
  param: 'group',
  label: 'rotation group',
  default: 4,
  range: 'C4, C8, C16',
  read: (raw) => {
    const n = Number(raw.trim().replace(/^c/i, ''));
    return (IMAGE_GROUP_ORDERS as readonly number[]).includes(n)
      ? { value: n }
      : { value: 4, notice: `unknown rotation group “${raw.slice(0, 40)}”; the images lab offers C4, C8 and C16; using C4` };
  },
  write: (n) => `C${n}`,
};

export const IMAGES_URL_TABLE: UrlTable<ImagesView> = {
  name: 'images',
  fields: {
    preset: choiceField('preset', 'preset', 'quick', IMAGE_PRESET_IDS),
    group: groupField,
    seed: numberField('seed', 'seed', 1, 0, 2 ** 31 - 1, true),
  },
};
