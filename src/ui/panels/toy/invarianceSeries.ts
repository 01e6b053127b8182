/** Data transforms from the snapshot timeline to chart series (pure functions, unit-tested). */
import type { Snapshot } from '../../../core/ensemble/snapshot';
import type { Series } from '../../charts/LineChart';

export const SERIES_COLORS = {
  mean: '#0b5394',
  member: '#cc4c02',
  noAug: '#6a3d9a',
  reference: '#777777',
};

/** rstd against step for mean, member (average over members) and mean without augmentation, on and off manifold. */
export function invarianceSeries(snapshots: readonly Snapshot[]): Series[] {
  const pick = (f: (s: Snapshot) => number | undefined): [number, number][] =>
    snapshots.map((s) => [s.step, f(s) ?? NaN] as [number, number]).filter(([, v]) => Number.isFinite(v));
  const series: Series[] = [
    { label: 'mean, augmented, off-manifold', color: SERIES_COLORS.mean, points: pick((s) => s.metrics.mean.off.relativeStd), dots: true },
    { label: 'mean, augmented, on-manifold', color: SERIES_COLORS.mean, dash: '4 3', points: pick((s) => s.metrics.mean.on.relativeStd) },
    { label: 'member, augmented, off-manifold', color: SERIES_COLORS.member, points: pick((s) => s.metrics.member.off.relativeStd), dots: true },
    { label: 'member, augmented, on-manifold', color: SERIES_COLORS.member, dash: '4 3', points: pick((s) => s.metrics.member.on.relativeStd) },
  ];
  if (snapshots.some((s) => s.metrics.noAugMean)) {
    series.push(
      { label: 'mean, not augmented, off-manifold', color: SERIES_COLORS.noAug, points: pick((s) => s.metrics.noAugMean?.off.relativeStd), dots: true },
      { label: 'mean, not augmented, on-manifold', color: SERIES_COLORS.noAug, dash: '4 3', points: pick((s) => s.metrics.noAugMean?.on.relativeStd) },
    );
  }
  return series;
}

/** rstd (off-manifold) of subset means against subset size, with a 1/√E reference through the size-1 value. */
export function ensembleSizeSeries(snapshot: Snapshot): Series[] {
  const c = snapshot.metrics.sizeCurve;
  const pts = c.sizes.map((s, i) => [s, c.relativeStd[i]] as [number, number]);
  const first = c.relativeStd[0];
  return [
    { label: 'ensemble mean, off-manifold rstd', color: SERIES_COLORS.mean, points: pts, dots: true },
    { label: 'reference ∝ 1/√E', color: SERIES_COLORS.reference, dash: '5 4', points: c.sizes.map((s) => [s, first / Math.sqrt(s)] as [number, number]), width: 1.5 },
  ];
}

