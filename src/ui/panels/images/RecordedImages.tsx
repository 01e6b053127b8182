/**
 * The images lab's recorded results, shown before (and beside) any live run: which configuration they come from, a
 * "Recompute live" button that trains the same configuration here, and the recorded probe figure.
 */
import { useMemo } from 'react';
import { restoreProbe, type RecordedImageRun } from './imagesRecording';
import type { ImagesState } from '../../../state/imagesStore';
import { ProbeView } from './ImageProbe';

interface Props {
  /** The recorded Quick run for the selected group, when no live run has finished yet. */
  run: RecordedImageRun | undefined;
  recordedGroups: ReadonlySet<number>;
  error: string | null;
  running: boolean;
  ready: boolean;
  onRecompute: () => void;
}

export function RecordedImages({ run, recordedGroups, error, running, ready, onRecompute }: Props) {
  if (error) {
    return (
      <p role="status" className="notice" data-testid="images-recorded-error">
        The recorded results could not be shown ({error}); train a preset to fill the table.
      </p>
    );
  }
  if (recordedGroups.size === 0) return null;
  const groups = [...recordedGroups].sort((a, b) => a - b).map((n) => `C${n}`).join(', ');
  const c = run?.config;
  return (
    <p className="readout images-recorded" data-testid="images-recorded" data-groups={groups}>
      <span className="badge recorded-badge">Recorded</span> {groups}: the Quick preset, seed 1
      {c && `, E = ${c.ensembleSize}, MLP 784 → ${c.hidden} × ${c.depth} → 10, ${c.trainCount.toLocaleString('en')} training images, ${c.epochs} epochs, evaluated on ${c.evalCount} + ${c.evalCount} images`}
      , computed with the lab&apos;s own training code (scripts/record-images.ts) and checked against a fresh run in the unit tests.{' '}
      {run && (
        <button type="button" data-testid="images-recompute" onClick={onRecompute} disabled={running || !ready}>
          Recompute live (Quick, C{run.config.group})
        </button>
      )}
    </p>
  );
}

/** The recorded probe: one test image, unrotated, through the recorded ensemble (the live probe replaces it). */
RecordedImages.Probe = function RecordedProbe({ run, data }: { run: RecordedImageRun; data: NonNullable<ImagesState['data']> }) {
  const p = useMemo(() => restoreProbe(run.probe), [run]);
  const n = run.config.group;
  return (
    <div className="figure-card images-probe" data-testid="images-recorded-probe">
      <h3>
        <span className="badge recorded-badge">Recorded</span> Probe: {run.probe.set === 'test' ? 'FashionMNIST test' : 'MNIST'} image {run.probe.index}, unrotated,
        C{n} Quick run
      </h3>
      <ProbeView p={p} set={run.probe.set} classes={data.classes} oodClasses={data.oodClasses} size={data.size} n={n} E={run.config.ensembleSize} deg={0} />
      <p className="muted">Recompute live to rotate any image with the slider.</p>
    </div>
  );
};
