/**
 * Yield to the worker's event loop for one macrotask, so that commands queued meanwhile (pause, reset, cancel) are
 * handled between chunks of training. A MessageChannel round trip, not setTimeout(0): browsers clamp nested timers
 * to 4 ms, which would cost a measurable share of a chunk.
 */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}
