/**
 * A button that stays focusable while unavailable. A natively disabled button that has focus (Play, when a run
 * ends) drops focus to the page body, so a keyboard user has to start again from the top; aria-disabled keeps the
 * focus where it was, is announced as unavailable, and the click is ignored here instead.
 */
import type { ButtonHTMLAttributes } from 'react';

type Props = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'disabled'> & { unavailable: boolean };

export function FocusSafeButton({ unavailable, onClick, ...rest }: Props) {
  return (
    <button
      type="button"
      {...rest}
      aria-disabled={unavailable ? true : undefined}
      onClick={(e) => {
        if (unavailable) {
          e.preventDefault();
          return;
        }
        onClick?.(e);
      }}
    />
  );
}
