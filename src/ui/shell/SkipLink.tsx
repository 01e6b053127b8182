/**
 * "Skip to controls": the first Tab stop on a lab page, so a keyboard user reaches Play without tabbing through the
 * header's links. Routing uses the URL hash, so this cannot be a plain #fragment link: it moves focus itself, to
 * the first usable control of the lab's marked controls (data-skip-target), else of its first control group.
 */
const MARKED = 'main [data-skip-target]';
const FALLBACK = 'main [role="group"], main .controls';
const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

export function focusLabControls(root: ParentNode = document): boolean {
  // A selector list matches in document order, so the marked target is looked up on its own first.
  const target = root.querySelector<HTMLElement>(MARKED) ?? root.querySelector<HTMLElement>(FALLBACK);
  if (!target) return false;
  const control = target.querySelector<HTMLElement>(FOCUSABLE);
  if (control) {
    control.focus();
  } else {
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
  }
  target.scrollIntoView?.({ block: 'nearest' });
  return true;
}

export function SkipLink() {
  return (
    <a
      className="skip-link"
      href="#main"
      data-testid="skip-to-controls"
      onClick={(e) => {
        e.preventDefault();
        focusLabControls();
      }}
    >
      Skip to controls
    </a>
  );
}
