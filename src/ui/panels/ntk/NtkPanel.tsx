/**
 * #/lab/ntk: the infinite-width theory next to the trained ensemble, on the same grid, at the scrubbed step.
 * Shares the toy lab's store, worker and URL configuration; the closed form and the extra measurements run in the
 * NTK worker (src/worker/ntk.worker.ts).
 */
import { useEffect, useMemo, useState } from 'react';
import { makePolarGrid } from '../../../core/data/polarGrid';
import type { EnsembleConfig } from '../../../core/ensemble/config';
import type { Snapshot } from '../../../core/ensemble/snapshot';
import { groupLabel } from '../../../core/ensemble/groupSpec';
import { snapshotSchedule, stepLabel } from '../../../core/ensemble/schedule';
import { selectViewedSnapshot, useTrainingStore } from '../../../state/trainingStore';
import { useToyConfig } from '../../../state/useToyConfig';
import { getTrainerClient } from '../../../state/trainerClient';
import type { ClosedFormSetup } from '../../../core/ntk/experimentTypes';
import { HeatmapCard } from '../../charts/HeatmapCard';
import type { HeatmapScale } from '../../charts/PolarHeatmap';
import { symmetricLimit } from '../../charts/colorMaps';
import { StatusMessages } from '../../lab/StatusMessages';
import { TimelineScrubber } from '../../lab/TimelineScrubber';
import { TrainingTransport } from '../../lab/TrainingTransport';
import { ToyControls } from '../toy/ToyControls';
import { closedFormKey, relativeL2, rms } from '../../../core/ntk/closedForm';
import { ExperimentsSection, experimentsKey } from './ExperimentsSection';
import { defaultPlan } from '../../../core/ntk/plans';
import { fmt, Num } from './format';
import { SquareMatrixHeatmap } from '../../charts/SquareMatrixHeatmap';
import { useNtkWorker } from '../../../state/useNtkWorker';
import { SWEEP_NETWORKS, SWEEP_WIDTHS } from '../../../core/ntk/plans';
import { WidthSweepSection, sweepKey } from './WidthSweepSection';
import { backendParam } from '../../../state/backendParam';
import { workersFromParams } from '../../../state/poolUrl';
import { Tex } from '../../common/LazyTex';

const GRID = makePolarGrid();
/** Output colour limit, as in the toy lab: targets in [−1, 1] with headroom. */
const OUTPUT_LIMIT = 1.5;
const OUT_SCALE: HeatmapScale = { kind: 'diverging', limit: OUTPUT_LIMIT };
const NO_SNAPSHOTS: Snapshot[] = [];

function setupOf(c: EnsembleConfig): ClosedFormSetup {
  return { points: c.points, group: c.group, depth: c.depth, sigmaW: c.sigmaW, sigmaB: c.sigmaB };
}

type MatrixOrder = 'group' | 'point';

export default function NtkPanel() {
  const { config: urlConfig, notices, params, update } = useToyConfig();
  const client = getTrainerClient(backendParam(params));
  useEffect(() => client.ensureStarted(urlConfig), [client, urlConfig]);

  // The theory and the measurements follow the URL's config at once; the timeline is compared with it only once the
  // training worker runs that same config (until then its snapshots belong to the previous settings).
  const config = urlConfig;
  const runConfig = useTrainingStore((s) => s.config);
  const inSync = useMemo(() => JSON.stringify(runConfig) === JSON.stringify(urlConfig), [runConfig, urlConfig]);
  const schedule = useTrainingStore((s) => s.schedule);
  const storedSnapshots = useTrainingStore((s) => s.snapshots);
  const viewed = useTrainingStore(selectViewedSnapshot);
  const snapshots = inSync ? storedSnapshots : NO_SNAPSHOTS;
  const snapshot = inSync ? viewed : undefined;
  // The experiments' runs are split over as many NTK workers as the toy lab trains on (`workers=`, clamped).
  const ntk = useNtkWorker(useMemo(() => workersFromParams(params).workers, [params]));
  const relu = config.activation === 'relu';

  const setup = useMemo(() => setupOf(config), [config]);
  const key = closedFormKey(setup, config.lr);
  const steps = useMemo(
    () => [...new Set([0, ...snapshotSchedule(config.steps), ...(inSync ? schedule : []), ...snapshots.map((s) => s.step)])].sort((a, b) => a - b),
    [config.steps, inSync, schedule, snapshots],
  );
  const stepsKey = steps.join(',');
  const { requestClosedForm } = ntk;
  useEffect(() => {
    if (!relu || setup.points.length === 0) return;
    requestClosedForm(setup, config.lr, steps);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, stepsKey, relu, requestClosedForm]);

  const cf = ntk.closedForm.result && ntk.closedForm.result.key === key ? ntk.closedForm.result : null;
  const step = snapshot?.step ?? 0;
  const at = stepLabel(step);
  const theory = cf?.steps.find((s) => s.step === step);
  const diverges = cf?.diverges ?? false;
  const theoryValues = theory && !diverges ? theory.values : undefined;
  const meanValues = snapshot?.mean;

  const difference = useMemo(() => {
    if (!theoryValues || !meanValues) return undefined;
    const d = new Float64Array(GRID.size);
    for (let p = 0; p < GRID.size; p++) d[p] = meanValues[p] - theoryValues[p];
    return d;
  }, [theoryValues, meanValues]);
  const distance = theoryValues && meanValues && step > 0 ? relativeL2(meanValues, theoryValues) : NaN;
  const diffScale: HeatmapScale = useMemo(() => ({ kind: 'diverging', limit: difference ? symmetricLimit(difference, 1e-3) : 1 }), [difference]);
  const meanRms = meanValues ? rms(meanValues) : NaN;

  // Step 1 of the explanation: the mean at initialisation.
  const initSnapshot = snapshots.find((s) => s.step === 0);
  const initMeanRms = initSnapshot ? rms(initSnapshot.mean) : NaN;
  const initMemberRms = initSnapshot ? rms(initSnapshot.members) : NaN;
  const E = snapshot?.ensembleSize ?? config.ensembleSize;

  // Θ(X, X) ordering.
  const [order, setOrder] = useState<MatrixOrder>('point');
  const matrix = useMemo(() => {
    if (!cf) return undefined;
    const { n, copies, basePoints: P, trainKernel } = cf;
    if (order === 'group') return trainKernel;
    // Point-major: index i·copies + a holds angle-major a·P + i.
    const src = (k: number) => (k % copies) * P + Math.floor(k / copies);
    const out = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = trainKernel[src(i) * n + src(j)];
    return out;
  }, [cf, order]);
  const indexLabel = (k: number) => {
    if (!cf) return String(k);
    const [a, i] = order === 'group' ? [Math.floor(k / cf.basePoints), k % cf.basePoints] : [k % cf.copies, Math.floor(k / cf.copies)];
    return `g${a === 1 ? '' : superscript(a)}x${subscript(i + 1)}`.replace('g⁰', '');
  };

  const plan = useMemo(() => defaultPlan(config), [config]);

  return (
    <section className="panel ntk-panel" aria-labelledby="panel-title">
      <h2 id="panel-title">NTK theory: the infinite ensemble against the trained one</h2>
      <p>
        At infinite width the ensemble mean after s steps of gradient descent has a closed form,{' '}
        <Tex>{'\\mu_s(x) = \\Theta(x, X)\\, \\Theta(X, X)^{-1} \\big(I - (I - \\eta\\Theta(X, X)/N)^s\\big)\\, Y'}</Tex>, with Θ the neural tangent kernel of the same ReLU network (reference §1, §3). Here it is computed in float64 next to
        the {E}-member ensemble of the toy lab ({groupLabel(config.group)}, 2 → {config.width} × {config.depth} → 1, lr {config.lr}), on the same grid
        and at the same step. The scrubber and the settings are shared with the toy lab.
      </p>
      <StatusMessages notices={notices} />
      <ToyControls config={urlConfig} update={update} />
      <TrainingTransport />
      <TimelineScrubber />
      {!inSync && storedSnapshots.length > 0 && <p className="notice">Waiting for the training worker to start a run with these settings.</p>}

      {!relu && (
        <p role="alert" className="error-box" data-testid="ntk-activation-warning">
          The closed form on this page is the ReLU network's NTK; with tanh it does not apply. Set act=relu in the address to compare.
        </p>
      )}
      {config.points.length === 0 && (
        <p role="alert" className="error-box">
          There are no training points, so there is nothing to fit: add points in the toy lab.
        </p>
      )}
      {ntk.recovery && (
        <p role="status" className="notice" data-testid="ntk-recovery">
          {ntk.recovery}
        </p>
      )}
      {ntk.closedForm.error && (
        <p role="alert" className="error-box">
          The closed form failed: {ntk.closedForm.error}
        </p>
      )}
      {cf?.diverges && (
        <p role="alert" className="error-box" data-testid="ntk-lr-warning">
          <strong>The learning rate is above the critical rate.</strong> lr = {config.lr} gives <Tex>{`\\eta\\lambda_{\\max}/N = ${fmt((config.lr * cf.lambdaMax) / cf.n)} > 2`}</Tex>, so the linearised dynamics diverge and <Tex>{'\\mu_s'}</Tex> grows without bound; the critical rate is <Tex>{'\\eta_c = 2N/\\lambda_{\\max}'}</Tex> ={' '}
          <Num testId="ntk-critical-lr-warning" value={cf.criticalLr} />. Lower lr below it to compare.
        </p>
      )}
      {cf && cf.droppedModes > 0 && (
        <p role="status" className="notice" data-testid="ntk-dropped-modes">
          Θ(X, X) is singular to rounding: {cf.droppedModes} of its {cf.n} eigenvalues are at or below the cutoff {fmt(cf.eigenvalueCutoff)} (<Tex>{'16N\\varepsilon\\,\\lambda_{\\max}'}</Tex>), for example from duplicate training points, and were dropped. Those directions are never fitted; they hold{' '}
          {fmt(100 * cf.unfittableLabelFraction)}% of |Y|² (contradictory duplicates make this non-zero).
        </p>
      )}
      {cf?.standIn && <p className="notice">{cf.standIn}</p>}

      <section aria-labelledby="ntk-s1">
        <h3 id="ntk-s1">1. Closed form against the trained ensemble, {at.toLowerCase()}</h3>
        <div className="figure-grid">
          <HeatmapCard
            heading={<>Closed form <Tex>{'\\mu_s'}</Tex>: infinite ensemble, infinite width</>}
            level={4}
            label="Closed-form mean heatmap" testId="ntk-heatmap-theory" values={theoryValues} grid={GRID} scale={OUT_SCALE} points={config.points} orbitOrder={config.group.kind === 'cyclic' ? config.group.n : 1} summary={`closed-form mean ${at.toLowerCase()}, RMS ${fmt(theoryValues ? rms(theoryValues) : NaN)}`}
            legend="Output"
            caption={
              <>
                <Tex>{'\\mu_s'}</Tex> on the 1,536-point grid, s = {step}, N = {cf?.n ?? '–'} augmented points. Linearised training loss{' '}
                <Num testId="ntk-theory-loss" value={theory?.trainLoss} />.
              </>
            }
          />
          <HeatmapCard
            heading={<>Trained ensemble mean, E = {E}</>}
            level={4}
            label="Trained ensemble mean heatmap" testId="ntk-heatmap-mean" values={meanValues} grid={GRID} scale={OUT_SCALE} points={config.points} orbitOrder={config.group.kind === 'cyclic' ? config.group.n : 1} summary={`ensemble mean of ${E} members ${at.toLowerCase()}, RMS ${fmt(meanRms)}`}
            legend="Output"
            caption={<>f̄(x) from the toy lab's run at width {config.width}, {at.toLowerCase()}: RMS <Num testId="ntk-mean-rms" value={meanRms} />.</>}
          />
          <HeatmapCard
            heading={<>Difference <Tex>{'\\bar f - \\mu_s'}</Tex></>}
            level={4}
            label="Difference between the ensemble mean and the closed form" testId="ntk-heatmap-difference" values={difference} grid={GRID} scale={diffScale} points={config.points} orbitOrder={1} summary={`relative L2 distance ${fmt(distance)}`}
            legend="Difference"
            caption={
              <>
                Relative L2 distance <Tex>{'\\|\\bar f - \\mu_s\\| / \\|\\mu_s\\|'}</Tex> over the grid:{' '}
                <Num testId="ntk-distance" value={distance} extra={{ step: snapshot ? step : 'none', width: config.width, e: E }} />
                {step === 0 && (
                <>
                  {' ('}
                  <Tex>{'\\mu_0 = 0'}</Tex>, so there is no relative distance at initialisation; see step 1 below)
                </>
                )}. Early on it sits near the sampling floor{' '}
                <Tex>{'\\approx \\sqrt{\\operatorname{Var} f / E}\\,/\\,\\|\\mu_s\\|'}</Tex>; from about step 100 the finite-width gap of section 4 opens.
              </>
            }
          />
        </div>
      </section>

      <section aria-labelledby="ntk-s2">
        <h3 id="ntk-s2">2. The kernel on the augmented training set</h3>
        <div className="figure-grid">
          <div className="figure-card">
            <h4>Θ(X, X), {cf ? `${cf.n} × ${cf.n}` : '–'}</h4>
            <div className="controls">
              <label style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start' }}>
                Order the rows and columns
                <select value={order} onChange={(e) => setOrder(e.target.value as MatrixOrder)}>
                  <option value="point">by training point (orbit-major: circulant blocks)</option>
                  <option value="group">by group element (copy-major: block-circulant)</option>
                </select>
              </label>
            </div>
            <SquareMatrixHeatmap
              label="NTK matrix on the augmented training set"
              testId="ntk-kernel-matrix"
              values={matrix}
              n={cf?.n ?? 0}
              block={cf ? (order === 'group' ? cf.basePoints : cf.copies) : 0}
              indexLabel={indexLabel}
              summary={cf ? `λ_max ${fmt(cf.lambdaMax)}, invariance defect ${fmt(cf.kernelDefectRelative)}` : 'not computed yet'}
            />
            <figcaption>
              {order === 'group'
                ? `Blocks of ${cf?.basePoints ?? 'P'} × ${cf?.basePoints ?? 'P'}, one per pair of rotations (g, g′): block (g, g′) depends only on g⁻¹g′, so the matrix is block-circulant.`
                : `Blocks of ${cf?.copies ?? 'n'} × ${cf?.copies ?? 'n'}, one per pair of training points: each block is circulant, Θ(gx_i, g′x_j) depending only on g⁻¹g′.`}
            </figcaption>
          </div>
        </div>
        <div className="figure-card ntk-readouts-card">
          <h4>Invariance readouts</h4>
          <dl className="ntk-readouts">
            <dt>max |Θ(ρ(g)x, ρ(g)x′) − Θ(x, x′)| over pairs in X and g ∈ C{cf ? Math.min(cf.orbitOrder, 16) : 'n'}</dt>
            <dd>
              <Num testId="ntk-kernel-defect" value={cf?.kernelDefect} /> (relative to max Θ: <Num testId="ntk-kernel-defect-relative" value={cf?.kernelDefectRelative} />)
            </dd>
            <dt>max |Θ[π(i), π(j)] − Θ[i, j]|, π the augmentation's permutation of X</dt>
            <dd>
              <Num testId="ntk-permutation-defect" value={cf?.permutationDefect} />
            </dd>
            <dt>
              Orbit deviation of <Tex>{'\\mu_s'}</Tex> on the grid, <Tex>{`\\max_x \\operatorname{std}_g \\mu_s(\\rho(g)x) \\,/\\, \\max |\\mu_s|,\\ g \\in C_{${cf?.orbitOrder ?? 'n'}}`}</Tex>, {at.toLowerCase()}
            </dt>
            <dd>
              <Num testId="ntk-orbit-deviation" value={theory?.orbitDeviationRelative} extra={{ step }} /> (absolute {fmt(theory?.orbitDeviationMax)})
              {config.group.kind === 'cyclic' && config.group.n === 1 && (
                <>
                  {' — without augmentation '}
                  <Tex>{'\\mu_s'}</Tex> is not invariant, and this says so.
                </>
              )}
            </dd>
            <dt><Tex>{'\\lambda_{\\max}'}</Tex> of Θ(X, X) and the critical rate <Tex>{'\\eta_c = 2N/\\lambda_{\\max}'}</Tex></dt>
            <dd>
              <Tex>{'\\lambda_{\\max}'}</Tex> <Num testId="ntk-lambda-max" value={cf?.lambdaMax} />, <Tex>{'\\eta_c'}</Tex> <Num testId="ntk-critical-lr" value={cf?.criticalLr} /> (lr = {config.lr}
              {cf && (
                <>
                  , <Tex>{`\\eta\\lambda_{\\max}/N = ${fmt((config.lr * cf.lambdaMax) / cf.n)}`}</Tex>
                </>
              )}
              )
            </dd>
            <dt>Smallest kept eigenvalue λ/N (slowest mode) and dropped modes</dt>
            <dd>
              <Num testId="ntk-slowest-mode" value={cf ? cf.smallestKeptEigenvalue / cf.n : undefined} />, dropped{' '}
              <Num testId="ntk-dropped-count" value={cf?.droppedModes} digits={1}>
                {cf?.droppedModes ?? '–'}
              </Num>
            </dd>
            <dt>Closed-form time ({ntk.closedForm.where === 'worker' ? 'in the NTK worker' : 'on the page'})</dt>
            <dd>
              kernels and eigendecomposition <Num testId="ntk-kernel-ms" value={cf?.timings.kernelMs} /> ms
              {cf?.timings.cached ? ' (when first computed; reused since)' : ''}, <Tex>{'\\mu_s'}</Tex> at {cf?.steps.length ?? 0} steps <Num testId="ntk-predict-ms" value={cf?.timings.predictMs} /> ms, defects{' '}
              {fmt(cf?.timings.defectMs)} ms; request to answer <Num testId="ntk-roundtrip-ms" value={ntk.closedForm.roundTripMs} /> ms
            </dd>
          </dl>
        </div>
      </section>

      <WidthSweepSection
        config={config}
        task={ntk.sweep}
        onStart={() => ntk.startSweep({ setup, seed: config.seed, widths: SWEEP_WIDTHS, networks: SWEEP_NETWORKS }, sweepKey(config))}
        onCancel={() => ntk.cancel(ntk.sweep.runId)}
      />

      <ExperimentsSection
        config={config}
        plan={plan}
        task={ntk.experiments}
        workers={ntk.experimentWorkers}
        onStart={() => ntk.startExperiments(plan, experimentsKey(config))}
        onCancel={() => ntk.cancel(ntk.experiments.runId)}
      />

      <section aria-labelledby="ntk-s5">
        <h3 id="ntk-s5">5. Why the mean is invariant, in three steps</h3>
        <ol className="ntk-explanation">
          <li>
            <strong>At initialisation the mean is about 0.</strong> One member's output is a random function with RMS √K(x, x) ={' '}
            <Num testId="ntk-member-init-rms" value={cf?.memberInitRms} /> over the grid (NNGP; this run's members at step 0:{' '}
            <Num testId="ntk-init-member-rms" value={initMemberRms} />). The infinite ensemble's mean is exactly 0, and this E ={' '}
            {initSnapshot?.ensembleSize ?? E} mean has RMS <Num testId="ntk-init-mean-rms" value={initMeanRms} /> (variance K/E: about{' '}
            {fmt(cf ? cf.memberInitRms / Math.sqrt(initSnapshot?.ensembleSize ?? E) : NaN)} on average over seeds){initSnapshot ? '' : '; train to see step 0'}.
          </li>
          <li>
            <strong>The kernel is invariant.</strong> Θ depends on x and x′ only through |x|, |x′| and x·x′, so rotating both inputs changes it by{' '}
            <Num testId="ntk-explain-kernel-defect" value={cf?.kernelDefectRelative} /> relative: float64 rounding.
          </li>
          <li>
            <strong>Augmentation permutes the training set, and that permutation commutes with every function of Θ.</strong> Rotating X by g
            permutes its rows (max |Θ[π i, π j] − Θ[i, j]| = <Num testId="ntk-explain-permutation-defect" value={cf?.permutationDefect} />) and leaves Y
            fixed, so <Tex>{'\\Theta^{-1}(I - (I - \\eta\\Theta/N)^s)'}</Tex> commutes with it and <Tex>{'\\mu_s(gx) = \\mu_s(x)'}</Tex>: its orbit deviation {at.toLowerCase()} is{' '}
            <Num testId="ntk-explain-orbit-deviation" value={theory?.orbitDeviationRelative} /> relative, rounding level.
          </li>
        </ol>
      </section>
    </section>
  );
}

const SUP = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const SUB = '₀₁₂₃₄₅₆₇₈₉';
function superscript(k: number): string {
  return String(k)
    .split('')
    .map((c) => SUP[Number(c)])
    .join('');
}
function subscript(k: number): string {
  return String(k)
    .split('')
    .map((c) => SUB[Number(c)])
    .join('');
}
