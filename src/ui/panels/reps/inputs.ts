/** Parsing and clamping of the panel's numeric inputs, with a message whenever a request is not honoured as typed. */
import { MAX_SPIN } from '../../../core/groups';

export interface Clamped {
  value: number;
  /** Why the value differs from what was typed, or null when it was taken as is. */
  message: string | null;
}

/** A spin j: a multiple of ½ in [0, MAX_SPIN]. Out-of-range values are clamped, others rounded to the nearest ½. */
export function clampSpin(raw: string, previous: number, name: string): Clamped {
  const x = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(x)) return { value: previous, message: `${name} must be a number; keeping ${name} = ${previous}.` };
  if (x > MAX_SPIN) return { value: MAX_SPIN, message: `${name} = ${x} is above the supported limit ${MAX_SPIN}; using ${name} = ${MAX_SPIN}.` };
  if (x < 0) return { value: 0, message: `${name} = ${x} is negative; spins are 0, ½, 1, …; using ${name} = 0.` };
  const rounded = Math.round(2 * x) / 2;
  if (rounded !== x) return { value: rounded, message: `${name} = ${x} is not a multiple of ½; using ${name} = ${rounded}.` };
  return { value: x, message: null };
}

/** An integer in [lo, hi]; out-of-range values are clamped and non-integers rounded, with a message. */
export function clampInteger(raw: string, previous: number, lo: number, hi: number, name: string, why = ''): Clamped {
  const x = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(x)) return { value: previous, message: `${name} must be a whole number; keeping ${name} = ${previous}.` };
  if (x > hi) return { value: hi, message: `${name} = ${x} is above the limit ${hi}${why}; using ${name} = ${hi}.` };
  if (x < lo) return { value: lo, message: `${name} = ${x} is below ${lo}; using ${name} = ${lo}.` };
  if (!Number.isInteger(x)) return { value: Math.round(x), message: `${name} must be a whole number; using ${name} = ${Math.round(x)}.` };
  return { value: x, message: null };
}
