/**
 * What the orbit chart claims, stated beside what it measures. The chart sweeps all of SO(2); a C_n-augmented ensemble
 * is only claimed invariant at the n group angles (exactly for the infinite ensemble, up to 1/√E noise for E members).
 * Between them its mean is 2π/n-periodic, not constant. Both spreads are computed here from the curves on screen.
 */
import { groupLabel, type AugmentationGroup } from '../../../core/ensemble/groupSpec';
import { claimedGroupOrder, groupAndCircleSpread } from '../../../core/metrics/groupAngleSpread';
import { curveAt, type OrbitCurve } from './orbitCurve';

const fmt = (v: number) => (Number.isFinite(v) ? v.toPrecision(2) : '–');

export function OrbitClaim({ group, mean, member, memberIndex, E }: { group: AugmentationGroup; mean: OrbitCurve; member: OrbitCurve; memberIndex: number; E: number }) {
  const n = claimedGroupOrder(group) ?? 1;
  const samples = mean.values.length;
  const m = groupAndCircleSpread((t) => curveAt(mean, t), n, samples);
  const k = groupAndCircleSpread((t) => curveAt(member, t), n, samples);
  const label = groupLabel(group);
  return (
    <p className="readout" data-testid="orbit-claim" data-mean-group={m.group} data-mean-circle={m.circle} data-member-group={k.group} data-member-circle={k.circle}>
      {n > 1 ? (
        <>
          Trained with {label}: the claim is f̄(ρ(g)x) = f̄(x) at the {n} group angles (▲), exactly for the infinite ensemble and up to sampling noise of
          about 1/√E = {fmt(1 / Math.sqrt(E))} times a member's spread for E = {E}. The mean spreads by{' '}
          <strong data-testid="orbit-mean-group-spread">{fmt(m.group)}</strong> over the {n} group angles and by{' '}
          <strong data-testid="orbit-mean-circle-spread">{fmt(m.circle)}</strong> over the full circle; member {memberIndex} by {fmt(k.group)} and {fmt(k.circle)}.
          Between the group angles nothing is claimed: the mean is 2π/{n}-periodic, not constant, since C{n} is not SO(2).
        </>
      ) : group.kind === 'so2' ? (
        <>
          Trained with {label} (random-angle augmentation shared by all members, not a finite group): no angles are marked, and the mean is only
          approximately SO(2)-invariant. Spread over the full circle: mean {fmt(m.circle)}, member {memberIndex} {fmt(k.circle)}.
        </>
      ) : (
        <>Trained without augmentation: no invariance is claimed. Spread over the full circle: mean {fmt(m.circle)}, member {memberIndex} {fmt(k.circle)}.</>
      )}
    </p>
  );
}
