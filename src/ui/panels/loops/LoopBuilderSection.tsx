/**
 * The loop builder: a path clicked (or typed with the arrow keys) site by site, or an R×T rectangle at the cursor;
 * a closed path becomes the loop, and its matrix is compared before and after gauge transformations.
 */
import { memo, useMemo } from 'react';
import { checkSitePath, siteLabel } from '../../../core/lattice';
import { useLoopsStore } from '../../../state/loopsStore';
import { rectangleFromInputs } from '../../../state/loopsSettings';
import { fmt, matrixInline } from '../../charts/latticeFormat';
import { Tex } from '../../common/Tex';
import { NoticeList } from './NoticeList';
import { useLoopReport } from './useLoopReport';

const REASON_ID = 'loop-builder-reason';

function PathControls() {
  const dims = useLoopsStore((s) => s.config.field.geom.dims);
  const path = useLoopsStore((s) => s.path);
  const builderMessage = useLoopsStore((s) => s.builderMessage);
  const { submitLoop, undoSite, clearPath } = useLoopsStore.getState();
  const check = useMemo(() => checkSitePath(dims, path), [dims, path]);
  return (
    <>
      <p className="readout" data-testid="loop-path">
        Path: {path.length ? path.map((x) => siteLabel(dims, x)).join(' → ') : '(empty)'}
      </p>
      <p role="status" id={REASON_ID} className={check.closed ? 'readout' : 'notice'} data-testid="loop-reason">
        {builderMessage ?? (check.closed ? 'The path is closed: it can be used as a loop.' : check.reason)}
      </p>
      <div className="controls">
        <button type="button" onClick={submitLoop} disabled={!check.closed} aria-describedby={REASON_ID}>
          Use path as loop
        </button>
        <button type="button" onClick={undoSite} disabled={path.length === 0}>
          Undo last site
        </button>
        <button type="button" onClick={clearPath} disabled={path.length === 0}>
          Clear path
        </button>
      </div>
    </>
  );
}

function RectangleControls() {
  const rect = useLoopsStore((s) => s.rect);
  const L = useLoopsStore((s) => s.config.field.geom.dims[0]);
  const { setRect, rectanglePath } = useLoopsStore.getState();
  const { notices } = rectangleFromInputs(rect.R, rect.T, L);
  return (
    <>
      <div className="controls">
        <label>
          R
          <input type="number" value={rect.R} onChange={(e) => setRect({ R: e.target.value })} min={1} />
        </label>
        <label>
          T
          <input type="number" value={rect.T} onChange={(e) => setRect({ T: e.target.value })} min={1} />
        </label>
        <button type="button" onClick={rectanglePath}>
          R×T rectangle path at the cursor
        </button>
      </div>
      <NoticeList notices={notices} testId="rect-notices" />
    </>
  );
}

function LoopTable() {
  const loop = useLoopsStore((s) => s.loop);
  const dims = useLoopsStore((s) => s.config.field.geom.dims);
  const r = useLoopReport();
  if (!loop || !r) return null;
  return (
    <table className="numbers loop-table" aria-label="Loop matrix before and after gauge transformations">
      <tbody>
        <tr>
          <th scope="row">
            base point <Tex>{'x_0'}</Tex>
          </th>
          <td>
            {siteLabel(dims, loop.start)}, {loop.steps.length} links
          </td>
        </tr>
        <tr>
          <th scope="row">
            <Tex>{'W'}</Tex> before
          </th>
          <td>{matrixInline(r.before)}</td>
        </tr>
        <tr>
          <th scope="row">
            <Tex>{'W'}</Tex> now
          </th>
          <td>{matrixInline(r.now)}</td>
        </tr>
        <tr>
          <th scope="row">
            <Tex>{'\\Omega(x_0)\\, W\\, \\Omega(x_0)^\\dagger'}</Tex>
          </th>
          <td>{matrixInline(r.predicted)}</td>
        </tr>
        <tr>
          <th scope="row">
            <Tex>{'\\lVert W_\\text{now} - \\Omega W \\Omega^\\dagger \\rVert'}</Tex>
          </th>
          <td data-testid="loop-conj-error" data-value={r.conjugationError}>
            {r.conjugationError.toExponential(2)} (<Tex>{'W'}</Tex> itself moved by {fmt(r.change, 3)})
          </td>
        </tr>
        <tr>
          <th scope="row">
            <Tex>{'\\operatorname{tr} W'}</Tex> before / now
          </th>
          <td data-testid="loop-trace">
            {fmt(r.traceBefore[0], 12)} / {fmt(r.traceNow[0], 12)}
          </td>
        </tr>
        <tr>
          <th scope="row">
            <Tex>{'W U_p(x_0)'}</Tex>: <Tex>{'\\lVert \\text{now} - \\Omega (\\text{before}) \\Omega^\\dagger \\rVert'}</Tex>
          </th>
          <td>{r.productError.toExponential(2)} (product of two loops at <Tex>{'x_0'}</Tex>: equivariant)</td>
        </tr>
      </tbody>
    </table>
  );
}

function LoopBuilderSectionImpl() {
  return (
    <div className="figure-card">
      <h3>Loop builder</h3>
      <PathControls />
      <RectangleControls />
      <LoopTable />
    </div>
  );
}

/** Memoised: the worker's progress re-renders the panel about 8 times a second; this section does not depend on it. */
export const LoopBuilderSection = memo(LoopBuilderSectionImpl);
