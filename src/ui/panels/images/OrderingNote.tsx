/**
 * Which of the paper's orderings this browser's runs reproduce, computed from the runs on screen. The lab reproduces
 * the ensemble-over-augmentation ordering (the paper's point); its canonicaliser is built from image moments, not the
 * paper's learned canonicaliser (Kaba et al.), so the canonicalisation ordering is not expected to carry over.
 */
import type { PUBLISHED_OSP_OOD } from '../../../core/images/reference';
import type { ImagesResult } from '../../../state/imagesStore';

const GROUPS = [4, 8, 16] as const;

function order(a: number, b: number): '>' | '<' | '=' {
  return a > b ? '>' : a < b ? '<' : '=';
}

export function OrderingNote({ results, published }: { results: Record<number, ImagesResult>; published: typeof PUBLISHED_OSP_OOD }) {
  const rows = GROUPS.filter((n) => results[n]).map((n) => {
    const r = results[n].evaluation.routes;
    const ens = r.ensemble.ospOut.mean;
    const mem = r.member.ospOut.mean;
    const can = r.canonical.ospOut.mean;
    const p = (k: keyof typeof PUBLISHED_OSP_OOD) => published[k].values[n].mean;
    const daHere = order(ens, mem);
    const daPaper = order(p('ensemble'), p('member'));
    const canHere = order(ens, can);
    const canPaper = order(p('ensemble'), p('canonical'));
    return { n, ens, mem, can, daHere, daPaper, canHere, canPaper, pe: p('ensemble'), pm: p('member'), pc: p('canonical') };
  });
  return (
    <div className="readout" data-testid="images-ordering">
      <p>
        What this lab reproduces: the ordering DeepEns+DA above “only DA”, the paper's point that ensembling boosts the invariance augmentation gives. What it
        does not: the canonicalisation row. The paper's canonicaliser is learned (Kaba et al.); this lab's is built from image moments, a different
        method, so its place relative to the ensemble need not match the paper's and is not evidence for or against it.
      </p>
      {rows.length === 0 ? (
        <p>Run a preset to compare the orderings per group.</p>
      ) : (
        <ul>
          {rows.map((x) => (
            <li key={x.n} data-testid={`images-ordering-C${x.n}`} data-da-match={String(x.daHere === x.daPaper)} data-canon-match={String(x.canHere === x.canPaper)}>
              C{x.n}: DeepEns+DA {x.ens.toFixed(2)} {x.daHere} only DA {x.mem.toFixed(2)} (paper {x.pe} {x.daPaper} {x.pm}):{' '}
              {x.daHere === x.daPaper ? 'reproduced' : 'not reproduced in this run'}. DeepEns+DA {x.ens.toFixed(2)} {x.canHere} Canon {x.can.toFixed(2)} (paper{' '}
              {x.pe} {x.canPaper} {x.pc}): {x.canHere === x.canPaper ? 'same order as the paper' : 'reversed against the paper'}, with a different canonicaliser.
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
