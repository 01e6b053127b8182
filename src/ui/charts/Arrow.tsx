/** Arrow from (x, y) along (dx, dy) in SVG units. */
export function Arrow({ x, y, dx, dy, color, width = 1.5 }: { x: number; y: number; dx: number; dy: number; color: string; width?: number }) {
  const len = Math.hypot(dx, dy);
  if (len < 1e-9) return null;
  const ux = dx / len;
  const uy = dy / len;
  const head = Math.min(6, 0.45 * len);
  const hx = x + dx;
  const hy = y + dy;
  return (
    <g stroke={color} fill={color} strokeWidth={width}>
      <line x1={x} y1={y} x2={hx - ux * head * 0.6} y2={hy - uy * head * 0.6} />
      <polygon
        points={`${hx},${hy} ${hx - ux * head - uy * head * 0.5},${hy - uy * head + ux * head * 0.5} ${hx - ux * head + uy * head * 0.5},${hy - uy * head - ux * head * 0.5}`}
        stroke="none"
      />
    </g>
  );
}
