/**
 * The worker side of fault injection, for the reliability tests. It has no tfjs import, so workers that never load
 * tfjs (the lattice Monte Carlo) can use it too.
 *
 * A page opened with `faults=1` sends `{ v: 1, type: 'allowFaults' }` to each worker it starts; only after that does
 * the worker honour `{ v: 1, type: 'injectFault', fault }`. Without it both messages fall through to the worker's own
 * protocol validation, which rejects them like any unknown command.
 */

export type FaultKind = 'lose-device' | 'crash';

function isRecord(x: unknown): x is Record<string, unknown> {
  return !!x && typeof x === 'object' && !Array.isArray(x);
}

/** Throw from a fresh task, so the error is uncaught: the page sees the worker's `error` event, as with a real bug. */
export function crashSoon(): void {
  setTimeout(() => {
    throw new Error('injected crash');
  }, 0);
}

export class FaultGate {
  private allowed = false;

  /**
   * @param loseDevice loses the active backend's GPU device, or returns why it cannot (no GPU backend in use).
   * @param report tells the page why an injected fault was refused.
   */
  constructor(
    private readonly loseDevice: () => string | null = () => 'this worker has no GPU device to lose',
    private readonly report: (message: string) => void = () => undefined,
  ) {}

  get enabled(): boolean {
    return this.allowed;
  }

  /** Handle `allowFaults` and (once allowed) `injectFault`. Returns true when the message was consumed. */
  consume(data: unknown): boolean {
    if (!isRecord(data) || data.v !== 1) return false;
    if (data.type === 'allowFaults') {
      this.allowed = true;
      return true;
    }
    if (data.type !== 'injectFault' || !this.allowed) return false;
    if (data.fault === 'crash') {
      crashSoon();
      return true;
    }
    if (data.fault === 'lose-device') {
      const refused = this.loseDevice();
      if (refused) this.report(`fault not injected: ${refused}`);
      return true;
    }
    this.report(`unknown fault ${String(data.fault)}`);
    return true;
  }
}
