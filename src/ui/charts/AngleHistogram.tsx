/**
 * Counts of angles in equal bins over [−π, π), with the uniform expectation (total / bins) as a dashed line: the
 * picture of a χ² uniformity test.
 */
export function AngleHistogram({ counts, label, width: S = 220 }: { counts: Uint32Array; label: string; width?: number }) {
  const n = counts.reduce((a, v) => a + v, 0);
  const e = n / counts.length;
  const max = Math.max(e * 2, ...counts);
  const H = 80;
  const w = S / counts.length;
  return (
    <svg viewBox={`0 0 ${S} ${H + 14}`} width="100%" style={{ maxWidth: S }} role="img" aria-label={`${label}: angle histogram, ${counts.length} bins, uniform expectation ${e.toFixed(0)} per bin`}>
      {Array.from(counts, (c, i) => (
        <rect key={i} className="hist-bar" x={i * w + 0.5} width={w - 1} y={H - (H * c) / max} height={(H * c) / max} fill="#8fb3d9" />
      ))}
      <line x1={0} x2={S} y1={H - (H * e) / max} y2={H - (H * e) / max} stroke="#c0561b" strokeDasharray="4 3" />
      <text x={0} y={H + 12} fontSize={9}>
        −π
      </text>
      <text x={S} y={H + 12} fontSize={9} textAnchor="end">
        π
      </text>
    </svg>
  );
}
