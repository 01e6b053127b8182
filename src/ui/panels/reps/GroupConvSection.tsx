/**
 * Section 7: group convolution. A small image is lifted to p4 (four rotation channels) and group-convolved. Rotating
 * the input rotates the output maps and cycles them; the measured equivariance error is float32 rounding, set beside
 * an ordinary CNN filter bank with random weights.
 */
import { useMemo, useState } from 'react';
import {
  convolveFilterBank,
  filterBankEquivarianceError,
  liftToP4,
  p4EquivarianceError,
  p4GroupConvolution,
  randomFilter,
  rotateImage90,
  type SquareImage,
} from '../../../core/groups';
import { Rng } from '../../../core/rng';
import { GridImage } from '../../charts/GridImage';
import { clampInteger } from './inputs';
import { DraftNumberInput } from './DraftNumberInput';
import { formatError } from './repsStore';
import { Tex } from '../../common/LazyTex';

const SIZE = 15;

/** A letter-F–like shape: no rotation maps it to itself, so every quarter turn is visible. */
function letterImage(): SquareImage {
  const data = new Float32Array(SIZE * SIZE);
  const on = (i: number, j: number) => (data[i * SIZE + j] = 1);
  for (let i = 3; i <= 11; i++) on(i, 5);
  for (let j = 5; j <= 10; j++) on(3, j);
  for (let j = 5; j <= 8; j++) on(7, j);
  on(11, 9);
  // A light blur so the maps are smooth; zero padding keeps it rotation-compatible.
  const blurred = new Float32Array(SIZE * SIZE);
  for (let i = 0; i < SIZE; i++)
    for (let j = 0; j < SIZE; j++) {
      let acc = 0;
      for (let a = -1; a <= 1; a++)
        for (let b = -1; b <= 1; b++) {
          const ii = i + a;
          const jj = j + b;
          if (ii >= 0 && ii < SIZE && jj >= 0 && jj < SIZE) acc += data[ii * SIZE + jj] * (a === 0 && b === 0 ? 0.5 : 0.0625);
        }
      blurred[i * SIZE + j] = Math.fround(acc);
    }
  return { size: SIZE, data: blurred };
}

const IMAGE = letterImage();

export function GroupConvSection() {
  const [quarterTurns, setQuarterTurns] = useState(0);
  const [seed, setSeed] = useState(1);
  const [seedNotice, setSeedNotice] = useState<string | null>(null);

  const filters = useMemo(() => {
    const rng = new Rng(seed, 7);
    return {
      lift: randomFilter(5, rng),
      group: [0, 1, 2, 3].map(() => randomFilter(3, rng)),
      bank: [0, 1, 2, 3].map(() => randomFilter(5, rng)),
    };
  }, [seed]);

  const view = useMemo(() => {
    const input = rotateImage90(IMAGE, quarterTurns);
    const lifted = liftToP4(input, filters.lift);
    return { input, lifted, convolved: p4GroupConvolution(lifted, filters.group), cnn: convolveFilterBank(input, filters.bank) };
  }, [quarterTurns, filters]);
  // The errors depend on the filters only: they are measured over all three quarter turns.
  const errors = useMemo(() => {
    let gconvError = 0;
    let cnnError = 0;
    for (const u of [1, 2, 3]) {
      gconvError = Math.max(gconvError, p4EquivarianceError((f) => p4GroupConvolution(liftToP4(f, filters.lift), filters.group), IMAGE, u));
      cnnError = Math.max(cnnError, filterBankEquivarianceError(filters.bank, IMAGE, u));
    }
    return { gconvError, cnnError };
  }, [filters]);

  const limitOf = (maps: SquareImage[]) => Math.max(1e-9, ...maps.flatMap((m) => Array.from(m.data, Math.abs)));
  return (
    <section className="reps-section" aria-labelledby="reps-gconv">
      <h3 id="reps-gconv">7. Group convolution (p4)</h3>
      <p>
        For the regular representation the equivariant linear layers are group convolutions, <Tex>{'[\\psi \\star f](g) = \\sum_h \\psi(h^{-1}g)\\, f(h)'}</Tex>. The lifting
        layer correlates the image with the filter rotated by <Tex>{'r = 0, 1, 2, 3'}</Tex> quarter turns; the group convolution also cycles the
        rotation channels. Rotate the input: the maps rotate <em>and</em> move one channel along.
      </p>
      <div className="controls" role="group" aria-label="Group convolution settings">
        <fieldset className="reps-radios">
          <legend>Rotate input by</legend>
          {[0, 1, 2, 3].map((u) => (
            <label key={u}>
              <input type="radio" name="gconv-rotation" value={u} checked={quarterTurns === u} onChange={() => setQuarterTurns(u)} />
              {90 * u}°
            </label>
          ))}
        </fieldset>
        <DraftNumberInput
          label="Filter seed"
          value={seed}
          min={0}
          max={9999}
          step={1}
          onEntry={(raw) => {
            const c = clampInteger(raw, seed, 0, 9999, 'seed');
            setSeed(c.value);
            setSeedNotice(c.message);
            return c.value;
          }}
        />
      </div>
      {seedNotice && (
        <p role="status" className="notice">
          {seedNotice}
        </p>
      )}
      <div className="gconv-row">
        <GridImage values={view.input.data} size={SIZE} title={`Input, rotated ${90 * quarterTurns}°`} pixels={105} testId="gconv-input" />
      </div>
      <h4>Lifted to p4: [f ⋆ ψ](x, r)</h4>
      <div className="gconv-row">
        {view.lifted.map((m, r) => (
          <GridImage key={r} values={m.data} size={SIZE} limit={limitOf(view.lifted)} title={`r = ${r}`} pixels={90} />
        ))}
      </div>
      <h4>After a p4 group convolution</h4>
      <div className="gconv-row">
        {view.convolved.map((m, r) => (
          <GridImage key={r} values={m.data} size={SIZE} limit={limitOf(view.convolved)} title={`r = ${r}`} pixels={90} />
        ))}
      </div>
      <h4>Ordinary CNN, 4 random filters</h4>
      <div className="gconv-row">
        {view.cnn.map((m, c) => (
          <GridImage key={c} values={m.data} size={SIZE} limit={limitOf(view.cnn)} title={`channel ${c}`} pixels={90} />
        ))}
      </div>
      <table className="numbers" data-testid="gconv-errors">
        <caption>Equivariance error, max over the three quarter turns: ‖Φ(R f) − L_R Φ(f)‖∞ / ‖Φ(f)‖∞</caption>
        <tbody>
          <tr>
            <th scope="row">p4 lift → group conv (float32)</th>
            <td data-testid="gconv-error" data-value={errors.gconvError}>
              {formatError(errors.gconvError)}
            </td>
          </tr>
          <tr>
            <th scope="row">ordinary CNN (best channel relabelling)</th>
            <td data-testid="cnn-error" data-value={errors.cnnError}>
              {errors.cnnError.toFixed(3)}
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
