/**
 * Names the chosen augmentation for what it is. C_n is full augmentation over a finite group (the paper's setting);
 * read as an approximation of SO(2) it is the paper's partial augmentation, with the bound C(x)·κ, κ = 2 sin(π/2n).
 * "Random SO(2) angles" is random-angle augmentation shared by all members: no finite group, no κ bound.
 */
import type { AugmentationGroup } from '../../../core/ensemble/groupSpec';
import { subgroupCoveringRadius } from '../../../core/metrics/groupAngleSpread';

export function AugmentationNote({ group }: { group: AugmentationGroup }) {
  if (group.kind === 'so2') {
    return (
      <p className="readout" data-testid="augmentation-note" data-kind="random-angles">
        Random-angle augmentation: {group.k} angle{group.k === 1 ? '' : 's'} drawn afresh each step, the same for every member. This is not the paper's
        partial augmentation over a finite subgroup (choose C4, C8 or C16 for that, with its κ bound); no invariance bound is claimed here.
      </p>
    );
  }
  if (group.n <= 1) return null;
  const kappa = subgroupCoveringRadius(group.n);
  return (
    <p className="readout" data-testid="augmentation-note" data-kind="finite-subgroup" data-kappa={kappa}>
      Full augmentation over C{group.n}: the infinite ensemble is exactly C{group.n}-invariant. As partial augmentation of SO(2), its SO(2) error is bounded by
      C(x)·κ with κ = 2 sin(π/{2 * group.n}) = <span data-testid="augmentation-kappa">{kappa.toFixed(3)}</span>.
    </p>
  );
}
