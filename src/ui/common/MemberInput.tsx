/**
 * Picks one ensemble member by its index 0 … count − 1. A typed value is rounded and clamped into that range as it is
 * typed (an empty or unreadable entry reads as member 0), so a figure never asks for a member that does not exist.
 */
export function MemberInput({ label, ariaLabel, value, count, onChange }: { label: string; ariaLabel: string; value: number; count: number; onChange: (member: number) => void }) {
  return (
    <label>
      {label}{' '}
      <input
        type="number"
        min={0}
        max={count - 1}
        value={value}
        aria-label={ariaLabel}
        onChange={(e) => onChange(Math.min(count - 1, Math.max(0, Math.round(Number(e.target.value) || 0))))}
      />
    </label>
  );
}
