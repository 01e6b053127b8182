import { useEffect, useRef } from 'react';
import { DIVERGING_TABLE } from './colorMaps';

/** A scalar field on a square grid (row 0 at the top), drawn to canvas with the diverging map (blue positive). */
export function GridImage({ values, size, title, limit, testId, pixels = 120 }: { values: ArrayLike<number>; size: number; title: string; limit?: number; testId?: string; pixels?: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    let lim = limit ?? 0;
    if (!limit) for (let i = 0; i < values.length; i++) lim = Math.max(lim, Math.abs(values[i]));
    lim = Math.max(lim, 1e-12);
    const img = ctx.createImageData(size, size);
    for (let i = 0; i < size * size; i++) {
      const t = Math.round(255 * Math.min(1, Math.max(0, 0.5 + 0.5 * (values[i] / lim))));
      img.data[4 * i] = DIVERGING_TABLE[3 * t];
      img.data[4 * i + 1] = DIVERGING_TABLE[3 * t + 1];
      img.data[4 * i + 2] = DIVERGING_TABLE[3 * t + 2];
      img.data[4 * i + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [values, size, limit]);
  return (
    <figure className="grid-image" data-testid={testId}>
      <canvas ref={ref} width={size} height={size} style={{ width: pixels, height: pixels, imageRendering: 'pixelated' }} role="img" aria-label={title} />
      <figcaption>{title}</figcaption>
    </figure>
  );
}
