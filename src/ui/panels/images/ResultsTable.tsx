/** The results, laid out like the talk's table: OSP out of distribution per method and group; the paper's numbers sit
 * in a separate column group, labelled as the published reference. A second table details the latest run. */
import type { ImageRouteId, Score } from '../../../core/images/imageRun';
import type { PUBLISHED_OSP_OOD } from '../../../core/images/reference';
import type { ImagesResult } from '../../../state/imagesStore';
import { ColumnHeads } from '../../common/ColumnHeads';

const GROUPS = [4, 8, 16] as const;
const ROWS: { id: ImageRouteId | 'e2cnn'; label: string; paper: keyof typeof PUBLISHED_OSP_OOD | null }[] = [
  { id: 'ensemble', label: 'DeepEns+DA', paper: 'ensemble' },
  { id: 'member', label: 'only DA (mean ± std over members)', paper: 'member' },
  { id: 'e2cnn', label: 'E2CNN (not trained here)', paper: 'e2cnn' },
  { id: 'canonical', label: 'Canon (here: image-moment canonicaliser)', paper: 'canonical' },
  { id: 'groupAverage', label: 'Group averaging (member 0)', paper: null },
];

function fmtScore(s: Score | undefined, digits = 2): string {
  if (!s || !Number.isFinite(s.mean)) return '–';
  return Number.isFinite(s.std) ? `${s.mean.toFixed(digits)} ± ${s.std.toFixed(digits)}` : s.mean.toFixed(digits);
}

function ScoreCell({ id, s, digits = 2 }: { id: string; s: Score | undefined; digits?: number }) {
  const ok = !!s && Number.isFinite(s.mean);
  return (
    <td data-testid={id} data-value={ok ? String(s!.mean) : ''} data-std={ok && Number.isFinite(s!.std) ? String(s!.std) : undefined}>
      {fmtScore(s, digits)}
    </td>
  );
}

/**
 * `recordedGroups`: columns that show a recorded run (shipped with the app) rather than one trained in this page;
 * `lastRecorded`: the detail table below is that recorded run.
 */
export function ResultsTable({ results, last, published, recordedGroups = new Set<number>(), lastRecorded = false }: { results: Record<number, ImagesResult>; last: ImagesResult | null; published: typeof PUBLISHED_OSP_OOD; recordedGroups?: ReadonlySet<number>; lastRecorded?: boolean }) {
  return (
    <div className="figure-card images-results">
      <h3>Orbit same predictions out of distribution (MNIST digits)</h3>
      <table className="numbers" aria-label="Orbit same predictions out of distribution" data-testid="images-results">
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              method
            </th>
            <th scope="colgroup" colSpan={3}>
              this browser
            </th>
            <th scope="colgroup" colSpan={3} className="published">
              published reference (Gerken &amp; Kessel 2024)
            </th>
          </tr>
          <tr>
            {GROUPS.map((n) => (
              <th scope="col" key={`y${n}`} data-testid={`images-col-C${n}`} data-source={recordedGroups.has(n) ? 'recorded' : results[n] ? 'live' : ''}>
                C{n}
                {recordedGroups.has(n) && <span className="badge recorded-badge images-col-badge">recorded</span>}
              </th>
            ))}
            {GROUPS.map((n) => (
              <th scope="col" key={`p${n}`} className="published">
                C{n}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ROWS.map((row) => (
            <tr key={row.id}>
              <th scope="row">{row.label}</th>
              {GROUPS.map((n) =>
                row.id === 'e2cnn' ? (
                  <td key={n}>–</td>
                ) : (
                  <ScoreCell key={n} id={`images-osp-${row.id}-C${n}`} s={results[n]?.evaluation.routes[row.id as ImageRouteId].ospOut} />
                ),
              )}
              {GROUPS.map((n) => {
                const v = row.paper ? published[row.paper].values[n] : null;
                return (
                  <td key={`p${n}`} className="published" data-testid={`paper-${row.id}-C${n}`} data-value={v ? String(v.mean) : ''}>
                    {v ? `${v.mean} ± ${v.std}` : '–'}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <figcaption>
        Each column of “this browser” is the latest run with that group trained in this page, or, until there is one, the recorded Quick run (seed 1)
        marked “recorded”. ± is the std over members for single-model
        rows; the ensemble and group-averaging rows are one model each (their standard errors over images are in the table below). The paper's models are CNNs
        trained on full FashionMNIST with a learned canonicaliser; ours are MLPs trained on a few thousand images with a hand-built one, so the numbers are
        comparable in kind, not in size.
      </figcaption>

      {last && (
        <>
          <h3 data-testid="images-details-title" data-source={lastRecorded ? 'recorded' : 'live'}>
            {lastRecorded ? <span className="badge recorded-badge">Recorded</span> : null} {lastRecorded ? 'Recorded run' : 'Latest run'}: C{last.config.group}, seed {last.config.seed}, E = {last.config.ensembleSize}, {last.config.trainCount.toLocaleString('en')} training images, on{' '}
            {last.backend}
            {lastRecorded && ' (Node, by scripts/record-images.ts)'}
          </h3>
          <table className="numbers" aria-label="Latest run, all metrics" data-testid="images-details">
            <ColumnHeads columns={['route', 'accuracy (rotated test set)', `OSP in distribution (of ${last.config.group})`, 'OSP out of distribution', 'forward passes / prediction']} />
            <tbody>
              {(['ensemble', 'member', 'canonical', 'groupAverage'] as ImageRouteId[]).map((id) => {
                const r = last.evaluation.routes[id];
                return (
                  <tr key={id}>
                    <th scope="row">{ROWS.find((x) => x.id === id)?.label}</th>
                    <ScoreCell id={`images-acc-${id}`} s={r.accuracy} digits={3} />
                    <ScoreCell id={`images-ospin-${id}`} s={r.ospIn} />
                    <ScoreCell id={`images-ospout-${id}`} s={r.ospOut} />
                    <td data-testid={`images-cost-${id}`} data-value={String(r.forwardPasses)}>
                      {r.forwardPasses}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="readout">
            Training {last.trainSeconds.toFixed(1)} s, evaluation {last.evalSeconds.toFixed(1)} s,{' '}
            <span data-testid="images-last-throughput" data-value={last.imagesPerSecondPerMember}>
              {Math.round(last.imagesPerSecondPerMember).toLocaleString('en')}
            </span>{' '}
            member-images/s. Evaluated on {last.evaluation.evalCount} test images, {last.evaluation.oodCount} MNIST digits ({last.evaluation.groupAverageCount} each for
            group averaging, which costs {last.config.group}² forward passes per image and orbit).
          </p>
        </>
      )}
    </div>
  );
}
