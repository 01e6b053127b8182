/** The numbers behind the figures at the viewed snapshot, each with its definition. */
import type { Snapshot, RegionalStats } from '../../../core/ensemble/snapshot';
import type { OrbitDeviationStats } from '../../../core/metrics/orbitRelativeStd';
import { Tex } from '../../common/LazyTex';

function Cell({ id, value, digits = 3 }: { id: string; value: number | undefined; digits?: number }) {
  const ok = value !== undefined && Number.isFinite(value);
  return (
    <td data-testid={id} data-value={ok ? String(value) : ''}>
      {ok ? value.toPrecision(digits) : '–'}
    </td>
  );
}

function Row({ name, id, s, n }: { name: string; id: string; s: RegionalStats | undefined; n: number }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <Cell id={`rstd-${id}-off`} value={s?.off.relativeStd} />
      <Cell id={`rstd-${id}-on`} value={s?.on.relativeStd} />
      <Cell id={`dev-${id}-off`} value={s?.off.meanDeviation} />
      <Cell id={`osp-${id}-off`} value={s?.ospOff} />
      <td>{n}</td>
    </tr>
  );
}

/** A far-field row: its statistics sit in the off-manifold columns (the far region lies wholly off the data). */
function FarRow({ name, id, s, n }: { name: string; id: string; s: OrbitDeviationStats | undefined; n: number }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <Cell id={`rstd-${id}-off`} value={s?.relativeStd} />
      <td>–</td>
      <Cell id={`dev-${id}-off`} value={s?.meanDeviation} />
      <td>–</td>
      <td>{n}</td>
    </tr>
  );
}


/**
 * `selected`: the member the picker shows, with its statistics computed on the page from the snapshot's member
 * predictions (the worker's own `selected` row is fixed when the snapshot is taken, so it would not follow the picker).
 */
export function MetricsTable({ snapshot, selected }: { snapshot: Snapshot | undefined; selected?: { member: number; stats: RegionalStats } }) {
  const m = snapshot?.metrics;
  const n = m?.measureOrder ?? 0;
  const ratio = m ? m.member.off.relativeStd / m.mean.off.relativeStd : NaN;
  return (
    // Focusable because it may scroll horizontally on narrow screens (keyboard users must reach the overflow).
    <div className="figure-card table-card table-scroll" tabIndex={0} role="region" aria-label="Invariance numbers at this step">
      <h3>Invariance at this step</h3>
      <table className="numbers" aria-label="Invariance metrics">
        <thead>
          <tr>
            <th scope="col">function</th>
            <th scope="col">rstd off-manifold</th>
            <th scope="col">rstd on-manifold</th>
            <th scope="col">mean dev off</th>
            <th scope="col">orbit same predictions (off, of {n})</th>
            <th scope="col">|G|</th>
          </tr>
        </thead>
        <tbody>
          <Row name="ensemble mean (augmented)" id="mean" s={m?.mean} n={n} />
          <Row name="member, average over members (augmented)" id="member" s={m?.member} n={n} />
          <Row name={`member ${selected?.member ?? m?.selectedMember ?? 0} (augmented)`} id="selected" s={selected?.stats ?? m?.selected} n={n} />
          {m?.noAugMean && <Row name="ensemble mean (not augmented)" id="noaug" s={m.noAugMean} n={n} />}
          <FarRow name={`far field (r > 2·r_max${m?.far ? ` = ${m.far.rFar.toFixed(2)}` : ''}): ensemble mean`} id="far-mean" s={m?.far?.mean} n={n} />
          <FarRow name="far field: member, average over members" id="far-member" s={m?.far?.member} n={n} />
        </tbody>
      </table>
      <p className="readout">
        member / mean off-manifold ratio:{' '}
        <strong data-testid="ratio-off" data-value={Number.isFinite(ratio) ? String(ratio) : ''}>
          {Number.isFinite(ratio) ? `${ratio.toFixed(1)}×` : '–'}
        </strong>
        {snapshot?.step === 0 && ' (at initialisation the mean is pure noise: compare the absolute deviation instead)'}
      </p>
      <figcaption>
        <Tex>{`\\operatorname{dev}(x) = \\operatorname{std}_{g \\in C_{${n}}} f(\\rho(g)x)`}</Tex>, the population standard deviation over the orbit;{' '}
        <Tex>{'\\operatorname{rstd}(R) = \\operatorname{mean}_R \\operatorname{dev} \\,/\\, \\operatorname{mean}_R |f|'}</Tex>. On-manifold R: grid points within 0.3 of an augmented training point;
        off-manifold: the rest. Far field: the ring of radii <Tex>{'r > 2\\,r_{\\max}'}</Tex> (<Tex>{'r_{\\max}'}</Tex> = largest <Tex>{'|x_i|'}</Tex> of the
        training points) on a second grid of 16 radii out to r = {m?.far ? m.far.rOuter : 12}, where the ensemble extrapolates
        (– for recordings made before it existed). Orbit same predictions counts orbit elements whose sign of f matches that at x.
      </figcaption>
    </div>
  );
}
