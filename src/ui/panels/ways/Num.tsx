/** A number with its exact value exposed as data-value (for tests and screen readers), optionally ± a spread. */
export function fmt(v: number | undefined, digits = 3): string {
  if (v === undefined || !Number.isFinite(v)) return '–';
  if (v === 0) return '0';
  return v.toPrecision(digits);
}

export function Num({ id, v, spread, digits = 3 }: { id: string; v: number | undefined; spread?: number; digits?: number }) {
  const ok = v !== undefined && Number.isFinite(v);
  return (
    <span data-testid={id} data-value={ok ? String(v) : ''} data-spread={spread !== undefined && Number.isFinite(spread) ? String(spread) : undefined}>
      {fmt(v, digits)}
      {spread !== undefined && Number.isFinite(spread) ? ` ± ${fmt(spread, 2)}` : ''}
    </span>
  );
}
