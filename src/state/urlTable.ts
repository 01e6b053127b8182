/**
 * Typed URL tables: each panel declares ONE table of its settings (URL name, type, default, range and the label a
 * user reads), and this file is the one piece of code that reads, clamps and writes them. Reading never throws: a
 * value that cannot be used falls back to the default, an out-of-range one is clamped, and either way a notice in
 * the user's words ("E 5000 is above 256; using 256") says what changed. Defaults are kept out of the URL, so a
 * link holds only what differs.
 */

/** One setting of a panel as the URL holds it. */
export interface UrlField<V> {
  /** URL parameter name (short: it is typed into links). */
  param: string;
  /** What the user sees on the control; every notice names the setting by this label. */
  label: string;
  default: V;
  /** The allowed values in words, e.g. "1–256" or "relu, tanh" (shown in docs and notices). */
  range: string;
  /** Raw URL text → value; returns the clamped or default value with a notice when the text was not usable. */
  read(raw: string): { value: V; notice?: string };
  /** Value → URL text (read(write(v)).value equals v for every valid v). */
  write(value: V): string;
  /** Equality used to keep defaults out of the URL (default: same written text). */
  equals?(a: V, b: V): boolean;
}

/** A panel's table: one field per setting, keyed by the setting's name in the panel's values object. */
export interface UrlTable<T> {
  /** The panel id, e.g. "orbit". */
  name: string;
  fields: { [K in keyof T]: UrlField<T[K]> };
}

// Numbers in links must be written in decimal: "0x10", "1e1.5" or " 5" are read by Number() but are not what a link means.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const show = (v: string) => (v.length > 40 ? `${v.slice(0, 40)}…` : v);

/**
 * A number in [min, max] (rounded when `integer`). Non-numbers fall back to the default; out-of-range values are
 * clamped: x ↦ min(max, max(min, x)).
 */
export function numberField(
  param: string,
  label: string,
  def: number,
  min: number,
  max: number,
  integer: boolean,
): UrlField<number> {
  return {
    param,
    label,
    default: def,
    range: `${integer ? 'whole number ' : ''}${min}–${max}`,
    read(raw) {
      const t = raw.trim();
      const v = t === '' ? NaN : Number(t);
      if (!Number.isFinite(v)) return { value: def, notice: `${label} “${show(raw)}” is not a number; using ${def}` };
      const decimalNote = DECIMAL.test(raw) ? undefined : `${label} “${show(raw)}” is not a decimal number; reading it as ${v}`;
      const r = integer ? Math.round(v) : v;
      if (r < min) return { value: min, notice: `${label} ${v} is below ${min}; using ${min}` };
      if (r > max) return { value: max, notice: `${label} ${v} is above ${max}; using ${max}` };
      if (r !== v) return { value: r, notice: `${label} ${v} is not a whole number; using ${r}` };
      return { value: r, notice: decimalNote };
    },
    write: (v) => String(integer ? Math.round(v) : v),
    equals: (a, b) => a === b,
  };
}

/** 0/1 (true/false also read). */
export function boolField(param: string, label: string, def: boolean): UrlField<boolean> {
  return {
    param,
    label,
    default: def,
    range: '0 or 1',
    read(raw) {
      if (raw === '1' || raw === 'true') return { value: true };
      if (raw === '0' || raw === 'false') return { value: false };
      return { value: def, notice: `${label} “${show(raw)}” must be 0 or 1; using ${def ? 1 : 0}` };
    },
    write: (v) => (v ? '1' : '0'),
  };
}

/** One of a fixed list of names; anything else falls back to the default with a notice. */
export function choiceField<V extends string>(param: string, label: string, def: V, options: readonly V[]): UrlField<V> {
  return {
    param,
    label,
    default: def,
    range: options.join(', '),
    read(raw) {
      if ((options as readonly string[]).includes(raw)) return { value: raw as V };
      return { value: def, notice: `unknown ${label} “${show(raw)}”; using ${def}` };
    },
    write: (v) => v,
  };
}

/** Read every field of `table` from `params`; absent fields take their defaults. Never throws. */
export function readTable<T>(table: UrlTable<T>, params: URLSearchParams): { values: T; notices: string[] } {
  const values = {} as T;
  const notices: string[] = [];
  for (const key of Object.keys(table.fields) as (keyof T)[]) {
    const f = table.fields[key];
    const raw = params.get(f.param);
    if (raw === null) {
      values[key] = f.default;
      continue;
    }
    try {
      const { value, notice } = f.read(raw);
      values[key] = value;
      if (notice) notices.push(notice);
    } catch (e) {
      values[key] = f.default;
      notices.push(`${f.label} “${show(raw)}” could not be read (${String(e)}); using the default`);
    }
  }
  return { values, notices };
}

function sameValue<V>(f: UrlField<V>, a: V, b: V): boolean {
  return f.equals ? f.equals(a, b) : f.write(a) === f.write(b);
}

/**
 * Write the given values into a copy of `base`: a value equal to its default is removed from the URL, any other is
 * set. Fields not in `values` and parameters that belong to no field are kept as they are.
 */
export function writeTable<T>(table: UrlTable<T>, values: Partial<T>, base: URLSearchParams = new URLSearchParams()): URLSearchParams {
  const out = new URLSearchParams(base);
  for (const key of Object.keys(values) as (keyof T)[]) {
    const f = table.fields[key];
    if (!f) continue;
    const v = values[key] as T[keyof T];
    if (sameValue(f, v, f.default)) out.delete(f.param);
    else out.set(f.param, f.write(v));
  }
  return out;
}

/** The URL parameter names a table uses. */
export function tableParams<T>(table: UrlTable<T>): string[] {
  return Object.values<UrlField<unknown>>(table.fields as Record<string, UrlField<unknown>>).map((f) => f.param);
}
