/** The talk's pros and cons of each route, every item backed by a number that is on screen. */
import type { ToyRoutes } from '../../../core/routes';
import { Num } from './Num';

export function ProsCons({ routes, n, E, width, depth }: { routes: ToyRoutes | undefined; n: number; E: number; width: number; depth: number }) {
  const r = routes?.routes;
  const ratio = r ? r.member.rstdOff / r.ensemble.rstdOff : undefined;
  const arch = `2 → ${width} × ${depth} → 1 MLP`;
  return (
    <div className="figure-card pros-cons" data-testid="ways-pros-cons">
      <h3>Pros and cons, checked against the numbers above</h3>
      <dl>
        <dt>Group averaging (route 3)</dt>
        <dd>
          <ul>
            <li>
              <strong className="pro">Pro:</strong> Exactly equivariant: maximum orbit deviation <Num id="pc-ga-maxdev" v={r?.groupAverage.maxDeviation} />{' '}
              (rounding level), against <Num id="pc-member-maxdev" v={r?.member.maxDeviation} /> for the member it wraps.
            </li>
            <li>
              <strong className="pro">Pro:</strong> Works with any architecture: it wraps the same {arch} that every route uses; it is enough to average over an
              equivariant subset, a frame (route 4b, <Num id="pc-frame-cost" v={r?.frame.cost} digits={4} /> passes on average).
            </li>
            <li>
              <strong className="con">Con:</strong> Costs |G| = <Num id="pc-ga-cost" v={r?.groupAverage.cost} /> forward passes per prediction, and is only
              approximate for continuous groups when the integral is sampled (see the SO(2) residual against M).
            </li>
          </ul>
        </dd>
        <dt>Canonicalisation (route 4)</dt>
        <dd>
          <ul>
            <li>
              <strong className="pro">Pro:</strong> Exactly equivariant: maximum orbit deviation <Num id="pc-canon-maxdev" v={r?.canonical.maxDeviation} />, at{' '}
              <Num id="pc-canon-cost" v={r?.canonical.cost} /> forward pass per prediction.
            </li>
            <li>
              <strong className="pro">Pro:</strong> Uses a non-equivariant network for the prediction: the same {arch}.
            </li>
            <li>
              <strong className="con">Con:</strong> Still needs an equivariant model: the map h(x) ∈ G with h(ρ(g)x) = g h(x). For points in the plane it is the
              angle sector, built by hand; for images (the rotated-images lab) it is a moment heuristic; in general such a map with codomain G is hard to
              construct. The prediction also jumps where h does (sector boundaries, visible as seams in the heatmap).
            </li>
          </ul>
        </dd>
        <dt>Data augmentation, one network (route 2)</dt>
        <dd>
          <ul>
            <li>
              <strong className="pro">Pro:</strong> Easy to implement, no specialised architecture: the same {arch}, {n} rotated copies of each training point.
            </li>
            <li>
              <strong className="con">Con:</strong> No exact equivariance: off-manifold rstd <Num id="pc-member-rstd" v={r?.member.rstdOff} spread={r?.member.rstdOffSpread} />{' '}
              over the members.
            </li>
          </ul>
        </dd>
        <dt>Deep ensemble with data augmentation (route 1)</dt>
        <dd>
          <ul>
            <li>
              <strong className="pro">Pro:</strong> Equivariance emerges in the mean, off the data manifold too: off-manifold rstd{' '}
              <Num id="pc-ens-rstd" v={r?.ensemble.rstdOff} />, <Num id="pc-ens-ratio" v={ratio} /> times lower than a member's, with no change to the
              architecture or the training.
            </li>
            <li>
              <strong className="con">Con:</strong> Only approximate at finite E (the deviation falls like 1/√E), and it costs E = {E} forward passes per
              prediction (<Num id="pc-ens-cost" v={r?.ensemble.cost} />).
            </li>
          </ul>
        </dd>
        <dt>Equivariant architectures (not trained on this page)</dt>
        <dd>
          <ul>
            <li>
              <strong className="pro">Pro:</strong> Exactly equivariant at one forward pass; <strong className="con">Con:</strong> needs a specialised architecture for
              each group (see group convolution in the <a href="#/lab/reps">representations lab</a>).
            </li>
          </ul>
        </dd>
      </dl>
    </div>
  );
}
