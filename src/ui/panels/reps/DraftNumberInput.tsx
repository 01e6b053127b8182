/**
 * A number field that keeps what is being typed apart from the value in use. An empty field or a lone minus sign
 * mid-edit is left alone; every other entry goes to `onEntry`, which clamps it (saying why in the panel) and returns
 * the value it used. When that differs from what was typed the field shows the value used at once; it shows it again
 * on blur, and whenever the value changes from outside (another control, the URL).
 */
import { useEffect, useState } from 'react';

export function DraftNumberInput({
  label,
  value,
  min,
  max,
  step,
  onEntry,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onEntry: (raw: string) => number;
}) {
  const [text, setText] = useState(String(value));
  // Only when the value really differs from the draft: "0." on the way to "0.5" reads as 0 and must stay as typed.
  useEffect(() => setText((t) => (Number(t) === value ? t : String(value))), [value]);
  return (
    <label>
      {label}
      <input
        type="number"
        min={min}
        max={max}
        step={step}
        value={text}
        onChange={(e) => {
          const raw = e.target.value;
          setText(raw);
          if (raw.trim() === '' || raw === '-') return;
          const used = onEntry(raw);
          if (used !== Number(raw)) setText(String(used));
        }}
        onBlur={() => setText(String(value))}
      />
    </label>
  );
}
