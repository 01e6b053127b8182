/** A grey-scale image (values in [0, 1], 1 drawn black) on a canvas, one pixel per value. */
import { useEffect, useRef } from 'react';

export function GreyImage({ image, size, label }: { image: Float32Array; size: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(size, size);
    for (let p = 0; p < size * size; p++) {
      const v = Math.round(255 * (1 - Math.min(1, Math.max(0, image[p]))));
      img.data[4 * p] = img.data[4 * p + 1] = img.data[4 * p + 2] = v;
      img.data[4 * p + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [image, size]);
  return <canvas ref={ref} width={size} height={size} className="probe-image" role="img" aria-label={label} />;
}
