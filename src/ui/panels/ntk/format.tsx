/** Number formatting and the readout element the NTK panel exposes to tests (data-testid + data-value). */
import type { ReactNode } from 'react';

/** 3 significant digits; exponent form below 1e-3; '–' for non-finite. */
export function fmt(v: number | undefined | null, digits = 3): string {
  if (v === undefined || v === null || !Number.isFinite(v)) return '–';
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) return v.toExponential(Math.max(0, digits - 1));
  return v.toPrecision(digits);
}

/** A number on screen: its text, and its full value in data-value for tests ('NaN' while there is none). */
export function Num({ testId, value, digits, extra, children }: { testId: string; value: number | undefined | null; digits?: number; extra?: Record<string, string | number>; children?: ReactNode }) {
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries(extra ?? {})) data[`data-${k}`] = String(v);
  return (
    <output className="readout" data-testid={testId} data-value={value !== undefined && value !== null ? String(value) : 'NaN'} {...data}>
      {children ?? fmt(value, digits)}
    </output>
  );
}

/** A labelled progress bar for a worker task. */
export function TaskProgress({ label, done, total, text }: { label: string; done: number; total: number; text: string }) {
  const pct = total > 0 ? Math.min(100, (100 * done) / total) : 0;
  return (
    <div className="ntk-progress">
      <div className="progress-bar" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)}>
        <div style={{ width: `${pct}%` }} />
      </div>
      <span className="readout" aria-live="polite">
        {Math.round(pct)}%: {text}
      </span>
    </div>
  );
}
