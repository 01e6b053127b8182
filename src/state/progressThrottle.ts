/**
 * At most one progress update per interval reaches the store while a run is running; the newest is never lost.
 *
 * Why: each training worker reports after every chunk (about every 50 ms, and at every frame stop), so a pool of
 * two sends 40–80 reports a second, and every report re-rendered the lab. On a 2-core machine that page work ran
 * on the cores the workers train on (measured: about 3 s of main-thread time in a 4.5 s default run). A report
 * that changes the status (paused, done, error) is applied at once; the others wait for the interval, and a
 * trailing timer delivers the last one held back.
 */
export class ProgressThrottle<T> {
  private last = -Infinity;
  private pending: T | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  /**
   * @param apply delivers an update to the store.
   * @param intervalMs the least time between two non-urgent updates.
   * @param now a clock in milliseconds (tests pass a fake one).
   */
  constructor(
    private readonly apply: (value: T) => void,
    private readonly intervalMs = 100,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Offer an update; `urgent` (a status change) applies it now, as does the first after a quiet interval. */
  offer(value: T, urgent: boolean): void {
    const t = this.now();
    if (urgent || t - this.last >= this.intervalMs) {
      this.cancel();
      this.last = t;
      this.apply(value);
      return;
    }
    this.pending = value;
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs - (t - this.last));
  }

  /** Apply a held-back update now, if there is one. */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    const v = this.pending;
    this.pending = null;
    if (v !== null) {
      this.last = this.now();
      this.apply(v);
    }
  }

  /** Drop a held-back update (a new run: its reports belong to the old one). */
  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }
}
