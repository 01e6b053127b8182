/** Planar samples (interleaved x, y) as dots in a square of half-width `extent`, axes through the origin. */
export function PointScatter({ points, label, extent, size: S = 220 }: { points: Float64Array; label: string; extent: number; size?: number }) {
  let d = '';
  const s = S / (2 * extent);
  for (let i = 0; i < points.length; i += 2) {
    const x = S / 2 + points[i] * s;
    const y = S / 2 - points[i + 1] * s;
    if (x < 0 || x > S || y < 0 || y > S) continue;
    d += `M${x.toFixed(1)},${y.toFixed(1)}h0`;
  }
  return (
    <svg viewBox={`0 0 ${S} ${S}`} width="100%" style={{ maxWidth: S }} role="img" aria-label={`${label}: ${points.length / 2} samples`}>
      <rect width={S} height={S} fill="#fbfbfb" stroke="#ddd" />
      <line x1={0} x2={S} y1={S / 2} y2={S / 2} stroke="#eee" />
      <line y1={0} y2={S} x1={S / 2} x2={S / 2} stroke="#eee" />
      <path d={d} stroke="#1f5fa8" strokeWidth={2.2} strokeLinecap="round" opacity={0.45} />
    </svg>
  );
}
