/**
 * A table's header row: one `<th scope="col">` per column, so screen readers name each cell by its column. An empty
 * string leaves the corner above the row headers blank.
 */
import type { ReactNode } from 'react';

export function ColumnHeads({ columns }: { columns: readonly ReactNode[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) => (
          <th scope="col" key={i}>
            {c}
          </th>
        ))}
      </tr>
    </thead>
  );
}
