/**
 * The ensemble-size chart's caption: the fitted log–log slopes (relative and absolute orbit deviation of subset means
 * against subset size) with their standard errors, beside the slope the chosen initialisation predicts at this step.
 * The numbers are fitted here from the snapshot's size curve, never typed in.
 */
import { expectedSizeSlope, logLogFit, type LogLogFit, type MemberInitialisation } from '../../../core/metrics/logLogFit';
import type { EnsembleSizeCurve } from '../../../core/metrics/ensembleSizeCurve';

const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(2).replace('-', '−') : '–');
const fmtSe = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '–');
const fmtExpected = (v: number | null) => (v === null ? 'none' : v === 0 ? '0' : v === -0.5 ? '−½' : fmt(v));

/** Fit from size 2 on: size 1 is a single member, whose deviation says nothing about averaging. */
export function sizeFits(curve: EnsembleSizeCurve | undefined): { rstd: LogLogFit; dev: LogLogFit } | null {
  if (!curve) return null;
  const from2 = (ys: number[]) => curve.sizes.map((s, i) => [s, ys[i]] as [number, number]).slice(1);
  return { rstd: logLogFit(from2(curve.relativeStd)), dev: logLogFit(from2(curve.meanDeviation)) };
}

export function SizeSlopeCaption({ curve, init, step, E }: { curve: EnsembleSizeCurve | undefined; init: MemberInitialisation; step: number; E: number }) {
  const fits = sizeFits(curve);
  const expected = expectedSizeSlope(init, step);
  const rstd = fits?.rstd;
  const dev = fits?.dev;
  return (
    <figcaption data-testid="size-caption" data-init={init} data-slope={rstd?.slope ?? ''} data-slope-se={rstd?.standardError ?? ''} data-dev-slope={dev?.slope ?? ''} data-dev-slope-se={dev?.standardError ?? ''} data-expected={expected.relativeStd ?? ''}>
      Means of disjoint subsets of the {E} trained members (sizes 1, 2, 4, …), averaged over subsets: no extra runs. Fitted log–log slope from size 2
      on: relative deviation <span data-testid="size-slope">{fmt(rstd?.slope ?? NaN)}</span> ± <span data-testid="size-slope-se">{fmtSe(rstd?.standardError ?? NaN)}</span>, absolute
      deviation <span data-testid="size-dev-slope">{fmt(dev?.slope ?? NaN)}</span> ± {fmtSe(dev?.standardError ?? NaN)} (± one standard error of the
      least-squares fit over {rstd?.count ?? 0} sizes; the sizes share members, so it is indicative). Expected here: relative{' '}
      <span data-testid="size-expected">{fmtExpected(expected.relativeStd)}</span>, absolute {fmtExpected(expected.deviation)}, because {expected.reason}.
    </figcaption>
  );
}
