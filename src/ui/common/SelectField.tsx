/** A labelled <select> over fixed options; keyboard-operable by construction. */
export function SelectField<T extends string | number>({
  label,
  value,
  options,
  onChange,
  testId,
  format,
}: {
  label: string;
  value: T;
  options: readonly T[];
  onChange: (v: T) => void;
  testId?: string;
  format?: (v: T) => string;
}) {
  const opts = options.includes(value) ? options : [...options, value];
  return (
    <label className="field">
      {label}{' '}
      <select
        data-testid={testId}
        value={String(value)}
        onChange={(e) => {
          const raw = e.target.value;
          const found = opts.find((o) => String(o) === raw);
          if (found !== undefined) onChange(found);
        }}
      >
        {opts.map((o) => (
          <option key={String(o)} value={String(o)}>
            {format ? format(o) : String(o)}
          </option>
        ))}
      </select>
    </label>
  );
}
