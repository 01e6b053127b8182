/**
 * #/lab/vector: emergent equivariance, not only invariance. Tab 1: vector outputs on the plane with a chosen output
 * representation π. Tab 2: the 3D cross-product experiment. Tab 3: invariant sampling.
 *
 * URL parameters (inside the hash): tab=plane|cross|sampling; plane: rep, group, wrong, E, width, steps, lr, seed,
 * autoplay=1; cross: xE, xwidth, xsteps, xpairs, xaug, xlr; backend=webgpu|webgl|wasm|cpu.
 */
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { MONO3 } from '../../../core/data/toySets';
import { DEFAULT_CROSS_CONFIG } from '../../../core/equivariance/crossProduct';
import { parseOutputRepresentation } from '../../../core/equivariance/representation';
import { DEFAULT_VECTOR_CONFIG, VECTOR_POINTS3 } from '../../../core/equivariance/vectorConfig';
import { formatHash } from '../../../state/hashRoute';
import { BACKEND_ORDER, type BackendName } from '../../../worker/protocol';
import { useHashRoute } from '../../shell/useHashRoute';
import { CrossLab, type CrossSettings } from './CrossLab';
import { PlaneLab, REP_OPTIONS, type PlaneSettings, type RepOption } from './PlaneLab';
import { SamplingFigure } from './SamplingFigure';
import { useVectorWorker } from './useVectorWorker';
import { useVectorStore } from './vectorStore';
import { useReportPanelBackend } from '../../../state/panelBackendStore';
import './vector.css';

const TABS = [
  { id: 'plane', title: 'Vector fields' },
  { id: 'cross', title: '3D cross product' },
  { id: 'sampling', title: 'Invariant sampling' },
] as const;
type TabId = (typeof TABS)[number]['id'];

function num(params: URLSearchParams, key: string, fallback: number): number {
  const v = params.get(key);
  if (v === null || v.trim() === '') return fallback;
  const n = Number(v);
  return Number.isFinite(n) ? n : fallback;
}

export default function VectorPanel() {
  const route = useHashRoute();
  const params = route.params;
  const backendParam = params.get('backend');
  const backend: BackendName | 'auto' = backendParam && (BACKEND_ORDER as readonly string[]).includes(backendParam) ? (backendParam as BackendName) : 'auto';
  const client = useVectorWorker(backend);
  const workerError = useVectorStore((s) => s.workerError);
  const backendInfo = useVectorStore((s) => s.backend);
  const recovery = useVectorStore((s) => s.recovery);
  const recoveries = useVectorStore((s) => s.recoveries);
  useReportPanelBackend(backendInfo ? { owner: 'vector lab worker', name: backendInfo.name, reason: backendInfo.reason } : null);
  const tabParam = params.get('tab');
  const tab: TabId = TABS.some((t) => t.id === tabParam) ? (tabParam as TabId) : 'plane';
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  const repParam = params.get('rep') ?? 'defining';
  const plane: PlaneSettings = {
    rep: (REP_OPTIONS as readonly string[]).includes(repParam) ? (repParam as RepOption) : 'defining',
    group: num(params, 'group', DEFAULT_VECTOR_CONFIG.groupOrder),
    wrong: params.get('wrong') === '1',
    E: num(params, 'E', DEFAULT_VECTOR_CONFIG.ensembleSize),
    width: num(params, 'width', DEFAULT_VECTOR_CONFIG.width),
    steps: num(params, 'steps', DEFAULT_VECTOR_CONFIG.steps),
    lr: num(params, 'lr', DEFAULT_VECTOR_CONFIG.lr),
    seed: num(params, 'seed', DEFAULT_VECTOR_CONFIG.seed),
    init: params.get('init') === 'orbit' ? 'orbit' : 'independent',
  };
  const cross: CrossSettings = {
    E: num(params, 'xE', DEFAULT_CROSS_CONFIG.ensembleSize),
    steps: num(params, 'xsteps', DEFAULT_CROSS_CONFIG.steps),
    pairs: num(params, 'xpairs', DEFAULT_CROSS_CONFIG.trainPairs),
    augment: params.get('xaug') !== '0',
  };
  const autoplay = params.get('autoplay') === '1';

  const planeConfig = useMemo(() => {
    const rep = parseOutputRepresentation(plane.rep) ?? { kind: 'defining' as const };
    const points =
      rep.kind === 'trivial'
        ? MONO3.map((p) => ({ x: [p.x[0], p.x[1]], y: [p.y] }))
        : VECTOR_POINTS3.map((p) => ({ x: [p.x[0], p.x[1]], y: [...p.y] }));
    return {
      representation: plane.rep,
      groupOrder: plane.group,
      wrongRepresentation: plane.wrong && rep.kind !== 'trivial',
      ensembleSize: plane.E,
      width: plane.width,
      steps: plane.steps,
      lr: plane.lr,
      seed: plane.seed,
      memberInit: plane.init,
      depth: num(params, 'depth', DEFAULT_VECTOR_CONFIG.depth),
      points,
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [JSON.stringify(plane), params.get('depth')]);
  const crossConfig = useMemo(
    () => ({
      ensembleSize: cross.E,
      steps: cross.steps,
      trainPairs: cross.pairs,
      augment: cross.augment,
      width: num(params, 'xwidth', DEFAULT_CROSS_CONFIG.width),
      lr: num(params, 'xlr', DEFAULT_CROSS_CONFIG.lr),
      seed: num(params, 'xseed', DEFAULT_CROSS_CONFIG.seed),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [JSON.stringify(cross), params.get('xwidth'), params.get('xlr'), params.get('xseed')],
  );

  useEffect(() => client.configure('plane', planeConfig, autoplay), [client, planeConfig, autoplay]);
  useEffect(() => client.configure('cross', crossConfig, autoplay && tab === 'cross'), [client, crossConfig, autoplay, tab]);

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    window.location.hash = formatHash({ path: route.path, params: next });
  };

  const onTabKey = (e: KeyboardEvent, i: number) => {
    const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!d) return;
    e.preventDefault();
    const j = (i + d + TABS.length) % TABS.length;
    setParam('tab', TABS[j].id);
    tabRefs.current[j]?.focus();
  };

  return (
    <section className="panel vector-panel" aria-labelledby="vector-title">
      <h2 id="vector-title">Emergent equivariance: vector outputs, a 3D example, invariant sampling</h2>
      <p>
        Augmentation can transform labels as well as inputs: (x, y) ↦ (ρ(g)x, π(g)y). The ensemble mean then becomes equivariant, f̄(ρ(g)x) = π(g) f̄(x),
        for the representation π the augmentation encodes, while single members are not.
      </p>
      {workerError && (
        <p role="alert" className="error-box" data-testid="worker-error">
          {workerError}
        </p>
      )}
      {recovery && (
        <p role="status" className="notice" data-testid="vector-recovery" data-value={recoveries}>
          {recovery}
        </p>
      )}
      {backendInfo && (
        <p className="readout" data-testid="vector-backend" data-value={backendInfo.name} title={backendInfo.reason}>
          Training on {backendInfo.name} in a worker.
        </p>
      )}
      <div role="tablist" aria-label="Vector lab views" className="tabs">
        {TABS.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            role="tab"
            type="button"
            id={`vector-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`vector-tabpanel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setParam('tab', t.id)}
            onKeyDown={(e) => onTabKey(e, i)}
          >
            {t.title}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`vector-tabpanel-${tab}`} aria-labelledby={`vector-tab-${tab}`}>
        {tab === 'plane' && <PlaneLab client={client} settings={plane} setSetting={(k, v) => setParam(k, v)} />}
        {tab === 'cross' && <CrossLab client={client} settings={cross} setSetting={setParam} />}
        {tab === 'sampling' && <SamplingFigure />}
      </div>
    </section>
  );
}
