/**
 * The rule that "done" means the last snapshot is on screen, for a pool whose snapshots are summarised off the page
 * (SnapshotSummaries): while summaries of the current run are out, a stop report (done, paused) is held, and it is
 * released when the last of them has arrived. An error from a summary stands: a held "done" must not cover it.
 * One gate per run key (the toy run, each vector lab); `reset` starts a new run.
 */
export class SummaryGate<Stop> {
  private out = 0;
  private held: Stop | null = null;
  /** Counts runs, so a summary of an earlier run neither lands nor releases anything. */
  private run = 0;

  /** `release`: deliver a stop report that was held. */
  constructor(private readonly release: (stop: Stop) => void) {}

  /** A new run: nothing out, nothing held; summaries of the old run still out are ignored when they arrive. */
  reset(): void {
    this.run++;
    this.out = 0;
    this.held = null;
  }

  /** Summaries of the current run that have not arrived yet. */
  get pending(): number {
    return this.out;
  }

  /**
   * A stop report: true if it must wait (summaries are out), and then it is held until they are in, replacing an
   * older held one; false if it can be delivered now.
   */
  hold(stop: Stop): boolean {
    this.held = this.out > 0 ? stop : null;
    return this.held !== null;
  }

  /** The run goes on (a "running" report): a held stop is void. */
  clear(): void {
    this.held = null;
  }

  /**
   * Track one summary of the current run: `apply` its value, or `fail` with its error (which voids a held stop), if
   * the run is still current; when the last one out has arrived, release the held stop.
   */
  track<T>(summary: Promise<T>, apply: (value: T) => void, fail: (error: Error) => void): void {
    const run = this.run;
    this.out++;
    summary
      .then(
        (value) => run === this.run && apply(value),
        (error: Error) => {
          if (run !== this.run) return;
          this.held = null;
          fail(error);
        },
      )
      .finally(() => {
        if (run !== this.run || --this.out > 0 || this.held === null) return;
        const held = this.held;
        this.held = null;
        this.release(held);
      });
  }
}
