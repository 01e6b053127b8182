import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SU2, createGeometry, hotField, siteElementFromAngles, type WilsonLoopMeasurement } from '../../../src/core/lattice';
import { Rng } from '../../../src/core/rng';
import { URL_WRITE_DELAY_MS, useLoopsStore } from '../../../src/state/loopsStore';
import { wilsonOptions } from '../../../src/state/loopsSettings';
import { readTable } from '../../../src/state/urlTable';
import { LOOPS_URL_TABLE, type LoopsView } from '../../../src/state/loopsUrl';

const DEFAULTS: LoopsView = readTable(LOOPS_URL_TABLE, new URLSearchParams()).values;
const store = () => useLoopsStore.getState();

let writes: string[];
const g = globalThis as unknown as { window?: unknown };
const hash = () => (g.window as { location: { hash: string } }).location.hash;

beforeEach(() => {
  vi.useFakeTimers();
  writes = [];
  const location = {
    hash: '#/lab/loops?seed=3',
    replace(h: string) {
      writes.push(h);
      location.hash = h;
    },
  };
  // The window's part the URL writes use: the hash, and the event that tells the routes of a write.
  g.window = { location, dispatchEvent: () => true };
  store().reset({ ...DEFAULTS, seed: 3 });
});
afterEach(() => {
  vi.useRealTimers();
  delete g.window;
});

describe('loops store: settings → derived state and the URL', () => {
  it('starts from the link: inputs as text, a fresh Haar configuration of the linked group and size', () => {
    store().reset({ ...DEFAULTS, group: 'U1', L: 8, beta: 1.5 });
    const s = store();
    expect(s.inputs).toMatchObject({ group: 'U1', L: '8', beta: '1.5' });
    expect(s.view).toMatchObject({ group: 'U1', L: 8, beta: 1.5 });
    expect(s.config.field.group.name).toBe('U1');
    expect(s.config.field.geom.dims).toEqual([8, 8]);
    expect(s.config.field.links.length).toBe(8 * 8 * 2 * 2);
    expect(s.notices).toEqual([]);
  });

  it('an out-of-range L stays as typed, is clamped to 64 with a notice, and the URL gets L=64 once it rests', () => {
    store().setInputs({ L: '100' });
    expect(store().inputs.L).toBe('100');
    expect(store().view.L).toBe(64);
    expect(store().notices).toEqual(['L = 100 is outside 2 … 64; using 64.']);
    expect(store().config.field.geom.dims).toEqual([64, 64]);
    vi.advanceTimersByTime(URL_WRITE_DELAY_MS - 1);
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(writes).toEqual(['#/lab/loops?seed=3&L=64']);
  });

  it('settings changed in one go land in ONE URL write; a value back at its default leaves the URL', () => {
    store().setInputs({ group: 'U1' });
    store().setInputs({ beta: '3.5' });
    store().setInputs({ sweeps: '500', extent: '3' });
    vi.advanceTimersByTime(URL_WRITE_DELAY_MS);
    expect(writes).toHaveLength(1);
    const params = new URLSearchParams(hash().split('?')[1]);
    expect(Object.fromEntries(params)).toEqual({ group: 'U1', beta: '3.5', sweeps: '500', extent: '3', seed: '3' });
    store().setInputs({ beta: '2' });
    vi.advanceTimersByTime(URL_WRITE_DELAY_MS);
    expect(new URLSearchParams(hash().split('?')[1]).get('beta')).toBeNull();
    expect(writes).toHaveLength(2);
  });

  it('the loop extent is clamped to ⌊L/2⌋ and the URL holds the clamped value', () => {
    store().setInputs({ L: '6', extent: '8' });
    expect(store().view.extent).toBe(3);
    expect(store().notices.join(' ')).toMatch(/Largest loop extent/);
    vi.advanceTimersByTime(URL_WRITE_DELAY_MS);
    expect(hash()).toBe('#/lab/loops?seed=3&L=6&extent=3');
  });

  it('a changed link is taken over without writing back; the link of the settings in use changes nothing', () => {
    store().applyLink({ ...DEFAULTS, seed: 3, L: 12, beta: 0.5 });
    expect(store().view).toMatchObject({ L: 12, beta: 0.5 });
    expect(store().inputs.L).toBe('12');
    const field = store().config.field;
    store().applyLink({ ...DEFAULTS, seed: 3, L: 12, beta: 0.5 });
    expect(store().config.field).toBe(field);
    vi.advanceTimersByTime(10 * URL_WRITE_DELAY_MS);
    expect(writes).toEqual([]);
  });

  it('the worker runs with the clamped settings: thermalisation and square loops up to the extent', () => {
    store().setInputs({ L: '6', extent: '8', therm: '-5', sweeps: '300', beta: '1.25' });
    expect(wilsonOptions(store().view)).toEqual({ group: 'SU2', L: 6, beta: 1.25, thermalize: 0, sweeps: 300, seed: 3, maxR: 3, maxT: 3 });
  });

  it('a pending write is dropped when the panel unmounts (the hash may belong to another route by then)', () => {
    store().setInputs({ beta: '4' });
    store().cancelUrlWrite();
    vi.advanceTimersByTime(10 * URL_WRITE_DELAY_MS);
    expect(writes).toEqual([]);
  });

  it('a new group, L or seed starts a fresh lattice (path and loop cleared); β keeps them', () => {
    store().activateSite(0);
    store().activateSite(1);
    store().setInputs({ beta: '3' });
    expect(store().path).toEqual([0, 1]);
    store().setInputs({ seed: 4 });
    expect(store().path).toEqual([]);
    const before = store().config.field;
    store().setInputs({ group: 'U1' });
    expect(store().config.field).not.toBe(before);
    expect(store().config.field.group.name).toBe('U1');
  });
});

describe('loops store: transformations and the loop builder', () => {
  it('a random gauge transformation moves the links by O(1) and the plaquette traces by rounding only', () => {
    store().setInputs({ L: '4' });
    store().randomTransform();
    const r = store().readout!;
    expect(r.kind).toBe('random gauge transformation');
    expect(r.totalLinks).toBe(32);
    expect(r.changedLinks).toBe(32);
    expect(r.meanLinkChange).toBeGreaterThan(0.5);
    expect(r.maxTraceChange).toBeLessThan(1e-14);
    expect(store().transforms).toBe(1);
  });

  it('builds a closed 1×1 path site by site, refuses a non-neighbour in words, and submits it as the loop', () => {
    store().setInputs({ L: '4' });
    store().activateSite(0);
    store().activateSite(10);
    expect(store().builderMessage).toBe('(2, 2) is not a neighbour of (0, 0): a path moves one link at a time.');
    for (const x of [1, 5, 4, 0]) store().activateSite(x);
    expect(store().path).toEqual([0, 1, 5, 4, 0]);
    expect(store().builderMessage).toBeNull();
    store().randomTransform();
    store().submitLoop();
    const s = store();
    expect(s.loop?.start).toBe(0);
    expect(s.loop?.steps).toHaveLength(4);
    expect(s.path).toEqual([]);
    // The loop is compared with the configuration at submission: the reference is the transformed field.
    expect(s.config.reference).toBe(s.config.field);
  });

  it('the R×T rectangle is clamped to the lattice and laid out from the cursor', () => {
    store().setInputs({ L: '4' });
    store().setCursor(5);
    store().setRect({ R: '40', T: '1' });
    store().rectanglePath();
    // R = 40 is clamped to L − 1 = 3: from (1, 1) three steps in x (wrapping to (0, 1)), one up, three back, one down.
    expect(store().path).toEqual([5, 6, 7, 4, 8, 11, 10, 9, 5]);
  });

  it('a single-site element follows the sliders: its total Ω at the site is always the element shown', () => {
    store().setInputs({ L: '4' });
    store().setMode('gauge');
    store().activateSite(6);
    expect(store().readout!.changedLinks).toBe(4);
    store().setElement(2.5, 1.3, 4.0);
    const omega = store().config.total.omega;
    const expected = siteElementFromAngles(SU2, 2.5, 1.3, 4.0);
    expect(SU2.distance(omega, 6 * SU2.stride, expected, 0)).toBeLessThan(1e-14);
    expect(store().readout!.kind).toBe('transformation at site (2, 1)');
    expect(store().gaugeSite?.site).toBe(6);
  });

  it('a Monte Carlo result replaces the view only when it belongs to the current group and L', () => {
    const links = hotField(SU2, createGeometry([16, 16]), new Rng(9, 9)).links;
    const result = (L: number) => ({ options: { group: 'SU2', L, beta: 2 } }) as unknown as WilsonLoopMeasurement;
    store().acceptSample(result(8), links);
    expect(store().measurement).toBeNull();
    store().acceptSample(result(16), links);
    expect(store().measurement).not.toBeNull();
    expect(store().config.field.links).toBe(links);
    expect(store().config.origin).toBe('last Monte Carlo configuration at β = 2, 16×16');
  });
});
