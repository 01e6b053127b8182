/**
 * The worker side of "pause while the page is hidden": a supervised worker created with `pauseWhenHidden` receives
 * `{ v: 1, type: 'pageVisibility', hidden }` whenever the page's visibility changes. Long loops ask `whenVisible()`
 * between slices, so a page left in a background tab stops computing and picks up where it was on return.
 */

export class VisibilityGate {
  private hidden = false;
  private waiting: (() => void)[] = [];

  get pageHidden(): boolean {
    return this.hidden;
  }

  /** Handle a `pageVisibility` message. Returns true when the message was consumed. */
  consume(data: unknown): boolean {
    if (!data || typeof data !== 'object') return false;
    const m = data as Record<string, unknown>;
    if (m.v !== 1 || m.type !== 'pageVisibility' || typeof m.hidden !== 'boolean') return false;
    this.hidden = m.hidden;
    if (!this.hidden) {
      const waiting = this.waiting;
      this.waiting = [];
      for (const resume of waiting) resume();
    }
    return true;
  }

  /** Resolves at once while the page is visible, else when it is shown again: `await` it between slices of work. */
  untilVisible(): Promise<void> {
    return this.hidden ? new Promise((resolve) => this.waiting.push(resolve)) : Promise.resolve();
  }

  /** Run `fn` now if the page is visible, else as soon as it becomes visible again. */
  whenVisible(fn: () => void): void {
    if (this.hidden) this.waiting.push(fn);
    else fn();
  }
}
