/**
 * Every panel's URL table: every key round-trips, defaults stay out of the URL, bad values are clamped with notices
 * in the words on the controls, the declared defaults and ranges agree with the core's, and the batched updater
 * never loses a write.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PANEL_URL_TABLES, shellLinkCheck, type AnyUrlTable } from '../../../src/state/urlTables';
import { readTable, tableParams, writeTable } from '../../../src/state/urlTable';
import { updateHashParams, updateTable, updateTableText } from '../../../src/state/urlUpdate';
import { HASH_WRITTEN } from '../../../src/state/useHashRoute';
import { ORBIT_URL_TABLE } from '../../../src/state/orbitUrl';
import { VECTOR_URL_TABLE } from '../../../src/state/vectorUrl';
import { IMAGES_URL_TABLE } from '../../../src/state/imagesUrl';
import { LOOPS_URL_TABLE } from '../../../src/state/loopsUrl';
import { REPS_URL_TABLE } from '../../../src/state/repsUrl';
import { configFromParams } from '../../../src/state/urlConfig';
import { urlNotices } from '../../../src/state/urlNotices';
import { DEFAULT_VECTOR_CONFIG, VECTOR_LIMITS } from '../../../src/core/equivariance/vectorConfig';
import { CROSS_LIMITS, DEFAULT_CROSS_CONFIG } from '../../../src/core/equivariance/crossProduct';
import { IMAGE_PRESETS } from '../../../src/core/images/imageRun';
import { BETA_MAX, LATTICE_SIZE_MAX, LATTICE_SIZE_MIN, LOOP_EXTENT_CAP } from '../../../src/core/lattice/options';
import { MAX_PANEL_N } from '../../../src/ui/panels/reps/repsStore';

/** Non-default values for every parameter of every table except the toy's (tests/unit/embed/urlTable.test.ts). */
const VARIANTS: Record<string, Record<string, unknown[]>> = {
  orbit: { px: [-3, 0, 2.37, 3], py: [-2.5, 0.01, 3], member: [1, 17, 4095] },
  vector: {
    tab: ['cross', 'sampling'],
    rep: ['psi2', 'psi-1', 'trivial'],
    group: [1, 2, 4, 16],
    wrong: [true],
    E: [1, 17, 256],
    width: [2, 1024],
    depth: [1, 4],
    steps: [0, 300],
    lr: [1e-4, 0.05, 50],
    seed: [0, 2 ** 31 - 1],
    init: ['orbit'],
    xE: [1, 256],
    xwidth: [2, 512],
    xsteps: [0, 2000],
    xpairs: [0, 64],
    xaug: [false],
    xlr: [1e-4, 20],
    xseed: [0, 7],
  },
  images: { preset: ['tiny', 'full'], group: [8, 16], seed: [0, 5, 2 ** 31 - 1] },
  loops: { group: ['U1'], L: [2, 64], beta: [0, 0.5, 20], sweeps: [20, 100000], therm: [0, 100000], extent: [1, 8], seed: [0, 9] },
  reps: { family: ['dihedral', 'so2'], n: [1, 12], m: [0, 11], s: [true], angle: [0, 359] },
};

const keyOf = (t: AnyUrlTable, param: string) => Object.keys(t.fields).find((k) => t.fields[k].param === param)!;

describe('panel URL tables', () => {
  it('are registered for toy, orbit, vector, images, loops and reps, with a label and a range on every field', () => {
    expect(Object.keys(PANEL_URL_TABLES).sort()).toEqual(['images', 'loops', 'orbit', 'reps', 'toy', 'vector']);
    for (const t of Object.values(PANEL_URL_TABLES)) {
      for (const f of Object.values(t.fields) as AnyUrlTable['fields'][string][]) {
        expect(f.label.length, `${t.name}.${f.param}`).toBeGreaterThan(0);
        expect(f.range.length, `${t.name}.${f.param}`).toBeGreaterThan(0);
      }
      // No two fields of a table share a URL name.
      expect(new Set(tableParams(t)).size).toBe(tableParams(t).length);
    }
  });

  for (const [name, variants] of Object.entries(VARIANTS)) {
    const table = PANEL_URL_TABLES[name];
    describe(name, () => {
      it('has a round-trip case for every parameter', () => {
        expect(Object.keys(variants).sort()).toEqual(tableParams(table).sort());
      });
      it('writes nothing for the defaults and reads the defaults back without notices', () => {
        const { values, notices } = readTable(table, new URLSearchParams());
        expect(notices).toEqual([]);
        expect(writeTable(table, values).toString()).toBe('');
      });
      for (const [param, list] of Object.entries(variants)) {
        it(`round-trips ${param}`, () => {
          const key = keyOf(table, param);
          const defaults = readTable(table, new URLSearchParams()).values;
          for (const v of list) {
            expect(v).not.toEqual(table.fields[key].default);
            const p = writeTable(table, { ...defaults, [key]: v });
            expect([...p.keys()]).toEqual([param]);
            const back = readTable(table, new URLSearchParams(p.toString()));
            expect(back.notices).toEqual([]);
            expect(back.values).toEqual({ ...defaults, [key]: v });
          }
        });
      }
      it('round-trips every parameter at once', () => {
        const all: Record<string, unknown> = {};
        for (const [param, list] of Object.entries(variants)) all[keyOf(table, param)] = list[list.length - 1];
        const p = writeTable(table, all);
        expect(p.size).toBe(tableParams(table).length);
        expect(readTable(table, new URLSearchParams(p.toString())).values).toEqual(all);
      });
      it('never throws on garbage; every unusable value gives a notice naming the setting as users see it', () => {
        for (const param of tableParams(table)) {
          const f = table.fields[keyOf(table, param)];
          for (const g of ['', 'abc', '-1e9', '1e999', 'NaN', '0x10', '%', '{}', '∞', 'C7']) {
            const r = readTable(table, new URLSearchParams([[param, g]]));
            const back = readTable(table, writeTable(table, r.values));
            expect(back.values).toEqual(r.values);
            expect(back.notices).toEqual([]);
            for (const n of r.notices) expect(n).toContain(f.label);
          }
          expect(readTable(table, new URLSearchParams([[param, 'abc']])).notices.length, `${name}.${param}=abc`).toBe(1);
        }
      });
    });
  }
});

describe('clamping and notices in the users words', () => {
  it('toy: E and group=banana', () => {
    const r = configFromParams(new URLSearchParams('group=banana&E=5000&lr=0&sw=9'));
    expect(r.config.group).toEqual({ kind: 'cyclic', n: 8 });
    expect(r.config.ensembleSize).toBe(1024);
    expect(r.notices).toEqual([
      'unknown group “banana”; using C8',
      'E 5000 is above 1024; using 1024',
      'learning rate 0 is below 0.0001; using 0.0001',
      'σ_w 9 is above 4; using 4',
    ]);
    expect(r.notices.join(' ')).not.toMatch(/ensembleSize|sigmaW/);
  });
  it('orbit: probe clamped to the view, member to 4095', () => {
    const r = readTable(ORBIT_URL_TABLE, new URLSearchParams('px=7&py=-0.5&member=99999'));
    expect(r.values).toEqual({ px: 3, py: -0.5, member: 4095 });
    expect(r.notices).toEqual(['probe x₁ 7 is above 3; using 3', 'member 99999 is above 4095; using 4095']);
  });
  it('vector and images read "C8"-style group names; other orders fall back with a notice', () => {
    expect(readTable(VECTOR_URL_TABLE, new URLSearchParams('group=C16')).values.group).toBe(16);
    expect(readTable(VECTOR_URL_TABLE, new URLSearchParams('group=C5')).notices).toEqual(['unknown augmentation group “C5”; using C8']);
    expect(readTable(IMAGES_URL_TABLE, new URLSearchParams('group=C8&seed=3')).values).toEqual({ preset: 'quick', group: 8, seed: 3 });
  });
  it('the shell checks a panel route against that panel’s table and names parameters it does not know', () => {
    const n = urlNotices(new URLSearchParams('E=5&L=999'), { panels: [], ...shellLinkCheck(['lab', 'loops']) });
    expect(n).toEqual(['L 999 is above 64; using 64', 'unknown parameter “E” ignored']);
    // The toy and orbit labs report their own notices; the article checks the toy table.
    expect(shellLinkCheck(['lab', 'orbit'])).toEqual({ tables: [], flagUnknown: false });
    expect(urlNotices(new URLSearchParams('group=banana'), { panels: [], ...shellLinkCheck([]) })).toEqual(['unknown group “banana”; using C8']);
  });
});

describe('declared defaults and ranges agree with the core', () => {
  const d = (t: AnyUrlTable, p: string) => t.fields[keyOf(t, p)];
  it('vector lab', () => {
    const v = readTable(VECTOR_URL_TABLE, new URLSearchParams()).values;
    const c = DEFAULT_VECTOR_CONFIG;
    expect([v.group, v.E, v.width, v.depth, v.steps, v.lr, v.seed]).toEqual([c.groupOrder, c.ensembleSize, c.width, c.depth, c.steps, c.lr, c.seed]);
    const x = DEFAULT_CROSS_CONFIG;
    expect([v.xE, v.xwidth, v.xsteps, v.xpairs, v.xaug, v.xlr, v.xseed]).toEqual([x.ensembleSize, x.width, x.steps, x.trainPairs, x.augment, x.lr, x.seed]);
    expect(d(VECTOR_URL_TABLE, 'E').range).toBe(`whole number ${VECTOR_LIMITS.ensembleSize.min}–${VECTOR_LIMITS.ensembleSize.max}`);
    expect(d(VECTOR_URL_TABLE, 'xwidth').range).toBe(`whole number ${CROSS_LIMITS.width.min}–${CROSS_LIMITS.width.max}`);
    expect(d(VECTOR_URL_TABLE, 'xlr').range).toBe(`${CROSS_LIMITS.lr.min}–${CROSS_LIMITS.lr.max}`);
  });
  it('images lab', () => {
    const v = readTable(IMAGES_URL_TABLE, new URLSearchParams()).values;
    expect(v).toEqual({ preset: 'quick', group: IMAGE_PRESETS.quick.group, seed: IMAGE_PRESETS.quick.seed });
  });
  it('loops and reps labs', () => {
    expect(d(LOOPS_URL_TABLE, 'L').range).toBe(`whole number ${LATTICE_SIZE_MIN}–${LATTICE_SIZE_MAX}`);
    expect(d(LOOPS_URL_TABLE, 'beta').range).toBe(`0–${BETA_MAX}`);
    expect(d(LOOPS_URL_TABLE, 'extent').range).toBe(`whole number 1–${LOOP_EXTENT_CAP}`);
    expect(d(REPS_URL_TABLE, 'n').range).toBe(`whole number 1–${MAX_PANEL_N}`);
  });
});

describe('batched URL updates', () => {
  let writes: string[];
  const g = globalThis as unknown as { window?: unknown };
  let events: string[];
  beforeEach(() => {
    writes = [];
    events = [];
    const location = {
      hash: '#/lab/orbit?E=8',
      replace(h: string) {
        writes.push(h);
        location.hash = h;
      },
    };
    g.window = { location, dispatchEvent: (e: Event) => events.push(`${e.type} ${location.hash}`) };
  });
  afterEach(() => {
    delete g.window;
  });
  const hash = () => (g.window as { location: { hash: string } }).location.hash;

  it('two writes in a row both land: each starts from the hash as it is now', () => {
    updateHashParams({ px: '1.5' });
    updateHashParams({ py: '-0.25' });
    expect(hash()).toBe('#/lab/orbit?E=8&px=1.5&py=-0.25');
  });
  it('each write tells the routes at once, after the hash is written (hashchange would come a task later); no write, no event', () => {
    updateHashParams({ px: '1.5' });
    expect(events).toEqual([`${HASH_WRITTEN} #/lab/orbit?E=8&px=1.5`]);
    updateHashParams({ px: '1.5' });
    expect(events).toHaveLength(1);
  });
  it('several fields of a table in one write; defaults leave the URL', () => {
    updateTable(ORBIT_URL_TABLE, { px: 0.5, py: 2 });
    expect(writes).toEqual(['#/lab/orbit?E=8&px=0.5&py=2']);
    updateTable(ORBIT_URL_TABLE, { px: 1.8, py: 1.2 });
    expect(hash()).toBe('#/lab/orbit?E=8');
    updateTable(ORBIT_URL_TABLE, { px: 1.8 });
    expect(writes).toHaveLength(2);
  });
  it('text from a control is clamped by its field before it is written', () => {
    updateTableText(VECTOR_URL_TABLE, { xE: '9999', tab: 'cross', bogus: '1' });
    expect(hash()).toBe('#/lab/orbit?E=8&tab=cross&xE=256');
  });
});
