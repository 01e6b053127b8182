/**
 * Key forwarding for embedded figures: a speaker clicks into a figure (the iframe takes focus), then presses
 * ArrowRight, PageDown or Space on a clicker; those keys belong to the deck. The figure posts every navigation key
 * it does not use itself to its parent as `{ v: 1, source: "symmetry-lab", type: "key", key, code, shiftKey }`,
 * and never traps them: after a mouse click a control gives its focus back, so the next key goes to the deck.
 */

/** Keys a deck navigates with (reveal.js, plain decks, presentation clickers: PageUp/PageDown, "b"/"." blank). */
export const NAV_KEYS: readonly string[] = ['ArrowRight', 'ArrowLeft', 'ArrowUp', 'ArrowDown', 'PageDown', 'PageUp', ' ', 'Home', 'End', 'Escape', 'b', 'B', '.'];

/** Keys a focused control of each kind acts on itself (a keyboard user driving a slider keeps its arrows). */
const USED_BY_RANGE = ['ArrowRight', 'ArrowLeft', 'ArrowUp', 'ArrowDown', 'PageDown', 'PageUp', 'Home', 'End'];
const USED_BY_BUTTON = [' ', 'Enter'];

export interface KeyTarget {
  /** Lower-case tag name of the focused element ("body" when nothing is focused). */
  tag: string;
  /** `type` of an input element. */
  inputType?: string;
  /** contenteditable or a role that takes text. */
  editable?: boolean;
}

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

/**
 * Whether a keydown belongs to the deck: a navigation key, no Ctrl/Alt/Meta (browser shortcuts stay in the frame),
 * and not a key the focused control uses (a slider's arrows, a button's Space, anything typed into a text field).
 */
export function isDeckKey(e: KeyLike, target: KeyTarget): boolean {
  if (e.ctrlKey || e.altKey || e.metaKey) return false;
  if (!NAV_KEYS.includes(e.key)) return false;
  if (target.editable || target.tag === 'textarea' || target.tag === 'select') return false;
  if (target.tag === 'input') {
    const t = (target.inputType ?? 'text').toLowerCase();
    if (t === 'range') return !USED_BY_RANGE.includes(e.key);
    if (t === 'radio') return !USED_BY_RANGE.includes(e.key) && !USED_BY_BUTTON.includes(e.key);
    if (t === 'checkbox' || t === 'button' || t === 'submit' || t === 'reset') return !USED_BY_BUTTON.includes(e.key);
    return false; // text, number, …: every key types
  }
  if (target.tag === 'button' || target.tag === 'a' || target.tag === 'summary') return !USED_BY_BUTTON.includes(e.key);
  return true;
}

function describe(el: Element | null): KeyTarget {
  if (!el) return { tag: 'body' };
  const tag = el.tagName.toLowerCase();
  const editable = (el as HTMLElement).isContentEditable || el.getAttribute('role') === 'textbox';
  return { tag, inputType: tag === 'input' ? (el as HTMLInputElement).type : undefined, editable };
}

export interface KeyForwardOptions {
  win: Window;
  /** Post `{ type: "key", key, code, shiftKey }` to the parent (the embed channel adds v and source). */
  post: (event: { type: 'key'; key: string; code: string; shiftKey: boolean }) => void;
}

/**
 * Forward deck keys to the parent and hand focus back after mouse clicks on controls. Returns the uninstaller.
 * Keyboard users who Tab to a control keep it focused (they navigate the figure with the keyboard on purpose).
 */
export function installKeyForwarding({ win, post }: KeyForwardOptions): () => void {
  const doc = win.document;
  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.isComposing) return;
    if (!isDeckKey(e, describe(doc.activeElement === doc.body ? null : doc.activeElement))) return;
    // The deck acts on it; the frame must not scroll or press anything as well.
    e.preventDefault();
    post({ type: 'key', key: e.key, code: e.code, shiftKey: e.shiftKey });
  };
  // A click leaves focus on the clicked button or slider, which would then swallow Space or the arrows: give it
  // back once the pointer interaction is over (focus stays inside the frame's document, so keys still arrive here).
  const onPointerUp = (e: PointerEvent) => {
    if (e.pointerType === '') return;
    win.setTimeout(() => {
      const el = doc.activeElement as HTMLElement | null;
      if (el && el !== doc.body && el.matches('button, a, input[type="range"], input[type="checkbox"], summary')) el.blur();
    }, 0);
  };
  win.addEventListener('keydown', onKey);
  win.addEventListener('pointerup', onPointerUp, true);
  return () => {
    win.removeEventListener('keydown', onKey);
    win.removeEventListener('pointerup', onPointerUp, true);
  };
}
