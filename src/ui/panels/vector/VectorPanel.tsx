/**
 * #/lab/vector: emergent equivariance, not only invariance. Tab 1: vector outputs on the plane with a chosen output
 * representation π. Tab 2: the 3D cross-product experiment. Tab 3: invariant sampling.
 *
 * URL parameters (inside the hash) are declared in src/state/vectorUrl.ts (tab; plane: rep, group, wrong, E, width,
 * depth, steps, lr, seed; cross: xE, xwidth, xsteps, xpairs, xaug, xlr, xseed), plus autoplay=1 and backend=….
 */
import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import { MONO3 } from '../../../core/data/toySets';
import { parseOutputRepresentation } from '../../../core/equivariance/representation';
import { VECTOR_POINTS3 } from '../../../core/equivariance/vectorConfig';
import { updateTableText, useUrlTable } from '../../../state/urlUpdate';
import { VECTOR_URL_TABLE } from '../../../state/vectorUrl';
import { CrossLab, type CrossSettings } from './CrossLab';
import { PlaneLab, type PlaneSettings } from './PlaneLab';
import { SamplingFigure } from './SamplingFigure';
import { useVectorWorker } from '../../../state/useVectorWorker';
import { useVectorStore } from '../../../state/vectorStore';
import { useReportPanelBackend } from '../../../state/panelBackendStore';
import './vector.css';
import { backendParam } from '../../../state/backendParam';

const TABS = [
  { id: 'plane', title: 'Vector fields' },
  { id: 'cross', title: '3D cross product' },
  { id: 'sampling', title: 'Invariant sampling' },
] as const;
type TabId = (typeof TABS)[number]['id'];

export default function VectorPanel() {
  const { values: v, params } = useUrlTable(VECTOR_URL_TABLE);
  const backend = backendParam(params);
  const client = useVectorWorker(backend);
  const workerError = useVectorStore((s) => s.workerError);
  const backendInfo = useVectorStore((s) => s.backend);
  const recovery = useVectorStore((s) => s.recovery);
  const recoveries = useVectorStore((s) => s.recoveries);
  const workers = useVectorStore((s) => s.workers);
  useReportPanelBackend(backendInfo ? { owner: 'vector lab worker', name: backendInfo.name, reason: backendInfo.reason } : null);
  const tab: TabId = v.tab;
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  const plane: PlaneSettings = { rep: v.rep, group: v.group, wrong: v.wrong, E: v.E, width: v.width, steps: v.steps, lr: v.lr, seed: v.seed, init: v.init };
  const cross: CrossSettings = { E: v.xE, steps: v.xsteps, pairs: v.xpairs, augment: v.xaug };
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
      depth: v.depth,
      points,
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [JSON.stringify(plane), v.depth]);
  const crossConfig = useMemo(
    () => ({
      ensembleSize: cross.E,
      steps: cross.steps,
      trainPairs: cross.pairs,
      augment: cross.augment,
      width: v.xwidth,
      lr: v.xlr,
      seed: v.xseed,
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [JSON.stringify(cross), v.xwidth, v.xlr, v.xseed],
  );

  useEffect(() => client.configure('plane', planeConfig, autoplay), [client, planeConfig, autoplay]);
  useEffect(() => client.configure('cross', crossConfig, autoplay && tab === 'cross'), [client, crossConfig, autoplay, tab]);

  // Controls name their URL parameter; the table reads, clamps and writes it (defaults leave the URL).
  const setParam = (param: string, text: string) => updateTableText(VECTOR_URL_TABLE, { [param]: text });

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
        for the representation π the augmentation encodes and the group it augments with: exactly in the infinite ensemble, up to sampling noise that
        shrinks like 1/√E for E members. Single members are not.
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
        <p className="readout" data-testid="vector-backend" data-value={backendInfo.name} data-workers={workers} title={backendInfo.reason}>
          Training on {backendInfo.name} in {workers === 1 ? 'a worker' : `${workers} workers, each a slice of the members`}.
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
