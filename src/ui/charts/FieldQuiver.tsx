/**
 * A vector field given as a function on the square [−extent, extent]², drawn as a 9 × 9 grid of arrows over a faint
 * 24 × 24 raster of a scalar field (blue positive, red negative, opacity ∝ |value| clipped to 1): with the gradient
 * of the background as the field, right arrows point up its slopes. Arrows are `arrowScale` SVG units per unit of
 * field strength in a 200-unit square.
 */
import type { ScalarField, VectorField } from '../../core/groups';
import { Arrow } from './Arrow';

const QUIVER = 9;
const SVG = 200;
const BACKGROUND_CELLS = 24;

export function FieldQuiver({ field, background, title, color, extent, arrowScale }: { field: VectorField; background: ScalarField; title: string; color: string; extent: number; arrowScale: number }) {
  const cells = [];
  const cell = SVG / BACKGROUND_CELLS;
  for (let i = 0; i < BACKGROUND_CELLS; i++)
    for (let j = 0; j < BACKGROUND_CELLS; j++) {
      const x = -extent + (2 * extent * (j + 0.5)) / BACKGROUND_CELLS;
      const y = extent - (2 * extent * (i + 0.5)) / BACKGROUND_CELLS;
      const v = Math.max(-1, Math.min(1, background(x, y)));
      cells.push(<rect key={`${i}-${j}`} x={j * cell} y={i * cell} width={cell + 0.3} height={cell + 0.3} fill={v >= 0 ? '#2a5db0' : '#c0392b'} opacity={0.28 * Math.abs(v)} />);
    }
  const arrows = [];
  const step = (2 * extent) / (QUIVER - 1);
  const scale = SVG / (2 * extent);
  for (let a = 0; a < QUIVER; a++)
    for (let b = 0; b < QUIVER; b++) {
      const x = -extent + a * step;
      const y = -extent + b * step;
      const [fx, fy] = field(x, y);
      arrows.push(<Arrow key={`${a}-${b}`} x={(x + extent) * scale} y={(extent - y) * scale} dx={fx * arrowScale} dy={-fy * arrowScale} color={color} width={1.3} />);
    }
  return (
    <figure>
      <svg viewBox={`-6 -6 ${SVG + 12} ${SVG + 12}`} width="100%" style={{ maxWidth: 210 }} role="img" aria-label={title}>
        <rect x={0} y={0} width={SVG} height={SVG} fill="#fafbfc" stroke="#ddd" />
        {cells}
        {arrows}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}
