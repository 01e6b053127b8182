/**
 * The training points as an editable table: keyboard access to everything the heatmap's click/drag editing does.
 */
import type { ToyPoint } from '../../../core/data/toySets';
import { ColumnHeads } from '../../common/ColumnHeads';

interface Props {
  points: ToyPoint[];
  selected: number | null;
  onSelect: (i: number | null) => void;
  onChange: (points: ToyPoint[]) => void;
}

export function PointEditor({ points, selected, onSelect, onChange }: Props) {
  const set = (i: number, p: ToyPoint) => onChange(points.map((q, j) => (j === i ? p : q)));
  return (
    <div className="point-editor">
      <table className="numbers">
        <caption>Training points (click the mean heatmap to add; drag to move; select and press Delete to remove)</caption>
        <ColumnHeads columns={['#', 'x', 'y', 'target', 'actions']} />
        <tbody>
          {points.map((p, i) => (
            <tr key={i} aria-selected={selected === i} className={selected === i ? 'selected' : undefined}>
              <td>
                <button type="button" onClick={() => onSelect(selected === i ? null : i)} aria-label={`Select point ${i + 1}`} aria-pressed={selected === i}>
                  {i + 1}
                </button>
              </td>
              {[0, 1].map((c) => (
                <td key={c}>
                  <input
                    type="number"
                    step={0.1}
                    min={-3}
                    max={3}
                    aria-label={`Point ${i + 1} ${c === 0 ? 'x' : 'y'}`}
                    defaultValue={p.x[c]}
                    key={`${p.x[c]}`}
                    onBlur={(e) => {
                      const v = Number(e.target.value);
                      if (!Number.isFinite(v) || v === p.x[c]) return;
                      const x: [number, number] = [p.x[0], p.x[1]];
                      x[c] = v;
                      set(i, { ...p, x });
                    }}
                  />
                </td>
              ))}
              <td>
                <button
                  type="button"
                  aria-label={`${p.y > 0 ? '+' : ''}${p.y}: toggle target of point ${i + 1}`}
                  onClick={() => set(i, { ...p, y: p.y > 0 ? -1 : 1 })}
                >
                  {p.y > 0 ? '+' : ''}
                  {p.y}
                </button>
              </td>
              <td>
                <button type="button" aria-label={`Remove point ${i + 1}`} onClick={() => onChange(points.filter((_, j) => j !== i))}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => onChange([...points, { x: [1, 1], y: 1 }])} disabled={points.length >= 24}>
        Add point
      </button>
    </div>
  );
}
