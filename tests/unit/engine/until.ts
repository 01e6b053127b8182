/** A poll for the asynchronous tests (kept free of imports, so a test can import it before setting up a backend). */

/** Resolve once `cond()` holds, polling every 5 ms; throw after `ms`. */
export async function until(cond: () => boolean, ms = 60_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}
