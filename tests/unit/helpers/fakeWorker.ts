/** A stand-in for a Web Worker in Node: records what was posted, and lets a test crash it or make it answer. */
export class FakeWorker {
  posted: Record<string, unknown>[] = [];
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  postMessage(m: Record<string, unknown>) {
    this.posted.push(m);
  }
  terminate() {}
  /** Throw an uncaught error, as a crashing worker does. */
  crash() {
    this.onerror?.({ message: 'boom', preventDefault: () => undefined } as unknown as ErrorEvent);
  }
  /** Post `data` to the page, as the worker would. */
  emit(data: unknown) {
    this.onmessage?.({ data } as MessageEvent);
  }
}
