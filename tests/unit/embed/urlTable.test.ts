/** The URL property table round-trips every property, and garbage never throws. */
import { describe, expect, it } from 'vitest';
import { configFromParams, configToParams, URL_PROPERTIES } from '../../../src/state/urlConfig';
import { DEFAULT_CONFIG, type EnsembleConfig } from '../../../src/core/ensemble/config';
import { urlNotices, withoutSettings } from '../../../src/state/urlNotices';

/** One non-default value per property (the table's param name → a config that sets only it). */
const VARIANTS: Record<string, Partial<EnsembleConfig>[]> = {
  group: [{ group: { kind: 'cyclic', n: 4 } }, { group: { kind: 'cyclic', n: 16 } }, { group: { kind: 'cyclic', n: 1 } }, { group: { kind: 'so2', k: 3 } }],
  E: [{ ensembleSize: 1 }, { ensembleSize: 17 }, { ensembleSize: 256 }],
  width: [{ width: 2 }, { width: 1024 }],
  depth: [{ depth: 1 }, { depth: 4 }],
  lr: [{ lr: 0.001 }, { lr: 1.5 }],
  seed: [{ seed: 0 }, { seed: 2 ** 31 - 1 }],
  steps: [{ steps: 0 }, { steps: 37 }],
  sw: [{ sigmaW: 0.5 }, { sigmaW: 3.25 }],
  sb: [{ sigmaB: 0 }, { sigmaB: 1.5 }],
  act: [{ activation: 'tanh' }],
  anti: [{ antithetic: true }],
  init: [{ orbitClosed: true }],
  twin: [{ compareNoAugmentation: false }],
  frames: [{ lightFrames: false }],
  pts: [{ points: [] }, { points: [{ x: [1.25, -0.5], y: 1 }, { x: [-3, 3], y: -0.5 }] }],
};

describe('URL property table', () => {
  it('has a round-trip case for every property', () => {
    expect(Object.keys(VARIANTS).sort()).toEqual(URL_PROPERTIES.map((p) => p.param).sort());
  });

  it('writes nothing for the defaults, and reads the defaults back without notices', () => {
    const p = configToParams(DEFAULT_CONFIG);
    expect(p.toString()).toBe('');
    expect(configFromParams(p)).toEqual({ config: DEFAULT_CONFIG, notices: [] });
  });

  for (const [param, variants] of Object.entries(VARIANTS)) {
    it(`round-trips ${param}`, () => {
      for (const v of variants) {
        const config: EnsembleConfig = { ...DEFAULT_CONFIG, ...v };
        const params = configToParams(config);
        expect([...params.keys()]).toEqual([param]);
        const back = configFromParams(new URLSearchParams(params.toString()));
        expect(back.notices).toEqual([]);
        expect(back.config).toEqual(config);
      }
    });
  }

  it('reads a bad frames= as the smooth default and says so in the control\'s words', () => {
    expect(configFromParams(new URLSearchParams('frames=maybe'))).toEqual({
      config: DEFAULT_CONFIG,
      notices: ['smooth animation “maybe” must be 0 or 1; using 1'],
    });
    expect(configFromParams(new URLSearchParams('frames=0')).config.lightFrames).toBe(false);
  });

  it('round-trips every property at once, through the hash string', () => {
    const config: EnsembleConfig = {
      ...DEFAULT_CONFIG,
      group: { kind: 'so2', k: 5 },
      ensembleSize: 9,
      width: 33,
      depth: 3,
      lr: 0.125,
      seed: 12345,
      steps: 777,
      sigmaW: 1.25,
      sigmaB: 0.75,
      activation: 'tanh',
      antithetic: true,
      compareNoAugmentation: false,
      lightFrames: false,
      points: [{ x: [0.5, 0.25], y: -1 }],
    };
    const params = configToParams(config);
    // All but init: init=orbit excludes anti=1 (and SO(2)); the init key has its own cases below.
    expect(params.size).toBe(URL_PROPERTIES.length - 1);
    expect(configFromParams(new URLSearchParams(params.toString())).config).toEqual(config);
  });

  it('reads the member draw from init= and from the older anti=1, and reports an unknown one in plain words', () => {
    expect(configFromParams(new URLSearchParams('anti=1')).config.antithetic).toBe(true);
    const named = configFromParams(new URLSearchParams('init=antithetic'));
    expect([named.config.antithetic, named.config.orbitClosed, named.notices]).toEqual([true, false, []]);
    // Antithetic pairs keep writing anti=1, so old and new links to the same run are one link.
    expect(configToParams(named.config).toString()).toBe('anti=1');
    const orbit = configFromParams(new URLSearchParams('init=orbit&E=20'));
    expect([orbit.config.orbitClosed, orbit.config.ensembleSize]).toEqual([true, 24]);
    expect(orbit.notices).toEqual(['E 20 is not a multiple of |G| = 8 (orbit-closed members come in whole orbits); using E = 24']);
    const bad = configFromParams(new URLSearchParams('init=banana'));
    expect(bad.config.orbitClosed).toBe(false);
    expect(bad.notices).toEqual(['unknown member draw “banana”; using independent members']);
  });

  it('keeps unrelated parameters in the base', () => {
    const p = configToParams({ ...DEFAULT_CONFIG, width: 8 }, new URLSearchParams('hide=lr,width&embed=1&E=5'));
    expect(p.get('hide')).toBe('lr,width');
    expect(p.get('embed')).toBe('1');
    expect(p.get('E')).toBeNull();
    expect(p.get('width')).toBe('8');
    expect(withoutSettings(p).toString()).toBe('embed=1&hide=lr%2Cwidth');
  });

  it('never throws on garbage, and every garbage value produces a notice', () => {
    const garbage = ['', 'abc', '-1', '1e999', 'NaN', '%', '[]', '{}', '0x10', '   ', '1,2,3', 'C7', 'SO2:99', '∞', 'null'];
    let count = 0;
    for (const prop of URL_PROPERTIES) {
      for (const g of garbage) {
        const params = new URLSearchParams();
        params.set(prop.param, g);
        const r = configFromParams(params);
        const n = urlNotices(params, { panels: [], flagUnknown: true });
        const roundTrip = configFromParams(configToParams(r.config));
        expect(roundTrip.config).toEqual(r.config);
        if (r.notices.length > 0) {
          expect(n.length).toBeGreaterThan(0);
          count++;
        }
      }
    }
    expect(count).toBeGreaterThan(100);
  });
});
