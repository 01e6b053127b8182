/**
 * #/lab/images: the rotated-FashionMNIST experiment, trained in a worker. Presets with measured durations, a progress
 * bar with ETA, the results table laid out like the talk's (the paper's numbers in a separate, labelled column) and a
 * probe that rotates one image and shows every model's class probabilities and the labels around its orbit.
 */
import { useEffect, useMemo, useState } from 'react';
import { IMAGE_PRESETS, imageRunFlops, type ImagePresetId, type ImageRouteId, type ImageRunConfig } from '../../../core/images/imageRun';
import { PUBLISHED_OSP_OOD } from '../../../core/images/reference';
import { useUrlTable } from '../../../state/urlUpdate';
import { IMAGES_URL_TABLE } from '../../../state/imagesUrl';
import { getImagesClient } from '../../../state/imagesClient';
import { useImagesStore } from '../../../state/imagesStore';
import { useReportPanelBackend } from '../../../state/panelBackendStore';
import { ImageProbePanel } from './ImageProbe';
import { OrderingNote } from './OrderingNote';
import { ResultsTable } from './ResultsTable';
import { loadImagesRecording, recordedQuickResults, type ImagesRecording } from './imagesRecording';
import { RecordedImages } from './RecordedImages';
import { FocusSafeButton } from '../../common/FocusSafeButton';
import './images.css';
import { backendParam } from '../../../state/backendParam';
import { Tex } from '../../common/LazyTex';

const PRESET_LABELS: Record<ImagePresetId, string> = { tiny: 'Tiny (CI check)', quick: 'Quick', full: 'Full' };
export const ROUTE_LABELS: Record<ImageRouteId, string> = {
  ensemble: 'DeepEns+DA',
  member: 'only DA',
  canonical: 'Canon (image moments)',
  groupAverage: 'Group averaging (member 0)',
};

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '–';
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  return `${(seconds / 60).toFixed(1)} min`;
}

export default function ImagesPanel() {
  // Preset, group and seed live in the URL (src/state/imagesUrl.ts): a link names the run behind a table.
  const view = useUrlTable(IMAGES_URL_TABLE);
  const backend = backendParam(view.params);
  const s = useImagesStore();
  useReportPanelBackend(s.backend ? { owner: 'images worker', name: s.backend.name, reason: s.backend.reason } : null);
  const { preset, group, seed } = view.values;
  const setPreset = (p: ImagePresetId) => view.update({ preset: p });
  const setGroup = (g: number) => view.update({ group: g });
  const setSeed = (v: number) => view.update({ seed: v });

  useEffect(() => getImagesClient().start(backend), [backend]);
  // Measure this backend's speed once the data is in: two seconds of training at the Quick preset's size.
  useEffect(() => {
    if (s.data && !s.benchmark && !s.running) getImagesClient().benchmark(IMAGE_PRESETS.quick, 2);
  }, [s.data, s.benchmark, s.running]);

  const config: ImageRunConfig = useMemo(() => ({ ...IMAGE_PRESETS[preset], group, seed }), [preset, group, seed]);
  // The recorded Quick runs fill the table at once; a live run replaces its group's column.
  const [recording, setRecording] = useState<ImagesRecording | null>(null);
  const [recordingError, setRecordingError] = useState<string | null>(null);
  useEffect(() => {
    loadImagesRecording().then(setRecording, (e: unknown) => setRecordingError(e instanceof Error ? e.message : String(e)));
  }, []);
  const recorded = useMemo(() => recordedQuickResults(recording), [recording]);
  const recordedGroups = new Set(Object.keys(recorded).map(Number).filter((n) => !s.results[n]));
  const shownResults = { ...recorded, ...s.results };
  const recordedRun = s.lastResult ? undefined : recording?.runs.find((r) => r.preset === 'quick' && r.config.group === group);
  const recomputeLive = () => {
    setPreset('quick');
    setSeed(1);
    getImagesClient().run({ ...IMAGE_PRESETS.quick, group, seed: 1 });
  };
  const estimate = (id: ImagePresetId) => {
    if (!s.benchmark || !s.data) return NaN;
    return imageRunFlops({ ...IMAGE_PRESETS[id], group }, s.data.size * s.data.size, s.data.classes.length, s.data.train) / s.benchmark.flopsPerSecond;
  };
  const p = s.progress;
  const pct = p ? Math.round(100 * Math.min(1, p.fraction)) : 0;

  return (
    <section className="panel images-panel" aria-labelledby="images-title">
      <h2 id="images-title">Rotated images: DeepEns+DA against the other routes</h2>
      <p>
        FashionMNIST clothes, rotated by <Tex>{'C_n'}</Tex>. An ensemble of small MLP classifiers is trained with rotation augmentation; a second ensemble of the
        same architecture is trained on canonicalised images. Rotations by multiples of 90° are exact pixel permutations; other angles resample bilinearly,
        and every image is cut to a disc (circular mask) so the corners do not give the orientation away. Invariance is scored by orbit same predictions,{' '}
        <Tex>{'\\mathrm{OSP}(x) = \\sum_{g\\in C_n} \\mathbf{1}[\\operatorname{argmax} f(\\rho(g)x) = \\operatorname{argmax} f(x)]'}</Tex>, from 1 to <Tex>{'n'}</Tex>, on FashionMNIST test images (in distribution) and on MNIST digits
        (out of distribution, the talk's measure).
      </p>
      <p className="readout" data-testid="images-status">
        Backend: {s.backend ? <strong>{s.backend.name}</strong> : 'starting…'}
        {s.backend && <span className="muted"> ({s.backend.reason})</span>}. Data:{' '}
        {s.data ? (
          <span data-testid="images-data" data-value={s.data.train}>
            {s.data.train.toLocaleString('en')} training, {s.data.test.toLocaleString('en')} test, {s.data.ood.toLocaleString('en')} MNIST digits, verified ({Math.round(s.data.loadMs)} ms)
          </span>
        ) : (
          'loading…'
        )}
        .{' '}
        {s.backend && (
          <span data-testid="images-workers" data-value={s.workers}>
            Training {s.workers === 1 ? 'in a worker' : `in ${s.workers} workers, each a slice of both ensembles' members`}.{' '}
          </span>
        )}
        {s.benchmark && (
          <span data-testid="images-benchmark" data-value={s.benchmark.imagesPerSecondPerMember}>
            Measured: {Math.round(s.benchmark.imagesPerSecondPerMember).toLocaleString('en')} member-images/s, {(s.benchmark.flopsPerSecond / 1e9).toFixed(2)} GFLOP/s.
          </span>
        )}
      </p>
      {s.notices.length > 0 && (
        <p role="status" className="notice" data-testid="images-notices">
          {s.notices.join('; ')}.
        </p>
      )}
      {s.recovery && (
        <p role="status" className="notice" data-testid="images-recovery">
          {s.recovery}
        </p>
      )}
      {s.error && (
        <p role="alert" className="error-box" data-testid="images-error">
          {s.error}
        </p>
      )}

      <fieldset className="controls images-presets">
        <legend>Preset</legend>
        {(Object.keys(IMAGE_PRESETS) as ImagePresetId[]).map((id) => {
          const c = IMAGE_PRESETS[id];
          const est = estimate(id);
          return (
            <label key={id} className="preset-option">
              <input type="radio" name="images-preset" value={id} checked={preset === id} onChange={() => setPreset(id)} disabled={s.running} />
              <span>
                <strong>{PRESET_LABELS[id]}</strong>: {c.trainCount.toLocaleString('en')} images, E = {c.ensembleSize}, MLP 784 → {c.hidden} × {c.depth} → 10, {c.epochs}{' '}
                epochs, evaluation on {c.evalCount} + {c.evalCount} images;{' '}
                <span data-testid={`preset-minutes-${id}`} data-value={Number.isFinite(est) ? est / 60 : ''}>
                  {Number.isFinite(est) ? `about ${formatDuration(est)} here (C${group}, measured on ${s.benchmark?.backend})` : 'measuring speed…'}
                </span>
              </span>
            </label>
          );
        })}
      </fieldset>
      <div className="controls">
        <label>
          Group{' '}
          <select value={group} onChange={(e) => setGroup(Number(e.target.value))} disabled={s.running} aria-label="Rotation group">
            <option value={4}>C4 (90°, exact)</option>
            <option value={8}>C8 (45°, bilinear)</option>
            <option value={16}>C16 (22.5°, bilinear)</option>
          </select>
        </label>
        <label>
          Seed{' '}
          <input type="number" min={0} value={seed} onChange={(e) => setSeed(Math.max(0, Math.round(Number(e.target.value) || 0)))} disabled={s.running} aria-label="Seed" />
        </label>
        <FocusSafeButton data-testid="images-run" onClick={() => getImagesClient().run(config)} unavailable={s.running || !s.data}>
          Train and evaluate
        </FocusSafeButton>
        <button type="button" onClick={() => getImagesClient().cancel()} disabled={!s.running}>
          Cancel
        </button>
      </div>
      <div className="images-progress">
        <div
          className="progress-bar"
          role="progressbar"
          aria-label="Run progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
          data-testid="images-progress"
          data-value={p?.fraction ?? 0}
        >
          <div style={{ width: `${pct}%` }} />
        </div>
        <span className="readout" role="status" data-testid="images-phase" data-value={s.phase}>
          {s.phase === 'training' && p ? `training: step ${p.step} / ${p.totalSteps}` : s.phase === 'evaluating' ? 'evaluating the four routes' : s.phase}
          {p && s.running ? `, ${pct}%, about ${formatDuration(p.etaSeconds)} left` : ''}
        </span>
        {p && (
          <span className="readout" data-testid="images-throughput" data-value={p.imagesPerSecondPerMember}>
            {Math.round(p.imagesPerSecondPerMember).toLocaleString('en')} member-images/s · loss DA {p.loss?.toFixed(3) ?? '–'}, Canon {p.canonLoss?.toFixed(3) ?? '–'}
          </span>
        )}
      </div>

      <RecordedImages run={recordedRun} recordedGroups={recordedGroups} error={recordingError} running={s.running} ready={!!s.data} onRecompute={recomputeLive} />
      <ResultsTable results={shownResults} last={s.lastResult ?? (recordedRun ? recorded[recordedRun.config.group] : null)} lastRecorded={!s.lastResult && !!recordedRun} recordedGroups={recordedGroups} published={PUBLISHED_OSP_OOD} />
      <OrderingNote results={shownResults} published={PUBLISHED_OSP_OOD} />
      {s.lastResult && s.data && <ImageProbePanel result={s.lastResult} data={s.data} probe={s.probe} />}
      {recordedRun && s.data && <RecordedImages.Probe run={recordedRun} data={s.data} />}
    </section>
  );
}
