/**
 * The loops lab's page state (zustand): its settings, the configuration on the lattice view (and the reference
 * configuration loops are compared against), the loop builder, the single-site transformation and the spectral
 * map. Sections read it with selectors and call its actions; only the URL-backed settings leave the page, through
 * the loops URL table, written in one batch once they rest (src/state/urlUpdate.ts).
 */
import { create } from 'zustand';
import { Rng } from '../core/rng';
import {
  applyGaugeTransform,
  checkSitePath,
  compareGaugeFields,
  composeGaugeTransforms,
  createGeometry,
  gaugeGroup,
  hotField,
  identityGaugeTransform,
  randomGaugeTransform,
  rectangleSites,
  retargetElement,
  singleSiteGaugeTransform,
  siteLabel,
  siteElementFromAngles,
  stepBetween,
  type GaugeField,
  type GaugeFieldChange,
  type GaugeTransform,
  type PathStep,
  type WilsonLoopMeasurement,
} from '../core/lattice';
import { LOOPS_URL_TABLE, type LoopsView } from './loopsUrl';
import { inputsFromView, rectangleFromInputs, sameView, viewFromInputs, type LoopsInputs } from './loopsSettings';
import { readTable } from './urlTable';
import { updateTable } from './urlUpdate';

export type ClickMode = 'loop' | 'gauge';

export interface LoopsConfig {
  field: GaugeField;
  /** The configuration loops are compared against, and the total transformation applied since. */
  reference: GaugeField;
  total: GaugeTransform;
  /** Where the configuration came from, in words. */
  origin: string;
}

export interface LoopsState {
  inputs: LoopsInputs;
  /** The settings in use (clamped) and what was clamped. */
  view: LoopsView;
  notices: string[];
  config: LoopsConfig;
  measurement: WilsonLoopMeasurement | null;
  /** The effect of the last gauge transformation. */
  readout: (GaugeFieldChange & { kind: string }) | null;
  transforms: number;
  mode: ClickMode;
  cursor: number;
  path: number[];
  builderMessage: string | null;
  loop: { start: number; steps: PathStep[] } | null;
  rect: { R: string; T: string };
  /** Single-site element: U(1) angle, or SU(2) rotation angle α and axis (polar ϑ, azimuth φ). */
  element: { alpha: number; polar: number; azimuth: number };
  gaugeSite: { site: number; element: Float64Array } | null;
  epsilon: number;

  /** Start over from a link's settings (the panel mounts). */
  reset: (view: LoopsView) => void;
  /** Change settings as typed; the URL follows once they rest. */
  setInputs: (patch: Partial<LoopsInputs>) => void;
  /** The link changed (edited, or followed on this page): take its settings unless they are those in use. */
  applyLink: (view: LoopsView) => void;
  /** A Monte Carlo result: shown if it belongs to the current group and L. */
  acceptSample: (result: WilsonLoopMeasurement, links: Float64Array) => void;
  randomTransform: () => void;
  setElement: (alpha: number, polar: number, azimuth: number) => void;
  setMode: (mode: ClickMode) => void;
  setCursor: (site: number) => void;
  activateSite: (site: number) => void;
  undoSite: () => void;
  clearPath: () => void;
  submitLoop: () => void;
  setRect: (patch: Partial<{ R: string; T: string }>) => void;
  rectanglePath: () => void;
  setEpsilon: (epsilon: number) => void;
  /** Drop a URL write still waiting (the panel unmounts: the hash may belong to another route by then). */
  cancelUrlWrite: () => void;
}

/** Settings are written to the URL this long after the last change, so typing or dragging writes once. */
export const URL_WRITE_DELAY_MS = 300;

function freshConfig(view: LoopsView): LoopsConfig {
  const g = gaugeGroup(view.group);
  const geom = createGeometry([view.L, view.L]);
  const field = hotField(g, geom, new Rng(view.seed, 0x407));
  return { field, reference: field, total: identityGaugeTransform(g, geom.volume), origin: `Haar-random start (an exact β = 0 sample), ${view.L}×${view.L}` };
}

/** Everything that belongs to one lattice (group, L, seed): a new lattice starts without path, loop or readouts. */
function freshLattice(view: LoopsView) {
  return { config: freshConfig(view), path: [], loop: null, readout: null, gaugeSite: null, cursor: 0, builderMessage: null };
}

/** The whole page state for a link's settings: nothing built, transformed or measured yet. */
function startState(link: LoopsView) {
  const inputs = inputsFromView(link);
  const { view, notices } = viewFromInputs(inputs);
  return {
    inputs,
    view,
    notices,
    ...freshLattice(view),
    measurement: null,
    transforms: 0,
    mode: 'loop' as ClickMode,
    rect: { R: '2', T: '2' },
    element: { alpha: 1.2, polar: 0.9, azimuth: 0.4 },
    epsilon: 0.6,
  };
}

const latticeKey = (v: LoopsView) => `${v.group}/${v.L}/${v.seed}`;
const siteName = (field: GaugeField, x: number) => siteLabel(field.geom.dims, x);

let urlTimer: ReturnType<typeof setTimeout> | undefined;

export const useLoopsStore = create<LoopsState>((set, get) => {
  /** Apply a transformation to the view, record its effect, and keep the total Ω since the reference. */
  const transform = (t: GaugeTransform, kind: string) => {
    const { config } = get();
    const next = applyGaugeTransform(config.field, t);
    set({ readout: { ...compareGaugeFields(config.field, next), kind }, config: { ...config, field: next, total: composeGaugeTransforms(t, config.total) } });
  };

  const takeInputs = (inputs: LoopsInputs, writeUrl: boolean) => {
    const before = get().view;
    const { view, notices } = viewFromInputs(inputs);
    set({ inputs, view, notices, ...(latticeKey(view) !== latticeKey(before) ? freshLattice(view) : {}) });
    if (writeUrl && !sameView(view, before)) scheduleUrlWrite();
  };

  const scheduleUrlWrite = () => {
    clearTimeout(urlTimer);
    urlTimer = setTimeout(() => updateTable(LOOPS_URL_TABLE, get().view), URL_WRITE_DELAY_MS);
  };

  return {
    ...startState(readTable(LOOPS_URL_TABLE, new URLSearchParams()).values),

    reset: (view) => {
      clearTimeout(urlTimer);
      set(startState(view));
    },
    setInputs: (patch) => takeInputs({ ...get().inputs, ...patch }, true),
    applyLink: (view) => {
      if (!sameView(view, get().view)) takeInputs(inputsFromView(view), false);
    },
    acceptSample: (result, links) => {
      const { view } = get();
      // A late result for other settings must not replace the view.
      if (result.options.group !== view.group || result.options.L !== view.L) return;
      const g = gaugeGroup(result.options.group);
      const geom = createGeometry([result.options.L, result.options.L]);
      const field: GaugeField = { group: g, geom, links };
      const origin = `last Monte Carlo configuration at β = ${result.options.beta}, ${result.options.L}×${result.options.L}`;
      set({ measurement: result, config: { field, reference: field, total: identityGaugeTransform(g, geom.volume), origin }, readout: null, gaugeSite: null });
    },
    randomTransform: () => {
      const { config, view, transforms } = get();
      const field = config.field;
      set({ transforms: transforms + 1 });
      transform(randomGaugeTransform(field.group, field.geom, new Rng(view.seed, 0x6a, transforms + 1)), 'random gauge transformation');
      set({ gaugeSite: null });
    },
    setElement: (alpha, polar, azimuth) => {
      set({ element: { alpha, polar, azimuth } });
      const { gaugeSite, config } = get();
      if (!gaugeSite) return;
      // Re-target the site's element in place: apply g_new g_old† there, so its total Ω follows the sliders.
      const g = config.field.group;
      const next = siteElementFromAngles(g, alpha, polar, azimuth);
      transform(singleSiteGaugeTransform(g, config.field.geom, gaugeSite.site, retargetElement(g, next, gaugeSite.element)), `transformation at site ${siteName(config.field, gaugeSite.site)}`);
      set({ gaugeSite: { site: gaugeSite.site, element: next } });
    },
    setMode: (mode) => set({ mode }),
    setCursor: (cursor) => set({ cursor }),
    activateSite: (x) => {
      const { mode, config, element, path } = get();
      const field = config.field;
      if (mode === 'gauge') {
        const g = siteElementFromAngles(field.group, element.alpha, element.polar, element.azimuth);
        transform(singleSiteGaugeTransform(field.group, field.geom, x, g), `transformation at site ${siteName(field, x)}`);
        set({ gaugeSite: { site: x, element: g } });
        return;
      }
      if (path.length === 0) {
        set({ path: [x], builderMessage: null });
        return;
      }
      const last = path[path.length - 1];
      if (x === last) return;
      if (!stepBetween(field.geom.dims, last, x)) {
        set({ builderMessage: `${siteName(field, x)} is not a neighbour of ${siteName(field, last)}: a path moves one link at a time.` });
        return;
      }
      set({ path: [...path, x], builderMessage: null });
    },
    undoSite: () => set({ path: get().path.slice(0, -1) }),
    clearPath: () => set({ path: [], builderMessage: null }),
    submitLoop: () => {
      const { path, config } = get();
      const check = checkSitePath(config.field.geom.dims, path);
      if (!check.closed) return;
      // The loop is compared against the configuration as it is now: transformations from here on are what it shows.
      set({
        loop: { start: path[0], steps: check.steps },
        config: { ...config, reference: config.field, total: identityGaugeTransform(config.field.group, config.field.geom.volume) },
        path: [],
      });
    },
    setRect: (patch) => set({ rect: { ...get().rect, ...patch } }),
    rectanglePath: () => {
      const { rect, config, cursor } = get();
      const dims = config.field.geom.dims;
      const r = rectangleFromInputs(rect.R, rect.T, dims[0]);
      set({ path: rectangleSites(dims, cursor, 0, 1, r.R, r.T), builderMessage: null });
    },
    setEpsilon: (epsilon) => set({ epsilon }),
    cancelUrlWrite: () => clearTimeout(urlTimer),
  };
});
