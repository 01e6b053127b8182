import { interpolateRdBu, rgb } from 'd3';
import { formatEntry } from './formatEntry';

/** A matrix shown as a table of numbers, shaded by value, with a caption naming it. */
export function MatrixTable({
  matrix,
  caption,
  testId,
  digits = 3,
  rowLabels,
  colLabels,
  compact = false,
}: {
  matrix: number[][];
  caption: string;
  testId?: string;
  digits?: number;
  rowLabels?: string[];
  colLabels?: string[];
  compact?: boolean;
}) {
  const limit = Math.max(1e-12, ...matrix.flat().map(Math.abs));
  return (
    <table className={`numbers matrix-table${compact ? ' compact' : ''}`} data-testid={testId}>
      <caption>{caption}</caption>
      {colLabels && (
        <thead>
          <tr>
            {rowLabels && <th scope="col" aria-label="row" />}
            {colLabels.map((c, j) => (
              <th key={j} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
      )}
      <tbody>
        {matrix.map((row, i) => (
          <tr key={i}>
            {rowLabels && <th scope="row">{rowLabels[i]}</th>}
            {row.map((x, j) => (
              <td key={j} style={{ background: cellColor(x, limit) }}>
                {formatEntry(x, digits)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function cellColor(x: number, limit: number): string {
  if (Math.abs(x) < 1e-12) return 'transparent';
  // Light tints only, so the black numbers on top keep WCAG AA contrast.
  const c = rgb(interpolateRdBu(0.5 + 0.2 * (x / limit)));
  return c.formatRgb();
}
