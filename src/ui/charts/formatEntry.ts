/** A matrix entry to `digits` decimals with a true minus sign, and "−0.000" shown as "0.000". */
export function formatEntry(x: number, digits = 3): string {
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s.replace('-', '−');
}
